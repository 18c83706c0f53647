"""The status of a case on a given day, by a :class:`~kamervragen.deadlines.rules.Rule`.

Pure functions of a :class:`CaseTimeline`: only what had happened by ``as_of`` counts,
so any day's picture can be computed again later.

- open: not answered, the due date not passed;
- postponed: not answered, a notice in time moved the due date, which has not passed;
- open_overdue: not answered and past the (possibly postponed) due date;
- answered_on_time / answered_late: answered on or before / after the due date;
- withdrawn: withdrawn by the member before any answer;
- unknown: no submission date, so no due date; or answered on a day not known.

A set is answered when its last part arrived: an answer from a ministry that has not
answered before is another part (questions put to two ministers, answered separately);
a later answer from one that has, or one stated as such, is a *nader antwoord* and is
kept apart in ``further_answers``. Each ministry's own answer day is in ``by_ministry``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from kamervragen.dates import iso
from kamervragen.deadlines.model import AnswerEvent, CaseTimeline
from kamervragen.deadlines.rules import Rule


class Status(StrEnum):
    OPEN = "open"
    POSTPONED = "postponed"
    OPEN_OVERDUE = "open_overdue"
    ANSWERED_ON_TIME = "answered_on_time"
    ANSWERED_LATE = "answered_late"
    WITHDRAWN = "withdrawn"
    UNKNOWN = "unknown"

    @property
    def is_open(self) -> bool:
        return self in (Status.OPEN, Status.POSTPONED, Status.OPEN_OVERDUE)

    @property
    def is_answered(self) -> bool:
        return self in (Status.ANSWERED_ON_TIME, Status.ANSWERED_LATE)

    @property
    def is_late(self) -> bool:
        return self in (Status.OPEN_OVERDUE, Status.ANSWERED_LATE)


@dataclass(frozen=True)
class MinistryAnswer:
    """One ministry's part: when it answered, in how many days, and whether in time."""

    ministry: str
    answered: dt.date
    days: int
    on_time: bool


@dataclass(frozen=True)
class CaseStatus:
    """A case as it stood on ``as_of``.

    ``days`` is the number of days from submission to the answer, or for an open case
    its age on ``as_of``; ``days_late`` how many days past the due date the answer came
    (or the case stands), negative when early.
    """

    case: CaseTimeline
    as_of: dt.date
    status: Status
    due: dt.date | None = None
    postponed: bool = False
    notices: int = 0
    late_notices: int = 0
    answered: dt.date | None = None
    days: int | None = None
    days_late: int | None = None
    further_answers: tuple[dt.date, ...] = ()
    by_ministry: tuple[MinistryAnswer, ...] = ()

    def to_dict(self) -> dict[str, object]:
        c = self.case

        return {
            "case": c.key,
            "zaak": c.zaak,
            "subject": c.subject,
            "askers": [{"name": m.name, "party": m.party} for m in c.askers],
            "ministries": sorted({m.ministry for m in self.by_ministry} or set(c.asked)),
            "submitted": iso(c.submitted),
            "as_of": self.as_of.isoformat(),
            "status": self.status.value,
            "due": iso(self.due),
            "postponed": self.postponed,
            "notices": self.notices,
            "late_notices": self.late_notices,
            "answered": iso(self.answered),
            "days": self.days,
            "days_late": self.days_late,
            "further_answers": [d.isoformat() for d in self.further_answers],
            "by_ministry": [
                {
                    "ministry": m.ministry,
                    "answered": m.answered.isoformat(),
                    "days": m.days,
                    "on_time": m.on_time,
                }
                for m in self.by_ministry
            ],
        }


def assess(case: CaseTimeline, rule: Rule, as_of: dt.date) -> CaseStatus:
    """The case's status on ``as_of`` (events after that day are not yet known)."""
    submitted = case.submitted
    answers = sorted((a for a in case.answers if a.date <= as_of), key=lambda a: a.date)
    # A notice without a date is taken to have come in time: it was sent, and an
    # undated notice cannot be placed after the due day.
    notices = [n for n in case.postponements if n is None or n <= as_of]
    withdrawn = case.withdrawn if case.withdrawn and case.withdrawn <= as_of else None
    if submitted is None:
        return CaseStatus(case, as_of, Status.UNKNOWN, notices=len(notices))
    if as_of < submitted:
        raise ValueError(f"case {case.key}: {as_of} is before its submission on {submitted}")
    in_time = [n for n in notices if n is None or rule.notice_in_time(submitted, n)]
    postponed = bool(in_time)
    due = rule.postponed_due(submitted) if postponed else rule.due(submitted)
    base = CaseStatus(
        case,
        as_of,
        Status.UNKNOWN,
        due=due,
        postponed=postponed,
        notices=len(notices),
        late_notices=len(notices) - len(in_time),
    )
    if withdrawn is not None and not any(a.date <= withdrawn for a in answers):
        return replace(base, status=Status.WITHDRAWN, days=(withdrawn - submitted).days)

    parts, further, by_ministry = _parts(answers, submitted, due)
    if not parts and case.undated_answer:
        return base  # answered, but when is not known: no status can be given
    if not parts:
        if as_of > due:
            status = Status.OPEN_OVERDUE
        else:
            status = Status.POSTPONED if postponed else Status.OPEN
        return replace(
            base, status=status, days=(as_of - submitted).days, days_late=(as_of - due).days
        )
    answered = parts[-1]
    return replace(
        base,
        status=Status.ANSWERED_ON_TIME if answered <= due else Status.ANSWERED_LATE,
        answered=answered,
        days=(answered - submitted).days,
        days_late=(answered - due).days,
        further_answers=tuple(further),
        by_ministry=tuple(by_ministry),
    )


def _parts(
    answers: list[AnswerEvent], submitted: dt.date, due: dt.date
) -> tuple[list[dt.date], list[dt.date], list[MinistryAnswer]]:
    """Split answers into the parts of the set and later further answers."""
    parts: list[dt.date] = []
    further: list[dt.date] = []
    by_ministry: list[MinistryAnswer] = []
    answered: set[str] = set()
    for answer in answers:
        new = [m for m in answer.ministries if m not in answered]
        first = not parts
        if not first and (answer.further or not new):
            further.append(answer.date)
            continue
        parts.append(answer.date)
        for ministry in new:
            answered.add(ministry)
            by_ministry.append(
                MinistryAnswer(
                    ministry, answer.date, (answer.date - submitted).days, answer.date <= due
                )
            )
    return parts, further, by_ministry


# What a search may ask of a case's status (``kamervragen search --status``).
STATUS_FILTERS: dict[str, Callable[[Status], bool]] = {
    "answered": lambda s: s.is_answered,
    "open": lambda s: s.is_open,
    "late": lambda s: s.is_late,
}


def case_ids(statuses: Iterable[CaseStatus], wanted: str) -> set[int]:
    """The store ids of the cases whose status is ``wanted``: ``answered``, ``open`` (not
    answered, withdrawn or unknown), or ``late`` (open past its due date, or answered after
    it). For :func:`kamervragen.search.search`'s ``cases``."""
    if wanted not in STATUS_FILTERS:
        raise ValueError(f"status {wanted!r}: use one of {', '.join(STATUS_FILTERS)}")
    keep = STATUS_FILTERS[wanted]
    # Timelines from the store are keyed by the case's id (deadlines.timelines).
    return {int(s.case.key) for s in statuses if keep(s.status) and s.case.key.isdigit()}
