"""``/zoeken``: Dutch search over question–answer pairs, with filters, facets and pages."""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from kamervragen.search import Hit, QueryError, SearchFilters, search
from kamervragen.web.deps import MAX_NAME, DeadlinesDep, RendererDep, StoreDep, statuses_on
from kamervragen.web.feeds import Entry, feed_response
from kamervragen.web.formats import wanted
from kamervragen.web.links import anchor, case_path

router = APIRouter(tags=["search"])
PER_PAGE = 20
MAX_PAGE = 500
FEED_SIZE = 50

Name = Annotated[str | None, Query(max_length=MAX_NAME)]


def _hit(hit: Hit) -> dict[str, Any]:
    data = dict(hit.__dict__)
    base = case_path(hit.case, hit.zaak) if hit.case is not None else None
    data["path"] = f"{base}#{anchor('vraag', hit.question)}" if base else None
    return data


def _pages(page: int, pages: int) -> list[int]:
    """The page numbers to offer: the first, the last, and those near this one."""
    near = set(range(max(1, page - 2), min(pages, page + 2) + 1))
    return sorted({1, pages, *near} - {0})


@router.get(
    "/zoeken",
    summary="Zoeken in vragen en antwoorden",
    description='Woorden, "exacte zinnen", OR, -uitsluiten, vraag:/antwoord:/onderwerp:.'
    " Een onbegrijpelijke zoekvraag geeft 400 met de reden. Ook als Atom-feed (.atom).",
)
def search_page(
    request: Request,
    store: StoreDep,
    render: RendererDep,
    deadlines: DeadlinesDep,
    q: Annotated[str, Query(max_length=500, description="De zoekvraag")] = "",
    partij: Name = None,
    lid: Name = None,
    ministerie: Name = None,
    minister: Name = None,
    van: Annotated[dt.date | None, Query(description="Ingediend vanaf (YYYY-MM-DD)")] = None,
    tot: Annotated[dt.date | None, Query(description="Ingediend tot en met (YYYY-MM-DD)")] = None,
    beantwoord_van: Annotated[
        dt.date | None, Query(description="Beantwoord vanaf (YYYY-MM-DD)")
    ] = None,
    beantwoord_tot: Annotated[
        dt.date | None, Query(description="Beantwoord tot en met (YYYY-MM-DD)")
    ] = None,
    jaar: Annotated[
        int | None, Query(ge=1900, le=2100, description="Ingediend in dit jaar")
    ] = None,
    soort: Literal["questions", "answer", "postponement"] | None = None,
    status: Annotated[
        Literal["answered", "open", "late"] | None,
        Query(description="Zaken die vandaag beantwoord, open of te laat (geweest) zijn"),
    ] = None,
    pagina: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    per_pagina: Annotated[int, Query(ge=1, le=100)] = PER_PAGE,
) -> Response:
    filters = SearchFilters(
        member=lid,
        party=partij,
        ministry=ministerie,
        minister=minister,
        submitted_from=van,
        submitted_to=tot,
        received_from=beantwoord_van,
        received_to=beantwoord_tot,
        year=jaar,
        kind=soort,
        status=status,
    )
    dates = filters.dates()
    data: dict[str, Any] = {
        "query": q,
        "filters": {
            "partij": partij,
            "lid": lid,
            "ministerie": ministerie,
            "minister": minister,
            "van": dates["submitted_from"],
            "tot": dates["submitted_to"],
            "beantwoord_van": dates["received_from"],
            "beantwoord_tot": dates["received_to"],
            "soort": soort,
            "status": status,
        },
        "page": pagina,
        "per_page": per_pagina,
        "total": 0,
        "capped": False,
        "faceted": 0,
        "pages": 0,
        "hits": [],
        "facets": {},
    }
    if not q.strip():
        return render.respond(request, "search.html", data, {"page_numbers": [], "error": None})
    wants_feed = wanted(request) == "atom"
    statuses = statuses_on(request, store, deadlines, None)[0] if status is not None else None
    try:
        result = search(
            store,
            q,
            filters,
            statuses=statuses,
            limit=FEED_SIZE if wants_feed else per_pagina,
            offset=0 if wants_feed else (pagina - 1) * per_pagina,
            facets=not wants_feed,
        )
    except QueryError as exc:
        message = f"Deze zoekvraag is niet te begrijpen: {exc}"
        if wanted(request) != "html":
            return render.error(request, 400, message)
        extra = {"page_numbers": [], "error": message}
        return render.html(request, "search.html", {**data, **extra}, status_code=400)
    data.update(
        total=result.total,
        capped=result.capped,
        faceted=result.faceted,
        pages=min(MAX_PAGE, math.ceil(result.total / per_pagina)),
        hits=[_hit(h) for h in result.hits],
        facets=result.facets,
    )

    def feed_of_hits() -> Response:
        entries = [
            Entry(
                id=f"{h['path']}@{h['received'] or h['submitted']}",
                title=f"Vraag {h['question']}: {h['subject'] or 'Kamervragen'}",
                link=h["path"] or "/zoeken",
                updated=dt.date.fromisoformat(h["received"] or h["submitted"] or "1970-01-01"),
                summary=f"{h['question_text']}\n\nAntwoord: {h['answer_text'] or '(nog niet)'}",
            )
            for h in data["hits"]
        ]
        return feed_response(render.env, request, f"Kamervragen: {q}", entries)

    return render.respond(
        request,
        "search.html",
        data,
        {"page_numbers": _pages(pagina, data["pages"]), "error": None},
        feed=feed_of_hits,
    )
