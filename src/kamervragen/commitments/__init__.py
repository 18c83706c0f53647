"""Commitments (toezeggingen): the promises a government makes in its answers.

>>> from kamervragen import parse_file
>>> from kamervragen.commitments import extract_commitments
>>> [c.to_dict() for c in extract_commitments(parse_file("antwoord.pdf"))]
[{'questions': ['5'], 'text': 'Ik zal uw Kamer voor de zomer informeren …',
  'due_text': 'voor de zomer', 'due': '2018-07-01'}]

- :mod:`.sentences`: an answer's text cut into sentences, exactly as they stand.
- :mod:`.rules`: which sentences promise a future act of the government.
- :mod:`.due`: the time words of a promise and the latest date they allow.
- :mod:`.extract`: the commitments of a record.
- :mod:`.status`: where a commitment stands on a day (open, due soon, overdue, no date).
"""

from kamervragen.commitments.due import Due, find_dues
from kamervragen.commitments.extract import (
    Commitment,
    answer_commitments,
    answer_date,
    extract_commitments,
)
from kamervragen.commitments.sentences import split_sentences
from kamervragen.commitments.status import CommitmentStatus, status_on

# The extraction's rules by version: a stored document whose commitments an older version
# found is extracted again by the backfill. Raise it whenever the rules change.
EXTRACTOR_VERSION = "1"

__all__ = [
    "EXTRACTOR_VERSION",
    "Commitment",
    "CommitmentStatus",
    "Due",
    "answer_commitments",
    "answer_date",
    "extract_commitments",
    "find_dues",
    "split_sentences",
    "status_on",
]
