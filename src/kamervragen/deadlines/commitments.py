"""The stored commitments (toezeggingen) as a register: who promised what, by when, and
whether the day has passed.

Each commitment comes from the store (:mod:`kamervragen.storage.commitment_rows`), with
the ministries of its answer (the answering offices and co-signers, mapped on the answer's
day as the deadlines map them) and the ministers who signed it, and its status on a day
(:mod:`kamervragen.commitments.status`). "Overdue" means past due: whether a later letter
fulfilled the promise is not known to kamervragen.

>>> with open_store("kamervragen.db") as store:
...     overdue = select(load_commitments(store, dt.date.today()), status="overdue")
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from kamervragen.commitments import CommitmentStatus, answer_commitments, status_on
from kamervragen.commitments.status import STATUS_ORDER
from kamervragen.dates import as_date
from kamervragen.deadlines.ministries import Ministries, load_ministries
from kamervragen.deadlines.timelines import _answer as answer_event  # as the deadlines do
from kamervragen.record import record_from_dict
from kamervragen.storage import Store, commitment_rows
from kamervragen.storage.commitment_rows import QUESTIONS_SEPARATOR

UNKNOWN = "onbekend"


@dataclass(frozen=True)
class StoredCommitment:
    """One stored commitment with its answer's facts and its status on ``as_of``."""

    id: int
    document: int
    official_id: str | None
    case: int | None
    zaak: str | None
    subject: str | None
    answered: dt.date | None  # the answer's date: received, else submitted
    questions: tuple[str, ...]
    text: str
    due_text: str | None
    due: dt.date | None
    ministries: tuple[str, ...]
    ministers: tuple[str, ...]
    status: CommitmentStatus
    as_of: dt.date

    @property
    def year(self) -> int | None:
        """The year of the answer that made the promise."""
        return self.answered.year if self.answered else None

    @property
    def days_overdue(self) -> int | None:
        if self.due is None or self.status is not CommitmentStatus.overdue:
            return None
        return (self.as_of - self.due).days

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": self.document,
            "official_id": self.official_id,
            "case": self.case,
            "zaak": self.zaak,
            "subject": self.subject,
            "answered": self.answered.isoformat() if self.answered else None,
            "questions": list(self.questions),
            "text": self.text,
            "due_text": self.due_text,
            "due": self.due.isoformat() if self.due else None,
            "ministries": list(self.ministries),
            "ministers": list(self.ministers),
            "status": self.status.value,
            "days_overdue": self.days_overdue,
        }


def _facts(
    store: Store, document_ids: Iterable[int], days: dict[int, dt.date | None], m: Ministries
) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per document: its ministries and its ministers, as the deadlines name them."""
    people: dict[int, dict[str, list[Any]]] = defaultdict(lambda: {"answered_by": []})
    for document_id, role, name, portfolio in commitment_rows.answerers(store, list(document_ids)):
        record = people[int(document_id)]
        if role == "co_signer":
            record.setdefault("co_signers", []).append(portfolio)
        else:
            record["answered_by"].append({"role": role, "name": name, "portfolio": portfolio})
    facts = {}
    for document_id, day in days.items():
        event = answer_event(people[document_id], day, m)
        facts[document_id] = (event.ministries, event.ministers)
    return facts


def _commitments(
    store: Store, rows: list[tuple[Any, ...]], as_of: dt.date, ministries: Ministries | None
) -> list[StoredCommitment]:
    days = {int(r[1]): as_date(r[6]) or as_date(r[7]) for r in rows}
    facts = _facts(store, days, days, ministries or load_ministries())
    found = []
    for (
        cid, document, official, case, zaak, subject, _, _, _, questions, text, due_text, due
    ) in rows:  # fmt: skip
        due_day = as_date(due)
        document = int(document)
        found.append(
            StoredCommitment(
                id=int(cid),
                document=document,
                official_id=official,
                case=int(case) if case is not None else None,
                zaak=zaak,
                subject=subject,
                answered=days[document],
                questions=tuple(q for q in str(questions).split(QUESTIONS_SEPARATOR) if q),
                text=text,
                due_text=due_text,
                due=due_day,
                ministries=facts[document][0],
                ministers=facts[document][1],
                status=status_on(due_day, as_of),
                as_of=as_of,
            )
        )
    return found


def load_commitments(
    store: Store, as_of: dt.date, ministries: Ministries | None = None
) -> list[StoredCommitment]:
    """Every stored commitment, judged on ``as_of``."""
    return _commitments(store, commitment_rows.all_rows(store), as_of, ministries)


def case_commitments(
    store: Store, case_id: int, as_of: dt.date, ministries: Ministries | None = None
) -> list[StoredCommitment]:
    """The commitments in the answers of one case."""
    return _commitments(store, commitment_rows.case_rows(store, case_id), as_of, ministries)


def _named(wanted: str, names: Iterable[str]) -> bool:
    """``wanted`` is one of ``names``, or the name in a "role name" ("Minister Jansen")."""
    key = wanted.casefold().strip()
    return any(key == n.casefold() or n.casefold().endswith(" " + key) for n in names)


def order_key(c: StoredCommitment) -> tuple[int, int, str, int]:
    """Overdue first (longest overdue first), then by due date; without a date last,
    newest answer first."""
    due = c.due.toordinal() if c.due else 0
    answered = c.answered.toordinal() if c.answered else 0
    return (STATUS_ORDER[c.status], due if c.due else -answered, c.text, c.id)


def select(
    commitments: Iterable[StoredCommitment],
    *,
    ministry: str | None = None,
    minister: str | None = None,
    status: CommitmentStatus | str | None = None,
    year: int | None = None,
) -> list[StoredCommitment]:
    """Those of a ministry, a minister (name, or role and name), a status and the year of
    the answer, overdue first (see :func:`order_key`)."""
    wanted = CommitmentStatus(status) if status else None
    chosen = [
        c
        for c in commitments
        if (ministry is None or _named(ministry, c.ministries))
        and (minister is None or _named(minister, c.ministers))
        and (wanted is None or c.status is wanted)
        and (year is None or c.year == year)
    ]
    return sorted(chosen, key=order_key)


@dataclass(frozen=True)
class CommitmentFigures:
    """How many commitments a group made, how many gave a date, how many are overdue."""

    group: str
    count: int
    dated: int
    overdue: int

    @property
    def dated_share(self) -> float | None:
        return self.dated / self.count if self.count else None

    @property
    def overdue_share(self) -> float | None:
        return self.overdue / self.count if self.count else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "count": self.count,
            "dated": self.dated,
            "overdue": self.overdue,
            "dated_share": self.dated_share,
            "overdue_share": self.overdue_share,
        }


def _figures(
    commitments: Iterable[StoredCommitment], groups_of: Callable[[StoredCommitment], Iterable[str]]
) -> list[CommitmentFigures]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for c in commitments:
        for group in dict.fromkeys(groups_of(c)) or [UNKNOWN]:
            row = counts[group]
            row[0] += 1
            row[1] += c.due is not None
            row[2] += c.status is CommitmentStatus.overdue
    return [CommitmentFigures(g, *counts[g]) for g in sorted(counts)]


def figures(commitments: Iterable[StoredCommitment]) -> CommitmentFigures:
    """All of them together."""
    rows = _figures(commitments, lambda c: ["alle"])
    return rows[0] if rows else CommitmentFigures("alle", 0, 0, 0)


def per_ministry(commitments: Iterable[StoredCommitment]) -> list[CommitmentFigures]:
    """Per ministry (a commitment of an answer on behalf of two counts for both)."""
    return _figures(commitments, lambda c: c.ministries)


def per_minister(commitments: Iterable[StoredCommitment]) -> list[CommitmentFigures]:
    return _figures(commitments, lambda c: c.ministers)


def per_year(commitments: Iterable[StoredCommitment]) -> list[CommitmentFigures]:
    """Per year of the answer."""
    return _figures(commitments, lambda c: [str(c.year)] if c.year else [])


def per_ministry_and_year(commitments: Iterable[StoredCommitment]) -> list[CommitmentFigures]:
    """Per ministry and year of the answer, as "ministry · year"."""
    return _figures(
        commitments, lambda c: [f"{m} · {c.year or UNKNOWN}" for m in c.ministries or [UNKNOWN]]
    )


@dataclass(frozen=True)
class BackfillResult:
    documents: int  # documents whose commitments were found (again)
    commitments: int  # commitments they hold


def pending_documents(store: Store) -> list[int]:
    """The documents whose commitments are missing or out of date (by content hash and
    the extraction's version)."""
    return [int(row[0]) for row in commitment_rows.pending(store)]


def backfill(
    store: Store,
    documents: list[int] | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = 200,
) -> BackfillResult:
    """Find and store the commitments of stored documents that lack them (or whose were
    found in other content or by an older extraction): each batch of ``batch`` documents
    in one transaction, so that an interrupted backfill resumes where it stopped."""
    hashes = {int(i): str(h) for i, h in commitment_rows.pending(store)}
    todo = [d for d in documents if d in hashes] if documents is not None else list(hashes)
    found_total = 0
    for start in range(0, len(todo), batch):
        chunk = todo[start : start + batch]
        with store.transaction():
            for document_id in chunk:
                text = commitment_rows.record_json(store, document_id)
                record = record_from_dict(json.loads(text)) if text else None
                found = answer_commitments(record) if record else []
                commitment_rows.write(store, document_id, hashes[document_id], found)
                found_total += len(found)
        if progress:
            progress(len(chunk))
    return BackfillResult(len(todo), found_total)
