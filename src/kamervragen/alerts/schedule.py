"""Alerts on a schedule, beside a long-running process (``kamervragen serve --alerts-every``).

A thread runs :func:`kamervragen.alerts.run_alerts` on its own store every ``every``
seconds, the first time at once. A run that fails is logged and tried again next time:
nothing it had done is lost (each step is a transaction).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from kamervragen.alerts.run import RunReport, run_alerts
from kamervragen.storage import Store, open_store

log = logging.getLogger("kamervragen.alerts")


class AlertSchedule:
    def __init__(
        self,
        db: str,
        every: float,
        *,
        run: Callable[[Store], RunReport] = run_alerts,
        site: str | None = None,
    ) -> None:
        self.db = db
        self.every = every
        self.site = site
        self._run = run
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="alerts", daemon=True)
        self.runs = 0  # runs finished, for whoever watches
        self.last: RunReport | None = None

    def start(self) -> AlertSchedule:
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                with open_store(self.db) as store:
                    self.last = self._run(store)
                log.info("alerts: %s", self.last.line())
            except Exception:  # a bad run must not end the schedule
                log.exception("alerts run failed; trying again in %s s", self.every)
            self.runs += 1
            self._stop.wait(self.every)
