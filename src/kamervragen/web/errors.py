"""Every answer a page, also when something fails: errors in the format asked, with the
security headers, and HEAD wherever GET is.

- A database that fails (:class:`StoreError`: damaged, read-only, full, out of reach) is
  answered 500 or 503 with a Dutch sentence; the operator's log gets the database's own
  line (with the advice to run ``kamervragen check``).
- Any other exception is answered 500 by :class:`ErrorPages`, inside the security
  headers' middleware: Starlette's own last resort sits outside every middleware and
  answered ``text/plain`` without them. The traceback goes to the log.
- ``HEAD`` is answered as ``GET`` without the body (:class:`HeadAsGet`); FastAPI's routes
  answer only the methods they name.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kamervragen.storage import StoreError
from kamervragen.web.rendering import Renderer

log = logging.getLogger("kamervragen.web")

STORE_MESSAGES = {
    "corrupt": "de database is beschadigd; de beheerder kan haar nakijken met `kamervragen check`",
    "not-a-database": "de database is beschadigd of geen database van kamervragen",
    "read-only": "de database kan nu niet beschreven worden (alleen-lezen)",
    "full": "de schijf van de database is vol; er is niets half opgeslagen",
    "io": "de schijf van de database gaf een fout; probeer het later opnieuw",
    "busy": "de database is even bezet; probeer het zo opnieuw",
    "unavailable": "de database is nu niet bereikbaar; probeer het later opnieuw",
    "failed": "de database gaf een fout; probeer het later opnieuw",
}
UNEXPECTED = "er ging aan onze kant iets mis; probeer het later opnieuw"
RETRY_AFTER = "30"  # seconds, for a database that is busy or out of reach


def store_failed(renderer: Renderer, request: Request, exc: StoreError) -> Response:
    """The answer for a database that failed: 503 (with Retry-After) if it may work again
    in a moment, else 500."""
    log.error("%s %s: %s", request.method, request.url.path, exc)
    passing = exc.cause in ("busy", "unavailable")
    response = _error(renderer, request, 503 if passing else 500, STORE_MESSAGES[exc.cause])
    if passing:
        response.headers["Retry-After"] = RETRY_AFTER
    return response


def _error(renderer: Renderer, request: Request, status: int, message: str) -> Response:
    """The error in the format asked; JSON for a program's POST (the API's writing) that
    did not ask for HTML."""
    program = request.method not in ("GET", "HEAD")
    if program and "text/html" not in request.headers.get("accept", ""):
        request.scope["kamervragen_format"] = "json"
    return renderer.error(request, status, message)


class ErrorPages:
    """ASGI middleware: an exception no handler took becomes a 500 page (HTML or JSON as
    asked) instead of Starlette's plain text, so that the middleware outside it (the
    security headers) sees an ordinary response."""

    def __init__(self, app: ASGIApp, renderer: Renderer) -> None:
        self.app = app
        self.renderer = renderer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception:
            if started:
                raise  # half an answer sent: only the server can end it
            request = Request(scope)
            log.exception("%s %s", request.method, request.url.path)
            response = _error(self.renderer, request, 500, UNEXPECTED)
            await response(scope, receive, send)


class HeadAsGet:
    """ASGI middleware: ``HEAD`` is routed as ``GET``, and the answer's body left out
    (its headers, Content-Length included, are those of the GET)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
