"""Expand the question numbers of a heading: "2, 3 en 4", "2 t/m 4", "2-4", "3a"."""

from __future__ import annotations

import re

NUMBER = r"\d{1,3}[a-z]?"
# A list of numbers as headings write them; the separators are the ones Dutch uses.
# A space alone only before a number that a comma, "en" or the end follows ("7, 8, 9 10
# en 11": a comma left out).
_SEPARATOR = (
    r"\s*(?:,\s*(?:en\s+)?|\s+en\s+|\s*&\s*|\s+tot\s+en\s+met\s+|\s*t/m\s*|\s*[-–]\s*"
    r"|\s+(?=\d{1,3}[a-z]?(?:\s*,|\s+en\s|\s*$)))"
)
NUMBER_LIST = rf"{NUMBER}(?:{_SEPARATOR}{NUMBER})*"

_TOKEN = re.compile(rf"({NUMBER})|(tot\s+en\s+met|t/m|[-–])")


def expand_numbers(text: str) -> list[str]:
    """Every number a heading's number list covers, in order, without duplicates.

    >>> expand_numbers("2, 3 en 4")
    ['2', '3', '4']
    >>> expand_numbers("2 tot en met 4")
    ['2', '3', '4']
    >>> expand_numbers("3a en 3b")
    ['3a', '3b']
    """
    out: list[str] = []
    pending_range = False
    for number, range_word in _TOKEN.findall(text):
        if range_word:
            pending_range = bool(out)
            continue
        if pending_range and number.isdigit() and out[-1].isdigit():
            start, end = int(out[-1]), int(number)
            if start < end <= start + 50:
                out.extend(str(n) for n in range(start + 1, end + 1))
                pending_range = False
                continue
        pending_range = False
        out.append(number)
    seen: set[str] = set()
    return [n for n in out if not (n in seen or seen.add(n))]
