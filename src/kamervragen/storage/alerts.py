"""The alerts' tables (made by the migration ``alert_tables``): every statement on them.

What a subscription, an event or a delivery means, and when each function is called, is
:mod:`kamervragen.alerts`' business; here are its statements. Times are UTC ISO text
(``2026-12-08T07:00:00``), which sorts as time does in both backends.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from kamervragen.storage._base import Row, Store


class SubscriptionRow(NamedTuple):
    id: int
    token: str
    kind: str
    target: str
    filters: str | None
    channel: str
    address: str
    secret: str | None
    delivery: str
    confirmed: bool
    created: str
    after_event: int
    failures: int
    disabled: str | None
    digest_sent: str | None


_SUBSCRIPTION = (
    "id, token, kind, target, filters, channel, address, secret, delivery, confirmed,"
    " created, after_event, failures, disabled, digest_sent"
)


def _subscription(row: Row) -> SubscriptionRow:
    values = list(row)
    values[0], values[9], values[11], values[12] = (
        int(values[0]),
        bool(values[9]),
        int(values[11]),
        int(values[12]),
    )
    return SubscriptionRow(*values)


class EventRow(NamedTuple):
    id: int
    key: str
    kind: str
    created: str
    payload: dict[str, Any]


class DeliveryRow(NamedTuple):
    id: int
    key: str
    subscription_id: int
    state: str
    digest: bool
    attempts: int
    next_attempt: str
    created: str


# --- small state values ----------------------------------------------------------------


def state(store: Store, name: str) -> str | None:
    rows = store.query("SELECT value FROM alert_state WHERE name = ?", (name,))
    return str(rows[0][0]) if rows else None


def set_state(store: Store, name: str, value: str) -> None:
    store.execute(
        "INSERT INTO alert_state (name, value) VALUES (?, ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, value),
    )


def first_state(store: Store, name: str, value: str) -> str:
    """The value of ``name``, set to ``value`` if it had none (whoever sets it first wins)."""
    store.execute(
        "INSERT INTO alert_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
        (name, value),
    )
    found = state(store, name)
    assert found is not None
    return found


def lock(store: Store) -> None:
    """Within a transaction: one alerts run at a time (SQLite's write lock is taken by the
    transaction already)."""
    if store.dialect.name == "postgresql":
        store.query("SELECT pg_advisory_xact_lock(4243)")


# --- subscriptions -------------------------------------------------------------------


def last_event(store: Store) -> int:
    return int(store.query("SELECT coalesce(max(id), 0) FROM alert_events")[0][0])


def insert_subscription(store: Store, values: dict[str, Any]) -> SubscriptionRow:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    rows = store.query(
        f"INSERT INTO alert_subscriptions ({columns}) VALUES ({marks}) RETURNING {_SUBSCRIPTION}",
        list(values.values()),
    )
    return _subscription(rows[0])


def subscriptions(
    store: Store,
    *,
    address: str | None = None,
    token: str | None = None,
    ids: Sequence[int] | None = None,
    active: bool = False,
) -> list[SubscriptionRow]:
    """Subscriptions by id; ``active``: confirmed and not disabled."""
    where, params = [], []
    if address is not None:
        where.append("address = ?")
        params.append(address)
    if token is not None:
        where.append("token = ?")
        params.append(token)
    if ids is not None:
        if not ids:
            return []
        where.append(f"id IN ({', '.join('?' for _ in ids)})")
        params.extend(ids)
    if active:
        where.append("confirmed = 1 AND disabled IS NULL")
    sql = f"SELECT {_SUBSCRIPTION} FROM alert_subscriptions"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return [_subscription(r) for r in store.query(sql + " ORDER BY id", params)]


def delete_subscription(store: Store, subscription_id: int) -> bool:
    rows = store.query(
        "DELETE FROM alert_subscriptions WHERE id = ? RETURNING id", (subscription_id,)
    )
    return bool(rows)


def confirm_subscription(store: Store, subscription_id: int, after_event: int) -> None:
    store.execute(
        "UPDATE alert_subscriptions SET confirmed = 1, after_event = ? WHERE id = ?",
        (after_event, subscription_id),
    )


def set_digest_sent(store: Store, subscription_id: int, period: str) -> None:
    store.execute(
        "UPDATE alert_subscriptions SET digest_sent = ? WHERE id = ?", (period, subscription_id)
    )


def count_failure(store: Store, subscription_id: int, disable_after: int, reason: str) -> bool:
    """One more failed delivery in a row; the subscription disabled (with ``reason``) at
    ``disable_after``. True when it was disabled now."""
    rows = store.query(
        "UPDATE alert_subscriptions SET failures = failures + 1,"
        " disabled = CASE WHEN failures + 1 >= ? THEN ? ELSE disabled END"
        " WHERE id = ? RETURNING failures, disabled",
        (disable_after, reason, subscription_id),
    )
    return bool(rows) and int(rows[0][0]) >= disable_after and rows[0][1] == reason


def reset_failures(store: Store, subscription_id: int) -> None:
    store.execute(
        "UPDATE alert_subscriptions SET failures = 0 WHERE id = ? AND failures <> 0",
        (subscription_id,),
    )


def enable(store: Store, subscription_id: int) -> None:
    store.execute(
        "UPDATE alert_subscriptions SET failures = 0, disabled = NULL WHERE id = ?",
        (subscription_id,),
    )


# --- documents and events -----------------------------------------------------------


def mark_all_seen(store: Store) -> None:
    """Every stored document counted as seen: a store's first alerts make no events of
    what it held before."""
    store.execute(
        "INSERT INTO alert_seen (content_hash) SELECT content_hash FROM documents"
        " WHERE true ON CONFLICT (content_hash) DO NOTHING"
    )


def unseen_documents(store: Store) -> list[Row]:
    """(id, official_id, content_hash, kind, case_id, received, record as JSON) of the
    documents not yet turned into events, by id."""
    return store.query(
        "SELECT d.id, d.official_id, d.content_hash, d.kind, d.case_id, d.received, d.record"
        " FROM documents d WHERE NOT EXISTS"
        " (SELECT 1 FROM alert_seen s WHERE s.content_hash = d.content_hash) ORDER BY d.id"
    )


def mark_seen(store: Store, content_hashes: Sequence[str]) -> None:
    store.executemany(
        "INSERT INTO alert_seen (content_hash) VALUES (?) ON CONFLICT (content_hash) DO NOTHING",
        [(h,) for h in content_hashes],
    )


def insert_events(
    store: Store, events: Sequence[tuple[str, str, str | None, dict[str, Any]]], created: str
) -> list[EventRow]:
    """Events (key, kind, due, payload) not stored before; those stored now, by id."""
    if not events:
        return []
    before = last_event(store)
    store.executemany(
        "INSERT INTO alert_events (key, kind, created, due, payload) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (key) DO NOTHING",
        [
            (key, kind, created, due, json.dumps(p, ensure_ascii=False))
            for key, kind, due, p in events
        ],
    )
    # Ids only grow: those above the highest before are this call's (one writer at a time,
    # see lock()).
    return events_after(store, before)


def events_after(store: Store, after: int) -> list[EventRow]:
    rows = store.query(
        "SELECT id, key, kind, created, payload FROM alert_events WHERE id > ? ORDER BY id",
        (after,),
    )
    return [EventRow(int(r[0]), r[1], r[2], r[3], json.loads(r[4])) for r in rows]


def events_due(store: Store, kind: str, after: str, until: str) -> list[EventRow]:
    """Events of ``kind`` whose ``due`` is in [``after``, ``until``)."""
    rows = store.query(
        "SELECT id, key, kind, created, payload FROM alert_events"
        " WHERE kind = ? AND due >= ? AND due < ? ORDER BY id",
        (kind, after, until),
    )
    return [EventRow(int(r[0]), r[1], r[2], r[3], json.loads(r[4])) for r in rows]


def event_exists(store: Store, key: str) -> bool:
    return bool(store.query("SELECT 1 FROM alert_events WHERE key = ?", (key,)))


# --- the outbox and deliveries ------------------------------------------------------


def add_to_outbox(store: Store, rows: Sequence[tuple[int, int]]) -> None:
    """(subscription, event) pairs; a pair already there stays as it is."""
    store.executemany(
        "INSERT INTO alert_outbox (subscription_id, event_id) VALUES (?, ?)"
        " ON CONFLICT (subscription_id, event_id) DO NOTHING",
        rows,
    )


def undelivered(store: Store) -> dict[int, list[int]]:
    """The events in the outbox not yet in a delivery, by subscription (active ones only)."""
    rows = store.query(
        "SELECT o.subscription_id, o.event_id FROM alert_outbox o"
        " JOIN alert_subscriptions s ON s.id = o.subscription_id"
        " WHERE o.delivery_id IS NULL AND s.confirmed = 1 AND s.disabled IS NULL"
        " ORDER BY o.subscription_id, o.event_id"
    )
    found: dict[int, list[int]] = {}
    for subscription, event in rows:
        found.setdefault(int(subscription), []).append(int(event))
    return found


def new_deliveries(
    store: Store, deliveries: Sequence[tuple[str, int, bool, list[int]]], now: str
) -> None:
    """Deliveries (key, subscription, digest, event ids), each taking its events (all of
    its subscription's undelivered ones up to the last given) out of the outbox's
    undelivered rows."""
    if not deliveries:
        return
    store.executemany(
        "INSERT INTO alert_deliveries (key, subscription_id, state, digest, attempts,"
        " next_attempt, created) VALUES (?, ?, 'pending', ?, 0, ?, ?)",
        [(key, sub, int(digest), now, now) for key, sub, digest, _ in deliveries],
    )
    # One statement a delivery (one an event was 200,000 statements for 5,000 digests).
    store.executemany(
        "UPDATE alert_outbox SET delivery_id ="
        " (SELECT id FROM alert_deliveries WHERE key = ?)"
        " WHERE subscription_id = ? AND delivery_id IS NULL AND event_id <= ?",
        [(key, sub, max(events)) for key, sub, _, events in deliveries],
    )


def due_deliveries(store: Store, now: str) -> list[DeliveryRow]:
    """Pending deliveries whose time has come, of active subscriptions, oldest first."""
    rows = store.query(
        "SELECT d.id, d.key, d.subscription_id, d.state, d.digest, d.attempts,"
        " d.next_attempt, d.created FROM alert_deliveries d"
        " JOIN alert_subscriptions s ON s.id = d.subscription_id"
        " WHERE d.state = 'pending' AND d.next_attempt <= ?"
        " AND s.confirmed = 1 AND s.disabled IS NULL ORDER BY d.id",
        (now,),
    )
    return [
        DeliveryRow(int(r[0]), r[1], int(r[2]), r[3], bool(r[4]), int(r[5]), r[6], r[7])
        for r in rows
    ]


def delivery_events(store: Store, delivery_ids: Sequence[int]) -> dict[int, list[EventRow]]:
    """The events of each delivery, in order; an event in many deliveries (a party's
    followers) is read once and shared."""
    links: dict[int, list[int]] = {}
    for i in range(0, len(delivery_ids), 500):
        chunk = list(delivery_ids[i : i + 500])
        marks = ", ".join("?" for _ in chunk)
        rows = store.query(
            "SELECT delivery_id, event_id FROM alert_outbox"
            f" WHERE delivery_id IN ({marks}) ORDER BY delivery_id, event_id",
            chunk,
        )
        for delivery, event in rows:
            links.setdefault(int(delivery), []).append(int(event))
    wanted = sorted({e for events in links.values() for e in events})
    events: dict[int, EventRow] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        for r in store.query(
            f"SELECT id, key, kind, created, payload FROM alert_events WHERE id IN ({marks})",
            chunk,
        ):
            events[int(r[0])] = EventRow(int(r[0]), r[1], r[2], r[3], json.loads(r[4]))
    return {d: [events[e] for e in ids] for d, ids in links.items()}


def delivered(store: Store, delivery_id: int, now: str, detail: str) -> None:
    store.execute(
        "UPDATE alert_deliveries SET state = 'sent', sent = ?, attempts = attempts + 1,"
        " error = NULL WHERE id = ?",
        (now, delivery_id),
    )
    log_attempt(store, delivery_id, now, True, detail)


def failed(store: Store, delivery_id: int, next_attempt: str, error: str) -> None:
    store.execute(
        "UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt = ?, error = ?"
        " WHERE id = ?",
        (next_attempt, error, delivery_id),
    )


def log_attempt(store: Store, delivery_id: int, at: str, ok: bool, detail: str) -> None:
    store.execute(
        "INSERT INTO alert_attempts (delivery_id, at, ok, detail) VALUES (?, ?, ?, ?)",
        (delivery_id, at, int(ok), detail[:1000]),
    )


def delivery_log(store: Store, subscription_id: int, limit: int = 20) -> list[Row]:
    """(delivery key, attempt time, ok, detail) of a subscription's latest attempts."""
    return store.query(
        "SELECT d.key, a.at, a.ok, a.detail FROM alert_attempts a"
        " JOIN alert_deliveries d ON d.id = a.delivery_id WHERE d.subscription_id = ?"
        " ORDER BY a.id DESC LIMIT ?",
        (subscription_id, limit),
    )


def delivery_counts(store: Store) -> dict[str, int]:
    rows = store.query("SELECT state, count(*) FROM alert_deliveries GROUP BY state")
    return {str(state): int(n) for state, n in rows}


# --- rate limits -----------------------------------------------------------------------


def requests_since(store: Store, key: str, since: str) -> int:
    return int(
        store.query("SELECT count(*) FROM alert_requests WHERE key = ? AND at >= ?", (key, since))[
            0
        ][0]
    )


def record_request(store: Store, key: str, at: str, forget_before: str) -> None:
    store.execute("DELETE FROM alert_requests WHERE at < ?", (forget_before,))
    store.execute("INSERT INTO alert_requests (key, at) VALUES (?, ?)", (key, at))
