"""``/``: recent answers and how many sets are open and overdue."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from kamervragen.dates import iso
from kamervragen.deadlines import Status
from kamervragen.storage import Store, case_rows
from kamervragen.web.deps import DeadlinesDep, RendererDep, StoreDep, statuses_on
from kamervragen.web.links import case_path

router = APIRouter(tags=["home"])
RECENT = 10


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


@router.get("/", summary="Home: recente antwoorden, open en te late vragen")
def home(
    request: Request, store: StoreDep, deadlines: DeadlinesDep, render: RendererDep
) -> Response:
    statuses, day = statuses_on(request, store, deadlines, None)
    data = {
        "as_of": day.isoformat(),
        "counts": store.counts(),
        "open": sum(s.status.is_open for s in statuses),
        "overdue": sum(s.status is Status.OPEN_OVERDUE for s in statuses),
        "recent_answers": recent_answers(store),
    }
    return render.respond(request, "home.html", data)


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return Response(status_code=204)
