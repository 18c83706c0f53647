"""Page furniture: running headers and footers, ids, ISSN, page numbers, title block.

Furniture lines are recognised by their text alone, so that they are found in every
extraction (pdfminer, pypdf, Word, markdown). What they state (the official id, the
session year, the Aanhangsel number) is kept as metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEARS = r"(\d{4})\s*[–-]\s*(\d{4})"
_ANY_YEARS = r"\d{4}\s*[–-]\s*\d{4}"
OFFICIAL_ID = re.compile(r"\b((?:ah|kv)-(?:tk|ek)-(?:\d{8}-\d+[a-z]?|\d{4}Z\d{4,6}))\b", re.I)
ZAAK = re.compile(r"\b(\d{4}Z ?\d{4,6})\b")
SESSION = re.compile(rf"[Vv]ergaderjaar\s*{_YEARS}")
# The running footer that closes a page ("Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 2").
FOOTER = rf"(?:Tweede|Eerste) Kamer,\s*vergaderjaar\s*{_ANY_YEARS},\s*(?:Aanhangsel|Vragen)"
RUNNING_FOOTER = re.compile(rf"{FOOTER}\s*\d*$")

# Lines that are furniture as a whole (after stripping), in every layout.
_WHOLE_LINE = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            r"\d{0,4}\s*(?:Tweede|Eerste) Kamer der Staten-Generaal\s*\d{0,4}",
            rf"Vergaderjaar\s*{_ANY_YEARS}(?:\s*(?:Aanhangsel van de Handelingen|Vragen gesteld"
            r" door de leden der Kamer))?",
            r"Aanhangsel van de Handelingen",
            r"Vragen gesteld door de leden der Kamer(?:, met de daarop door de)?"
            r"(?: regering gegeven antwoorden)?",
            r"regering gegeven antwoorden",
            r"(?:ah|kv|kst|h|blg|stb|stcrt)-(?:tk|ek)-\S+",
            r"ISSN\s*\d{4}\s*-\s*\d{3}[\dX].*",
            r"[’'‘`]s-Gravenhage \d{4}.*",
            # The footer of every page and its Kamerstuk form (", 36 410 IV, nr. 5").
            rf"(?:Tweede|Eerste) Kamer,\s*vergaderjaar\s*{_ANY_YEARS}.{{0,40}}",
            r"-{3,}",
            r"_{3,}",  # the rule a Word text draws above its notes
            r"\d{4}Z ?\d{4,6}",
            r"AH\s*\d+",
        )
    )
)
# Furniture that pypdf glues into one line with other furniture.
_GLUED = re.compile(r"ISSN 0921\s*-\s*7398|[’'‘]s-Gravenhage \d{4}")


@dataclass
class Furniture:
    """What the furniture of a document states."""

    official_id: str | None = None
    session_year: str | None = None
    zaak: str | None = None
    footer: bool = False  # a page's running footer was seen (it prints with the id)


def is_furniture(text: str) -> bool:
    s = text.strip()
    if not s:
        return False
    if _WHOLE_LINE.fullmatch(s):
        return True
    glued = ("ISSN" in s or "Gravenhage" in s) and len(s) < 160
    return glued and _GLUED.search(s) is not None


def note_furniture(text: str, found: Furniture) -> None:
    """Record the facts a furniture line states."""
    s = text.strip()
    m = OFFICIAL_ID.search(s)
    if m and found.official_id is None:
        ident = m.group(1)
        # Official ids are lower case but for the Z of a zaak number.
        found.official_id = re.sub(r"z(?=\d{4,6}$)", "Z", ident.lower())
    m = SESSION.search(s)
    if m and found.session_year is None:
        found.session_year = f"{m.group(1)}-{m.group(2)}"
    m = ZAAK.fullmatch(s)
    if m and found.zaak is None:
        found.zaak = m.group(1).replace(" ", "")
