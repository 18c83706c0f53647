"""What a search keeps: one value that the CLI, the web and the library build alike.

>>> SearchFilters(party="VVD", submitted_from="2017-01-01", status="late")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields, replace
from typing import Literal, get_args

from kamervragen.deadlines import (
    STATUS_FILTERS,
    CaseStatus,
    assess_all,
    case_ids,
    case_timelines,
    load_rule,
)
from kamervragen.record import Kind
from kamervragen.search.query import QueryError
from kamervragen.storage import Store

Status = Literal["answered", "open", "late"]  # the keys of STATUS_FILTERS
KINDS: tuple[str, ...] = get_args(Kind)
STATUSES: tuple[str, ...] = tuple(STATUS_FILTERS)

DateValue = str | dt.date | None


@dataclass(frozen=True)
class SearchFilters:
    """The filters of a search; a field left None keeps every pair.

    ``member`` (an asker) and ``minister`` (who answered) and ``ministry`` (the office
    asked) match part of the name, ``party`` the whole name, all without regard to case
    or accents. Dates are ``YYYY-MM-DD`` (or dates) and inclusive; ``year`` is the year
    submitted (within ``submitted_from``/``submitted_to`` when those are given too).
    ``kind`` keeps the pairs of one kind of document (and then no pair is hidden for
    being repeated by a later answer). ``status`` keeps the cases that are answered, open
    or late today (:func:`kamervragen.deadlines.case_ids`), ``cases`` those cases (store
    ids) only.
    """

    member: str | None = None
    party: str | None = None
    ministry: str | None = None
    minister: str | None = None
    submitted_from: DateValue = None
    submitted_to: DateValue = None
    received_from: DateValue = None
    received_to: DateValue = None
    year: int | None = None
    kind: Kind | None = None
    status: Status | None = None
    cases: Collection[int] | None = None

    def __post_init__(self) -> None:
        if self.kind is not None and self.kind not in KINDS:
            raise QueryError(f"kind {self.kind!r}: use one of {', '.join(KINDS)}")
        if self.status is not None and self.status not in STATUSES:
            raise QueryError(f"status {self.status!r}: use one of {', '.join(STATUSES)}")

    def dates(self) -> dict[str, str | None]:
        """The date bounds as ISO dates (``submitted_from`` …), ``year`` taken in."""
        found = {
            name: _iso_date(name, getattr(self, name))
            for name in ("submitted_from", "submitted_to", "received_from", "received_to")
        }
        if self.year is not None:
            first, last = f"{self.year:04d}-01-01", f"{self.year:04d}-12-31"
            found["submitted_from"] = max(found["submitted_from"] or first, first)
            found["submitted_to"] = min(found["submitted_to"] or last, last)
        return found

    def active(self) -> dict[str, object]:
        """The fields that filter (not None), by name: for a page that shows them."""
        return {f.name: v for f in fields(self) if (v := getattr(self, f.name)) is not None}

    def with_cases(
        self, store: Store, statuses: Sequence[CaseStatus] | None = None
    ) -> SearchFilters:
        """These filters with ``status`` turned into the ``cases`` it keeps: judged today
        from ``statuses`` (every case's status, from a cache) or else from the store."""
        if self.status is None:
            return self
        if statuses is None:
            statuses = assess_all(case_timelines(store), load_rule(), dt.date.today())
        wanted = case_ids(statuses, self.status)
        cases = wanted if self.cases is None else wanted & set(self.cases)
        return replace(self, status=None, cases=cases)


def _iso_date(name: str, value: DateValue) -> str | None:
    if value is None or isinstance(value, dt.date):
        return value.isoformat() if value else None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None
