"""Statistics over case statuses: per ministry, answering minister, party, member, year
or month of submission.

For each group: the number of sets, how many were answered, are open, overdue or
withdrawn, the median and 90th-percentile days to answer (answered sets), the share on
time and the share over six weeks.

- *share on time*: of the sets whose outcome is known on the day (answered, or open and
  past the due date), those answered on or before their due date. Open sets not yet due
  and withdrawn sets are left out.
- *share over six weeks*: of the sets answered or open for more than six weeks
  (the rule's ``postponed_days``), those that took, or have waited, longer than that.

A set counts in every group it belongs to: a set of two members in both members' rows;
a set answered by two ministries in both ministries' rows, each with its own answer day.
Open sets count for the ministries they were addressed to; an answering minister is known
only for answered sets, so open sets are not in the per-minister figures.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

from kamervragen.deadlines.model import CaseTimeline
from kamervragen.deadlines.rules import Rule
from kamervragen.deadlines.status import CaseStatus, Status, assess

UNKNOWN_GROUP = "(unknown)"


class By(StrEnum):
    ministry = "ministry"
    minister = "minister"
    party = "party"
    member = "member"
    year = "year"
    month = "month"


@dataclass(frozen=True)
class GroupStats:
    group: str
    sets: int
    answered: int
    open: int
    overdue: int
    withdrawn: int
    median_days: float | None
    p90_days: float | None
    on_time_share: float | None
    over_six_weeks_share: float | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class _Observation:
    """One set as seen by one group: its status, days and whether it was on time."""

    status: Status
    days: int | None
    on_time: bool | None


def assess_all(cases: Iterable[CaseTimeline], rule: Rule, as_of: dt.date) -> list[CaseStatus]:
    """The status of every case submitted on or before ``as_of``."""
    return [assess(c, rule, as_of) for c in cases if c.submitted is None or c.submitted <= as_of]


def percentile(values: list[int], q: float) -> float | None:
    """The ``q``-th percentile (0–100), interpolated between the nearest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _observations(s: CaseStatus, by: By) -> list[tuple[str, _Observation]]:
    on_time = {Status.ANSWERED_ON_TIME: True, Status.ANSWERED_LATE: False}.get(s.status)
    if s.status is Status.OPEN_OVERDUE:
        on_time = False
    whole = _Observation(s.status, s.days, on_time)
    case = s.case
    if by in (By.year, By.month):
        if case.submitted is None:
            return [(UNKNOWN_GROUP, whole)]
        return [(f"{case.submitted:%Y}" if by is By.year else f"{case.submitted:%Y-%m}", whole)]
    if by is By.member:
        names = dict.fromkeys(m.name for m in case.askers) or {UNKNOWN_GROUP: None}
        return [(name, whole) for name in names]
    if by is By.party:
        parties = dict.fromkeys(m.party or UNKNOWN_GROUP for m in case.askers)
        return [(party, whole) for party in parties or {UNKNOWN_GROUP: None}]
    if by is By.minister:
        if not s.status.is_answered:
            return []
        ministers = dict.fromkeys(m for a in case.answers if a.date <= s.as_of for m in a.ministers)
        return [(m, whole) for m in ministers or {UNKNOWN_GROUP: None}]
    # By ministry: each answering ministry with its own day; open sets by addressee.
    if s.by_ministry:
        return [
            (
                m.ministry,
                _Observation(
                    Status.ANSWERED_ON_TIME if m.on_time else Status.ANSWERED_LATE,
                    m.days,
                    m.on_time,
                ),
            )
            for m in s.by_ministry
        ]
    return [(m, whole) for m in case.asked or (UNKNOWN_GROUP,)]


def _summary(group: str, seen: list[_Observation], six_weeks: int) -> GroupStats:
    answered = [o.days for o in seen if o.status.is_answered and o.days is not None]
    decided = [o.on_time for o in seen if o.on_time is not None]
    long_known = [
        o.days > six_weeks
        for o in seen
        if o.days is not None
        and (o.status.is_answered or (o.status.is_open and o.days > six_weeks))
    ]
    return GroupStats(
        group=group,
        sets=len(seen),
        answered=len(answered),
        open=sum(o.status.is_open for o in seen),
        overdue=sum(o.status is Status.OPEN_OVERDUE for o in seen),
        withdrawn=sum(o.status is Status.WITHDRAWN for o in seen),
        median_days=float(statistics.median(answered)) if answered else None,
        p90_days=percentile(answered, 90),
        on_time_share=sum(decided) / len(decided) if decided else None,
        over_six_weeks_share=sum(long_known) / len(long_known) if long_known else None,
    )


def group_stats(statuses: Iterable[CaseStatus], by: By | str, rule: Rule) -> list[GroupStats]:
    """The statistics per group, largest group first (then by name)."""
    by = By(by)
    groups: dict[str, list[_Observation]] = defaultdict(list)
    for s in statuses:
        if s.status is Status.UNKNOWN:
            continue
        for group, observation in _observations(s, by):
            groups[group].append(observation)
    rows = [_summary(g, seen, rule.postponed_days) for g, seen in groups.items()]
    if by in (By.year, By.month):
        return sorted(rows, key=lambda r: r.group)
    return sorted(rows, key=lambda r: (-r.sets, r.group))


def overall(statuses: Iterable[CaseStatus], rule: Rule, label: str = "all") -> GroupStats:
    """The same figures over all sets whose status is known."""
    seen = [_observations(s, By.year)[0][1] for s in statuses if s.status is not Status.UNKNOWN]
    return _summary(label, seen, rule.postponed_days)


@dataclass(frozen=True)
class LateEntry:
    """A set on the late list: open and past its due date on the list's day."""

    status: CaseStatus
    new_this_week: bool

    def to_dict(self) -> dict[str, object]:
        return {**self.status.to_dict(), "new_this_week": self.new_this_week}


def late_list(statuses: Iterable[CaseStatus]) -> list[LateEntry]:
    """The weekly late list: open sets past their (possibly postponed) due date, the
    longest overdue first; ``new_this_week`` for those whose due date passed in the seven
    days before the list's day."""
    late = [s for s in statuses if s.status is Status.OPEN_OVERDUE]
    late.sort(key=lambda s: (-(s.days_late or 0), s.case.key))
    return [LateEntry(s, 0 < (s.days_late or 0) <= 7) for s in late]
