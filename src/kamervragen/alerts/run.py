"""One alerts run: derive what changed, queue it, deliver it (``kamervragen alerts run``).

:func:`run_alerts` is what ``kamervragen sync`` calls at its end and what a long-running
``kamervragen serve`` calls on a schedule; any number of runs may overlap or be killed:
each step is a transaction, and a delivery is sent until it is recorded as sent
(:mod:`kamervragen.alerts.outbox`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from kamervragen.alerts.email import EmailDelivery, SmtpMailer, SmtpSettings
from kamervragen.alerts.events import collect
from kamervragen.alerts.outbox import DISABLE_AFTER, WORKERS, Delivery, plan, send_due
from kamervragen.alerts.webhook import WebhookDelivery
from kamervragen.storage import Store
from kamervragen.storage import alerts as sql

DEFAULT_SITE = "http://127.0.0.1:8000"


def site_url() -> str:
    """Where the links in alerts point: ``KAMERVRAGEN_SITE_URL`` (the public website)."""
    return os.environ.get("KAMERVRAGEN_SITE_URL") or DEFAULT_SITE


@dataclass
class RunReport:
    """What one run did."""

    documents: int = 0  # documents seen for the first time
    events: int = 0  # new events
    queued: int = 0  # (subscription, event) pairs put in the outbox
    deliveries: int = 0  # deliveries made of them (a digest is one)
    sent: int = 0
    failed: int = 0
    disabled: list[str] = field(default_factory=list)
    started: bool = False

    def line(self) -> str:
        if self.started:
            return "alerts started: what the store holds now counts as seen"
        text = (
            f"{self.documents} new documents, {self.events} events, {self.queued} queued,"
            f" {self.sent} sent, {self.failed} failed"
        )
        return text + "".join(f"\ndisabled: {d}" for d in self.disabled)


@contextmanager
def default_deliveries() -> Iterator[dict[str, Delivery]]:
    """Webhooks, and e-mail when the environment names an SMTP server; closed after."""
    settings = SmtpSettings.from_env()
    mailer = SmtpMailer(settings) if settings else None
    found: dict[str, Delivery] = {"webhook": WebhookDelivery()}
    if mailer:
        found["email"] = EmailDelivery(mailer)
    try:
        yield found
    finally:
        if mailer:
            mailer.close()


def run_alerts(
    store: Store,
    deliveries: Mapping[str, Delivery] | None = None,
    *,
    site: str | None = None,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    disable_after: int = DISABLE_AFTER,
    workers: int = WORKERS,
    progress: Callable[[int, int], None] | None = None,
) -> RunReport:
    """Match what changed in ``store`` since the last run against the subscriptions and
    deliver what is due (``deliveries`` by channel; default :func:`default_deliveries`)."""
    if deliveries is None:
        with default_deliveries() as found:
            return run_alerts(
                store, found, site=site, now=now, disable_after=disable_after, workers=workers,
                progress=progress,
            )  # fmt: skip
    collected = collect(store, now())
    report = RunReport(collected.documents, collected.events, collected.queued)
    report.started = collected.started
    report.deliveries = plan(store, now())
    sent = send_due(
        store, deliveries, site or site_url(), now=now, disable_after=disable_after,
        workers=workers, progress=progress,
    )  # fmt: skip
    report.sent, report.failed, report.disabled = sent.sent, sent.failed, sent.disabled
    return report


def delivery_counts(store: Store) -> dict[str, int]:
    """Deliveries by state: pending, sent."""
    return sql.delivery_counts(store)
