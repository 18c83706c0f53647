"""Which documents belong to one case: one set of questions with all its documents.

The questions, any postponement notices, the answer and a later "nader antwoord" are
one case. The zaak number links them where the documents state it; otherwise the
askers, the submission date and the subject do, as each document repeats them
("vragen van het lid X over Y (ingezonden 6 november 2024)").
"""

from __future__ import annotations

import re
import unicodedata

from kamervragen.record import Record

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_SUBJECT_CHARS = 60  # enough to tell two sets apart, short enough to survive rewording at the end


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", plain)


def _askers(record: Record) -> str:
    return ",".join(sorted(_fold(a.name) for a in record.askers))


def case_keys(record: Record) -> list[str]:
    """The keys under which a document's case can be found, strongest first.

    A member often sends two sets on one day, so askers and date alone do not identify a
    case: the subject is part of every key but the zaak.
    """
    keys: list[str] = []
    if record.zaak:
        keys.append(f"zaak:{record.zaak}")
    askers = _askers(record)
    subject = _fold(record.subject or "")[:_SUBJECT_CHARS]
    if askers and subject:
        if record.submitted:
            keys.append(f"set:{askers}|{record.submitted}|{subject}")
        keys.append(f"about:{askers}|{subject}")
    return keys


def asker_line(record: Record) -> str:
    """The askers as one readable line: "Van Nispen (SP); Inge van Dijk (CDA)"."""
    return "; ".join(f"{a.name} ({a.party})" if a.party else a.name for a in record.askers)
