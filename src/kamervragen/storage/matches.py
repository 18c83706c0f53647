"""The store's side of a search: walking, counting and scoring the matches of a query.

:mod:`kamervragen.search` compiles a query into a :class:`MatchPlan` (its words as index
tokens) and the filters into :class:`Conditions`; the store's backend
(:meth:`Store.matches`) finds the pairs that match them, with the SQL of its kind of
index: FTS5 in SQLite (:mod:`.sqlite_matches`), a tsvector in PostgreSQL
(:mod:`.postgres_matches`). Search decides what to ask for (tiers, budgets, pages);
the store answers.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Row = tuple[Any, ...]
Side = Literal["question", "answer", "subject"]
# The matches of a query come in tiers: "all" (one tier), or "exact" (the words
# themselves) before "compounds" (what only a compound of a word matches).
Tier = Literal["all", "exact", "compounds"]


class MatchPlan(Protocol):
    """A query's words as the index holds them (``search.engine._Plan``)."""

    def fts5(self, exact: bool = False, side: Side | None = None, excluded: bool = True) -> str:
        """The FTS5 expression; ``exact``: the words themselves, not their compounds;
        ``side``: the words that name no side only there; ``excluded``: with the words
        that must not be there."""

    def fts5_compounds(self, side: Side | None = None, excluded: bool = True) -> str:
        """The FTS5 expression of the matches that only a compound makes."""

    def tsquery(self, exact: bool = False) -> str:
        """The PostgreSQL tsquery."""


# A bound on a date of ``search_facts``: (column, operator, ISO date).
DateBound = tuple[Literal["submitted", "received"], Literal[">=", "<="], str]


@dataclass(frozen=True)
class Conditions:
    """What the filters keep, besides the query's words.

    ``words``: groups of filter words (:mod:`kamervragen.indexing.rows`), one of each group
    must be there; ``dates``: bounds the filter words could not say exactly, as (column
    of ``search_facts``, ``>=`` or ``<=``, ISO date); ``cases``: only the pairs of these
    cases (store ids); ``collapse``: leave out the pairs that a better document of their
    case repeats.
    """

    words: list[list[str]]
    dates: list[DateBound]
    cases: list[int] | None
    collapse: bool


class Matches(ABC):
    """The matches of one query and its conditions, newest (highest pair id) first."""

    # A tier whose words are common (common()) is ordered by placed() instead of ranked.
    by_place: bool

    @abstractmethod
    def common(self, tier: Tier, more_than: int) -> bool:
        """Whether the words alone (no filters) are found more than ``more_than`` times."""

    @abstractmethod
    def placed(self, tier: Tier, limit: int, since: int) -> list[tuple[int, float]]:
        """``limit`` matches from pair ``since`` on, scored by where the words are."""

    @abstractmethod
    def count(self, tier: Tier, limit: int, newest: bool) -> tuple[int, int | None]:
        """How many pairs match (at most ``limit``); ``newest``: the newest ``limit`` are
        wanted next (hits, facets), and the oldest of those is given too, else None."""

    @abstractmethod
    def facets(self, tier: Tier, limit: int) -> list[Row]:
        """The newest ``limit`` matches: (parties, ministries, year) of each."""

    @abstractmethod
    def ranked(
        self, tier: Tier, limit: int, faceted: int
    ) -> tuple[list[tuple[int, float]], list[Row]]:
        """The newest ``limit`` matches: (pair, score) of each, a higher score better;
        and (parties, ministries, year) of the newest ``faceted`` of them."""
