"""``/``: new questions, answers due this week, the longest overdue, recent answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from kamervragen.dates import iso
from kamervragen.deadlines import CaseStatus, Status, late_list
from kamervragen.storage import Store, case_rows
from kamervragen.web.browse import BrowseCache, CaseFilter
from kamervragen.web.deps import DeadlinesDep, RendererDep, StoreDep, statuses_on
from kamervragen.web.links import case_path

router = APIRouter(tags=["home"])
RECENT = 10
WEEK = 7  # days ahead in "deze week verwacht"


def recent_answers(store: Store, limit: int = RECENT) -> list[dict[str, object]]:
    return [
        {
            "document": int(r[0]),
            "official_id": r[1],
            "case": int(r[2]) if r[2] is not None else None,
            "zaak": r[3],
            "subject": r[4],
            "received": iso(r[5]),
            "askers": r[6],
            "path": case_path(r[2], r[3]) if r[2] is not None else None,
        }
        for r in case_rows.recent_answers(store, limit)
    ]


def _row(s: CaseStatus) -> dict[str, Any]:
    return {**s.to_dict(), "path": case_path(s.case.key, s.case.zaak)}


def _due_this_week(statuses: list[CaseStatus], day: dt.date) -> list[CaseStatus]:
    """Open sets whose answer is due from today to seven days on, soonest first."""
    week = day + dt.timedelta(days=WEEK)
    due = [s for s in statuses if s.status.is_open and s.due and day <= s.due <= week]
    return sorted(due, key=lambda s: (s.due or day, s.case.key))


@router.get(
    "/",
    summary="Home: nieuwe vragen, antwoorden die deze week verwacht worden, te late vragen"
    " en recente antwoorden",
)
def home(
    request: Request, store: StoreDep, deadlines: DeadlinesDep, render: RendererDep
) -> Response:
    statuses, day = statuses_on(request, store, deadlines, None)
    cache: BrowseCache = request.app.state.browse
    version = deadlines.version
    newest = cache.browse(version, day, statuses, CaseFilter(), "nieuwste").cases
    # Keyed as Page.remember keys them: the late list is the one /te-laat keeps.
    due = cache.remember((version, "due", day), lambda: _due_this_week(statuses, day))
    late = cache.remember((version, "late", day), lambda: late_list(statuses))
    data = {
        "as_of": day.isoformat(),
        "counts": cache.remember((version, "counts"), store.counts),
        "open": cache.remember(
            (version, "open", day), lambda: sum(s.status.is_open for s in statuses)
        ),
        "overdue": cache.remember(
            (version, "overdue", day),
            lambda: sum(s.status is Status.OPEN_OVERDUE for s in statuses),
        ),
        "new_questions": [_row(s) for s in newest[:RECENT]],
        "due_this_week": [_row(s) for s in due[:RECENT]],
        "due_this_week_count": len(due),
        "overdue_longest": [
            {**e.to_dict(), "path": case_path(e.status.case.key, e.status.case.zaak)}
            for e in late[:RECENT]
        ],
        # The newest answers change only with the store (50 ms at 20,000 documents).
        "recent_answers": cache.remember((version, "recent"), lambda: recent_answers(store)),
    }
    return render.respond(request, "home.html", data)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return Response(status_code=204)
