"""A page's table as CSV: the rows of its JSON twin, one line each, for a spreadsheet.

Nested values are written as a reader of the page would: askers as "Tellegen (VVD)",
lists joined by "; "; the per-ministry detail of a case is left out (it has its own
columns in the statistics).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from starlette.responses import Response

LEFT_OUT = {"by_ministry", "snippet", "path", "as_of"}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Mapping):
        name = value.get("name") or value.get("ministry") or ""
        return f"{name} ({value['party']})" if value.get("party") else str(name)
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def csv_text(rows: Sequence[Mapping[str, Any]]) -> str:
    """``rows`` as CSV with a header of their keys (the first row's order; keys that
    only later rows have are added at the end)."""
    columns: list[str] = []
    for row in rows:
        columns += [k for k in row if k not in columns and k not in LEFT_OUT]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def csv_response(rows: Sequence[Mapping[str, Any]], name: str) -> Response:
    # A byte order mark, so that a spreadsheet opens the UTF-8 (Kostić, Gabriëls) as such.
    body = "\ufeff" + csv_text(rows)
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )
