"""The structured record of one Kamervragen document (see the parse contract)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["answer", "questions", "postponement"]


@dataclass(frozen=True)
class Asker:
    name: str
    party: str | None


@dataclass(frozen=True)
class Answerer:
    role: str
    name: str
    portfolio: str | None


@dataclass(frozen=True)
class Question:
    number: str
    text: str


@dataclass(frozen=True)
class Answer:
    questions: list[str]
    text: str


@dataclass(frozen=True)
class Footnote:
    number: str
    text: str


@dataclass(frozen=True)
class Reference:
    """A reference in the text: ``kind`` (url, kamerstuk, motion, aanhangsel, handelingen,
    zaak, ecli, staatsblad, staatscourant), the words as printed, and what they point to."""

    kind: str
    text: str
    target: str


@dataclass
class Record:
    kind: Kind
    id: str | None = None
    zaak: str | None = None
    session_year: str | None = None
    subject: str | None = None
    askers: list[Asker] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    submitted: str | None = None
    received: str | None = None
    answered_by: list[Answerer] = field(default_factory=list)
    co_signers: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The record as the JSON object of the parse contract."""
        return asdict(self)
