"""One URL, four formats: HTML for people, JSON for programs, Atom for feed readers, and
CSV for a spreadsheet where a page is a table.

``/zoeken.json`` and ``/zoeken`` with ``Accept: application/json`` give the JSON twin of
``/zoeken``; ``.atom`` (or ``Accept: application/atom+xml``) the feed where a page has one.
The suffix is taken off the path before routing, so each page is one route.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

Format = Literal["html", "json", "atom", "csv"]
SUFFIXES: dict[str, Format] = {".json": "json", ".atom": "atom", ".csv": "csv"}
# Paths that really end in a suffix: not twins of another page.
LITERAL_PATHS = ("/openapi.json", "/static/")


class FormatSuffix:
    """ASGI middleware: ``/x.json`` is routed as ``/x`` with the format noted in the scope."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            for suffix, fmt in SUFFIXES.items():
                if path.endswith(suffix) and not path.startswith(LITERAL_PATHS):
                    scope = dict(scope)
                    scope["path"] = path[: -len(suffix)] or "/"
                    raw: bytes | None = scope.get("raw_path")
                    if raw and raw.endswith(suffix.encode()):
                        scope["raw_path"] = raw[: -len(suffix)] or b"/"
                    scope["kamervragen_format"] = fmt
                    break
        await self.app(scope, receive, send)


def wanted(request: Request) -> Format:
    """The format the client asked for: by suffix first, then by its Accept header."""
    fmt: Format | None = request.scope.get("kamervragen_format")
    if fmt:
        return fmt
    accept = request.headers.get("accept", "")
    if "text/html" in accept or not accept:
        return "html"
    if "application/json" in accept:
        return "json"
    if "application/atom+xml" in accept:
        return "atom"
    if "text/csv" in accept:
        return "csv"
    return "html"


def twin(request: Request, fmt: Format) -> str:
    """The URL of this page in another format (path and query, no host)."""
    path = request.url.path
    if fmt != "html":
        path = f"/.{fmt}" if path == "/" else f"{path.rstrip('/')}.{fmt}"
    query = request.url.query
    return quote(path) + (f"?{query}" if query else "")


class EmptyFieldsDropped:
    """ASGI middleware: ``?q=x&partij=&van=`` is read as ``?q=x``, because a form sends
    its empty fields, and an empty field means no filter, not an invalid one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = scope["query_string"].split(b"&")
            kept = [p for p in pairs if p and not p.endswith(b"=")]
            if len(kept) != len(pairs):
                scope = {**scope, "query_string": b"&".join(kept)}
        await self.app(scope, receive, send)
