"""Answering in the format asked: a template for people, the same data as JSON, a feed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from kamervragen.web.commitment_view import mark_commitments
from kamervragen.web.csv_export import csv_response
from kamervragen.web.dutch import long_date, number, plural, short_date
from kamervragen.web.formats import twin, wanted
from kamervragen.web.links import case_path, linkify, name_path, reference_url

TEMPLATES = Path(__file__).parent / "templates"

STATUS_LABELS = {
    "open": "open",
    "postponed": "uitgesteld",
    "open_overdue": "te laat, nog open",
    "answered_on_time": "op tijd beantwoord",
    "answered_late": "te laat beantwoord",
    "withdrawn": "ingetrokken",
    "unknown": "onbekend",
}
KIND_LABELS = {"questions": "vragen", "answer": "antwoord", "postponement": "uitstelbericht"}


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.0f}%"


def _days(value: float | None) -> str:
    return number(value)


def with_query(request: Request, **changes: Any) -> str:
    """This page's query string with some parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items() if k not in changes}
    params.update({k: str(v) for k, v in changes.items() if v not in (None, "")})
    return "?" + urlencode(params) if params else "?"


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        status_label=lambda s: STATUS_LABELS.get(s, s),
        kind_label=lambda k: KIND_LABELS.get(k, k),
        percent=_percent,
        days=_days,
        linkify=linkify,
        reference_url=reference_url,
        quote=lambda s: quote(str(s), safe=""),
        mark_commitments=mark_commitments,
        datum=long_date,
        kort=short_date,
        getal=number,
    )
    env.globals.update(
        case_path=case_path, name_path=name_path, with_query=with_query, meervoud=plural
    )
    return env


def _json_default(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(f"not JSON: {type(value).__name__}")


class PrettyJSON(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, indent=2, default=_json_default).encode(
            "utf-8"
        )


class Renderer:
    def __init__(self) -> None:
        self.env = make_environment()

    def html(
        self, request: Request, template: str, context: Mapping[str, Any], status_code: int = 200
    ) -> HTMLResponse:
        page = self.env.get_template(template).render(
            request=request,
            json_url=twin(request, "json"),
            **{"feed_url": None, **context},
        )
        return HTMLResponse(page, status_code=status_code)

    def respond(
        self,
        request: Request,
        template: str,
        data: Mapping[str, Any],
        extra: Mapping[str, Any] | None = None,
        feed: Callable[[], Response] | None = None,
        status_code: int = 200,
        table: str | None = None,
    ) -> Response:
        """``data`` as JSON, or the page (``data`` and ``extra`` in the template), or the
        feed if the page has one, or as CSV the rows of ``data[table]`` if it has a table
        (the same rows as the JSON)."""
        fmt = wanted(request)
        if fmt == "json":
            return PrettyJSON(dict(data), status_code=status_code)
        if fmt == "csv":
            if table is None:
                return self.error(request, 404, "deze pagina heeft geen CSV-export")
            name = request.url.path.strip("/").replace("/", "-") or "kamervragen"
            return csv_response(data.get(table) or [], name)
        if fmt == "atom":
            if feed is None:
                return self.error(request, 404, "deze pagina heeft geen Atom-feed")
            return feed()
        context = {**data, **(extra or {})}
        context.setdefault("csv_url", twin(request, "csv") if table else None)
        if feed is not None:
            context.setdefault("feed_url", twin(request, "atom"))
        return self.html(request, template, context, status_code)

    def error(self, request: Request, status_code: int, message: str) -> Response:
        if wanted(request) == "json":
            return PrettyJSON({"error": message, "status": status_code}, status_code=status_code)
        if wanted(request) in ("atom", "csv"):
            return Response(message, status_code=status_code, media_type="text/plain")
        return self.html(
            request, "error.html", {"status": status_code, "message": message}, status_code
        )
