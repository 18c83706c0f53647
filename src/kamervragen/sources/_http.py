"""HTTP for the sources: one ``httpx.Client`` with retries, backoff and a polite rate.

Timeouts, broken connections, 429 and 5xx are retried with a growing wait (a 429's or
503's ``Retry-After`` in seconds is honoured when it asks for longer); any other answer is
the caller's to judge. Requests are spaced so that no more than ``rate`` start per second.
The transport, the clock and the sleep can be replaced, so tests run without a network
and without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from kamervragen.errors import KamervragenError

USER_AGENT = f"kamervragen-sync/0.1 httpx/{httpx.__version__}"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(KamervragenError):
    """A request failed for good: every retry spent, or an answer that cannot be used."""

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass(frozen=True)
class Retry:
    """How often to try a request, and how long to wait between tries."""

    attempts: int = 5
    backoff: float = 1.0  # the first wait in seconds; it doubles with each further try
    max_wait: float = 60.0


class Http:
    """GET with retries on one connection pool. Use as a context manager, or :meth:`close`.

    ``rate`` is the most requests started per second (``None`` or 0: no limit).
    """

    def __init__(
        self,
        *,
        rate: float | None = 5.0,
        retry: Retry | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.retry = retry or Retry()
        self._interval = 1.0 / rate if rate else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next_start = 0.0
        self.requests = 0
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )

    def get(self, url: str, *, headers: dict[str, str] | None = None) -> httpx.Response:
        """The answer to a GET of ``url``, once it is not one to retry.

        Raises :class:`FetchError` when every try timed out, failed to connect or got
        429/5xx. Other statuses (200, 404, …) are returned for the caller to judge.
        """
        attempts = max(1, self.retry.attempts)
        for attempt in range(1, attempts + 1):
            self._wait_turn()
            asked_wait = 0.0
            status: int | None = None
            try:
                response = self._client.get(url, headers=headers)
            except httpx.TimeoutException:
                reason = "timed out"
            except httpx.TransportError as exc:
                reason = f"connection failed ({type(exc).__name__})"
            else:
                if response.status_code not in RETRY_STATUS:
                    return response
                status = response.status_code
                reason = f"HTTP {status}"
                if status in (429, 503):
                    asked_wait = _retry_after(response)
                response.close()
            if attempt == attempts:
                tries = "try" if attempts == 1 else "tries"
                raise FetchError(url, f"{reason} ({attempts} {tries})", status)
            wait = self.retry.backoff * 2 ** (attempt - 1)
            self._sleep(min(self.retry.max_wait, max(wait, asked_wait)))
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait_turn(self) -> None:
        now = self._clock()
        if now < self._next_start:
            self._sleep(self._next_start - now)
            now = self._next_start
        self._next_start = now + self._interval
        self.requests += 1

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Http:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("Retry-After", "").strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        return 0.0  # an HTTP date, or nothing: our own backoff decides
