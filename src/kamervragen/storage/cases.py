"""Which documents belong to one case: one set of questions with all its documents.

The questions, any postponement notices, the answer and a later "nader antwoord" are
one case. The zaak number links them where the documents state it; otherwise the
askers, the submission date and the subject do, as each document repeats them
("vragen van het lid X over Y (ingezonden 6 november 2024)").
"""

from __future__ import annotations

from kamervragen.record import Record
from kamervragen.text.normalize import name_key

_SUBJECT_CHARS = 60  # enough to tell two sets apart, short enough to survive rewording at the end


def _askers(record: Record) -> str:
    return ",".join(sorted(name_key(a.name) for a in record.askers))


def case_keys(record: Record) -> list[str]:
    """The keys under which a document's case can be found, strongest first.

    A member often sends two sets on one day, so askers and date alone do not identify a
    case: the subject is part of every key but the zaak.
    """
    keys: list[str] = []
    if record.zaak:
        keys.append(f"zaak:{record.zaak}")
    askers = _askers(record)
    subject = name_key(record.subject or "")[:_SUBJECT_CHARS]
    if askers and subject:
        if record.submitted:
            keys.append(f"set:{askers}|{record.submitted}|{subject}")
        keys.append(f"about:{askers}|{subject}")
    return keys


def asker_line(record: Record) -> str:
    """The askers as one readable line: "Van Nispen (SP); Inge van Dijk (CDA)"."""
    return "; ".join(f"{a.name} ({a.party})" if a.party else a.name for a in record.askers)
