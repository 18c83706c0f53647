"""Case statuses for the pages, computed once per state of the store and day.

Judging every case needs every document; the pages ask for it on almost every request,
so the timelines are kept until the store changes (its document and case counts and
highest ids tell), and the statuses per day asked.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from kamervragen.deadlines import CaseStatus, CaseTimeline, Rule, assess_all, case_timelines
from kamervragen.deadlines import load_rule as _load_rule
from kamervragen.storage import Store, case_rows


class DeadlineCache:
    def __init__(self, rule: Rule | None = None) -> None:
        self.rule = rule or _load_rule()
        self._lock = threading.Lock()
        self._state: tuple[Any, ...] | None = None
        self._timelines: list[CaseTimeline] = []
        self._statuses: dict[dt.date, list[CaseStatus]] = {}
        self._by_key: dict[dt.date, dict[str, CaseStatus]] = {}
        self.version = 0  # goes up whenever the store was seen to change

    def statuses(self, store: Store, as_of: dt.date) -> list[CaseStatus]:
        """Every case submitted by ``as_of``, judged on that day."""
        state = case_rows.version(store)
        with self._lock:
            if state != self._state:
                self._timelines = case_timelines(store)
                self._statuses = {}
                self._by_key = {}
                self._state = state
                self.version += 1
            if as_of not in self._statuses:
                if len(self._statuses) > 16:
                    self._statuses.clear()
                    self._by_key.clear()
                self._statuses[as_of] = assess_all(self._timelines, self.rule, as_of)
            return self._statuses[as_of]

    def status(self, store: Store, case_id: int, as_of: dt.date) -> CaseStatus | None:
        statuses = self.statuses(store, as_of)
        with self._lock:
            index = self._by_key.get(as_of)
            if index is None:
                # One case page asks for one status: look it up, not through every case.
                index = self._by_key[as_of] = {s.case.key: s for s in statuses}
        return index.get(str(case_id))
