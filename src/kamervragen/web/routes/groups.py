"""Members, parties and ministries: their questions and how fast they were answered.

``/leden``, ``/partijen``, ``/ministeries`` list them with their figures; ``/lid/{naam}``,
``/partij/{naam}`` and ``/ministerie/{naam}`` show one with its sets (and an Atom feed).
Ministries are the canonical ministries of the deadline statistics.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from starlette.responses import Response

from kamervragen.deadlines import By, CaseStatus, group_stats
from kamervragen.people import People, Person
from kamervragen.web.deps import MAX_NAME, AsOfParam, PageDep
from kamervragen.web.feeds import case_entry, feed_response
from kamervragen.web.links import case_path, name_path
from kamervragen.web.paging import page_numbers
from kamervragen.web.people import people_of
from kamervragen.web.routes.commitments import ministry_commitments

router = APIRouter(tags=["members, parties, ministries"])
PER_PAGE = 50
PageParam = Annotated[int, Query(ge=1, le=10_000, description="Welke pagina van de vragen")]
PersonParam = Annotated[
    str | None,
    Query(max_length=64, description="Alleen de vragen van deze persoon (Persoon-id van de Kamer)"),
]
PerPageParam = Annotated[int, Query(ge=1, le=1000, description="Vragen per pagina")]

NameParam = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_NAME,
        description="De naam zoals in de lijst: achternaam, partij of ministerie",
    ),
]


def _ministries(s: CaseStatus) -> set[str]:
    return {m.ministry for m in s.by_ministry} | set(s.case.asked)


@dataclass(frozen=True)
class GroupKind:
    by: By
    path: str  # ``lid`` in /lid/{naam}
    index_path: str
    title: str  # singular, for one
    plural: str
    belongs: Callable[[CaseStatus, str], bool]


KINDS = {
    "lid": GroupKind(
        By.member, "lid", "leden", "Kamerlid", "Kamerleden",
        lambda s, name: any(m.name == name for m in s.case.askers),
    ),
    "partij": GroupKind(
        By.party, "partij", "partijen", "Partij", "Partijen",
        lambda s, name: any(m.party == name for m in s.case.askers),
    ),
    "ministerie": GroupKind(
        By.ministry, "ministerie", "ministeries", "Ministerie", "Ministeries",
        lambda s, name: name in _ministries(s),
    ),
}  # fmt: skip


def case_row(s: CaseStatus) -> dict[str, Any]:
    return {**s.to_dict(), "path": case_path(s.case.key, s.case.zaak)}


def _persons(
    people: People, statuses: list[CaseStatus], name: str, wanted: str | None
) -> tuple[list[CaseStatus], list[dict[str, Any]]]:
    """The persons the askers written as ``name`` are (by party and date), each with its
    number of sets, and the sets of the ``wanted`` person only (all when None)."""
    counts: Counter[str] = Counter()
    found: dict[str, Person] = {}
    kept = []
    for s in statuses:
        linked = None
        for m in s.case.askers:
            if m.name == name:
                linked = people.link(m.name, m.party, s.case.submitted) or linked
        if linked is not None:
            counts[linked.id] += 1
            found[linked.id] = linked
        if wanted is None or (linked is not None and linked.id == wanted):
            kept.append(s)
    persons = [{**found[i].to_dict(), "sets": n} for i, n in counts.most_common()]
    return kept, persons


def _index(kind: GroupKind) -> Callable[..., Response]:
    def index(page: PageDep, as_of: AsOfParam = None) -> Response:
        statuses, day = page.statuses(as_of)
        rows = page.remember(
            ("groups", kind.by, day), lambda: group_stats(statuses, kind.by, page.deadlines.rule)
        )
        data = {
            "as_of": day.isoformat(),
            "kind": kind.path,
            "groups": [{**r.to_dict(), "path": name_path(kind.path, r.group)} for r in rows],
        }
        return page.render.respond(
            page.request, "groups.html", data, {"title": kind.plural}, table="groups"
        )

    return index


def _one(kind: GroupKind) -> Callable[..., Response]:
    def one(
        page: PageDep,
        naam: NameParam,
        as_of: AsOfParam = None,
        pagina: PageParam = 1,
        per_pagina: PerPageParam = PER_PAGE,
        persoon: PersonParam = None,
    ) -> Response:
        request, render, rule = page.request, page.render, page.deadlines.rule
        statuses, day = page.statuses(as_of)
        people = people_of(request)

        def select() -> tuple[list[CaseStatus], list[dict[str, Any]], Any]:
            mine = [s for s in statuses if kind.belongs(s, naam)]
            mine.sort(key=lambda s: (s.case.submitted is not None, s.case.submitted), reverse=True)
            persons: list[dict[str, Any]] = []
            if kind.by is By.member and mine:
                mine, persons = _persons(people, mine, naam, persoon)
            stats = group_stats(mine, kind.by, rule)
            return mine, persons, next((r for r in stats if r.group == naam), None)

        mine, persons, figures = page.remember(("one", kind.path, naam, persoon, day), select)
        if not mine and persoon:
            return render.error(request, 404, f"geen vragen van persoon {persoon}")
        if not mine:
            return render.error(request, 404, f"geen vragen gevonden voor {kind.title} {naam}")
        data = {
            "as_of": day.isoformat(),
            "kind": kind.path,
            "name": naam,
            "figures": figures.to_dict() if figures else None,
            "persons": persons,
            "total": len(mine),
            "page": pagina,
            "per_page": per_pagina,
            "pages": max(1, math.ceil(len(mine) / per_pagina)),
            "cases": [case_row(s) for s in mine[(pagina - 1) * per_pagina : pagina * per_pagina]],
        }
        if kind.by is By.ministry:
            data["commitments"] = ministry_commitments(page.store, naam, day)
        if kind.by is not By.ministry:
            data["by_ministry"] = [
                {**r.to_dict(), "path": name_path("ministerie", r.group)}
                for r in page.remember(
                    ("one-ministries", kind.path, naam, persoon, day),
                    lambda: group_stats(mine, By.ministry, rule),
                )
            ]
        if kind.by is By.party:
            data["members"] = [
                {**r.to_dict(), "path": name_path("lid", r.group)}
                for r in page.remember(
                    ("one-members", kind.path, naam, persoon, day),
                    lambda: group_stats(mine, By.member, rule),
                )
            ]

        def feed() -> Response:
            title = f"Kamervragen — {kind.title.lower()} {naam}"
            return feed_response(render.env, request, title, [case_entry(s) for s in mine])

        extra = {
            "title": f"{kind.title} {naam}",
            "by_ministry": [],
            "members": [],
            "page_numbers": page_numbers(pagina, data["pages"]),
        }
        return render.respond(
            request, "group.html", data, {**extra, **data}, feed=feed, table="cases"
        )

    return one


for _kind in KINDS.values():
    router.add_api_route(
        f"/{_kind.index_path}",
        _index(_kind),
        methods=["GET"],
        summary=f"{_kind.plural} met aantallen vragen en antwoordtijden",
        name=f"{_kind.index_path}",
    )
    router.add_api_route(
        f"/{_kind.path}/{{naam}}",
        _one(_kind),
        methods=["GET"],
        summary=f"{_kind.title}: de vragen en de antwoordtijden (ook als Atom-feed)",
        name=f"{_kind.path}",
    )
