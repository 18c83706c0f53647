"""Searching question–answer pairs: the query compiled into index tokens, tiers and
budgets, hits, snippets and facets.

The store answers the questions this module asks of its index (:mod:`kamervragen.storage.
matches`: which pairs match, how many, their scores and facets); this module decides which
questions to ask and makes the result.
"""

from __future__ import annotations

import bisect
import heapq
import html
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from operator import itemgetter
from typing import Any

from kamervragen.deadlines import CaseStatus
from kamervragen.indexing import phrase_pairs
from kamervragen.search.filters import SearchFilters, impossible
from kamervragen.search.filters import conditions as filter_conditions
from kamervragen.search.query import Field, Query, QueryError, Term, parse
from kamervragen.storage import Store, StoredPair
from kamervragen.text.analysis import COMPOUND_MIN, analyse, marks

MARK = ("<mark>", "</mark>")
# How many compounds one word may stand for; the shortest are taken first.
MAX_COMPOUNDS = 12
# The total counts at most this many matches; ``SearchResult.capped`` says there are more.
COUNTED = 10_000
# The facets count at most this many matches: the most recently indexed.
FACETED = 2_000
# Hits are the best by relevance among at most this many matches (the most recently
# indexed ones; all of them when there are no more). 1,000 or 500 made single words
# faster but hardly moved the p95 over the mix of queries (1M pairs), and rank worse.
RANKED = 2_000
SNIPPET_WORDS = 30
_TOKEN = re.compile(r"\S+")

_WEIGHT = {"question": "A", "subject": "B", "answer": "C"}  # PostgreSQL tsvector weights
Row = tuple[Any, ...]
_BM25 = "bm25(search_text, 3.0, 1.0, 1.5, 0.0)"  # question, answer, subject, filter words


@dataclass(frozen=True)
class Hit(StoredPair):
    """One question with the answer given to it, as a search found it."""

    score: float
    snippet: str


@dataclass
class SearchResult:
    """``total`` matches, or when ``capped`` at least that many (no more were counted).
    The facets count the ``faceted`` most recently indexed of them: all when there are
    no more than :data:`FACETED`."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    capped: bool = False
    faceted: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "capped": self.capped,
            "faceted": self.faceted,
            "hits": [asdict(h) for h in self.hits],
            "facets": self.facets,
        }


# --- the query for the backend -----------------------------------------------------

Alternative = tuple[str, ...]  # stems in a row: one word, or a phrase


@dataclass(frozen=True)
class _Compiled:
    field: Field | None
    alternatives: tuple[Alternative, ...]


def _compounds(store: Store, stem: str) -> list[str]:
    """The indexed stems that contain ``stem``: the compounds it is part of."""
    if len(stem) < COMPOUND_MIN:
        return []
    return [t for t in store.compound_terms(stem, MAX_COMPOUNDS) if t != stem]


def _compile_term(store: Store, term: Term) -> _Compiled | None:
    stems = tuple(analyse(term.text))
    if not stems:
        if term.phrase:
            raise QueryError(f'"{term.text}" has no letters or digits to search for')
        return None  # a word of punctuation only: nothing to look for
    alternatives: list[Alternative] = [stems]
    if len(stems) == 1 and not term.phrase:
        alternatives += [(c,) for c in _compounds(store, stems[0])]
    return _Compiled(term.field, tuple(alternatives))


@dataclass(frozen=True)
class _Plan:
    groups: list[list[_Compiled]]
    excluded: list[_Compiled]

    @property
    def fields(self) -> set[Field]:
        """The sides the query looks at."""
        named = {t.field for g in self.groups for t in g}
        return {"question", "answer", "subject"} if None in named else {f for f in named if f}

    @property
    def stems(self) -> frozenset[str]:
        return frozenset(s for g in self.groups for t in g for alt in t.alternatives for s in alt)

    @property
    def widened(self) -> bool:
        """Whether a word also stands for compounds."""
        return any(len(t.alternatives) > 1 for g in self.groups for t in g)

    def fts5(self, exact: bool = False, side: Field | None = None, excluded: bool = True) -> str:
        """The FTS5 expression; ``exact``: the words themselves, not their compounds;
        ``side``: the words that name no side only there; ``excluded``: with the words
        that must not be there."""

        expr = " AND ".join(
            "("
            + " OR ".join(
                _fts5_term(t, t.alternatives[:1] if exact else t.alternatives, side) for t in g
            )
            + ")"
            for g in self.groups
        )
        return self._without(expr) if excluded else expr

    def _without(self, expr: str) -> str:
        """``expr`` without the excluded words."""
        if not self.excluded:
            return expr
        return f"({expr}) NOT ({' OR '.join(_fts5_term(t, t.alternatives) for t in self.excluded)})"

    def fts5_compounds(self, side: Field | None = None, excluded: bool = True) -> str:
        """The FTS5 expression of the matches that only a compound makes; ``excluded``:
        also not the excluded words, else with the exact words asked for unexcluded too
        (for bm25, over rows already known to match only by compounds)."""
        if len(self.groups) > 1:
            full = self.fts5(side=side, excluded=False)
            return self._without(f"({full}) NOT ({self.fts5(exact=True)})") if excluded else full
        # One group (``a``, ``a OR b``: most queries): its words' compounds, without the
        # words themselves. The same rows as everything but the exact words, but FTS5
        # never merges in the exact words' list (often by far the longest), it only skips
        # through it for the NOT.
        compounds = " OR ".join(
            _fts5_term(t, t.alternatives[1:], side) for t in self.groups[0] if t.alternatives[1:]
        )
        if not excluded:
            return compounds
        return self._without(f"({compounds}) NOT ({self.fts5(exact=True, excluded=False)})")

    def tsquery(self, exact: bool = False) -> str:
        def term(t: _Compiled, exact: bool) -> str:
            weight = _WEIGHT[t.field] if t.field else "ABC"
            alternatives = t.alternatives[:1] if exact else t.alternatives
            return (
                "("
                + " | ".join(" <-> ".join(f"'{s}':{weight}" for s in alt) for alt in alternatives)
                + ")"
            )

        parts = ["(" + " | ".join(term(t, exact) for t in g) + ")" for g in self.groups]
        parts += [f"!{term(t, False)}" for t in self.excluded]
        return " & ".join(parts)


_TEXT = "question answer subject"


def _fts5_term(
    t: _Compiled, alternatives: tuple[Alternative, ...], side: Field | None = None
) -> str:
    """One term of an FTS5 expression: any of ``alternatives``, in its field, else in
    ``side``, else in any text column."""
    # A phrase as its adjacent pairs (indexing.with_pairs): one token for two words.
    inner = " OR ".join('"' + " ".join(phrase_pairs(alt)) + '"' for alt in alternatives)
    return f"{t.field} : ({inner})" if t.field else f"{{{side or _TEXT}}} : ({inner})"


def _plan(store: Store, query: Query) -> _Plan:
    groups = []
    for group in query.groups:
        compiled = [c for t in group if (c := _compile_term(store, t)) is not None]
        if compiled:
            groups.append(compiled)
    if not groups:
        raise QueryError("nothing to search for: the query has no letters or digits")
    excluded = [c for t in query.excluded if (c := _compile_term(store, t)) is not None]
    return _Plan(groups, excluded)


# --- filters ---------------------------------------------------------------------

# --- the search ------------------------------------------------------------------


def snippet(
    text: str,
    stems: frozenset[str],
    words: int = SNIPPET_WORDS,
    found: list[tuple[int, int]] | None = None,
) -> str:
    """Some ``words`` of ``text`` from just before its first match, matches marked
    (``found``: the :func:`marks` of ``text``, when known)."""
    found = marks(text, stems) if found is None else found
    if not found:
        return ""
    spans = [m.span() for m in _TOKEN.finditer(text)]
    first = bisect.bisect_right([s for s, _ in spans], found[0][0]) - 1
    low = max(0, first - 5)
    high = min(len(spans), low + words)
    begin, end = spans[low][0], spans[high - 1][1]
    out = []
    pos = begin
    for s, e in found:
        if begin <= s and e <= end:
            out += [html.escape(text[pos:s]), MARK[0], html.escape(text[s:e]), MARK[1]]
            pos = e
    out.append(html.escape(text[pos:end]))
    body = " ".join("".join(out).split())
    return ("… " if low > 0 else "") + body + (" …" if high < len(spans) else "")


def search(
    store: Store,
    query: str | Query,
    filters: SearchFilters | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    facets: bool = True,
    statuses: Sequence[CaseStatus] | None = None,
    snippets: bool = True,
) -> SearchResult:
    """The question–answer pairs that match ``query`` and ``filters``, best first.

    ``statuses``: every case's status today, where the caller keeps them (the web's
    cache), for a ``status`` filter; else they are judged from the store. ``snippets``:
    False leaves the hits' snippets empty (alerts want the pairs, not their marks).

    Pairs that match the words themselves come before pairs that match only through a
    compound (``radicalisering`` before ``antiradicaliseringsbeleid``); within each, the
    best by relevance (bm25 in SQLite, ts_rank in PostgreSQL) among the :data:`RANKED`
    most recently indexed matches. In SQLite, where the words alone (whatever the
    filters) are found more than :data:`COUNTED` times, the matches are ordered by where
    the words are instead (question, then subject, then answer; newest first): bm25
    would first pass over every pair holding the words. A question
    that a case holds twice (its questions and its answer) is found once, in the latest
    answer, unless the filters ask for one ``kind`` of document. ``total`` counts every match
    up to :data:`COUNTED` (or ``offset + limit``), and ``capped`` says there are more; the
    facets (per party, ministry and year) count the :data:`FACETED` most recently
    indexed of those (``faceted`` says how many).
    """
    if limit < 0 or offset < 0:
        raise QueryError("limit and offset cannot be negative")
    plan = _plan(store, parse(query) if isinstance(query, str) else query)
    wanted = (filters or SearchFilters()).with_cases(store, statuses)
    conditions = filter_conditions(store, wanted)
    if impossible(conditions):
        return SearchResult(0, [], _count_facets([]) if facets else {})
    matches = store.matches(plan, conditions)
    budget = max(COUNTED, offset + limit)  # matches still to count
    faceted = FACETED if facets else 0  # matches still to count in the facets
    total, capped = 0, False
    groups: list[Row] = []  # (parties, ministries, year) of each match counted in facets
    order: list[tuple[int, float]] = []  # (pair, score), best first
    # The words themselves first, then what only a compound matches.
    for tier in ("exact", "compounds") if plan.widened else ("all",):
        if budget == 0:
            capped = True
            break
        wanted = offset + limit - len(order)
        counted, oldest = matches.count(tier, budget + 1, wanted > 0 or faceted > 0)
        more = counted > budget  # found more often than counted
        capped, counted = capped or more, min(counted, budget)
        total += counted
        budget -= counted
        if not counted:
            continue
        share = min(faceted, counted)
        faceted -= share
        if wanted > 0 and matches.by_place and (more or matches.common(tier, COUNTED)):
            placed = matches.placed(tier, wanted, int(oldest))
            order += sorted(placed, key=lambda x: (-x[1], -x[0]))
        elif wanted > 0:
            # The newest matches, scored, with their facets (one pass).
            scored, faceted_rows = matches.ranked(tier, max(RANKED, wanted, share), share)
            groups += faceted_rows
            share = 0
            # Only the best ``wanted`` count (a page of 10 among 2,000): best score first,
            # then newest, as sorting all by (-score, -pair) would give.
            best = heapq.nlargest(wanted, scored, key=itemgetter(1, 0))
            order += [(int(i), float(score)) for i, score in best]
        if share:
            groups += matches.facets(tier, share)
    hits = _hits(store, plan, order[offset : offset + limit], snippets)
    counts = _count_facets(groups) if facets else {}
    return SearchResult(total, hits, counts, capped, sum(counts.get("year", {}).values()))


_SIDES: tuple[Field, ...] = ("question", "answer", "subject")


def _count_facets(rows: list[Row]) -> dict[str, dict[str, int]]:
    """Matches per party, ministry and year, most first (a pair counts once per name),
    from the (parties, ministries, year) of each match."""
    counts: dict[str, Counter[str]] = {}
    # Each field apart (transposed and counted in C): far fewer distinct values to split
    # than distinct rows.
    parties, ministries, years = zip(*rows, strict=True) if rows else ((), (), ())
    for facet, column in (("party", parties), ("ministry", ministries)):
        counts[facet] = Counter()
        for names, n in Counter(column).items():
            for name in set(names.split("\n")) if names else ():
                counts[facet][name] += n
    counts["year"] = Counter({str(y): n for y, n in Counter(years).items() if y is not None})
    return {
        facet: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
        for facet, values in counts.items()
    }


def _hits(
    store: Store, plan: _Plan, page: list[tuple[int, float]], snippets: bool = True
) -> list[Hit]:
    if not page:
        return []
    rows = store.stored_pairs([i for i, _ in page])
    stems = plan.stems
    hits = []
    for pair, score in page:
        row = rows[pair]
        texts = (row.question_text, row.answer_text, row.subject)
        hits.append(
            Hit(
                **asdict(row),
                score=round(score, 6),
                snippet=_best_snippet(
                    stems, [t for f, t in zip(_SIDES, texts, strict=True) if f in plan.fields]
                )
                if snippets
                else "",
            )
        )
    return hits


def _best_snippet(stems: frozenset[str], texts: list[str | None]) -> str:
    """The snippet of the text with the most matched words (the first of equals)."""
    marked = [(t or "", marks(t or "", stems)) for t in texts]
    best, found = max(marked, key=lambda tm: len(tm[1]))
    return snippet(best, stems, found=found)
