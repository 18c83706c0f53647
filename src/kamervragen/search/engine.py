"""Searching question–answer pairs: the query compiled for the backend, hits and facets."""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import html
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from operator import itemgetter
from typing import Any, Protocol

from kamervragen.deadlines import CaseStatus
from kamervragen.indexing import phrase_pairs
from kamervragen.search.columns import held_facets, names_of
from kamervragen.search.filters import SearchFilters
from kamervragen.search.query import Field, Query, QueryError, Term, parse
from kamervragen.storage import Store
from kamervragen.text.analysis import COMPOUND_MIN, analyse, fold, marks

MARK = ("<mark>", "</mark>")
# How many compounds one word may stand for; the shortest are taken first.
MAX_COMPOUNDS = 12
# The total counts at most this many matches; ``SearchResult.capped`` says there are more.
COUNTED = 10_000
# The facets count at most this many matches: the most recently indexed.
FACETED = 2_000
# Hits are the best by relevance among at most this many matches (the most recently
# indexed ones; all of them when there are no more).
RANKED = 2_000
SNIPPET_WORDS = 30
_TOKEN = re.compile(r"\S+")

_WEIGHT = {"question": "A", "subject": "B", "answer": "C"}  # PostgreSQL tsvector weights
Row = tuple[Any, ...]
_BM25 = "bm25(search_text, 3.0, 1.0, 1.5, 0.0)"  # question, answer, subject, filter words


@dataclass(frozen=True)
class Hit:
    """One question with the answer given to it."""

    pair: int
    case: int | None
    zaak: str | None
    document: str | int  # the official id, else the document number
    kind: str
    question: str  # its number
    question_text: str
    answer_text: str
    subject: str | None
    askers: str | None
    submitted: str | None
    received: str | None
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
    if store.dialect.name == "postgresql":
        rows = store.query(
            "SELECT term FROM search_terms WHERE term LIKE ? ORDER BY length(term), term LIMIT ?",
            (f"%{stem}%", MAX_COMPOUNDS),
        )
    else:
        rows = store.query(
            "SELECT term FROM search_terms_trigram WHERE search_terms_trigram MATCH ?"
            " ORDER BY length(term), term LIMIT ?",
            (f'"{stem}"', MAX_COMPOUNDS),
        )
    return [r[0] for r in rows if r[0] != stem]


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

# A case filter keeping at most one case in this many is looked up as the set of those
# cases' pairs, a larger one case by case as the matches are walked (at 1M pairs, 0.5 %
# of the cases: 30-135 ms as a set, up to 0.8 s case by case; bench/search_cases.py).
_FEW_CASES = 10

# A date range of at most this many years is looked up by its year words (an OR of
# more costs more than looking at the dates of the matches in search_facts, at 1M pairs).
_YEAR_WORDS = 40


def _year_words(prefix: str, years: range, open_low: bool, open_high: bool) -> list[str]:
    """The filter words for ``years``: whole decades inside the range as one word each
    (``s202`` for 2020–2029), the years at its ends one by one (``s2018``).

    A range open at one end (no bound given there) runs from the store's first or to its
    last year, and may take in the whole decade there: the store holds nothing beyond.
    An OR of fewer words is cheaper for FTS5 to walk with the words asked for.
    """
    if not years:
        return []
    low = years.start - years.start % 10 if open_low else years.start
    high = years.stop - 1 - (years.stop - 1) % 10 + 9 if open_high else years.stop - 1
    found = []
    year = low
    while year <= high:
        if year % 10 == 0 and year + 9 <= high:
            found.append(f"{prefix}d{year // 10}")
            year += 10
        else:
            found.append(f"{prefix}{year}")
            year += 1
    return found


@dataclass(frozen=True)
class _Filters:
    """What the filters ask: groups of filter words (one of each group must be there; an
    empty group matches nothing) and conditions on ``search_facts f``."""

    words: list[list[str]]
    where: list[str]
    params: list[Any]
    collapse: bool  # leave out the pairs that a better document of their case repeats
    # Whether the filters may leave few of the words' matches (then counted oldest first);
    # not so for a case filter that keeps most cases.
    narrow: bool = True

    @property
    def impossible(self) -> bool:
        return any(not group for group in self.words)


def _named(store: Store, table: str, value: str, whole: bool) -> list[int]:
    """The ids of the names in ``table`` equal to (``whole``) or containing ``value``,
    without regard to case or accents."""
    wanted = fold(" ".join(value.split()))
    found = []
    for i, name in store.query(f"SELECT id, name FROM {table}"):
        folded = fold(" ".join(str(name).split()))
        if folded == wanted if whole else wanted in folded:
            found.append(int(i))
    return found


def _filters(store: Store, wanted: SearchFilters) -> _Filters:
    """The filter words and conditions of ``wanted`` (its ``status`` already turned into
    ``cases``: :meth:`SearchFilters.with_cases`)."""
    words: list[list[str]] = []
    where: list[str] = []
    params: list[Any] = []
    for prefix, table, value, whole in (
        ("m", "persons", wanted.member, False),
        ("p", "parties", wanted.party, True),
        ("o", "offices", wanted.ministry, False),
        ("a", "persons", wanted.minister, False),
    ):
        if value:
            words.append([f"{prefix}{i}" for i in _named(store, table, value, whole)])
    bounds: dict[str, list[str | None]] = {"submitted": [None, None], "received": [None, None]}
    for name, iso in wanted.dates().items():
        if iso:
            column, _, bound = name.partition("_")
            bounds[column][bound == "to"] = iso
    for column, (low, high) in bounds.items():
        if not (low or high):
            continue
        # The years of the range as filter words; the exact dates then need a look at
        # search_facts only where a bound is not the first or last day of its year.
        # (Two queries: SQLite answers min or max alone from the index, not both at once.)
        first = store.query(f"SELECT min({column}) FROM search_facts")[0][0]
        last = store.query(f"SELECT max({column}) FROM search_facts")[0][0]
        start, end = low or _iso(first), high or _iso(last)
        years = range(int(start[:4]), int(end[:4]) + 1) if start and end else range(0)
        if len(years) <= _YEAR_WORDS:
            words.append(_year_words(column[0], years, open_low=not low, open_high=not high))
        if low and (len(years) > _YEAR_WORDS or not low.endswith("-01-01")):
            where.append(f"f.{column} >= ?")
            params.append(low)
        if high and (len(years) > _YEAR_WORDS or not high.endswith("-12-31")):
            where.append(f"f.{column} <= ?")
            params.append(high)
    kind, cases = wanted.kind, wanted.cases
    if kind:
        words.append([f"k{fold(kind)}"])
    narrow = True
    if cases is not None and not cases:
        words.append([])  # no case: nothing can match
    elif cases is not None and store.dialect.name == "postgresql":
        where.append(
            "f.pair_id IN (SELECT p2.id FROM search_pairs p2 JOIN documents d"
            " ON d.id = p2.document_id WHERE d.case_id = ANY(CAST(? AS bigint[])))"
        )
        params.append(sorted(cases))
    elif cases is not None:
        few = len(cases) * _FEW_CASES <= int(store.query("SELECT count(*) FROM cases")[0][0])
        if few:
            # Few cases (open ones, say): the set of their pairs, made once a statement.
            where.append(
                "f.pair_id IN (SELECT p2.id FROM search_pairs p2 WHERE p2.document_id IN"
                " (SELECT d.id FROM documents d WHERE d.case_id IN"
                " (SELECT value FROM json_each(?))))"
            )
        else:
            # Many (answered ones): each match's case looked up as it is walked. Most
            # matches pass, so a walk soon has what it needs; the set of the cases' pairs
            # would hold most pairs of the store.
            where.append(
                "(SELECT d.case_id FROM search_pairs p2 JOIN documents d"
                " ON d.id = p2.document_id WHERE p2.id = f.pair_id)"
                " IN (SELECT value FROM json_each(?))"
            )
            narrow = bool(words)
        params.append(json.dumps(sorted(cases)))
    return _Filters(words, where, params, collapse=not kind, narrow=narrow)


# --- the search ------------------------------------------------------------------


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else (str(value) if value else None)


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
) -> SearchResult:
    """The question–answer pairs that match ``query`` and ``filters``, best first.

    ``statuses``: every case's status today, where the caller keeps them (the web's
    cache), for a ``status`` filter; else they are judged from the store.

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
    conditions = _filters(store, wanted)
    if conditions.impossible:
        return SearchResult(0, [], _count_facets([]) if facets else {})
    backend: _Backend = (
        _Postgres(plan, conditions)
        if store.dialect.name == "postgresql"
        else _SQLite(plan, conditions)
    )
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
        counted, oldest = backend.count(store, tier, budget + 1, wanted > 0 or faceted > 0)
        more = counted > budget  # found more often than counted
        capped, counted = capped or more, min(counted, budget)
        total += counted
        budget -= counted
        if not counted:
            continue
        share = min(faceted, counted)
        faceted -= share
        if wanted > 0 and backend.by_place and (more or backend.common(store, tier)):
            placed = backend.placed(store, tier, wanted, int(oldest))
            order += sorted(placed, key=lambda x: (-x[1], -x[0]))
        elif wanted > 0:
            # The newest matches, scored, with their facets (one pass).
            scored, faceted_rows = backend.ranked(store, tier, max(RANKED, wanted, share), share)
            groups += faceted_rows
            share = 0
            # Only the best ``wanted`` count (a page of 10 among 2,000): best score first,
            # then newest, as sorting all by (-score, -pair) would give.
            best = heapq.nlargest(wanted, scored, key=itemgetter(1, 0))
            order += [(int(i), float(score)) for i, score in best]
        if share:
            groups += backend.facets(store, tier, share)
    hits = _hits(store, plan, order[offset : offset + limit])
    counts = _count_facets(groups) if facets else {}
    return SearchResult(total, hits, counts, capped, sum(counts.get("year", {}).values()))


_SIDES: tuple[Field, ...] = ("question", "answer", "subject")


class _Backend(Protocol):
    by_place: bool  # a tier whose words are common (common()) is ordered by placed()

    def common(self, store: Store, tier: str) -> bool:
        """Whether the words alone (no filters) are found more than COUNTED times."""

    def placed(self, store: Store, tier: str, limit: int, since: int) -> list[tuple[int, float]]:
        """``limit`` matches from pair ``since`` on, scored by where the words are."""

    def count(self, store: Store, tier: str, limit: int, newest: bool) -> tuple[int, int | None]:
        """How many pairs match (at most ``limit``); ``newest``: the newest ``limit`` are
        wanted next (hits, facets), and the oldest of those is given too, else None."""

    def facets(self, store: Store, tier: str, limit: int) -> list[Row]:
        """The newest ``limit`` matches: (parties, ministries, year) of each."""

    def ranked(
        self, store: Store, tier: str, limit: int, faceted: int
    ) -> tuple[list[tuple[int, float]], list[Row]]:
        """The newest ``limit`` matches: (pair, score) of each, a higher score better;
        and (parties, ministries, year) of the newest ``faceted`` of them."""


class _SQLite:
    """FTS5 with the filter words, hidden pairs (``h``) and tiers in the MATCH; only a
    date filter needs ``search_facts``. Matches are taken newest first (by rowid, which
    FTS5 walks without sorting), bm25 is computed for those taken only."""

    # bm25 counts, once a query, the rows each of its phrases is in: a pass over every
    # row holding the words, however few the filters leave. A tier whose words are in
    # more than COUNTED rows is ordered by place instead.
    by_place = True

    def common(self, store: Store, tier: str) -> bool:
        n = store.query(
            "SELECT count(*) FROM (SELECT rowid FROM search_text WHERE search_text MATCH ?"
            " LIMIT ?)",
            [self.scored[tier], COUNTED + 1],
        )[0][0]
        return int(n) > COUNTED

    def __init__(self, plan: _Plan, filters: _Filters) -> None:
        self.filters = filters
        # What bm25 scores, per tier: the words asked for only. bm25 first passes over
        # every row each phrase of its MATCH is in (for its IDF); a filter word, ``h`` or
        # an excluded word is in none of the rows scored (or weighs 0), so leaving them
        # out changes no score but saves those passes (200,000 rows for ``h`` at 1M).
        self.scored = {
            "all": plan.fts5(excluded=False),
            "exact": plan.fts5(exact=True, excluded=False),
            "compounds": plan.fts5_compounds(excluded=False),
        }
        # The matches count() walked, newest first, per tier, and whether that was all of
        # them: ranked() scores those.
        self.counted: dict[str, tuple[list[int], bool]] = {}
        words = " AND ".join(
            "facts : (" + " OR ".join(f'"{w}"' for w in group) + ")" for group in filters.words
        )
        self.match: dict[tuple[str, Field | None], str] = {}
        for side in (None, "question", "subject"):
            exact, full = plan.fts5(exact=True, side=side), plan.fts5(side=side)
            for tier, expr in (
                ("all", full),
                ("exact", exact),
                ("compounds", plan.fts5_compounds(side=side)),
            ):
                expr = f"({expr}) AND {words}" if words else expr
                self.match[tier, side] = f'({expr}) NOT facts : "h"' if filters.collapse else expr

    def _newest(
        self,
        tier: str,
        columns: str,
        side: Field | None = None,
        since: int | None = None,
        oldest_first: bool = False,
    ) -> tuple[str, list[Any]]:
        join = " JOIN search_facts f ON f.pair_id = t.rowid" if self.filters.where else ""
        where = ["search_text MATCH ?", *self.filters.where]
        where += ["t.rowid >= ?"] if since is not None else []
        return (
            f"SELECT {columns} FROM search_text t{join} WHERE {' AND '.join(where)}"
            f" ORDER BY t.rowid {'ASC' if oldest_first else 'DESC'} LIMIT ?",
            [self.match[tier, side], *self.filters.params, *([since] if since is not None else [])],
        )

    def placed(self, store: Store, tier: str, limit: int, since: int) -> list[tuple[int, float]]:
        """``limit`` matches from pair ``since`` on, newest first, scored by where the
        words are: in the question 3, else in the subject 1.5, else 1 (bm25's weights)."""
        scores: dict[int, float] = {}
        for side, score in (("question", 3.0), ("subject", 1.5), (None, 1.0)):
            if len(scores) >= limit:
                break
            for i in self._walk(store, tier, limit, side, since):
                scores.setdefault(i, score)
        return list(scores.items())

    def _walk(
        self,
        store: Store,
        tier: str,
        limit: int,
        side: Field | None = None,
        since: int | None = None,
        oldest_first: bool = False,
    ) -> list[int]:
        """The newest ``limit`` matches, newest first. ``oldest_first``: walked oldest
        first, the same matches when there are fewer than ``limit`` (then every match is
        walked) in up to half the time: FTS5 decodes each leaf page forwards to step back
        through it. Walked again newest first when there are more."""
        if oldest_first:
            sql, params = self._newest(tier, "t.rowid AS id", side, since, oldest_first=True)
            found = _rowids(store, sql, [*params, limit])
            if len(found) < limit:
                return found
        sql, params = self._newest(tier, "t.rowid AS id", side, since)
        return _rowids(store, sql, [*params, limit])

    def count(self, store: Store, tier: str, limit: int, newest: bool) -> tuple[int, int | None]:
        if not newest:
            # How many only (a tier after the hits and facets are found): walked once,
            # oldest first, the cheaper way.
            sql, params = self._newest(tier, "t.rowid", oldest_first=True)
            return int(store.query(f"SELECT count(*) FROM ({sql})", [*params, limit])[0][0]), None
        # The ids themselves, kept for ranked(): walking the matches again (filter words,
        # phrases) would cost as much as counting them. Filters mostly leave fewer
        # matches than ``limit``: walked oldest first.
        filtered = bool(self.filters.words or self.filters.where) and self.filters.narrow
        ids = self._walk(store, tier, limit, oldest_first=filtered)
        self.counted[tier] = ids, len(ids) < limit
        return len(ids), (ids[-1] if ids else None)

    def _ids(self, store: Store, tier: str, limit: int) -> list[int]:
        """The newest ``limit`` matches: those count() walked, else walked again."""
        ids, complete = self.counted.get(tier, ([], False))
        if len(ids) < limit and not complete:
            ids = self._walk(store, tier, limit)
        return ids[:limit]

    def facets(self, store: Store, tier: str, limit: int) -> list[Row]:
        return self._facets_of(store, self._ids(store, tier, limit))

    def ranked(
        self, store: Store, tier: str, limit: int, faceted: int
    ) -> tuple[list[tuple[int, float]], list[Row]]:
        # The rows to score first, then bm25 of the words alone over just those rows
        # (see ``scored``): FTS5 walks the words' matches between the newest and the
        # oldest of them, and computes bm25 only for the rows in the list.
        ids = self._ids(store, tier, limit)
        if not ids:
            return [], []
        scores = dict(
            store.query(
                f"SELECT t.rowid, -{_BM25} FROM search_text t"
                " WHERE search_text MATCH ? AND t.rowid BETWEEN ? AND ?"
                " AND +t.rowid IN (SELECT value FROM json_each(?))",
                [self.scored[tier], ids[-1], ids[0], json.dumps(ids)],
            )
        )
        # The facets apart: joined to search_facts inside the FTS5 walk, they took twice
        # as long (1M pairs).
        return [(i, scores[i]) for i in ids], self._facets_of(store, ids[:faceted])

    def _facets_of(self, store: Store, pairs: list[int]) -> list[Row]:
        """(parties, ministries, year) of ``pairs``: from the columns held in memory
        (:mod:`.columns`), else from their ids in ``search_facet_ids``."""
        if not pairs:
            return []
        held = held_facets(store, pairs)
        if held is not None:
            return held
        rows = store.query(
            "SELECT parties, offices, year FROM search_facet_ids"
            " WHERE pair_id IN (SELECT value FROM json_each(?))",
            [json.dumps(pairs)],
        )
        if not rows:
            return rows
        parties, offices = names_of(store, "parties"), names_of(store, "offices")
        return [(parties(p), offices(o), year) for p, o, year in rows]


def _rowids(store: Store, sql: str, params: list[Any]) -> list[int]:
    """The ``id`` that ``sql`` selects, highest first, fetched as one string: 10,000 rows
    fetched one by one made as many tuples, and with them most of the garbage collector's
    work in a search process (pauses of 10-20 ms)."""
    listed = store.query(f"SELECT group_concat(id) FROM ({sql})", params)[0][0]
    return sorted(map(int, listed.split(",")), reverse=True) if listed else []


class _Postgres:
    """The same with a tsvector (the filter words with weight D) and ``search_facts``;
    ts_rank needs no pass over every match, so every tier is ranked."""

    by_place = False

    def common(self, store: Store, tier: str) -> bool:
        return False  # ts_rank needs no pass over every match

    def placed(self, store: Store, tier: str, limit: int, since: int) -> list[tuple[int, float]]:
        raise NotImplementedError

    def __init__(self, plan: _Plan, filters: _Filters) -> None:
        self.filters = filters
        words = " & ".join(
            "(" + " | ".join(f"'{w}':D" for w in group) + ")" for group in filters.words
        )
        exact, full = plan.tsquery(exact=True), plan.tsquery()
        self.text = {"all": full, "exact": exact, "compounds": f"({full}) & !({exact})"}
        self.match = {t: f"({q}) & {words}" if words else q for t, q in self.text.items()}

    def _newest(self, tier: str, columns: str) -> tuple[str, list[Any]]:
        where = ["p.tsv @@ CAST(? AS tsquery)", *self.filters.where]
        where += ["f.hidden = 0"] if self.filters.collapse else []
        return (
            f"SELECT {columns} FROM search_pairs p JOIN search_facts f ON f.pair_id = p.id"
            f" WHERE {' AND '.join(where)} ORDER BY p.id DESC LIMIT ?",
            [self.match[tier], *self.filters.params],
        )

    def count(self, store: Store, tier: str, limit: int, newest: bool) -> tuple[int, int | None]:
        sql, params = self._newest(tier, "p.id")
        n, oldest = store.query(f"SELECT count(*), min(id) FROM ({sql}) m", [*params, limit])[0]
        return int(n), oldest

    def facets(self, store: Store, tier: str, limit: int) -> list[Row]:
        sql, params = self._newest(tier, "f.parties, f.ministries, f.year")
        return store.query(sql, [*params, limit])

    def ranked(
        self, store: Store, tier: str, limit: int, faceted: int
    ) -> tuple[list[tuple[int, float]], list[Row]]:
        # Scored by the words alone: the filter words would shift ts_rank.
        sql, params = self._newest(
            tier, "p.id, ts_rank(p.tsv, CAST(? AS tsquery)), f.parties, f.ministries, f.year"
        )
        rows = store.query(sql, [self.text[tier], *params, limit])
        return [(r[0], r[1]) for r in rows], [r[2:] for r in rows[:faceted]]


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


def _hits(store: Store, plan: _Plan, page: list[tuple[int, float]]) -> list[Hit]:
    if not page:
        return []
    marks_ = ", ".join("?" for _ in page)
    rows = {
        int(r[0]): r
        for r in store.query(
            "SELECT p.id, d.case_id, d.zaak, d.official_id, d.id, d.kind, p.number, p.question,"
            " p.answer, d.subject, d.askers, d.submitted, d.received"
            " FROM search_pairs p JOIN documents d ON d.id = p.document_id"
            f" WHERE p.id IN ({marks_})",
            [i for i, _ in page],
        )
    }
    stems = plan.stems
    hits = []
    for pair, score in page:
        r = rows[pair]
        hits.append(
            Hit(
                pair=pair,
                case=int(r[1]) if r[1] is not None else None,
                zaak=r[2],
                document=r[3] or int(r[4]),
                kind=r[5],
                question=r[6],
                question_text=r[7],
                answer_text=r[8],
                subject=r[9],
                askers=r[10],
                submitted=_iso(r[11]),
                received=_iso(r[12]),
                score=round(score, 6),
                snippet=_best_snippet(
                    stems, [t for f, t in zip(_SIDES, r[7:10], strict=True) if f in plan.fields]
                ),
            )
        )
    return hits


def _best_snippet(stems: frozenset[str], texts: list[str | None]) -> str:
    """The snippet of the text with the most matched words (the first of equals)."""
    marked = [(t or "", marks(t or "", stems)) for t in texts]
    best, found = max(marked, key=lambda tm: len(tm[1]))
    return snippet(best, stems, found=found)
