"""When a promise is due: the time words of a sentence, and the latest date they allow.

The dates follow the commitments contract, resolved against the answer's date (its
``reference``): "voor de zomer" is 1 July (of the next year once 1 July has passed),
"in het najaar" and "na de zomer" 31 December, "in het voorjaar" 30 June, "eind 2024"
and "in 2024" 31 December 2024, "begin 2025" and its first quarter 31 March 2025,
"medio 2025" and its first half 30 June 2025, "in mei" the last day of the next May,
"voor Prinsjesdag" the third Tuesday of September, an explicit date itself. Vague words
("binnenkort", "op korte termijn") and events without a fixed date ("na afronding van
het onderzoek", "tijdens COP29") are kept as words, with no date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kamervragen.commitments._text import lower

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH = "|".join(MONTHS)
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "1e": 1, "2e": 2, "3e": 3, "4e": 4}
_ORDINAL = "|".join(_ORDINALS)
_NUMBERS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "acht": 8,
    "tien": 10, "twaalf": 12,
}  # fmt: skip
_COUNT = "|".join([*_NUMBERS, r"\d{1,2}"])
_YEAR = r"(?:19|20)\d{2}"
# Extraction glues words ("dit najaarte informeren", "ditvoorjaar"): the words of a time
# expression may be separated by nothing at all, and it may end inside a word.
_S = r"\s*"
_OF_YEAR = rf"(?:{_S}(?:van{_S})?(?:het{_S}jaar{_S})?(?P<year>{_YEAR}))?"


@dataclass(frozen=True)
class Due:
    """The time words of a sentence (``text``, as they stand) and the date they allow."""

    text: str
    date: str | None
    start: int
    end: int


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _next_occurrence(reference: date, month: int, day: int) -> date:
    """``day``/``month`` of the reference's year, or of the next year once it has passed."""
    this_year = date(reference.year, month, day)
    return this_year if reference <= this_year else date(reference.year + 1, month, day)


def _prinsjesdag(year: int) -> date:
    first = date(year, 9, 1)
    first_tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + timedelta(days=14)


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _year(m: re.Match[str], reference: date, default: int | None = None) -> int:
    text = m.groupdict().get("year")
    return int(text) if text else (default if default is not None else reference.year)


# Each rule: a pattern (on lowercased text) and what date it gives; None for no date.
# Earlier rules win where two patterns cover the same words.
def _summer(m: re.Match[str], ref: date) -> date:
    year = m.groupdict().get("year")
    return date(int(year), 7, 1) if year else _next_occurrence(ref, 7, 1)


def _spring(m: re.Match[str], ref: date) -> date:
    year = m.groupdict().get("year")
    return date(int(year), 6, 30) if year else _next_occurrence(ref, 6, 30)


def _end_of_year(m: re.Match[str], ref: date) -> date:
    return date(_year(m, ref), 12, 31)


def _next_year_end(m: re.Match[str], ref: date) -> date:
    return date(ref.year + 1, 12, 31)


def _next_year_start(m: re.Match[str], ref: date) -> date:
    return date(ref.year + 1, 3, 31)


def _first_quarter(m: re.Match[str], ref: date) -> date:
    return date(_year(m, ref), 3, 31)


def _mid_year(m: re.Match[str], ref: date) -> date:
    return date(_year(m, ref), 6, 30)


def _quarter(m: re.Match[str], ref: date) -> date:
    return _last_day(_year(m, ref), 3 * _ORDINALS[m.group("ordinal")])


def _half(m: re.Match[str], ref: date) -> date:
    return _last_day(_year(m, ref), 6 * _ORDINALS[m.group("ordinal")])


def _month(m: re.Match[str], ref: date) -> date:
    month = MONTHS[m.group("month")]
    if m.groupdict().get("year"):
        return _last_day(int(m.group("year")), month)
    this_year = _last_day(ref.year, month)
    return this_year if month >= ref.month else _last_day(ref.year + 1, month)


def _explicit(m: re.Match[str], ref: date) -> date:
    day, month = int(m.group("day")), MONTHS[m.group("month")]
    if m.group("year"):
        return date(int(m.group("year")), month, day)
    return _next_occurrence(ref, month, day)


def _prinsjesdag_due(m: re.Match[str], ref: date) -> date:
    this_year = _prinsjesdag(ref.year)
    return this_year if ref <= this_year else _prinsjesdag(ref.year + 1)


def _christmas(m: re.Match[str], ref: date) -> date:
    return _next_occurrence(ref, 12, 25)


def _within(m: re.Match[str], ref: date) -> date:
    count_text = m.group("count")
    count = int(count_text) if count_text.isdigit() else _NUMBERS[count_text]
    unit = m.group("unit")
    if unit.startswith("dag"):
        return ref + timedelta(days=count)
    if unit.startswith("we"):
        return ref + timedelta(weeks=count)
    if unit.startswith("maand"):
        return _add_months(ref, count)
    return _add_months(ref, 12 * count)


def _quarter_number(m: re.Match[str], ref: date) -> date:
    return _last_day(int(m.group("year")), 3 * int(m.group("number")))


_THIS = rf"(?:dit|deze|komend[e]?|het{_S}komende?|aankomend[e]?|in{_S}het|in{_S}dit|het)"
_BEFORE = r"(?:voor|vóór|uiterlijk|ruim\s+voor)"
_EVENT_WORDS = (
    r"debat|behandeling|nota|overleg|top|reces|verkiezingen|vergadering|begroting|jaarverslag"
    r"|publicatie|cop\s*\d+"
)

Resolver = Callable[[re.Match[str], date], date] | None

# Each rule: a pattern and the date it gives (None: words without a date). Where two
# patterns cover the same words the earlier one wins.
_RULES: list[tuple[re.Pattern[str], Resolver]] = [
    (re.compile(p), resolve)
    for p, resolve in [
        # An explicit date: "voor 1 december 2023", "uiterlijk 15 maart".
        (
            rf"(?:{_BEFORE}|op|uiterlijk\s+op){_S}(?P<day>\d{{1,2}}){_S}(?P<month>{_MONTH})"
            rf"(?:{_S}(?P<year>{_YEAR}))?",
            _explicit,
        ),
        (rf"{_BEFORE}{_S}(?:de{_S}zomer|het{_S}zomerreces){_OF_YEAR}", _summer),
        (rf"(?:na{_S}de{_S}zomer|na{_S}het{_S}zomerreces){_OF_YEAR}", _end_of_year),
        # Events before the seasons, so that "bij de voorjaarsnota" is not spring.
        (
            rf"(?:tijdens|bij|voor|vóór|na|voorafgaand\s*aan|rond)\s+(?:\S+\s+){{0,6}}?"
            rf"\S*?(?:{_EVENT_WORDS})\S*",
            None,
        ),
        (rf"{_THIS}?{_S}najaar(?!s){_OF_YEAR}", _end_of_year),
        (rf"{_THIS}?{_S}voorjaar(?!s){_OF_YEAR}", _spring),
        (rf"(?:in{_S})?(?:het|de){_S}(?P<ordinal>{_ORDINAL}){_S}kwartaal{_OF_YEAR}", _quarter),
        (rf"\bq(?P<number>[1-4]){_S}(?P<year>{_YEAR})", _quarter_number),
        (rf"(?:in{_S})?de{_S}(?P<ordinal>eerste|tweede){_S}helft{_OF_YEAR}", _half),
        (rf"(?:begin|aan{_S}het{_S}begin{_S}van){_S}volgend{_S}jaar", _next_year_start),
        (rf"(?:in{_S})?(?:het{_S})?volgend{_S}jaar", _next_year_end),
        (
            rf"(?:(?:voor|vóór|tegen|aan){_S}het{_S}einde?{_S}van|eind|einde){_S}"
            rf"(?:dit|het){_S}jaar",
            _end_of_year,
        ),
        (rf"(?:later|nog){_S}dit{_S}jaar|(?:in{_S})?(?:het{_S})?komende?{_S}jaar", _end_of_year),
        (
            rf"(?:(?:voor|vóór|tegen|aan){_S}het{_S}einde?{_S}van|eind|einde|in{_S}de{_S}loop{_S}van)"
            rf"{_S}(?P<year>{_YEAR})",
            _end_of_year,
        ),
        (rf"(?:begin|aan{_S}het{_S}begin{_S}van){_S}(?P<year>{_YEAR})", _first_quarter),
        (rf"(?:medio|halverwege){_S}(?P<year>{_YEAR})", _mid_year),
        (rf"(?:in|uiterlijk{_S}in|nog{_S}in){_S}(?P<year>{_YEAR})\b", _end_of_year),
        (
            rf"(?:in{_S}(?:de{_S}maand{_S})?|begin{_S}|eind{_S}|medio{_S}|voor{_S}eind{_S})"
            rf"(?P<month>{_MONTH}){_OF_YEAR}",
            _month,
        ),
        (rf"{_BEFORE}{_S}prinsjesdag", _prinsjesdag_due),
        (rf"{_BEFORE}{_S}(?:de{_S})?kerst(?:mis)?\b", _christmas),
        # "binnen drie maanden" counts from the answer; "binnen vier weken na ontvangst"
        # from an event (no date).
        (
            rf"binnen{_S}(?:{_COUNT}){_S}(?:dagen|dag|weken|week|maanden|maand|jaar){_S}"
            rf"(?:na|nadat|vanaf|van)\b[^,.;]{{0,60}}",
            None,
        ),
        (
            rf"binnen{_S}(?P<count>{_COUNT}){_S}(?P<unit>dagen|dag|weken|week|maanden|maand|jaar)",
            _within,
        ),
        # Vague words and events: kept as words, with no date.
        (
            r"binnenkort|zo\s*spoedig\s*mogelijk|zo\s*snel\s*mogelijk|op\s*korte\s*termijn"
            r"|(?:de\s*)?komende\s*(?:tijd|periode|maanden|weken)|op\s*termijn|periodiek",
            None,
        ),
        (
            r"(?:wanneer|zodra|nadat|na\s*afronding|na\s*ontvangst|na\s*oplevering|na\s*afloop)"
            r"[^,.;]{0,80}",
            None,
        ),
        (r"\b(?:daarna|vervolgens|nadien|aansluitend)\b", None),
        (r"\bin\s+de\s+(?:eerst)?volgende\s+\S+", None),
    ]
]


# Every time expression holds one of these (a quick test before the thirty patterns).
_ANY_TIME = re.compile(
    rf"\d|{_MONTH}|zomer|najaar|voorjaar|jaar|kwartaal|helft|medio|halverwege|prinsjesdag"
    r"|kerst|binnen|spoedig|snel|termijn|komende|periodiek|tijdens|voorafgaand|wanneer|zodra"
    r"|nadat|na\s*(?:afronding|ontvangst|oplevering|afloop)|daarna|vervolgens|nadien"
    r"|aansluitend|volgende|debat|behandeling|nota|overleg|reces|cop",
)


# Every expression with a date holds one of these.
_ANY_DATE = re.compile(
    rf"(?:19|20)\d\d|{_MONTH}|zomer|najaar|voorjaar|jaar|kwartaal|helft|prinsjesdag|kerst"
    r"|binnen\s*\S+\s*(?:dag|we|maand|jaar)",
)


def may_have_a_date(text: str) -> bool:
    """``text`` may hold a time expression with a date (cheap)."""
    return _ANY_DATE.search(lower(text)) is not None


def has_time_words(text: str) -> bool:
    """``text`` may hold a time expression (cheap; :func:`find_dues` tells for sure)."""
    return _ANY_TIME.search(lower(text)) is not None


_MONTHS = tuple(MONTHS)
_YEARS = ("19", "20")
# What each rule's words must include, lowercased (in the order of _RULES): a quick test
# that spares the patterns most sentences.
_RULE_WORDS: list[tuple[str, ...]] = [
    _MONTHS,
    ("zomer",),
    ("zomer",),
    ("debat", "behandeling", "nota", "overleg", "top", "reces", "verkiezing", "vergadering",
     "begroting", "jaarverslag", "publicatie", "cop"),
    ("najaar",),
    ("voorjaar",),
    ("kwartaal",),
    ("q",),
    ("helft",),
    ("volgend",),
    ("volgend",),
    ("jaar",),
    ("jaar",),
    _YEARS,
    _YEARS,
    ("medio", "halverwege"),
    _YEARS,
    _MONTHS,
    ("prinsjesdag",),
    ("kerst",),
    ("binnen",),
    ("binnen",),
    ("binnenkort", "spoedig", "snel", "termijn", "komende", "periodiek"),
    ("wanneer", "zodra", "nadat", "na"),
    ("daarna", "vervolgens", "nadien", "aansluitend"),
    ("volgende",),
]  # fmt: skip
assert len(_RULE_WORDS) == len(_RULES)


def find_dues(text: str, reference: str | None) -> list[Due]:
    """Every time expression in ``text``, left to right, with the date it allows."""
    # Every pattern is lowercase: matching the lowered text is matching without case.
    lowered = lower(text)
    if _ANY_TIME.search(lowered) is None:
        return []
    ref = date.fromisoformat(reference) if reference else None
    found: list[Due] = []
    taken: list[tuple[int, int]] = []
    for (pattern, resolve), words in zip(_RULES, _RULE_WORDS, strict=True):
        if not any(map(lowered.__contains__, words)):
            continue
        for m in pattern.finditer(lowered):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            when: date | None = None
            if resolve is not None and ref is not None:
                try:
                    when = resolve(m, ref)
                except (ValueError, KeyError):  # "31 februari", a word not in the tables
                    when = None
            taken.append((start, end))
            found.append(
                Due(text[start:end].strip(), when.isoformat() if when else None, start, end)
            )
    return sorted(found, key=lambda d: d.start)
