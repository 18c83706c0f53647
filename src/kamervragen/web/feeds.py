"""Atom feeds: a search, a member, a party, a ministry, or one case ("tell me when this
is answered"). Entries carry dates only, given as midnight UTC."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from jinja2 import Environment
from starlette.requests import Request
from starlette.responses import Response

from kamervragen.deadlines import CaseStatus
from kamervragen.web.links import case_path
from kamervragen.web.rendering import KIND_LABELS, STATUS_LABELS

ATOM = "application/atom+xml; charset=utf-8"
MAX_ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: dt.date
    summary: str


def timestamp(day: dt.date | None) -> str:
    return f"{(day or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"


def feed_response(
    env: Environment, request: Request, title: str, entries: Iterable[Entry]
) -> Response:
    """The feed of ``entries``, newest first; its id and self link are this URL."""
    base = str(request.base_url).rstrip("/")
    ordered = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[:MAX_ENTRIES]
    page = request.url.path
    query = request.url.query
    body = env.get_template("feed.xml").render(
        title=title,
        feed_id=f"{base}{page}.atom" + (f"?{query}" if query else ""),
        page_url=f"{base}{page}" + (f"?{query}" if query else ""),
        updated=timestamp(max((e.updated for e in ordered), default=None)),
        entries=[
            {
                "id": e.id if e.id.startswith("http") else base + e.id,
                "title": e.title,
                "link": e.link if e.link.startswith("http") else base + e.link,
                "updated": timestamp(e.updated),
                "summary": e.summary,
            }
            for e in ordered
        ],
    )
    return Response(body, media_type=ATOM)


def last_event(status: CaseStatus) -> dt.date | None:
    """The day a case last changed: its answer, a postponement, or its submission."""
    days = [status.answered, *status.further_answers, *(n for n in status.case.postponements if n)]
    days.append(status.case.submitted)
    return max((d for d in days if d and d <= status.as_of), default=None)


def case_entry(status: CaseStatus) -> Entry:
    """A case in a member's, party's or ministry's feed; its id changes with its state,
    so that a reader shows the case again when it is answered."""
    case = status.case
    path = case_path(case.key, case.zaak)
    label = STATUS_LABELS.get(status.status.value, status.status.value)
    askers = ", ".join(f"{m.name} ({m.party})" if m.party else m.name for m in case.askers)
    return Entry(
        id=f"{path}#{status.status.value}-{last_event(status) or 'onbekend'}",
        title=f"{case.subject or 'Kamervragen'} — {label}",
        link=path,
        updated=last_event(status) or dt.date(1970, 1, 1),
        summary=f"Gesteld door {askers or 'onbekend'} op {case.submitted or 'onbekende datum'};"
        f" status: {label}" + (f", beantwoord op {status.answered}" if status.answered else ""),
    )


def document_entry(case: dict[str, object], document: dict[str, object]) -> Entry:
    """One document of a case in the case's feed."""
    kind = str(document["kind"])
    day_text = document.get("received") or document.get("submitted")
    day = dt.date.fromisoformat(str(day_text)) if day_text else dt.date(1970, 1, 1)
    path = str(case["path"])
    what = {
        "answer": "Antwoord ontvangen",
        "postponement": "Uitstel gemeld",
        "questions": "Vragen gesteld",
    }.get(kind, KIND_LABELS.get(kind, kind))
    return Entry(
        id=f"{path}#document-{document['document']}",
        title=f"{what}: {case.get('subject') or 'Kamervragen'}",
        link=path,
        updated=day,
        summary=f"{what} op {day_text or 'onbekende datum'}"
        + (f" ({document['official_id']})" if document.get("official_id") else ""),
    )
