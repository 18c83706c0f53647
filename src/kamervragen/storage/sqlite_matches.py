"""Matches in SQLite: FTS5 with the filter words, hidden pairs (``h``) and tiers in the
MATCH; only a date filter needs ``search_facts``. Matches are taken newest first (by
rowid, which FTS5 walks without sorting), bm25 is computed for those taken only."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kamervragen.storage._base import Store
from kamervragen.storage.facet_columns import held_facets, names_of
from kamervragen.storage.matches import Conditions, Matches, MatchPlan, Row, Side, Tier

# bm25's weights: question, answer, subject, filter words.
_BM25 = "bm25(search_text, 3.0, 1.0, 1.5, 0.0)"

# A case filter keeping at most one case in this many is looked up as the set of those
# cases' pairs, a larger one case by case as the matches are walked. At 1M pairs, 0.5 %
# of the cases took 29-133 ms as a set; case by case, set sizes from 0.5 to 90 % took
# 0.1-3.7 s on a first run (bench/search_cases.py).
FEW_CASES = 10


class SQLiteMatches(Matches):
    # bm25 counts, once a query, the rows each of its phrases is in: a pass over every
    # row holding the words, however few the filters leave. A tier whose words are in
    # more than COUNTED rows is ordered by place instead.
    by_place = True

    def __init__(self, store: Store, plan: MatchPlan, conditions: Conditions) -> None:
        self.store = store
        self.where, self.params, self.narrow = _where(store, conditions)
        self.filtered = bool(conditions.words or self.where) and self.narrow
        # What bm25 scores, per tier: the words asked for only. bm25 first passes over
        # every row each phrase of its MATCH is in (for its IDF); a filter word, ``h`` or
        # an excluded word is in none of the rows scored (or weighs 0), so leaving them
        # out changes no score but saves those passes (200,000 rows for ``h`` at 1M).
        self.scored: dict[Tier, str] = {
            "all": plan.fts5(excluded=False),
            "exact": plan.fts5(exact=True, excluded=False),
            "compounds": plan.fts5_compounds(excluded=False),
        }
        # The matches count() walked, newest first, per tier, and whether that was all of
        # them: ranked() scores those.
        self.counted: dict[Tier, tuple[list[int], bool]] = {}
        words = " AND ".join(
            "facts : (" + " OR ".join(f'"{w}"' for w in group) + ")" for group in conditions.words
        )
        self.match: dict[tuple[Tier, Side | None], str] = {}
        for side in (None, "question", "subject"):
            exact, full = plan.fts5(exact=True, side=side), plan.fts5(side=side)
            for tier, expr in (
                ("all", full),
                ("exact", exact),
                ("compounds", plan.fts5_compounds(side=side)),
            ):
                expr = f"({expr}) AND {words}" if words else expr
                self.match[tier, side] = (
                    f'({expr}) NOT facts : "h"' if conditions.collapse else expr
                )

    def common(self, tier: Tier, more_than: int) -> bool:
        n = self.store.query(
            "SELECT count(*) FROM (SELECT rowid FROM search_text WHERE search_text MATCH ?"
            " LIMIT ?)",
            [self.scored[tier], more_than + 1],
        )[0][0]
        return int(n) > more_than

    def _newest(
        self,
        tier: Tier,
        columns: str,
        side: Side | None = None,
        since: int | None = None,
        oldest_first: bool = False,
    ) -> tuple[str, list[Any]]:
        join = " JOIN search_facts f ON f.pair_id = t.rowid" if self.where else ""
        where = ["search_text MATCH ?", *self.where]
        where += ["t.rowid >= ?"] if since is not None else []
        return (
            f"SELECT {columns} FROM search_text t{join} WHERE {' AND '.join(where)}"
            f" ORDER BY t.rowid {'ASC' if oldest_first else 'DESC'} LIMIT ?",
            [self.match[tier, side], *self.params, *([since] if since is not None else [])],
        )

    def placed(self, tier: Tier, limit: int, since: int) -> list[tuple[int, float]]:
        """``limit`` matches from pair ``since`` on, newest first, scored by where the
        words are: in the question 3, else in the subject 1.5, else 1 (bm25's weights)."""
        scores: dict[int, float] = {}
        for side, score in (("question", 3.0), ("subject", 1.5), (None, 1.0)):
            if len(scores) >= limit:
                break
            for i in self._walk(tier, limit, side, since):
                scores.setdefault(i, score)
        return list(scores.items())

    def _walk(
        self,
        tier: Tier,
        limit: int,
        side: Side | None = None,
        since: int | None = None,
        oldest_first: bool = False,
    ) -> list[int]:
        """The newest ``limit`` matches, newest first. ``oldest_first``: walked oldest
        first, the same matches when there are fewer than ``limit`` (then every match is
        walked) in up to half the time: FTS5 decodes each leaf page forwards to step back
        through it. Walked again newest first when there are more."""
        if oldest_first:
            sql, params = self._newest(tier, "t.rowid AS id", side, since, oldest_first=True)
            found = self._rowids(sql, [*params, limit])
            if len(found) < limit:
                return found
        sql, params = self._newest(tier, "t.rowid AS id", side, since)
        return self._rowids(sql, [*params, limit])

    def count(self, tier: Tier, limit: int, newest: bool) -> tuple[int, int | None]:
        if not newest:
            # How many only (a tier after the hits and facets are found): walked once,
            # oldest first, the cheaper way.
            sql, params = self._newest(tier, "t.rowid", oldest_first=True)
            counted = self.store.query(f"SELECT count(*) FROM ({sql})", [*params, limit])
            return int(counted[0][0]), None
        # The ids themselves, kept for ranked(): walking the matches again (filter words,
        # phrases) would cost as much as counting them. Filters mostly leave fewer
        # matches than ``limit``: walked oldest first.
        ids = self._walk(tier, limit, oldest_first=self.filtered)
        self.counted[tier] = ids, len(ids) < limit
        return len(ids), (ids[-1] if ids else None)

    def _ids(self, tier: Tier, limit: int) -> list[int]:
        """The newest ``limit`` matches: those count() walked, else walked again."""
        ids, complete = self.counted.get(tier, ([], False))
        if len(ids) < limit and not complete:
            ids = self._walk(tier, limit)
        return ids[:limit]

    def facets(self, tier: Tier, limit: int) -> list[Row]:
        return self._facets_of(self._ids(tier, limit))

    def ranked(
        self, tier: Tier, limit: int, faceted: int
    ) -> tuple[list[tuple[int, float]], list[Row]]:
        # The rows to score first, then bm25 of the words alone over just those rows
        # (see ``scored``): FTS5 walks the words' matches between the newest and the
        # oldest of them, and computes bm25 only for the rows in the list.
        ids = self._ids(tier, limit)
        if not ids:
            return [], []
        scores = dict(
            self.store.query(
                f"SELECT t.rowid, -{_BM25} FROM search_text t"
                " WHERE search_text MATCH ? AND t.rowid BETWEEN ? AND ?"
                " AND +t.rowid IN (SELECT value FROM json_each(?))",
                [self.scored[tier], ids[-1], ids[0], json.dumps(ids)],
            )
        )
        # The facets apart: joined to search_facts inside the FTS5 walk, they took twice
        # as long (1M pairs).
        return [(i, scores[i]) for i in ids], self._facets_of(ids[:faceted])

    def _facets_of(self, pairs: list[int]) -> list[Row]:
        """(parties, ministries, year) of ``pairs``: from the columns held in memory
        (:mod:`.facet_columns`), else from their ids in ``search_facet_ids``."""
        if not pairs:
            return []
        held = held_facets(self.store, pairs)
        if held is not None:
            return held
        rows = self.store.query(
            "SELECT parties, offices, year FROM search_facet_ids"
            " WHERE pair_id IN (SELECT value FROM json_each(?))",
            [json.dumps(pairs)],
        )
        if not rows:
            return rows
        parties, offices = names_of(self.store, "parties"), names_of(self.store, "offices")
        return [(parties(p), offices(o), year) for p, o, year in rows]

    def _rowids(self, sql: str, params: list[Any]) -> list[int]:
        """The ``id`` that ``sql`` selects, highest first, fetched as one string: 10,000
        rows fetched one by one made as many tuples, and with them most of the garbage
        collector's work in a search process (pauses of 10-20 ms)."""
        listed = self.store.query(f"SELECT group_concat(id) FROM ({sql})", params)[0][0]
        return sorted(map(int, listed.split(",")), reverse=True) if listed else []


def _where(store: Store, conditions: Conditions) -> tuple[list[str], list[Any], bool]:
    """The conditions on ``search_facts f`` that the filter words do not say, their
    parameters, and whether they may leave few of the words' matches (then counted oldest
    first): not so for a case filter that keeps most cases."""
    where = [f"f.{column} {op} ?" for column, op, _ in conditions.dates]
    params: list[Any] = [value for _, _, value in conditions.dates]
    narrow = True
    cases = conditions.cases
    if cases is None:
        return where, params, narrow
    few = len(cases) * FEW_CASES <= int(store.query("SELECT count(*) FROM cases")[0][0])
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
        narrow = bool(conditions.words)
    params.append(json.dumps(sorted(cases)))
    return where, params, narrow


# bm25's weights for a similarity search: question, answer, subject, filter words. A new
# question is compared with stored questions and answers alike.
_BM25_SIMILAR = "bm25(search_text, 1.0, 1.0, 0.5, 0.0)"


def ranked_by_terms(store: Store, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The ``limit`` visible pairs that hold most of ``terms`` (any of them), best first by
    bm25, with their scores (higher is better)."""
    if not terms:
        return []
    words = " OR ".join(f'"{t}"' for t in terms)
    rows = store.query(
        f"SELECT t.rowid, -{_BM25_SIMILAR} FROM search_text t WHERE search_text MATCH ?"
        f" ORDER BY {_BM25_SIMILAR} LIMIT ?",
        (f'{{question answer subject}} : ({words}) NOT facts : "h"', limit),
    )
    return [(int(i), float(score)) for i, score in rows]


def meeting(store: Store, conditions: Conditions, pairs: Sequence[int]) -> set[int]:
    """Those of ``pairs`` that meet ``conditions``."""
    if not pairs:
        return set()
    where, params, _ = _where(store, conditions)
    sql = "SELECT f.pair_id FROM search_facts f WHERE f.pair_id IN (SELECT value FROM json_each(?))"
    args: list[Any] = [json.dumps(list(pairs))]
    if conditions.words:
        words = " AND ".join(
            "facts : (" + " OR ".join(f'"{w}"' for w in group) + ")" for group in conditions.words
        )
        sql += " AND f.pair_id IN (SELECT rowid FROM search_text WHERE search_text MATCH ?)"
        args.append(words)
    if conditions.collapse:
        sql += " AND f.hidden = 0"
    sql += "".join(f" AND {w}" for w in where)
    return {int(r[0]) for r in store.query(sql, [*args, *params])}
