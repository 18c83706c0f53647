"""What a search keeps: one value that the CLI, the web and the library build alike.

>>> SearchFilters(party="VVD", submitted_from="2017-01-01", status="late")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields, replace
from typing import Literal, get_args

from kamervragen.dates import DateError, parse_date
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
from kamervragen.storage.matches import Conditions, DateBound
from kamervragen.text.analysis import fold

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
        day = parse_date(value, name)
    except DateError as exc:
        raise QueryError(str(exc)) from None
    return day.isoformat() if day else None


# A date range of at most this many years is looked up by its year words (an OR of
# more costs more than looking at the dates of the matches in search_facts, at 1M pairs).
_YEAR_WORDS = 40


def _year_words(prefix: str, years: range, open_low: bool, open_high: bool) -> list[str]:
    """The filter words for ``years``: whole decades inside the range as one word each
    (``s202`` for 2020–2029), the years at its ends one by one (``s2018``).

    A range open at one end (no bound given there) runs from the store's first or to its
    last year, and may take in the whole decade there: the store holds nothing beyond.
    An OR of fewer words is cheaper for FTS5 to walk with the words asked for.
    """
    if not years:
        return []
    low = years.start - years.start % 10 if open_low else years.start
    high = years.stop - 1 - (years.stop - 1) % 10 + 9 if open_high else years.stop - 1
    found = []
    year = low
    while year <= high:
        if year % 10 == 0 and year + 9 <= high:
            found.append(f"{prefix}d{year // 10}")
            year += 10
        else:
            found.append(f"{prefix}{year}")
            year += 1
    return found


def impossible(conditions: Conditions) -> bool:
    """Whether nothing can match: a filter word group is empty (no such name), or no
    case is kept."""
    return any(not group for group in conditions.words) or conditions.cases == []


def _named(store: Store, table: str, value: str, whole: bool) -> list[int]:
    """The ids of the names in ``table`` equal to (``whole``) or containing ``value``,
    without regard to case or accents."""
    wanted = fold(" ".join(value.split()))
    found = []
    for i, name in store.names(table):
        folded = fold(" ".join(name.split()))
        if folded == wanted if whole else wanted in folded:
            found.append(int(i))
    return found


def conditions(store: Store, wanted: SearchFilters) -> Conditions:
    """What ``wanted`` keeps, in the index's words (:mod:`kamervragen.indexing.rows`) and
    conditions for the store; its ``status`` already turned into ``cases``
    (:meth:`SearchFilters.with_cases`)."""
    words: list[list[str]] = []
    dates: list[DateBound] = []
    for prefix, table, value, whole in (
        ("m", "persons", wanted.member, False),
        ("p", "parties", wanted.party, True),
        ("o", "offices", wanted.ministry, False),
        ("a", "persons", wanted.minister, False),
    ):
        if value:
            words.append([f"{prefix}{i}" for i in _named(store, table, value, whole)])
    given = wanted.dates()
    columns: tuple[Literal["submitted", "received"], ...] = ("submitted", "received")
    for column in columns:
        low, high = given[f"{column}_from"], given[f"{column}_to"]
        if not (low or high):
            continue
        # The years of the range as filter words; the exact dates then need a look at
        # search_facts only where a bound is not the first or last day of its year.
        first, last = store.indexed_dates(column)
        start, end = low or first, high or last
        years = range(int(start[:4]), int(end[:4]) + 1) if start and end else range(0)
        if len(years) <= _YEAR_WORDS:
            words.append(_year_words(column[0], years, open_low=not low, open_high=not high))
        if low and (len(years) > _YEAR_WORDS or not low.endswith("-01-01")):
            dates.append((column, ">=", low))
        if high and (len(years) > _YEAR_WORDS or not high.endswith("-12-31")):
            dates.append((column, "<=", high))
    if wanted.kind:
        words.append([f"k{fold(wanted.kind)}"])
    cases = sorted(wanted.cases) if wanted.cases is not None else None
    return Conditions(words, dates, cases, collapse=not wanted.kind)
