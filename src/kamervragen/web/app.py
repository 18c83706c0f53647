"""The application: pages from :mod:`.routes` over a pool of stores, with security headers,
format suffixes (``.json``, ``.atom``) and errors answered in the format asked."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from kamervragen.web.deadline_cache import DeadlineCache
from kamervragen.web.earlier import EarlierCache
from kamervragen.web.follow import install as install_follow
from kamervragen.web.formats import EmptyFieldsDropped, FormatSuffix
from kamervragen.web.pool import StorePool
from kamervragen.web.rendering import Renderer
from kamervragen.web.routes import ROUTERS
from kamervragen.web.security import SecurityHeaders

STATIC = Path(__file__).parent / "static"
DESCRIPTION = """Schriftelijke Kamervragen: zoeken, zaken, termijnen en statistiek.

Elke HTML-pagina heeft een JSON-tweeling: dezelfde URL met `.json` (of de header
`Accept: application/json`). Zoekvragen, Kamerleden, partijen, ministeries en zaken hebben
ook een Atom-feed (`.atom`). Alleen-lezen, tenzij de beheerder een admin-token instelt."""


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "verzoek"
        parts.append(f"{where}: {error.get('msg', 'ongeldig')}")
    return "ongeldige invoer: " + "; ".join(parts)


def create_app(
    db: str,
    *,
    admin_token: str | None = None,
    today: Callable[[], dt.date] = dt.date.today,
    pool_size: int = 8,
) -> FastAPI:
    """The web application over the store at ``db`` (a SQLite path or PostgreSQL URL).

    ``admin_token`` (default ``$KAMERVRAGEN_ADMIN_TOKEN``) enables the one writing
    endpoint; without it the application only reads.
    """
    admin_token = admin_token or os.environ.get("KAMERVRAGEN_ADMIN_TOKEN") or None
    # Without the token nothing is written: the stores are opened only to read.
    pool = StorePool(db, size=pool_size, for_search=admin_token is None)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="kamervragen",
        version="0.1.0",
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.renderer = renderer = Renderer()
    app.state.deadlines = DeadlineCache()
    app.state.earlier = EarlierCache()
    app.state.admin_token = admin_token
    app.state.today = today

    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(RequestValidationError)
    async def invalid_input(request: Request, exc: RequestValidationError) -> Response:
        return renderer.error(request, 400, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = {404: "deze pagina bestaat niet", 405: "deze methode kan hier niet"}.get(
            exc.status_code, str(exc.detail)
        )
        response = renderer.error(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    install_follow(app, db)  # the Volgen pages: the only ones that write, by e-mail link
    app.add_middleware(EmptyFieldsDropped)
    app.add_middleware(FormatSuffix)
    app.add_middleware(SecurityHeaders)
    return app
