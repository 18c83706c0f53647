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
"""

from kamervragen.commitments.due import Due, find_dues
from kamervragen.commitments.extract import Commitment, answer_date, extract_commitments
from kamervragen.commitments.sentences import split_sentences

__all__ = [
    "Commitment",
    "Due",
    "answer_date",
    "extract_commitments",
    "find_dues",
    "split_sentences",
]
