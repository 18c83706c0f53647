"""Alerts: follow a case, a member, a party, a ministry or a search, and be told.

>>> from kamervragen.alerts import run_alerts, subscribe
>>> from kamervragen.storage import open_store
>>> with open_store("kamervragen.db") as store:
...     subscribe(store, "case", "2024Z18794", "griffie@example.nl")
...     subscribe(store, "search", "stikstof", "https://example.nl/hook", channel="webhook",
...               filters={"party": "VVD"})
...     print(run_alerts(store).line())   # after the next ingest or sync

- :mod:`.subscriptions` what is followed, by whom, how often (double opt-in on the web)
- :mod:`.events` what changed since the last run, as events keyed so that each is once
- :mod:`.outbox` events per subscription, made into deliveries, sent once and logged
- :mod:`.webhook` signed JSON over HTTP, retried with backoff; :mod:`.email` SMTP mail
- :mod:`.render` the messages' text and HTML; :mod:`.run` one run of it all

The tables are :mod:`kamervragen.storage.alerts`'; the JSON is documented in
``docs/ALERTS.md``.
"""

from kamervragen.alerts.email import EmailDelivery, SmtpMailer, SmtpSettings, confirmation_mail
from kamervragen.alerts.events import SCHEMA, collect
from kamervragen.alerts.outbox import Delivery, DeliveryError, Message, plan, send_due
from kamervragen.alerts.run import RunReport, default_deliveries, run_alerts, site_url
from kamervragen.alerts.subscriptions import (
    CHANNELS,
    DELIVERIES,
    KINDS,
    Subscription,
    SubscriptionError,
    by_token,
    confirm,
    enable,
    subscribe,
    subscriptions,
    unsubscribe,
)
from kamervragen.alerts.webhook import WebhookDelivery, sign, verify

__all__ = [
    "CHANNELS",
    "DELIVERIES",
    "KINDS",
    "SCHEMA",
    "Delivery",
    "DeliveryError",
    "EmailDelivery",
    "Message",
    "RunReport",
    "SmtpMailer",
    "SmtpSettings",
    "Subscription",
    "SubscriptionError",
    "WebhookDelivery",
    "by_token",
    "collect",
    "confirm",
    "confirmation_mail",
    "default_deliveries",
    "enable",
    "plan",
    "run_alerts",
    "send_due",
    "sign",
    "site_url",
    "subscribe",
    "subscriptions",
    "unsubscribe",
    "verify",
]
