"""Dates as the project meets them outside the documents' text: dates, ISO text, typed.

What a backend returns for a date column (a ``date`` from PostgreSQL, ISO text from
SQLite) and what a source gives (``"2019-02-21T00:00:00+01:00"`` from the OData API,
``isodatum`` in KOOP's XML) become a date with :func:`as_date` or its ISO text with
:func:`iso`; neither raises, a value that holds no date gives None. A date a person
typed (a command-line option, a row of a data file) is read by :func:`parse_date`, which
says what was wrong. Dutch dates as printed in the documents ("15 september 2017") are
read by :mod:`kamervragen.parsing.dutch_dates`.

>>> as_date("2019-02-21T00:00:00+01:00")
datetime.date(2019, 2, 21)
>>> iso(dt.date(2024, 1, 31)), iso(""), iso("not a date")
('2024-01-31', None, None)
"""

from __future__ import annotations

import datetime as dt

from kamervragen.errors import KamervragenError


class DateError(KamervragenError):
    """A date given by a person is not an ISO date."""


def as_date(value: object) -> dt.date | None:
    """The calendar date of a date, a date-time or text that starts with an ISO date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def iso(value: object) -> str | None:
    """The date of ``value`` (as for :func:`as_date`) as ``YYYY-MM-DD``."""
    day = as_date(value)
    return day.isoformat() if day else None


def parse_date(text: str | None, what: str) -> dt.date | None:
    """A date typed as ``YYYY-MM-DD`` (None if none was given); ``what`` names where it
    was given, for the :class:`DateError` a date that is not one raises."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DateError(f"{what}: {text!r} is not a date (use YYYY-MM-DD)") from None
