"""Subscriptions: who wants to be told what, how, and how often.

A subscription follows one thing (:data:`KINDS`): a case, a member, a party, a ministry, a
saved search with its filters, the commitments of a ministry, or a ministry's weekly
late list. It is delivered by e-mail or webhook (:data:`CHANNELS`), at once or as a daily
or weekly digest (:data:`DELIVERIES`). Made on the web it waits for its address to be
confirmed (double opt-in); an administrator's (``kamervragen alerts add``) is confirmed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import secrets
from dataclasses import dataclass, fields
from typing import Any

from kamervragen.errors import KamervragenError
from kamervragen.search import QueryError, SearchFilters, parse
from kamervragen.storage import Store
from kamervragen.storage import alerts as sql
from kamervragen.text.analysis import fold

# What a subscription follows, with how it is named to a reader.
KINDS = {
    "case": "zaak",
    "member": "Kamerlid",
    "party": "partij",
    "ministry": "ministerie",
    "search": "zoekvraag",
    "commitments": "toezeggingen van ministerie",
    "late": "wekelijkse te-laatlijst van ministerie",
}
CHANNELS = ("email", "webhook")
DELIVERIES = ("immediate", "daily", "weekly")
DELIVERY_LABELS = {"immediate": "direct", "daily": "dagelijks overzicht", "weekly": "wekelijks"}
MAX_TARGET = 500

_EMAIL = re.compile(
    r"^[^@\s<>\"',;]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$")


class SubscriptionError(KamervragenError):
    """A subscription that cannot be made as asked: the one-line reason."""


@dataclass(frozen=True)
class Subscription:
    """One stored subscription (see the module's description)."""

    id: int
    token: str  # the secret in its links: confirm, manage, unsubscribe
    kind: str
    target: str
    filters: dict[str, Any]
    channel: str
    address: str
    secret: str | None  # a webhook's signing key
    delivery: str
    confirmed: bool
    created: str
    after_event: int  # events up to this one happened before it existed
    failures: int  # failed deliveries in a row
    disabled: str | None  # why it no longer delivers, or None
    digest_sent: str | None  # the period of its last digest (2026-12-08, 2026-W50)

    @classmethod
    def from_row(cls, row: sql.SubscriptionRow) -> Subscription:
        values = row._asdict()
        values["filters"] = json.loads(row.filters) if row.filters else {}
        return cls(**values)

    def describe(self) -> str:
        """What it follows, in Dutch: ``zaak 2024Z18794``, ``zoekvraag "stikstof" (partij VVD)``."""
        if self.kind == "search":
            shown = ", ".join(f"{k} {v}" for k, v in self.filters.items())
            return f'zoekvraag "{self.target}"' + (f" ({shown})" if shown else "")
        return f"{KINDS[self.kind]} {self.target}"

    def match_key(self) -> tuple[str, str]:
        """What events carry to reach it (see :func:`kamervragen.alerts.events.event_keys`)."""
        if self.kind == "search":
            return ("search", search_key(self.target, self.filters))
        if self.kind == "case":
            return ("case", self.target)
        return (self.kind, fold(self.target))

    def search_filters(self) -> SearchFilters:
        return SearchFilters(**self.filters)

    def to_dict(self) -> dict[str, Any]:
        """Its JSON, without its secrets."""
        hidden = {"token", "secret", "after_event"}
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in hidden}
        data["description"] = self.describe()
        return data


def search_key(query: str, filters: dict[str, Any]) -> str:
    """The same search and filters give the same key: one search for all who saved it."""
    text = json.dumps([" ".join(query.split()), filters], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _check_filters(filters: dict[str, Any]) -> dict[str, Any]:
    allowed = {f.name for f in fields(SearchFilters)} - {"cases"}
    unknown = set(filters) - allowed
    if unknown:
        raise SubscriptionError(f"filter {sorted(unknown)[0]!r}: use {', '.join(sorted(allowed))}")
    kept = {k: v for k, v in filters.items() if v not in (None, "")}
    try:
        SearchFilters(**kept).dates()
    except (QueryError, TypeError, ValueError) as exc:
        raise SubscriptionError(f"filters: {exc}") from None
    return kept


def check_address(channel: str, address: str) -> str:
    """The address as stored, or a SubscriptionError saying why it cannot be one."""
    address = address.strip()
    if channel == "email":
        if not _EMAIL.match(address) or len(address) > 254:
            raise SubscriptionError(f"e-mail address {address!r}: not a valid address")
        local, _, domain = address.partition("@")
        return f"{local}@{domain.lower()}"
    if channel == "webhook":
        if not _URL.match(address) or len(address) > 2000:
            raise SubscriptionError(f"webhook {address!r}: give an http:// or https:// URL")
        return address
    raise SubscriptionError(f"channel {channel!r}: use one of {', '.join(CHANNELS)}")


def resolve_target(store: Store, kind: str, target: str) -> str:
    """The target as stored: a case by its zaak number where it has one, else its number."""
    target = " ".join(target.split())
    if not target or len(target) > MAX_TARGET:
        raise SubscriptionError(f"{kind} {target!r}: give 1 to {MAX_TARGET} characters")
    if kind == "case":
        found = store.case(target)
        if found is None:
            raise SubscriptionError(f"case {target!r}: no such zaak or case number in the store")
        return str(found["zaak"] or found["case"])
    if kind == "search":
        try:
            parse(target)
        except QueryError as exc:
            raise SubscriptionError(f"search {target!r}: {exc}") from None
    return target


def now_text(now: dt.datetime | None = None) -> str:
    moment = now or dt.datetime.now(dt.UTC)
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds")


def subscribe(
    store: Store,
    kind: str,
    target: str,
    address: str,
    *,
    channel: str = "email",
    delivery: str = "immediate",
    filters: dict[str, Any] | None = None,
    secret: str | None = None,
    confirmed: bool = True,
    now: dt.datetime | None = None,
) -> Subscription:
    """Store a subscription; it is told of what happens from now on.

    ``confirmed=False`` (the web's double opt-in): nothing is sent to it until
    :func:`confirm`. A webhook without ``secret`` gets a random one (see
    :attr:`Subscription.secret`). The late list is always weekly.
    """
    if kind not in KINDS:
        raise SubscriptionError(f"kind {kind!r}: use one of {', '.join(KINDS)}")
    if delivery not in DELIVERIES:
        raise SubscriptionError(f"delivery {delivery!r}: use one of {', '.join(DELIVERIES)}")
    if filters and kind != "search":
        raise SubscriptionError("filters: only a search has filters")
    if kind == "late":
        delivery = "weekly"
    address = check_address(channel, address)
    with store.transaction():
        sql.lock(store)
        start_following(store, now)
        target = resolve_target(store, kind, target)
        row = sql.insert_subscription(
            store,
            {
                "token": secrets.token_urlsafe(24),
                "kind": kind,
                "target": target,
                "filters": json.dumps(_check_filters(filters or {}), sort_keys=True),
                "channel": channel,
                "address": address,
                "secret": (secret or secrets.token_hex(32)) if channel == "webhook" else None,
                "delivery": delivery,
                "confirmed": int(confirmed),
                "created": now_text(now),
                "after_event": sql.last_event(store),
            },
        )
    return Subscription.from_row(row)


def start_following(store: Store, now: dt.datetime | None = None) -> None:
    """Within a transaction: the first time alerts are used on a store, what it holds
    counts as seen, so that only what comes after makes events."""
    if sql.state(store, "started") is None:
        sql.mark_all_seen(store)
        sql.set_state(store, "started", now_text(now))


def subscriptions(
    store: Store, *, address: str | None = None, token: str | None = None
) -> list[Subscription]:
    return [
        Subscription.from_row(r) for r in sql.subscriptions(store, address=address, token=token)
    ]


def by_token(store: Store, token: str) -> Subscription | None:
    found = subscriptions(store, token=token) if token else []
    return found[0] if found else None


def confirm(store: Store, token: str) -> Subscription | None:
    """Confirm the subscription of ``token``: from now on it is told (not of before)."""
    with store.transaction():
        sql.lock(store)
        found = by_token(store, token)
        if found is None:
            return None
        if not found.confirmed:
            sql.confirm_subscription(store, found.id, sql.last_event(store))
    return by_token(store, token)


def unsubscribe(store: Store, ref: int | str) -> Subscription | None:
    """Remove a subscription by its number or its token, with what was queued for it."""
    with store.transaction():
        found = (
            subscriptions_by_id(store, [ref])
            if isinstance(ref, int)
            else ([s] if (s := by_token(store, ref)) else [])
        )
        if not found:
            return None
        sql.delete_subscription(store, found[0].id)
    return found[0]


def subscriptions_by_id(store: Store, ids: list[int]) -> list[Subscription]:
    return [Subscription.from_row(r) for r in sql.subscriptions(store, ids=ids)]


def enable(store: Store, subscription_id: int) -> None:
    """Deliver again to a subscription disabled after failures."""
    with store.transaction():
        sql.enable(store, subscription_id)
