from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Role = Literal["body", "footnote", "furniture"]


@dataclass(frozen=True)
class Line:
    """One printed line. ``role`` is None when the reader cannot tell."""

    text: str
    page: int = 0
    role: Role | None = None
    # Where the reader knows them: the line's font size and whether it begins a paragraph.
    size: float | None = None
    para_start: bool = False
    # Whether most of the line's letters are bold, where the reader knows (Word): the
    # ministries' letters print each question in bold and its answer plain.
    bold: bool | None = None


@dataclass
class Extract:
    """What a reader found in a document: its lines and the format it was in."""

    lines: list[Line]
    format: str
    # Facts the format states outright (XML metadata, Word properties): keys are record
    # fields ("id", "zaak", "session_year", "submitted", "received"); they win over the text.
    meta: dict[str, str] = field(default_factory=dict)
    # False when the reader has already taken the footnote markers out of the body text
    # (structured formats know where a note is anchored; a PDF raises its markers), so the
    # parser must not look.
    markers: bool = True
    # True when the reader found every paragraph start from the layout (PDF): a short line
    # then says nothing of where a paragraph ends.
    paragraphs: bool = False
    # True when the reader knows the document's structure (XML, HTML): every footnote is
    # a role="footnote" line, no word is broken over lines, no line break was lost. The
    # parser then takes the lines as they are instead of guessing from the printed text.
    structured: bool = False
