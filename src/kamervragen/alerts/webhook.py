"""Webhooks: an HTTP POST of the delivery's JSON, signed, retried with backoff.

Headers of every request (``docs/ALERTS.md``):

- ``X-Kamervragen-Delivery``: the delivery's id, the same when it is sent again;
- ``X-Kamervragen-Timestamp``: seconds since 1970 (UTC) when this request was signed;
- ``X-Kamervragen-Signature``: ``sha256=`` and the hex HMAC-SHA256, keyed with the
  subscription's secret, of the timestamp, a full stop and the body's bytes.

A receiver checks the signature with :func:`verify` (and refuses an old timestamp).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable

import httpx

from kamervragen.alerts.outbox import DeliveryError, Message
from kamervragen.alerts.render import event_json

USER_AGENT = "kamervragen-alerts/1"
SIGNATURE = "X-Kamervragen-Signature"
TIMESTAMP = "X-Kamervragen-Timestamp"
DELIVERY = "X-Kamervragen-Delivery"
TOLERANCE = 300  # seconds a receiver accepts a timestamp off


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The signature header's value for ``body`` sent at ``timestamp``."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def verify(
    secret: str,
    timestamp: str,
    body: bytes,
    signature: str,
    *,
    now: float | None = None,
    tolerance: int = TOLERANCE,
) -> bool:
    """Whether a request is from us: the signature matches and the timestamp is recent."""
    try:
        moment = int(timestamp)
    except ValueError:
        return False
    if abs((now if now is not None else time.time()) - moment) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, moment, body), signature)


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


class WebhookDelivery:
    """POSTs a message to the subscription's URL; up to ``attempts`` tries, waiting
    ``backoff`` seconds after the first failure and twice as long after each next one.
    A 2xx answer is delivered; 429, 5xx, timeouts and refused connections are tried
    again; any other answer fails at once."""

    def __init__(
        self,
        client: httpx.Client | None = None,
        *,
        attempts: int = 3,
        backoff: float = 1.0,
        timeout: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client = client or httpx.Client(
            timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False
        )
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.sleep = sleep

    def send(self, message: Message) -> str:
        sub = message.subscription
        # The events' JSON is made once for all the messages that hold them.
        head = json.dumps(message.envelope(), ensure_ascii=False)[:-1]
        events = ", ".join(event_json(message, e) for e in message.events)
        body = f'{head}, "events": [{events}]}}'.encode()
        tried: list[str] = []
        for attempt in range(self.attempts):
            if attempt:
                self.sleep(self.backoff * 2 ** (attempt - 1))
            stamp = int(time.time())
            headers = {
                "Content-Type": "application/json",
                DELIVERY: message.key,
                TIMESTAMP: str(stamp),
                SIGNATURE: sign(sub.secret or "", stamp, body),
            }
            try:
                response = self.client.post(sub.address, content=body, headers=headers)
            except httpx.HTTPError as exc:
                tried.append(f"{type(exc).__name__}: {str(exc)[:200] or 'no answer'}")
                continue
            tried.append(f"HTTP {response.status_code}")
            if 200 <= response.status_code < 300:
                return ", ".join(tried)
            if not _retryable(response.status_code):
                break
        raise DeliveryError(f"{', '.join(tried)} from {sub.address}")
