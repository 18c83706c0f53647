"""From the outbox to the subscriber: deliveries, sent once, retried, logged.

The outbox holds (subscription, event) pairs (:func:`kamervragen.alerts.events.collect`).
:func:`plan` turns those not yet delivered into deliveries: for a subscription told at
once, one with what the run found; one per day or week for a digest. :func:`send_due` sends each
pending delivery through the :class:`Delivery` of its channel and records the outcome in
its own transaction: a delivery is marked sent right after its receiver accepted it.

Exactly once: a delivery is made once (its events leave the outbox's undelivered rows in
the same transaction), and sent until it is recorded as sent. The one moment a crash can
repeat it is between the receiver's acceptance and that record (milliseconds, for the
few deliveries in flight, :data:`WORKERS`): the next run sends it again with the same
delivery id (the webhook's ``X-Kamervragen-Delivery``, the e-mail's ``Message-ID``), by
which a receiver knows it has it already.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Protocol

from kamervragen.alerts.events import LOCAL, SCHEMA
from kamervragen.alerts.subscriptions import Subscription, now_text
from kamervragen.storage import Store
from kamervragen.storage import alerts as sql

# A digest is made from this hour (local time): the daily one each day, the weekly one
# on Monday.
DIGEST_HOUR = 7
# Failed deliveries in a row after which a subscription is disabled.
DISABLE_AFTER = 5
# Between runs a failed delivery waits 5 minutes, then 10, 20 … at most 6 hours.
RETRY_BASE = dt.timedelta(minutes=5)
RETRY_CAP = dt.timedelta(hours=6)
# Deliveries sent at a time.
WORKERS = 8


class DeliveryError(Exception):
    """A delivery that failed: the one-line reason (``HTTP 500 from …``)."""


@dataclass(frozen=True)
class Message:
    """One delivery: its events for one subscription."""

    key: str  # the delivery's id, the same when it is sent again
    subscription: Subscription
    events: list[sql.EventRow]
    digest: bool
    site_url: str
    # Shared by the messages of one run: each event rendered once (alerts.render).
    cache: dict[tuple[str, int], object] = field(default_factory=dict, compare=False, repr=False)

    def link(self, path: str) -> str:
        return self.site_url.rstrip("/") + path

    @property
    def manage_url(self) -> str:
        return self.link(f"/volgen/beheer/{self.subscription.token}")

    @property
    def unsubscribe_url(self) -> str:
        return self.link(f"/volgen/afmelden/{self.subscription.token}")

    def envelope(self, sent: dt.datetime | None = None) -> dict[str, object]:
        """The webhook's body without its events (schema version 1, ``docs/ALERTS.md``)."""
        s = self.subscription
        return {
            "schema": SCHEMA,
            "delivery": self.key,
            "sent": now_text(sent) + "Z",
            "digest": self.digest,
            "subscription": {
                "id": s.id,
                "kind": s.kind,
                "target": s.target,
                "filters": s.filters,
                "delivery": s.delivery,
                "description": s.describe(),
            },
        }

    def event_dict(self, event: sql.EventRow) -> dict[str, object]:
        return {"id": event.key, "type": event.kind, "created": event.created + "Z",
                **_linked(self, event)}  # fmt: skip

    def to_json(self, sent: dt.datetime | None = None) -> dict[str, object]:
        """The webhook's body."""
        return {**self.envelope(sent), "events": [self.event_dict(e) for e in self.events]}


def _linked(message: Message, event: sql.EventRow) -> dict[str, object]:
    """The event's payload with absolute links to the cases on the website."""
    payload = dict(event.payload)

    def with_url(case: dict[str, object]) -> dict[str, object]:
        return {**case, "url": message.link(str(case["path"]))}

    if isinstance(payload.get("case"), dict):
        payload["case"] = with_url(payload["case"])  # type: ignore[arg-type]
    if isinstance(payload.get("cases"), list):
        payload["cases"] = [with_url(c) for c in payload["cases"]]  # type: ignore[union-attr]
    return payload


class Delivery(Protocol):
    """Sends one message on one channel (e-mail, webhook); raises :class:`DeliveryError`
    when it did not arrive. Returns what the receiver said, for the delivery log."""

    def send(self, message: Message) -> str: ...


@dataclass
class Sent:
    """What one :func:`send_due` did."""

    sent: int = 0
    failed: int = 0
    disabled: list[str] = field(default_factory=list)  # "3 (webhook …): reason"


def digest_period(delivery: str, now: dt.datetime) -> str | None:
    """The period a digest of ``delivery`` would cover at ``now`` (``2026-12-08``,
    ``2026-W50``), or None when none is due yet that day."""
    local = now.astimezone(LOCAL)
    if local.hour < DIGEST_HOUR:
        return None
    if delivery == "daily":
        return local.date().isoformat()
    year, week, _ = local.isocalendar()
    return f"{year}-W{week:02d}"


def plan(store: Store, now: dt.datetime | None = None) -> int:
    """Turn the undelivered events into deliveries (one transaction); how many were made."""
    now = now or dt.datetime.now(dt.UTC)
    stamp = now_text(now)
    made: list[tuple[str, int, bool, list[int]]] = []
    with store.transaction():
        sql.lock(store)
        waiting = sql.undelivered(store)
        if not waiting:
            return 0
        subs = {s.id: s for s in sql.subscriptions(store, ids=sorted(waiting))}
        for sub_id, events in waiting.items():
            sub = subs[sub_id]
            if sub.delivery == "immediate" or sub.kind == "late":
                # What one run found for it, in one message: a search that finds fifty
                # new questions at once is one mail, not fifty.
                made.append((uuid.uuid4().hex, sub_id, False, events))
                continue
            period = digest_period(sub.delivery, now)
            if period is None or period == sub.digest_sent:
                continue  # not yet: the events wait for the next digest
            made.append((uuid.uuid4().hex, sub_id, True, events))
            sql.set_digest_sent(store, sub_id, period)
        sql.new_deliveries(store, made, stamp)
    return len(made)


def send_due(
    store: Store,
    deliveries: Mapping[str, Delivery],
    site_url: str,
    *,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    disable_after: int = DISABLE_AFTER,
    workers: int = WORKERS,
    progress: Callable[[int, int], None] | None = None,
) -> Sent:
    """Send every pending delivery whose time has come, each recorded as it goes.

    ``workers`` deliveries are sent at a time (receivers are slow, sending is waiting);
    this thread alone writes to the store. A subscription disabled meanwhile gets no more.
    """
    outcome = Sent()
    due = sql.due_deliveries(store, now_text(now()))
    events = sql.delivery_events(store, [d.id for d in due])
    subs = {
        s.id: Subscription.from_row(s)
        for s in sql.subscriptions(store, ids=sorted({d.subscription_id for d in due}))
    }
    disabled: set[int] = set()
    rendered: dict[tuple[str, int], object] = {}

    def send(delivery: sql.DeliveryRow, sub: Subscription) -> tuple[bool, str]:
        if sub.id in disabled:
            return False, ""
        channel = deliveries.get(sub.channel)
        if channel is None:
            return False, f"no {sub.channel} delivery configured"
        message = Message(
            delivery.key, sub, events[delivery.id], delivery.digest, site_url, rendered
        )
        try:
            return True, channel.send(message)
        except DeliveryError as exc:
            return False, str(exc)

    work = [
        (d, subs[d.subscription_id]) for d in due if d.subscription_id in subs and events.get(d.id)
    ]
    # No more at a time than ``workers``: what a crash may send again is what was in
    # flight (sent, not yet recorded), never more.
    waiting = iter(work)
    done = 0
    with ThreadPoolExecutor(max(1, workers), thread_name_prefix="alerts") as pool:
        running: dict[Future[tuple[bool, str]], tuple[sql.DeliveryRow, Subscription]] = {}
        while True:
            for d, sub in itertools.islice(waiting, max(1, workers) - len(running)):
                running[pool.submit(send, d, sub)] = (d, sub)
            if not running:
                break
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                delivery, sub = running.pop(future)
                ok, detail = future.result()
                _record(store, delivery, sub, ok, detail, now, disable_after, outcome, disabled)
                done += 1
                if progress:
                    progress(done, len(work))
    return outcome


def _record(
    store: Store,
    delivery: sql.DeliveryRow,
    sub: Subscription,
    ok: bool,
    detail: str,
    now: Callable[[], dt.datetime],
    disable_after: int,
    outcome: Sent,
    disabled: set[int],
) -> None:
    """Record how one delivery went, in its own transaction."""
    if ok:
        outcome.sent += 1
        with store.transaction():
            sql.delivered(store, delivery.id, now_text(now()), detail)
            sql.reset_failures(store, sub.id)
    elif detail:  # not skipped for a subscription disabled meanwhile
        outcome.failed += 1
        why = _record_failure(store, delivery, sub, detail, now(), disable_after)
        if why:
            outcome.disabled.append(f"{sub.id} ({sub.channel} {sub.address}): {why}")
            disabled.add(sub.id)


def _record_failure(
    store: Store,
    delivery: sql.DeliveryRow,
    sub: Subscription,
    reason: str,
    now: dt.datetime,
    disable_after: int,
) -> str | None:
    """Record a failed attempt; the reason the subscription is disabled now, or None."""
    wait = min(RETRY_BASE * (2**delivery.attempts), RETRY_CAP)
    stamp = now_text(now)
    with store.transaction():
        sql.failed(store, delivery.id, now_text(now + wait), reason)
        sql.log_attempt(store, delivery.id, stamp, False, reason)
        why = f"{disable_after} mislukte afleveringen na elkaar, de laatste op {stamp}: {reason}"
        return why if sql.count_failure(store, sub.id, disable_after, why) else None
