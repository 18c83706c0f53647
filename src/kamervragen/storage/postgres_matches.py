"""Matches in PostgreSQL: a tsvector (the filter words with weight D) and
``search_facts``; ts_rank needs no pass over every match, so every tier is ranked."""

from __future__ import annotations

from typing import Any

from kamervragen.storage._base import Store
from kamervragen.storage.matches import Conditions, Matches, MatchPlan, Row, Tier


class PostgresMatches(Matches):
    by_place = False

    def __init__(self, store: Store, plan: MatchPlan, conditions: Conditions) -> None:
        self.store = store
        self.collapse = conditions.collapse
        self.where = [f"f.{column} {op} ?" for column, op, _ in conditions.dates]
        self.params: list[Any] = [value for _, _, value in conditions.dates]
        if conditions.cases is not None:
            self.where.append(
                "f.pair_id IN (SELECT p2.id FROM search_pairs p2 JOIN documents d"
                " ON d.id = p2.document_id WHERE d.case_id = ANY(CAST(? AS bigint[])))"
            )
            self.params.append(sorted(conditions.cases))
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
