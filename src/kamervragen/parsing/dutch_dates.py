"""Dutch dates as printed ("15 september 2017", "6 november jl.") to ISO dates."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH = "|".join(MONTHS)
DATE = re.compile(rf"\b(\d{{1,2}})\s*({_MONTH})\s*(\d{{4}}|jl\.?|j\.l\.)", re.IGNORECASE)


def parse_dutch_date(text: str, reference: str | None = None) -> str | None:
    """The first Dutch date in ``text`` as ISO; "jl." (this year) takes the year of
    ``reference`` (an ISO date), or the year before when the month lies after it."""
    m = DATE.search(text)
    if not m:
        return None
    day, month = int(m.group(1)), MONTHS[m.group(2).lower()]
    year_text = m.group(3)
    if year_text.isdigit():
        year = int(year_text)
    elif reference:
        ref = date.fromisoformat(reference)
        year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
