"""The search syntax: words, "exact phrases", OR, -exclusion and a side to search.

``radicalisering gemeenten`` finds pairs with both words; ``"kleine gemeenten"`` the
words in this order; ``jeugdzorg OR wmo`` either; ``-politie`` none with it;
``vraag:`` / ``antwoord:`` / ``onderwerp:`` before a word or phrase look only in the
question, the answer or the subject. ``OR`` binds closer than the implied AND:
``a b OR c`` is a AND (b OR c). Malformed input raises :class:`QueryError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kamervragen.errors import KamervragenError

Field = Literal["question", "answer", "subject"]

FIELDS: dict[str, Field] = {"vraag": "question", "antwoord": "answer", "onderwerp": "subject"}


class QueryError(KamervragenError):
    """A search query that cannot be understood; ``str(error)`` says why."""


@dataclass(frozen=True)
class Term:
    """A word (``phrase`` False) or an exact phrase, in one field or in all (None)."""

    text: str
    phrase: bool = False
    field: Field | None = None


@dataclass(frozen=True)
class Query:
    """Every group must match (one of its terms is enough); no excluded term may."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...] = ()


@dataclass(frozen=True)
class _Item:
    term: Term
    negated: bool


def _read_item(text: str, i: int) -> tuple[_Item, int]:
    """One (possibly negated, possibly field-prefixed) word or phrase starting at ``i``."""
    start = i
    negated = text[i] == "-"
    if negated:
        i += 1
        if i == len(text) or text[i].isspace():
            raise QueryError(f"a lone '-' at position {start + 1}: put it right before a word")
    field: Field | None = None
    colon = text.find(":", i)
    end_of_word = _word_end(text, i)
    if 0 <= colon < end_of_word and text[i:colon].lower() in FIELDS:
        field = FIELDS[text[i:colon].lower()]
        prefix = text[i : colon + 1]
        i = colon + 1
        if i == len(text) or text[i].isspace():
            raise QueryError(f"'{prefix}' needs a word or a \"phrase\" right after it")
        if text[i] == "-":
            raise QueryError(f"put '-' before '{prefix}', not after it")
    if text[i] == '"':
        close = text.find('"', i + 1)
        if close < 0:
            raise QueryError(f'unclosed quote at position {i + 1}: end the phrase with "')
        phrase = text[i + 1 : close].strip()
        if not phrase:
            raise QueryError(f"empty phrase at position {i + 1}")
        return _Item(Term(phrase, True, field), negated), close + 1
    end = _word_end(text, i)
    return _Item(Term(text[i:end], False, field), negated), end


def _word_end(text: str, i: int) -> int:
    while i < len(text) and not text[i].isspace() and text[i] != '"':
        i += 1
    return i


def parse(text: str) -> Query:
    """The query in ``text``; raises :class:`QueryError` if it is malformed."""
    items: list[_Item | None] = []  # None stands for OR
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        if text.startswith("OR", i) and (i + 2 == len(text) or text[i + 2].isspace()):
            items.append(None)
            i += 2
            continue
        item, i = _read_item(text, i)
        items.append(item)
    if not items:
        raise QueryError("empty query: give at least one word to search for")
    groups: list[list[_Item]] = []
    joined = False  # the previous token was OR
    for n, item in enumerate(items):
        if item is None:
            if n == 0 or n == len(items) - 1 or items[n - 1] is None:
                raise QueryError("OR needs a word or phrase on both sides")
            joined = True
            continue
        if joined:
            groups[-1].append(item)
        else:
            groups.append([item])
        joined = False
    positive: list[tuple[Term, ...]] = []
    excluded: list[Term] = []
    for group in groups:
        if any(item.negated for item in group):
            if len(group) > 1:
                raise QueryError("an excluded (-) word or phrase cannot be part of OR")
            excluded.append(group[0].term)
        else:
            positive.append(tuple(item.term for item in group))
    if not positive:
        raise QueryError("nothing to search for: add a word that must be found, not only -words")
    return Query(tuple(positive), tuple(excluded))
