"""The deadline model: a case as a timeline of dated events, what the rule needs to know.

The stored records (:mod:`kamervragen.deadlines.timelines`) and the OData records
(:mod:`kamervragen.deadlines.linking`) each build these; the status and the statistics
are computed from them alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Member:
    """A member who asked the questions, with the party as written (None if not given)."""

    name: str
    party: str | None = None


@dataclass(frozen=True)
class AnswerEvent:
    """An answer document: its date, who answered, and for which ministries.

    ``ministries`` are canonical ministries (see :mod:`kamervragen.deadlines.ministries`):
    the answering office's first, then those it answers on behalf of ("mede namens").
    ``further`` marks an answer stated to be a *nader antwoord* (a later, further answer);
    an answer from a ministry that has answered before counts as one too.
    """

    date: dt.date
    ministries: tuple[str, ...] = ()
    ministers: tuple[str, ...] = ()
    further: bool = False


@dataclass(frozen=True)
class CaseTimeline:
    """One set of questions and what happened to it.

    ``postponements`` are the dates of postponement notices (None where a notice states
    no date); ``asked`` the canonical ministries the questions were addressed to;
    ``undated_answer`` says the set was answered on a day not known (an answer document
    without a date, or a zaak marked settled whose answer is not at hand).
    """

    key: str
    submitted: dt.date | None
    postponements: tuple[dt.date | None, ...] = ()
    answers: tuple[AnswerEvent, ...] = ()
    withdrawn: dt.date | None = None
    zaak: str | None = None
    subject: str | None = None
    askers: tuple[Member, ...] = ()
    asked: tuple[str, ...] = field(default=())
    undated_answer: bool = False
