"""``/toezeggingen``: the promises made in answers, overdue first, with filters, figures
and an Atom feed of new ones; ``/bewindspersoon/{naam}``: one minister's.

"Over datum" (overdue) means past the promised date only: kamervragen does not know the
letters that may have fulfilled a promise, and every page says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query
from starlette.responses import Response

from kamervragen.commitments import CommitmentStatus
from kamervragen.deadlines.commitments import (
    StoredCommitment,
    figures,
    per_ministry,
    per_ministry_and_year,
    per_year,
    select,
)
from kamervragen.storage import Store
from kamervragen.web.commitment_view import (
    OVERDUE_NOTE,
    STATUS_LABELS,
    commitment_row,
    commitments_on,
)
from kamervragen.web.deps import MAX_NAME, AsOfParam, PageDep, today
from kamervragen.web.feeds import Entry, feed_response
from kamervragen.web.links import name_path

router = APIRouter(tags=["commitments"])

MinistryParam = Annotated[
    str | None, Query(alias="ministerie", max_length=MAX_NAME, description="Ministerie")
]
MinisterParam = Annotated[
    str | None,
    Query(max_length=MAX_NAME, description="Bewindspersoon (naam, of functie en naam)"),
]
StatusParam = Annotated[
    CommitmentStatus | None,
    Query(description="overdue (over datum), due_soon (binnen 30 dagen), open, no_date"),
]
YearParam = Annotated[
    int | None, Query(alias="jaar", ge=1900, le=2100, description="Jaar van het antwoord")
]


def _listing(found: list[StoredCommitment], day: dt.date) -> dict[str, Any]:
    """What a page of commitments holds: the day, the counts, the note, the figures and
    the commitments themselves."""
    return {
        "as_of": day.isoformat(),
        "count": len(found),
        "overdue": sum(c.status is CommitmentStatus.overdue for c in found),
        "note": OVERDUE_NOTE,
        "figures": _figures(found),
        "commitments": [commitment_row(c) for c in found],
    }


def _figures(found: list[StoredCommitment]) -> dict[str, Any]:
    """The figures a page shows of ``found``: all, per ministry, per year, per both."""
    return {
        "all": figures(found).to_dict(),
        "per_ministry": [
            {**r.to_dict(), "path": name_path("ministerie", r.group)} for r in per_ministry(found)
        ],
        "per_year": [
            {**r.to_dict(), "path": "/toezeggingen?" + urlencode({"jaar": r.group})}
            for r in per_year(found)
        ],
        "per_ministry_and_year": [
            {**r.to_dict(), "path": None} for r in per_ministry_and_year(found)
        ],
    }


def entry(c: StoredCommitment) -> Entry:
    """A commitment in the feed: new when its answer is."""
    row = commitment_row(c)
    when = f"uiterlijk {c.due} ({c.due_text})" if c.due else "geen datum genoemd"
    return Entry(
        id=row["path"] or f"/toezeggingen#{row['anchor']}",
        title=f"Toezegging: {c.subject or c.official_id or 'Kamervragen'}",
        link=row["path"] or "/toezeggingen",
        updated=c.answered or dt.date(1970, 1, 1),
        summary=f"{c.text} — {when}; {', '.join(c.ministries) or 'ministerie onbekend'}",
    )


def _choices(store: Store, day: dt.date) -> dict[str, list[Any]]:
    everything = commitments_on(store, day)
    return {
        "ministries": sorted({m for c in everything for m in c.ministries}),
        "years": sorted({c.year for c in everything if c.year}, reverse=True),
        "statuses": [{"value": s.value, "label": label} for s, label in STATUS_LABELS.items()],
    }


@router.get(
    "/toezeggingen",
    summary="Toezeggingen in antwoorden: wat een bewindspersoon beloofde, en wanneer",
    description="De zinnen waarin de regering in een antwoord iets toezegt, over datum"
    " eerst. Status op de peildatum: overdue (de datum is voorbij), due_soon (binnen 30"
    " dagen), open, no_date (geen datum genoemd). Over datum betekent alleen dat de datum"
    " voorbij is: een brief die de toezegging nakwam kan bestaan zonder dat kamervragen"
    " die kent. Ook als Atom-feed (.atom): nieuwe toezeggingen.",
)
def commitments_page(
    page: PageDep,
    ministry: MinistryParam = None,
    minister: MinisterParam = None,
    status: StatusParam = None,
    year: YearParam = None,
    as_of: AsOfParam = None,
) -> Response:
    request, render = page.request, page.render
    day = as_of or today(request)
    found = select(
        commitments_on(page.store, day),
        ministry=ministry,
        minister=minister,
        status=status,
        year=year,
    )
    filters = {
        "ministerie": ministry,
        "minister": minister,
        "status": status.value if status else None,
        "jaar": year,
    }
    data = {"filters": filters, **_listing(found, day)}

    def feed() -> Response:
        title = "Kamervragen — nieuwe toezeggingen" + (f" van {ministry}" if ministry else "")
        return feed_response(render.env, request, title, [entry(c) for c in found])

    extra = {"title": "Toezeggingen", "choices": _choices(page.store, day)}
    return render.respond(request, "commitments.html", data, extra, feed=feed)


@router.get(
    "/bewindspersoon/{naam}",
    summary="Een bewindspersoon: de toezeggingen in de antwoorden die hij of zij tekende",
)
def minister_page(
    page: PageDep,
    naam: Annotated[
        str,
        Path(
            min_length=1,
            max_length=MAX_NAME,
            description="De bewindspersoon zoals in de lijst: ambt en naam",
        ),
    ],
    as_of: AsOfParam = None,
) -> Response:
    request, render = page.request, page.render
    day = as_of or today(request)
    found = select(commitments_on(page.store, day), minister=naam)
    if not found:
        return render.error(request, 404, f"geen toezeggingen gevonden van {naam}")
    data = {"name": naam, **_listing(found, day)}

    def feed() -> Response:
        return feed_response(
            render.env, request, f"Kamervragen — toezeggingen van {naam}", map(entry, found)
        )

    return render.respond(request, "minister.html", data, {"title": naam}, feed=feed)


def ministry_commitments(store: Store, ministry: str, day: dt.date) -> dict[str, Any]:
    """What a ministry's page shows of its commitments: how many, how many overdue, and
    the overdue ones and those due soon."""
    found = select(commitments_on(store, day), ministry=ministry)
    urgent = [c for c in found if c.status in (CommitmentStatus.overdue, CommitmentStatus.due_soon)]
    return {
        "count": len(found),
        "overdue": sum(c.status is CommitmentStatus.overdue for c in found),
        "path": "/toezeggingen?" + urlencode({"ministerie": ministry}),
        "urgent": [commitment_row(c) for c in urgent],
    }
