"""Dutch as the pages write it: "6 oktober 2017", "1.234", "1 set" and "2 sets", and
invalid input explained in Dutch. The JSON twins keep ISO dates and plain numbers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from kamervragen.dates import as_date

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def long_date(value: str | dt.date | None, missing: str = "–") -> str:
    """``2017-10-06`` as "6 oktober 2017"; text that is no date as it is."""
    day = as_date(value)
    if day is None:
        return missing if value in (None, "") else str(value)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(value: str | dt.date | None, missing: str = "–") -> str:
    """``2017-10-06`` as "6 okt. 2017": for tables, where a long month would wrap."""
    day = as_date(value)
    if day is None:
        return missing if value in (None, "") else str(value)
    month = MONTHS[day.month - 1]
    short = month if len(month) <= 4 else month[:3] + "."
    return f"{day.day} {short} {day.year}"


def number(value: int | float | None, missing: str = "–") -> str:
    """A number with a point between thousands and a comma for decimals: 12.345 and 2,5."""
    if value is None:
        return missing
    if isinstance(value, float) and not value.is_integer():
        whole, _, decimals = f"{value:,.1f}".partition(".")
        return whole.replace(",", ".") + "," + decimals
    return f"{int(value):,}".replace(",", ".")


def plural(count: int | None, one: str, many: str) -> str:
    """ "1 set", "2 sets", "0 sets": the count with the word that goes with it."""
    n = count or 0
    return f"{number(n)} {one if n == 1 else many}"


# Pydantic's error types, said in Dutch; the rest as "ongeldig".
_REASONS = {
    "date_from_datetime_parsing": "ongeldige datum (gebruik JJJJ-MM-DD)",
    "date_parsing": "ongeldige datum (gebruik JJJJ-MM-DD)",
    "date_from_datetime_inexact": "ongeldige datum (gebruik JJJJ-MM-DD)",
    "date_type": "ongeldige datum (gebruik JJJJ-MM-DD)",
    "int_parsing": "geen geheel getal",
    "int_type": "geen geheel getal",
    "greater_than_equal": "te klein",
    "less_than_equal": "te groot",
    "string_too_long": "te lang",
    "string_too_short": "te kort",
    "string_pattern_mismatch": "bevat tekens die niet mogen",
    "literal_error": "onbekende waarde",
    "enum": "onbekende waarde",
    "missing": "ontbreekt",
}
_LIMITS = {"greater_than_equal": "ge", "less_than_equal": "le", "string_too_long": "max_length"}


def invalid_input(errors: Iterable[Mapping[str, Any]]) -> str:
    """One line naming each invalid parameter, its value and why, in Dutch:
    ``ongeldige invoer: van "2024-13-01": ongeldige datum (gebruik JJJJ-MM-DD)``."""
    parts = []
    for error in errors:
        where = ".".join(str(p) for p in tuple(error.get("loc", ()))[1:]) or "verzoek"
        kind = str(error.get("type", ""))
        reason = _REASONS.get(kind, "ongeldig")
        context = error.get("ctx") or {}
        if kind in ("literal_error", "enum") and context.get("expected"):
            reason += f"; kies uit {context['expected'].replace(' or ', ', ')}"
        elif kind in _LIMITS and _LIMITS[kind] in context:
            reason += f" (grens {context[_LIMITS[kind]]})"
        given = error.get("input")
        shown = f' "{given}"' if isinstance(given, str | int) and kind != "missing" else ""
        parts.append(f"{where}{shown}: {reason}")
    return "ongeldige invoer: " + "; ".join(parts)


# The search syntax's complaints (:mod:`kamervragen.search.query`), said in Dutch.
_QUERY_ERRORS: tuple[tuple[str, str], ...] = (
    (
        r"a lone '-' at position (\d+).*",
        r"een losse '-' op positie \1: zet hem direct voor een woord",
    ),
    (r"'(\w+:)' needs a word.*", r"na '\1' moet direct een woord of een \"zin\" volgen"),
    (r"put '-' before '(\w+:)'.*", r"zet '-' vóór '\1', niet erna"),
    (
        r"unclosed quote at position (\d+).*",
        r"aanhalingsteken op positie \1 niet gesloten: sluit de zin af met \"",
    ),
    (r"empty phrase at position (\d+)", r"lege zin op positie \1"),
    (r"empty query.*", "lege zoekvraag: geef ten minste één woord"),
    (
        r"OR needs a word or phrase on both sides",
        "OR heeft aan beide kanten een woord of zin nodig",
    ),
    (r"an excluded \(-\) word.*", "een uitgesloten (-) woord of zin kan geen deel van OR zijn"),
    (
        r"nothing to search for: add a word.*",
        "niets te zoeken: geef ook een woord dat er wél in moet staan, niet alleen -woorden",
    ),
    (
        r"nothing to search for: the query has no letters.*",
        "niets te zoeken: de zoekvraag bevat geen letters of cijfers",
    ),
    (
        r"\"(.*)\" has no letters or digits to search for",
        r"\"\1\" bevat geen letters of cijfers om op te zoeken",
    ),
)


def query_error(message: str) -> str:
    """A search syntax error in Dutch; one not known here as it is."""
    for pattern, dutch in _QUERY_ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, dutch, message)
    return message
