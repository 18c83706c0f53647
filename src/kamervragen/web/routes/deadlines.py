"""``/te-laat`` (open and overdue, like the Kamer's Monday overview) and ``/statistiek``
(figures per ministry, minister, party, member, year or month, with a chart)."""

from __future__ import annotations

import datetime as dt
import math
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.responses import Response

from kamervragen.deadlines import By, CaseStatus, group_stats, late_list, overall
from kamervragen.deadlines.plot import plot_stats
from kamervragen.errors import KamervragenError
from kamervragen.web.deps import AsOfParam, Page, PageDep
from kamervragen.web.dutch import long_date
from kamervragen.web.links import case_path, name_path
from kamervragen.web.paging import page_numbers

router = APIRouter(tags=["deadlines"])

BY_LABELS = {
    By.ministry: "ministerie",
    By.minister: "bewindspersoon",
    By.party: "partij",
    By.member: "Kamerlid",
    By.year: "jaar",
    By.month: "maand",
}
GROUP_PAGES = {By.ministry: "ministerie", By.party: "partij", By.member: "lid"}
PerParam = Annotated[By, Query(description="Waarnaar de cijfers gegroepeerd worden")]
FromParam = Annotated[dt.date | None, Query(description="Ingediend vanaf (YYYY-MM-DD)")]
ToParam = Annotated[dt.date | None, Query(description="Ingediend tot en met (YYYY-MM-DD)")]

_plot_lock = threading.Lock()  # matplotlib draws one chart at a time
_plots: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
MAX_PLOTS = 32
LATE_PER_PAGE = 100


@router.get("/te-laat", summary="Open vragen waarvan de termijn verstreken is")
def late_page(
    page: PageDep,
    as_of: AsOfParam = None,
    pagina: Annotated[int, Query(ge=1, le=100_000, description="Welke pagina")] = 1,
    per_pagina: Annotated[
        int, Query(ge=1, le=5000, description="Zaken per pagina (CSV: tot 5000)")
    ] = LATE_PER_PAGE,
) -> Response:
    statuses, day = page.statuses(as_of)
    entries = page.remember(("late", day), lambda: late_list(statuses))
    start = (pagina - 1) * per_pagina
    data = {
        "as_of": day.isoformat(),
        "count": len(entries),
        "new_this_week": page.remember(
            ("late-new", day), lambda: sum(e.new_this_week for e in entries)
        ),
        "page": pagina,
        "per_page": per_pagina,
        "pages": max(1, math.ceil(len(entries) / per_pagina)),
        "late": [
            {**e.to_dict(), "path": case_path(e.status.case.key, e.status.case.zaak)}
            for e in entries[start : start + per_pagina]
        ],
    }
    extra = {"page_numbers": page_numbers(pagina, data["pages"])}
    return page.render.respond(page.request, "late.html", data, extra, table="late")


def _between(
    statuses: list[CaseStatus], start: dt.date | None, end: dt.date | None
) -> list[CaseStatus]:
    return [
        s
        for s in statuses
        if (start is None and end is None)
        or (
            s.case.submitted is not None
            and (start is None or s.case.submitted >= start)
            and (end is None or s.case.submitted <= end)
        )
    ]


@dataclass(frozen=True)
class StatsChoice:
    """Which figures: grouped by what, for sets submitted when, judged on which day."""

    per: By
    start: dt.date | None
    end: dt.date | None
    as_of: dt.date | None

    def statuses(self, page: Page) -> tuple[list[CaseStatus], dt.date]:
        statuses, day = page.statuses(self.as_of)
        return _between(statuses, self.start, self.end), day


def _stats_choice(
    per: PerParam = By.ministry,
    van: FromParam = None,
    tot: ToParam = None,
    as_of: AsOfParam = None,
) -> StatsChoice:
    return StatsChoice(per, van, tot, as_of)


ChoiceDep = Annotated[StatsChoice, Depends(_stats_choice)]


@router.get("/statistiek", summary="Antwoordtijden en tijdigheid per groep")
def stats_page(page: PageDep, choice: ChoiceDep) -> Response:
    chosen, day = choice.statuses(page)
    per, van, tot, deadlines = choice.per, choice.start, choice.end, page.deadlines
    group_page = GROUP_PAGES.get(per)
    key = (per, van, tot, day)
    rows = page.remember(("stats", *key), lambda: group_stats(chosen, per, deadlines.rule))
    total = page.remember(("overall", *key), lambda: overall(chosen, deadlines.rule))
    data = {
        "as_of": day.isoformat(),
        "per": per.value,
        "from": van.isoformat() if van else None,
        "to": tot.isoformat() if tot else None,
        "rule": {
            "name": deadlines.rule.name,
            "title": deadlines.rule.title,
            "answer_days": deadlines.rule.answer_days,
            "postponed_days": deadlines.rule.postponed_days,
        },
        "overall": total.to_dict(),
        "groups": [
            {**r.to_dict(), "path": name_path(group_page, r.group) if group_page else None}
            for r in rows
        ],
    }
    extra = {"by_labels": {b.value: label for b, label in BY_LABELS.items()}}
    return page.render.respond(page.request, "stats.html", data, extra, table="groups")


@router.get(
    "/statistiek/grafiek.png",
    summary="De grafiek bij /statistiek (PNG)",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}},
)
def stats_chart(page: PageDep, choice: ChoiceDep) -> Response:
    chosen, day = choice.statuses(page)
    per, deadlines = choice.per, page.deadlines
    key = (deadlines.version, per, choice.start, choice.end, day)
    with _plot_lock:
        png = _plots.get(key)
        if png is None:
            rows = group_stats(chosen, per, deadlines.rule)
            title = f"Antwoordtijden per {BY_LABELS[per]} (peildatum {long_date(day)})"
            try:
                with tempfile.TemporaryDirectory() as tmp:
                    out = plot_stats(
                        rows, deadlines.rule, Path(tmp) / "chart.png", title, language="nl"
                    )
                    png = out.read_bytes()
            except KamervragenError as exc:
                return page.render.error(page.request, 404, str(exc))
            _plots[key] = png
            while len(_plots) > MAX_PLOTS:
                _plots.popitem(last=False)
    return Response(png, media_type="image/png", headers={"cache-control": "max-age=300"})
