"""Deadlines, cases and statistics: who is late, who asks what.

>>> import datetime as dt
>>> from kamervragen.deadlines import assess_all, case_timelines, group_stats, load_rule
>>> from kamervragen.storage import open_store
>>> rule = load_rule()                                  # the Tweede Kamer: 21 / 42 days
>>> with open_store("kamervragen.db") as store:
...     statuses = assess_all(case_timelines(store), rule, dt.date.today())
>>> group_stats(statuses, "ministry", rule)

- :mod:`.rules` the answering rule as data (``data/rules.json``)
- :mod:`.model` a case as dated events (:class:`CaseTimeline`); :mod:`.status` its status
  on a day
- :mod:`.ministries` office as written → canonical ministry, by date (``data/ministries.csv``)
- :mod:`.timelines` timelines of the stored cases; :mod:`.linking` timelines of Tweede
  Kamer OData records, their documents linked to their zaken
- :mod:`.stats` figures per ministry, minister, party, member, year; the late list
- :mod:`.plot` a chart of those figures (matplotlib)
"""

from __future__ import annotations

from kamervragen.deadlines.ministries import Ministries, load_ministries
from kamervragen.deadlines.model import AnswerEvent, CaseTimeline, Member
from kamervragen.deadlines.rules import Rule, load_rule, load_rules
from kamervragen.deadlines.stats import (
    By,
    GroupStats,
    LateEntry,
    assess_all,
    group_stats,
    late_list,
    overall,
)
from kamervragen.deadlines.status import (
    STATUS_FILTERS,
    CaseStatus,
    MinistryAnswer,
    Status,
    assess,
    case_ids,
)
from kamervragen.deadlines.timelines import case_timelines

__all__ = [
    "STATUS_FILTERS",
    "AnswerEvent",
    "By",
    "CaseStatus",
    "CaseTimeline",
    "GroupStats",
    "LateEntry",
    "Member",
    "Ministries",
    "MinistryAnswer",
    "Rule",
    "Status",
    "assess",
    "assess_all",
    "case_ids",
    "case_timelines",
    "group_stats",
    "late_list",
    "load_ministries",
    "load_rule",
    "load_rules",
    "overall",
]
