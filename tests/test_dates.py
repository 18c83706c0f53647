"""Dates from backends, sources and people, in one place."""

import datetime as dt

import pytest

from kamervragen.dates import DateError, as_date, iso, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2024, 1, 31), dt.date(2024, 1, 31)),  # PostgreSQL
        (dt.datetime(2024, 1, 31, 23, 59), dt.date(2024, 1, 31)),
        ("2024-01-31", dt.date(2024, 1, 31)),  # SQLite
        ("2019-02-21T00:00:00+01:00", dt.date(2019, 2, 21)),  # the OData API
        ("2019-02-30T00:00:00", None),
        ("", None),
        (None, None),
        ("onbekend", None),
    ],
)
def test_as_date_and_iso_take_what_backends_and_sources_give(
    value: object, expected: dt.date | None
) -> None:
    assert as_date(value) == expected
    assert iso(value) == (expected.isoformat() if expected else None)


def test_a_typed_date_is_read_or_refused_with_where_it_was_given() -> None:
    assert parse_date("2024-01-31", "--since") == dt.date(2024, 1, 31)
    assert parse_date(None, "--since") is None
    with pytest.raises(DateError, match=r"^--since: '1-1-2024' is not a date \(use YYYY-MM-DD\)$"):
        parse_date("1-1-2024", "--since")
