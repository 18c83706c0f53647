"""The structured record of one Kamervragen document (see the parse contract)."""

from __future__ import annotations

import json
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
    # The checks the document failed (see kamervragen.parsing.quality): a record that
    # may be incomplete or wrong says so, computed from the document itself.
    quality: list[str] = field(default_factory=list)

    def links(self) -> list[tuple[int, int]]:
        """(answer position, question position) for every question an answer answers.

        An answer names numbers; each stands for the first question of that number."""
        position_of: dict[str, int] = {}
        for i, q in enumerate(self.questions):
            position_of.setdefault(q.number, i)
        return sorted(
            {
                (i, position_of[n])
                for i, a in enumerate(self.answers)
                for n in a.questions
                if n in position_of
            }
        )

    def to_json(self) -> str:
        """The record as JSON, as the store keeps it (not indented, non-ASCII as is)."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_dict(self) -> dict[str, Any]:
        """The record as the JSON object of the parse contract."""
        return asdict(self)


def record_from_dict(data: dict[str, Any]) -> Record:
    """The record back from its JSON object (as :meth:`Record.to_dict` gives it)."""
    return Record(
        kind=data["kind"],
        id=data.get("id"),
        zaak=data.get("zaak"),
        session_year=data.get("session_year"),
        subject=data.get("subject"),
        askers=[Asker(**a) for a in data.get("askers", [])],
        addressees=list(data.get("addressees", [])),
        submitted=data.get("submitted"),
        received=data.get("received"),
        answered_by=[Answerer(**a) for a in data.get("answered_by", [])],
        co_signers=list(data.get("co_signers", [])),
        questions=[Question(**q) for q in data.get("questions", [])],
        answers=[
            Answer(questions=list(a["questions"]), text=a["text"]) for a in data.get("answers", [])
        ],
        footnotes=[Footnote(**f) for f in data.get("footnotes", [])],
        references=[Reference(**r) for r in data.get("references", [])],
        quality=list(data.get("quality", [])),
    )
