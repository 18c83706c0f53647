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

from kamervragen.storage import StoreError
from kamervragen.web.browse import BrowseCache
from kamervragen.web.deadline_cache import DeadlineCache
from kamervragen.web.dutch import invalid_input
from kamervragen.web.earlier import EarlierCache
from kamervragen.web.errors import ErrorPages, HeadAsGet, store_failed
from kamervragen.web.follow import install as install_follow
from kamervragen.web.formats import EmptyFieldsDropped, FormatSuffix
from kamervragen.web.openapi import openapi_schema
from kamervragen.web.page_cache import PageCache
from kamervragen.web.page_cache import enabled as page_cache_enabled
from kamervragen.web.pool import StorePool
from kamervragen.web.rendering import Renderer
from kamervragen.web.routes import ROUTERS
from kamervragen.web.security import SecurityHeaders

STATIC = Path(__file__).parent / "static"
DESCRIPTION = """Schriftelijke Kamervragen: zoeken, zaken, termijnen en statistiek.

Elke HTML-pagina heeft een JSON-tweeling: dezelfde URL met `.json` (of de header
`Accept: application/json`). Zoekvragen, Kamerleden, partijen, ministeries en zaken hebben
ook een Atom-feed (`.atom`). Alleen-lezen, tenzij de beheerder een admin-token instelt."""


def create_app(
    db: str,
    *,
    admin_token: str | None = None,
    today: Callable[[], dt.date] = dt.date.today,
    pool_size: int = 8,
    page_cache: bool | None = None,
) -> FastAPI:
    """The web application over the store at ``db`` (a SQLite path or PostgreSQL URL).

    ``admin_token`` (default ``$KAMERVRAGEN_ADMIN_TOKEN``) enables the one writing
    endpoint; without it the application only reads. ``page_cache``: keep answered pages
    until the store changes (:mod:`.page_cache`; default: unless
    ``KAMERVRAGEN_PAGE_CACHE=0``).
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
    app.state.browse = BrowseCache()
    app.state.admin_token = admin_token
    app.state.today = today

    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.openapi = lambda: openapi_schema(app)  # type: ignore[method-assign]

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        return renderer.error(request, 400, invalid_input(exc.errors()))

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

    @app.exception_handler(StoreError)
    async def database_failed(request: Request, exc: StoreError) -> Response:
        return store_failed(renderer, request, exc)

    # The last added is the outermost: errors are pages inside the security headers and
    # after the format suffix is read.
    app.add_middleware(EmptyFieldsDropped)
    app.add_middleware(ErrorPages, renderer=renderer)
    if page_cache if page_cache is not None else page_cache_enabled():
        app.add_middleware(PageCache, db=db, today=today)
    app.add_middleware(HeadAsGet)
    app.add_middleware(FormatSuffix)
    app.add_middleware(SecurityHeaders)
    return app
