"""Matches in PostgreSQL: a tsvector (the filter words with weight D) and
``search_facts``; ts_rank needs no pass over every match, so every tier is ranked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kamervragen.storage._base import Store
from kamervragen.storage.matches import Conditions, Matches, MatchPlan, Row, Tier


class PostgresMatches(Matches):
    by_place = False

    def __init__(self, store: Store, plan: MatchPlan, conditions: Conditions) -> None:
        self.store = store
        self.collapse = conditions.collapse
        self.where, self.params = _where(conditions)
        words = " & ".join(
            "(" + " | ".join(f"'{w}':D" for w in group) + ")" for group in conditions.words
        )
        exact, full = plan.tsquery(exact=True), plan.tsquery()
        self.text: dict[Tier, str] = {
            "all": full,
            "exact": exact,
            "compounds": f"({full}) & !({exact})",
        }
        self.match = {t: f"({q}) & {words}" if words else q for t, q in self.text.items()}

    def common(self, tier: Tier, more_than: int) -> bool:
        return False  # ts_rank needs no pass over every match

    def placed(self, tier: Tier, limit: int, since: int) -> list[tuple[int, float]]:
        raise NotImplementedError  # never asked: by_place is False

    def _newest(self, tier: Tier, columns: str) -> tuple[str, list[Any]]:
        where = ["p.tsv @@ CAST(? AS tsquery)", *self.where]
        where += ["f.hidden = 0"] if self.collapse else []
        return (
            f"SELECT {columns} FROM search_pairs p JOIN search_facts f ON f.pair_id = p.id"
            f" WHERE {' AND '.join(where)} ORDER BY p.id DESC LIMIT ?",
            [self.match[tier], *self.params],
        )

    def count(self, tier: Tier, limit: int, newest: bool) -> tuple[int, int | None]:
        sql, params = self._newest(tier, "p.id")
        n, oldest = self.store.query(f"SELECT count(*), min(id) FROM ({sql}) m", [*params, limit])[
            0
        ]
        return int(n), oldest

    def facets(self, tier: Tier, limit: int) -> list[Row]:
        sql, params = self._newest(tier, "f.parties, f.ministries, f.year")
        return self.store.query(sql, [*params, limit])

    def ranked(
        self, tier: Tier, limit: int, faceted: int
    ) -> tuple[list[tuple[int, float]], list[Row]]:
        # Scored by the words alone: the filter words would shift ts_rank.
        sql, params = self._newest(
            tier, "p.id, ts_rank(p.tsv, CAST(? AS tsquery)), f.parties, f.ministries, f.year"
        )
        rows = self.store.query(sql, [self.text[tier], *params, limit])
        return [(r[0], r[1]) for r in rows], [r[2:] for r in rows[:faceted]]


def _tsquery(terms: Sequence[str], weights: str = "ABC") -> str:
    return " | ".join(f"'{t}':{weights}" for t in terms)


def ranked_by_terms(store: Store, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
    """The ``limit`` visible pairs that hold most of ``terms`` (any of them), best first by
    ts_rank, with their scores (higher is better)."""
    if not terms:
        return []
    rows = store.query(
        "SELECT p.id, ts_rank(p.tsv, CAST(? AS tsquery)) AS r FROM search_pairs p"
        " JOIN search_facts f ON f.pair_id = p.id"
        " WHERE p.tsv @@ CAST(? AS tsquery) AND f.hidden = 0 ORDER BY r DESC, p.id DESC LIMIT ?",
        (_tsquery(terms), _tsquery(terms), limit),
    )
    return [(int(i), float(score)) for i, score in rows]


def meeting(store: Store, conditions: Conditions, pairs: Sequence[int]) -> set[int]:
    """Those of ``pairs`` that meet ``conditions``."""
    if not pairs:
        return set()
    where, params = _where(conditions)
    if conditions.words:
        words = " & ".join(
            "(" + " | ".join(f"'{w}':D" for w in group) + ")" for group in conditions.words
        )
        where.append("p.tsv @@ CAST(? AS tsquery)")
        params.append(words)
    if conditions.collapse:
        where.append("f.hidden = 0")
    rows = store.query(
        "SELECT p.id FROM search_pairs p JOIN search_facts f ON f.pair_id = p.id"
        f" WHERE p.id = ANY(CAST(? AS bigint[])){''.join(f' AND {w}' for w in where)}",
        [list(pairs), *params],
    )
    return {int(r[0]) for r in rows}


def _where(conditions: Conditions) -> tuple[list[str], list[Any]]:
    """The conditions on ``search_facts f`` that the filter words do not say, and their
    parameters."""
    where = [f"f.{column} {op} ?" for column, op, _ in conditions.dates]
    params: list[Any] = [value for _, _, value in conditions.dates]
    if conditions.cases is not None:
        where.append(
            "f.pair_id IN (SELECT p2.id FROM search_pairs p2 JOIN documents d"
            " ON d.id = p2.document_id WHERE d.case_id = ANY(CAST(? AS bigint[])))"
        )
        params.append(sorted(conditions.cases))
    return where, params
