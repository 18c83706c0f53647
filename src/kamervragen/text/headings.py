"""Recognise the headings that open a question or an answer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kamervragen.text.numbers import NUMBER_LIST, expand_numbers

# After the numbers: the end of the line, or a colon/full stop and the text itself.
_TAIL = r"\s*(?:[:.]\s*(?P<rest>.*)|$)"
QUESTION = re.compile(rf"^\s*(?:Vraag|Vragen)\s+(?:nr\.?\s*)?(?P<nums>{NUMBER_LIST}){_TAIL}")
ANSWER = re.compile(
    r"^\s*Antwoord(?:en)?(?:\s+(?:op|bij))?(?:\s+(?:de\s+)?(?:vraag|vragen))?"
    rf"\s+(?:nr\.?\s*)?(?P<nums>{NUMBER_LIST}){_TAIL}"
)
UNNUMBERED_ANSWER = re.compile(r"^\s*Antwoord(?:en)?\s*[:.]?\s*$")
# A postponement notice that reprints the questions puts its own text under this line.
NOTICE = re.compile(r"^\s*Mededeling\s*[:.]?\s*$")


_FIRST_LETTERS = frozenset("VAM")


@dataclass(frozen=True)
class Heading:
    kind: str  # "vraag", "antwoord", or "mededeling" (a notice's text: neither)
    numbers: list[str]
    rest: str  # text printed on the heading's own line after the numbers


def match_heading(text: str) -> Heading | None:
    """The heading on this line, if the line is one."""
    if len(text) > 400 or text.lstrip()[:1] not in _FIRST_LETTERS:
        return None  # every heading starts with "Vraag", "Antwoord" or "Mededeling"
    m = QUESTION.match(text)
    if m:
        return Heading("vraag", expand_numbers(m.group("nums")), (m.group("rest") or "").strip())
    m = ANSWER.match(text)
    if m:
        nums = expand_numbers(m.group("nums"))
        return Heading("antwoord", nums, (m.group("rest") or "").strip())
    if UNNUMBERED_ANSWER.match(text):
        return Heading("antwoord", [], "")
    if NOTICE.match(text):
        return Heading("mededeling", [], "")
    return None


def is_heading(text: str) -> bool:
    return match_heading(text) is not None
