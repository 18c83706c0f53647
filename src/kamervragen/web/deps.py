"""What routes ask for: a store from the pool, the renderer, the deadline cache, today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Query
from starlette.requests import Request

from kamervragen.deadlines import CaseStatus
from kamervragen.storage import Store
from kamervragen.web.deadline_cache import DeadlineCache
from kamervragen.web.earlier import EarlierCache
from kamervragen.web.rendering import Renderer

MAX_NAME = 200
T = TypeVar("T")


def _store(request: Request) -> Iterator[Store]:
    with request.app.state.pool.store() as store:
        yield store


def _renderer(request: Request) -> Renderer:
    renderer: Renderer = request.app.state.renderer
    return renderer


def _deadlines(request: Request) -> DeadlineCache:
    cache: DeadlineCache = request.app.state.deadlines
    return cache


def _earlier(request: Request) -> EarlierCache:
    cache: EarlierCache = request.app.state.earlier
    return cache


StoreDep = Annotated[Store, Depends(_store)]
EarlierDep = Annotated[EarlierCache, Depends(_earlier)]
RendererDep = Annotated[Renderer, Depends(_renderer)]
DeadlinesDep = Annotated[DeadlineCache, Depends(_deadlines)]
AsOfParam = Annotated[
    dt.date | None,
    Query(alias="peildatum", description="De dag waarop de zaken beoordeeld worden (YYYY-MM-DD)."),
]


def today(request: Request) -> dt.date:
    day: dt.date = request.app.state.today()
    return day


def statuses_on(
    request: Request, store: Store, deadlines: DeadlineCache, as_of: dt.date | None
) -> tuple[list[CaseStatus], dt.date]:
    day = as_of or today(request)
    return deadlines.statuses(store, day), day


@dataclass(frozen=True)
class Page:
    """What a page about case statuses needs: the request, a store, the cache, the renderer."""

    request: Request
    store: Store
    deadlines: DeadlineCache
    render: Renderer

    def statuses(self, as_of: dt.date | None) -> tuple[list[CaseStatus], dt.date]:
        """Every case judged on ``as_of`` (default today), and the day used."""
        return statuses_on(self.request, self.store, self.deadlines, as_of)

    def remember(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """``make()``, kept until the store changes: figures over every case are made
        once per state of the store, not on every request. Call after :meth:`statuses`
        (which notices a change) and put the day in ``key``."""
        cache = self.request.app.state.browse
        found: T = cache.remember((self.deadlines.version, *key), make)
        return found


def _page(request: Request, store: StoreDep, deadlines: DeadlinesDep, render: RendererDep) -> Page:
    return Page(request, store, deadlines, render)


PageDep = Annotated[Page, Depends(_page)]
