"""``/zoeken``: Dutch search over question–answer pairs, with filters, facets and pages."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from kamervragen.deadlines.ministries import Ministries, load_ministries
from kamervragen.search import Hit, QueryError, SearchFilters, search
from kamervragen.web.browse import BrowseCache, CaseFilter, ministries_of
from kamervragen.web.deps import MAX_NAME, DeadlinesDep, RendererDep, StoreDep, statuses_on
from kamervragen.web.dutch import long_date, query_error
from kamervragen.web.feeds import Entry, case_entry, feed_response
from kamervragen.web.formats import wanted
from kamervragen.web.links import anchor, case_path
from kamervragen.web.paging import page_numbers
from kamervragen.web.rendering import with_query

router = APIRouter(tags=["search"])
PER_PAGE = 20
MAX_PAGE = 500
FEED_SIZE = 50

PartyParam = Annotated[
    str | None, Query(max_length=MAX_NAME, description="Partij van een vragensteller (hele naam)")
]
MemberParam = Annotated[
    str | None,
    Query(max_length=MAX_NAME, description="Kamerlid dat de vragen stelde (deel van de naam)"),
]
MinistryParam = Annotated[
    str | None, Query(max_length=MAX_NAME, description="Ministerie (de naam van /ministeries)")
]
MinisterParam = Annotated[
    str | None,
    Query(max_length=MAX_NAME, description="Bewindspersoon die antwoordde (deel van de naam)"),
]
FromParam = Annotated[dt.date | None, Query(description="Ingediend vanaf (JJJJ-MM-DD)")]
ToParam = Annotated[dt.date | None, Query(description="Ingediend tot en met (JJJJ-MM-DD)")]
AnsweredFromParam = Annotated[dt.date | None, Query(description="Beantwoord vanaf (JJJJ-MM-DD)")]
AnsweredToParam = Annotated[dt.date | None, Query(description="Beantwoord tot en met (JJJJ-MM-DD)")]
YearParam = Annotated[int | None, Query(ge=1900, le=2100, description="Ingediend in dit jaar")]
PageParam = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Welke pagina")]
PerPageParam = Annotated[int, Query(ge=1, le=100, description="Resultaten per pagina")]
QueryParam = Annotated[str, Query(max_length=500, description="De zoekvraag; leeg om te bladeren")]
FILTER_LABELS = {
    "partij": "Partij",
    "lid": "Kamerlid",
    "ministerie": "Ministerie",
    "minister": "Bewindspersoon",
    "van": "Ingediend vanaf",
    "tot": "Ingediend tot en met",
    "beantwoord_van": "Beantwoord vanaf",
    "beantwoord_tot": "Beantwoord tot en met",
    "jaar": "Jaar",
    "soort": "Soort",
    "status": "Status",
}
VALUE_LABELS = {
    "soort": {"answer": "antwoorden", "questions": "alleen vragen", "postponement": "uitstel"},
    "status": {"answered": "beantwoord", "open": "open", "late": "te laat"},
}


def _hit(hit: Hit) -> dict[str, Any]:
    data = dict(hit.__dict__)
    base = case_path(hit.case, hit.zaak) if hit.case is not None else None
    data["path"] = f"{base}#{anchor('vraag', hit.question)}" if base else None
    return data


def _by_case(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The hits of a page folded per case, in the order of each case's best hit."""
    groups: dict[object, dict[str, Any]] = {}
    for h in hits:
        key = h["case"] if h["case"] is not None else ("pair", h["pair"])
        group = groups.get(key)
        if group is None:
            base = h["path"].split("#")[0] if h["path"] else None
            group = groups[key] = {**{k: h[k] for k in _CASE_FIELDS}, "path": base, "hits": []}
        group["hits"].append(h)
    return list(groups.values())


_CASE_FIELDS = ("case", "zaak", "subject", "askers", "submitted", "received")


def _chips(request: Request, filters: dict[str, Any]) -> list[dict[str, str]]:
    """The active filters, each with the URL of this search without it."""
    chips = []
    for name, label in FILTER_LABELS.items():
        value = request.query_params.get(name)
        if value:
            shown = VALUE_LABELS.get(name, {}).get(value, value)
            if name in ("van", "tot", "beantwoord_van", "beantwoord_tot"):
                shown = long_date(filters.get(name) or value)
            chips.append(
                {
                    "label": f"{label}: {shown}",
                    "href": "/zoeken" + with_query(request, **{name: None, "pagina": None}),
                }
            )
    return chips


def _canonical_ministries(
    facet: dict[str, int], ministries: Ministries, known: set[str]
) -> dict[str, int]:
    """A facet of offices as written ("Minister van Veiligheid en Justitie") counted per
    canonical ministry; an office the table does not know stays as written."""
    counts: dict[str, int] = {}
    for office, n in facet.items():
        name = ministries.ministry(office)
        name = name if name in known else office
        counts[name] = counts.get(name, 0) + n
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


@router.get(
    "/zoeken",
    summary="Zoeken in vragen en antwoorden, of bladeren met filters",
    description='Woorden, "exacte zinnen", OR, -uitsluiten, vraag:/antwoord:/onderwerp:.'
    " Zonder woorden: de zaken die aan de filters voldoen, nieuwste eerst (`cases`)."
    " Met woorden: de vraag–antwoordparen, beste eerst (`hits`, per zaak in `groups`)."
    " Een onbegrijpelijke zoekvraag geeft 400 met de reden. Ook als Atom-feed (.atom).",
)
def search_page(
    request: Request,
    store: StoreDep,
    render: RendererDep,
    deadlines: DeadlinesDep,
    q: QueryParam = "",
    partij: PartyParam = None,
    lid: MemberParam = None,
    ministerie: MinistryParam = None,
    minister: MinisterParam = None,
    van: FromParam = None,
    tot: ToParam = None,
    beantwoord_van: AnsweredFromParam = None,
    beantwoord_tot: AnsweredToParam = None,
    jaar: YearParam = None,
    soort: Annotated[
        Literal["questions", "answer", "postponement"] | None,
        Query(description="Alleen vragen, antwoorden of uitstelberichten"),
    ] = None,
    status: Annotated[
        Literal["answered", "open", "late"] | None,
        Query(description="Zaken die vandaag beantwoord, open of te laat (geweest) zijn"),
    ] = None,
    sorteer: Annotated[
        Literal["relevantie", "nieuwste", "oudste"] | None,
        Query(description="Volgorde: relevantie (met woorden), nieuwste of oudste eerst"),
    ] = None,
    pagina: PageParam = 1,
    per_pagina: PerPageParam = PER_PAGE,
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
    browsing = not q.strip()
    data: dict[str, Any] = {
        "query": q,
        "mode": "browse" if browsing else "search",
        "filters": {
            "partij": partij,
            "lid": lid,
            "ministerie": ministerie,
            "minister": minister,
            "van": dates["submitted_from"],
            "tot": dates["submitted_to"],
            "beantwoord_van": dates["received_from"],
            "beantwoord_tot": dates["received_to"],
            "jaar": jaar,
            "soort": soort,
            "status": status,
        },
        "sort": sorteer or ("nieuwste" if browsing else "relevantie"),
        "page": pagina,
        "per_page": per_pagina,
        "total": 0,
        "capped": False,
        "faceted": 0,
        "pages": 0,
        "hits": [],
        "groups": [],
        "cases": [],
        "facets": {},
    }
    statuses, day = statuses_on(request, store, deadlines, None)
    cache: BrowseCache = request.app.state.browse
    offered = cache.choices(deadlines.version, day, statuses)
    extra: dict[str, Any] = {
        "page_numbers": [],
        "error": None,
        "chips": _chips(request, data["filters"]),
        "choices": offered,
    }
    wants_feed = wanted(request) == "atom"
    if browsing:
        found = cache.browse(
            deadlines.version,
            day,
            statuses,
            CaseFilter(
                party=partij,
                member=lid,
                ministry=ministerie,
                minister=minister,
                submitted_from=van,
                submitted_to=tot,
                answered_from=beantwoord_van,
                answered_to=beantwoord_tot,
                year=jaar,
                kind=soort,
                status=status,
            ),
            "oudste" if sorteer == "oudste" else "nieuwste",
        )
        start = 0 if wants_feed else (pagina - 1) * per_pagina
        shown = found.cases[start : start + (FEED_SIZE if wants_feed else per_pagina)]
        data.update(
            total=len(found.cases),
            faceted=len(found.cases),
            pages=min(MAX_PAGE, math.ceil(len(found.cases) / per_pagina)),
            cases=[{**s.to_dict(), "path": case_path(s.case.key, s.case.zaak)} for s in shown],
            facets=found.facets,
        )
        extra["page_numbers"] = page_numbers(pagina, data["pages"])

        def feed_of_cases() -> Response:
            entries = [case_entry(s) for s in shown]
            return feed_response(render.env, request, "Kamervragen: nieuwste zaken", entries)

        return render.respond(
            request, "search.html", data, extra, feed=feed_of_cases, table="cases"
        )

    if ministerie and ministerie in offered.ministries:
        # A ministry by its canonical name: the cases the deadline work puts under it, so a
        # 1995 question to "Verkeer en Waterstaat" is found under its ministry of today.
        kept = {
            int(s.case.key)
            for s in statuses
            if s.case.key.isdigit() and ministerie in ministries_of(s)
        }
        filters = replace(filters, ministry=None, cases=kept)
    try:
        result = search(
            store,
            q,
            filters,
            statuses=statuses if status is not None else None,
            limit=FEED_SIZE if wants_feed else per_pagina,
            offset=0 if wants_feed else (pagina - 1) * per_pagina,
            facets=not wants_feed,
        )
    except QueryError as exc:
        message = f"Deze zoekvraag is niet te begrijpen: {query_error(str(exc))}"
        if wanted(request) != "html":
            return render.error(request, 400, message)
        return render.html(request, "search.html", {**data, **extra, "error": message}, 400)
    facets = dict(result.facets)
    if "ministry" in facets:
        known = set(offered.ministries)
        facets["ministry"] = _canonical_ministries(facets["ministry"], load_ministries(), known)
    if "year" in facets:
        facets["year"] = dict(sorted(facets["year"].items(), reverse=True))
    hits = [_hit(h) for h in result.hits]
    data.update(
        total=result.total,
        capped=result.capped,
        faceted=result.faceted,
        pages=min(MAX_PAGE, math.ceil(result.total / per_pagina)),
        hits=hits,
        groups=_by_case(hits),
        facets=facets,
    )
    extra["page_numbers"] = page_numbers(pagina, data["pages"])

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

    return render.respond(request, "search.html", data, extra, feed=feed_of_hits, table="hits")
