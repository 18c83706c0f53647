"""Small conversions of what the backends return."""

from __future__ import annotations

import datetime as dt


def iso(value: object) -> str | None:
    """A date as ``YYYY-MM-DD``: PostgreSQL returns dates, SQLite text."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]
