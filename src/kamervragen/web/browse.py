"""Browsing without words: the cases that match the filters, newest (or oldest) first, with
their facets; and the choices the filter fields offer. From the deadline statuses, which
the pages hold in memory, so a list by party or status needs no search index.

Ministries are the canonical ministries of :mod:`kamervragen.deadlines.ministries` (a
1995 question under the ministry of its day), as on the statistics pages.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import astuple, dataclass
from typing import Any

from kamervragen.deadlines import CaseStatus, case_ids
from kamervragen.text.analysis import fold

SORTS = ("nieuwste", "oudste")
FACET_SIZE = 10  # the names a facet shows before "meer"


def ministries_of(status: CaseStatus) -> set[str]:
    """The canonical ministries of a case: those that answered and those asked."""
    return {m.ministry for m in status.by_ministry} | set(status.case.asked)


@dataclass(frozen=True)
class CaseFilter:
    """What a list of cases keeps; a field left None keeps every case. ``member`` and
    ``minister`` match part of a name, ``party`` and ``ministry`` the whole, all without
    regard to case or accents."""

    party: str | None = None
    member: str | None = None
    ministry: str | None = None
    minister: str | None = None
    submitted_from: dt.date | None = None
    submitted_to: dt.date | None = None
    answered_from: dt.date | None = None
    answered_to: dt.date | None = None
    year: int | None = None
    kind: str | None = None  # questions (not answered), answer, postponement
    status: str | None = None  # answered, open, late (as the search's status filter)

    def tests(self, statuses: list[CaseStatus]) -> list[Callable[[CaseStatus], bool]]:
        """One test per filter given."""
        found: list[Callable[[CaseStatus], bool]] = []
        if self.party:
            party = fold(self.party)
            found.append(lambda s: any(fold(m.party or "") == party for m in s.case.askers))
        if self.member:
            member = fold(self.member)
            found.append(lambda s: any(member in fold(m.name) for m in s.case.askers))
        if self.ministry:
            ministry = fold(self.ministry)
            found.append(lambda s: any(fold(m) == ministry for m in ministries_of(s)))
        if self.minister:
            minister = fold(self.minister)
            found.append(
                lambda s: any(minister in fold(n) for a in s.case.answers for n in a.ministers)
            )
        low, high = self.submitted_from, self.submitted_to
        if self.year is not None:
            low = max(low or dt.date(self.year, 1, 1), dt.date(self.year, 1, 1))
            high = min(high or dt.date(self.year, 12, 31), dt.date(self.year, 12, 31))
        if low or high:
            found.append(lambda s: _within(s.case.submitted, low, high))
        if self.answered_from or self.answered_to:
            a_low, a_high = self.answered_from, self.answered_to
            found.append(lambda s: _within(s.answered, a_low, a_high))
        if self.kind == "answer":
            found.append(lambda s: bool(s.case.answers) or s.case.undated_answer)
        elif self.kind == "questions":
            found.append(lambda s: not s.case.answers and not s.case.undated_answer)
        elif self.kind == "postponement":
            found.append(lambda s: s.notices > 0)
        if self.status:
            keep = {str(i) for i in case_ids(statuses, self.status)}
            found.append(lambda s: s.case.key in keep)
        return found


def _within(day: dt.date | None, low: dt.date | None, high: dt.date | None) -> bool:
    return day is not None and (low is None or day >= low) and (high is None or day <= high)


@dataclass
class Browsed:
    """The cases kept, in order, and the facets over all of them."""

    cases: list[CaseStatus]
    facets: dict[str, dict[str, int]]


def _facets(cases: Iterable[CaseStatus]) -> dict[str, dict[str, int]]:
    parties: Counter[str] = Counter()
    ministries: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for s in cases:
        parties.update({m.party for m in s.case.askers if m.party})
        ministries.update(ministries_of(s))
        if s.case.submitted:
            years[str(s.case.submitted.year)] += 1
    return {
        "party": dict(sorted(parties.items(), key=lambda kv: (-kv[1], kv[0]))),
        "ministry": dict(sorted(ministries.items(), key=lambda kv: (-kv[1], kv[0]))),
        "year": dict(sorted(years.items(), reverse=True)),
    }


def browse(statuses: list[CaseStatus], wanted: CaseFilter, sort: str = "nieuwste") -> Browsed:
    """The cases ``wanted`` keeps, newest submitted first (``oudste``: oldest first; cases
    without a date last either way), and their facets."""
    tests = wanted.tests(statuses)
    kept = [s for s in statuses if all(test(s) for test in tests)]
    dated = [s for s in kept if s.case.submitted]
    undated = [s for s in kept if not s.case.submitted]
    newest = sort != "oudste"

    def order(s: CaseStatus) -> tuple[dt.date, int]:
        key = int(s.case.key) if s.case.key.isdigit() else 0
        return s.case.submitted or dt.date.min, key

    dated.sort(key=order, reverse=newest)
    return Browsed(dated + undated, _facets(kept))


@dataclass
class Choices:
    """What the filter fields offer: every party, member and canonical ministry that has
    a case, most questions first, and the years."""

    parties: list[str]
    members: list[str]
    ministries: list[str]
    years: list[int]


def choices(statuses: Iterable[CaseStatus]) -> Choices:
    parties: Counter[str] = Counter()
    members: Counter[str] = Counter()
    ministries: Counter[str] = Counter()
    years: set[int] = set()
    for s in statuses:
        for m in s.case.askers:
            members[m.name] += 1
            if m.party:
                parties[m.party] += 1
        ministries.update(ministries_of(s))
        if s.case.submitted:
            years.add(s.case.submitted.year)
    return Choices(
        parties=sorted(parties, key=str.casefold),
        members=[name for name, _ in members.most_common()],
        ministries=sorted(ministries, key=str.casefold),
        years=sorted(years, reverse=True),
    )


class BrowseCache:
    """Lists already made, per state of the deadline cache, day and filters: a reader who
    turns pages or goes back does not have every case filtered again."""

    def __init__(self, size: int = 64) -> None:
        self._lock = threading.Lock()
        self._lists: OrderedDict[tuple[Any, ...], Browsed] = OrderedDict()
        self._choices: dict[tuple[int, dt.date], Choices] = {}
        self._others: dict[tuple[Any, ...], Any] = {}
        self.size = size

    def browse(
        self,
        version: int,
        day: dt.date,
        statuses: list[CaseStatus],
        wanted: CaseFilter,
        sort: str,
    ) -> Browsed:
        key = (version, day, astuple(wanted), sort)
        with self._lock:
            found = self._lists.get(key)
            if found is not None:
                self._lists.move_to_end(key)
                return found
        made = browse(statuses, wanted, sort)
        with self._lock:
            self._lists[key] = made
            while len(self._lists) > self.size:
                self._lists.popitem(last=False)
        return made

    def remember(self, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        """What ``make`` gives, kept under ``key`` (which should hold the cache's
        version and the day) with the lists."""
        with self._lock:
            found = self._others.get(key)
        if found is None:
            found = make()
            with self._lock:
                if len(self._others) > self.size:
                    self._others.clear()
                self._others[key] = found
        return found

    def choices(self, version: int, day: dt.date, statuses: list[CaseStatus]) -> Choices:
        key = (version, day)
        with self._lock:
            found = self._choices.get(key)
        if found is None:
            found = choices(statuses)
            with self._lock:
                if len(self._choices) > 8:
                    self._choices.clear()
                self._choices[key] = found
        return found
