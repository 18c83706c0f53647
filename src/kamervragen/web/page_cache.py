"""Pages kept as they were answered, until the store or the day changes.

Many readers ask for the same few pages (a case in the news, a popular search): each took
5–10 ms of CPU to compute again, and under 100 clients that queued into seconds. A page
answered 200 to a plain GET is kept with its headers and served again while

- the store is unchanged: SQLite's own counters of commits are the same (see
  :class:`PageCache`); PostgreSQL has no file to look at, so there a page is kept at
  most :data:`SERVER_SECONDS`;
- the day is the same (deadlines are judged on it);
- nothing was written through this application (an admin's POST empties the cache).

Requests of htmx (a fragment of a page), with cookies or an Authorization header are
not cached. At most :data:`MAX_PAGES` pages and :data:`MAX_BYTES` bytes are kept, the
least recently used going first. ``KAMERVRAGEN_PAGE_CACHE=0`` turns it off.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_PAGES = 2_000
MAX_BYTES = 64 * 2**20
MAX_PAGE = 2 * 2**20  # a larger answer is not kept
SERVER_SECONDS = 5.0
_PRIVATE = (b"cookie", b"authorization", b"hx-request")
_NOT_CACHED = ("/static/", "/beheer/")


@dataclass(frozen=True)
class _Page:
    headers: list[tuple[bytes, bytes]]
    body: bytes
    version: tuple[object, ...]


def enabled() -> bool:
    return os.environ.get("KAMERVRAGEN_PAGE_CACHE", "1") not in ("0", "no", "false", "")


class PageCache:
    """ASGI middleware: see the module. ``db`` names the store (a SQLite path or a URL);
    ``today`` is the application's day."""

    def __init__(self, app: ASGIApp, db: str, today: Callable[[], dt.date]) -> None:
        self.app = app
        self.today = today
        # SQLite counts commits in the file's header (its "file change counter", bytes
        # 24–27) and, in WAL mode, in the header of the WAL index (the -shm file, whose
        # first 48 bytes change with every commit): read, they tell exactly whether the
        # store changed, in microseconds. Modification times can miss a commit made in
        # the same clock tick.
        self._files = (
            []
            if db.startswith(("postgresql://", "postgres://"))
            else [(Path(db), 24, 4), (Path(f"{db}-shm"), 0, 48)]
        )
        self._pages: OrderedDict[tuple[object, ...], _Page] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def _version(self) -> tuple[object, ...]:
        if not self._files:
            return (self.today(), int(time.monotonic() // SERVER_SECONDS))
        return (self.today(), *(_head(path, start, size) for path, start, size in self._files))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            if scope["method"] not in ("HEAD", "OPTIONS"):
                self.clear()  # a write may follow: nothing kept can be trusted
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        path: str = scope["path"]
        if any(h in headers for h in _PRIVATE) or path.startswith(_NOT_CACHED):
            await self.app(scope, receive, send)
            return
        key = (
            path,
            headers.get(b"host", b""),  # feeds give absolute links
            scope.get("query_string", b""),
            scope.get("kamervragen_format"),
            headers.get(b"accept", b""),
        )
        version = self._version()
        with self._lock:
            page = self._pages.get(key)
            if page is not None and page.version == version:
                self._pages.move_to_end(key)
            else:
                page = None
        if page is not None:
            await send({"type": "http.response.start", "status": 200, "headers": page.headers})
            await send({"type": "http.response.body", "body": page.body})
            return
        await self._answer_and_keep(scope, receive, send, key, version)

    async def _answer_and_keep(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[object, ...],
        version: tuple[object, ...],
    ) -> None:  # fmt: skip
        start: Message | None = None
        body: list[bytes] = []
        size = 0
        keep = True

        async def kept(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                size += len(message.get("body", b""))
                keep = size <= MAX_PAGE
                if keep:
                    body.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, kept)
        if keep and start is not None:
            self._keep(key, _Page(list(start.get("headers", [])), b"".join(body), version))

    def _keep(self, key: tuple[object, ...], page: _Page) -> None:
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._pages[key] = page
            self._bytes += len(page.body)
            while self._pages and (len(self._pages) > MAX_PAGES or self._bytes > MAX_BYTES):
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0


def _head(path: Path, start: int, size: int) -> bytes | None:
    try:
        with path.open("rb") as f:
            f.seek(start)
            return f.read(size)
    except OSError:
        return None
