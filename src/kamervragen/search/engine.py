"""Searching question–answer pairs: the query compiled for the backend, hits and facets."""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from kamervragen.search.analysis import COMPOUND_MIN, analyse, marks
from kamervragen.search.query import Field, Query, QueryError, Term, parse

if TYPE_CHECKING:
    from kamervragen.storage import Store

MARK = ("<mark>", "</mark>")
# How many compounds one word may stand for; the shortest are taken first.
MAX_COMPOUNDS = 50
SNIPPET_WORDS = 30
_TOKEN = re.compile(r"\S+")

_WEIGHT = {"question": "A", "subject": "B", "answer": "C"}  # PostgreSQL tsvector weights


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
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
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

    def fts5(self) -> str:
        def term(t: _Compiled) -> str:
            inner = " OR ".join('"' + " ".join(alt) + '"' for alt in t.alternatives)
            return f"{t.field} : ({inner})" if t.field else f"({inner})"

        expr = " AND ".join("(" + " OR ".join(term(t) for t in g) + ")" for g in self.groups)
        if self.excluded:
            expr = f"({expr}) NOT ({' OR '.join(term(t) for t in self.excluded)})"
        return expr

    def tsquery(self) -> str:
        def term(t: _Compiled) -> str:
            weight = f":{_WEIGHT[t.field]}" if t.field else ""
            return (
                "("
                + " | ".join(" <-> ".join(f"'{s}'{weight}" for s in alt) for alt in t.alternatives)
                + ")"
            )

        parts = ["(" + " | ".join(term(t) for t in g) + ")" for g in self.groups]
        parts += [f"!{term(t)}" for t in self.excluded]
        return " & ".join(parts)


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


def _match(store: Store, plan: _Plan, scored: bool) -> tuple[str, list[Any]]:
    """A subquery of the matching pair ids (and their scores, higher is better)."""
    if store.dialect.name == "postgresql":
        q = plan.tsquery()
        if scored:
            return (
                "SELECT id, ts_rank(tsv, CAST(? AS tsquery)) AS score FROM search_pairs"
                " WHERE tsv @@ CAST(? AS tsquery)",
                [q, q],
            )
        return "SELECT id FROM search_pairs WHERE tsv @@ CAST(? AS tsquery)", [q]
    columns = "rowid AS id, -rank AS score" if scored else "rowid AS id"
    return f"SELECT {columns} FROM search_fts WHERE search_fts MATCH ?", [plan.fts5()]


# --- filters ---------------------------------------------------------------------


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _date(name: str, value: str | dt.date | None) -> str | None:
    if value is None or isinstance(value, dt.date):
        return value.isoformat() if value else None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise QueryError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _filters(
    member: str | None,
    party: str | None,
    ministry: str | None,
    minister: str | None,
    dates: dict[str, str | dt.date | None],
    kind: str | None,
) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []

    def exists(link: str, names: str, value: str) -> None:
        table, _, column = link.partition(".")
        test = "= ?" if names == "parties" else "LIKE ? ESCAPE '\\'"
        where.append(
            f"EXISTS (SELECT 1 FROM {table} x JOIN {names} n ON n.id = x.{column}"
            f" WHERE x.document_id = p.document_id AND lower(n.name) {test})"
        )
        params.append(value.lower() if names == "parties" else _like(value))

    if member:
        exists("document_askers.person_id", "persons", member)
    if party:
        exists("document_askers.party_id", "parties", party)
    if ministry:
        exists("document_addressees.office_id", "offices", ministry)
    if minister:
        exists("document_answerers.person_id", "persons", minister)
    for name, value in dates.items():
        iso = _date(name, value)
        if iso:
            column, _, bound = name.partition("_")
            where.append(f"d.{column} {'>=' if bound == 'from' else '<='} ?")
            params.append(iso)
    if kind:
        where.append("d.kind = ?")
        params.append(kind)
    return " AND ".join(where) or "1 = 1", params


# --- the search ------------------------------------------------------------------


def _iso(value: object) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else (str(value) if value else None)


def snippet(text: str, stems: frozenset[str], words: int = SNIPPET_WORDS) -> str:
    """Some ``words`` of ``text`` from just before its first match, matches marked."""
    found = marks(text, stems)
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
    *,
    member: str | None = None,
    party: str | None = None,
    ministry: str | None = None,
    minister: str | None = None,
    submitted_from: str | dt.date | None = None,
    submitted_to: str | dt.date | None = None,
    received_from: str | dt.date | None = None,
    received_to: str | dt.date | None = None,
    kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
    facets: bool = True,
) -> SearchResult:
    """The question–answer pairs that match ``query``, best first.

    ``member`` and ``minister`` (who answered) and ``ministry`` (the office asked) match
    part of the name, ``party`` the whole name, all without regard to case; dates are
    ``YYYY-MM-DD`` and inclusive. ``total`` and the facet counts (per party, ministry and
    year) cover every match, not only the page of hits.
    """
    if limit < 0 or offset < 0:
        raise QueryError("limit and offset cannot be negative")
    plan = _plan(store, parse(query) if isinstance(query, str) else query)
    where, where_params = _filters(
        member,
        party,
        ministry,
        minister,
        {
            "submitted_from": submitted_from,
            "submitted_to": submitted_to,
            "received_from": received_from,
            "received_to": received_to,
        },
        kind,
    )
    match, match_params = _match(store, plan, scored=True)
    rows = store.query(
        "SELECT p.id, d.case_id, d.zaak, d.official_id, d.id, d.kind, p.number, p.question,"
        " p.answer, d.subject, d.askers, d.submitted, d.received, m.score"
        f" FROM ({match}) m JOIN search_pairs p ON p.id = m.id"
        f" JOIN documents d ON d.id = p.document_id WHERE {where}"
        " ORDER BY m.score DESC, p.id LIMIT ? OFFSET ?",
        [*match_params, *where_params, limit, offset],
    )
    stems = plan.stems
    hits = [
        Hit(
            pair=int(r[0]),
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
            score=round(float(r[13]), 6),
            snippet=_best_snippet(
                stems, [t for f, t in zip(_SIDES, r[7:10], strict=True) if f in plan.fields]
            ),
        )
        for r in rows
    ]
    total, counts = _aggregate(store, plan, where, where_params, facets)
    return SearchResult(total, hits, counts)


_SIDES: tuple[Field, ...] = ("question", "answer", "subject")


def _best_snippet(stems: frozenset[str], texts: list[str | None]) -> str:
    """The snippet of the text with the most matched words (the first of equals)."""
    best = max((t or "" for t in texts), key=lambda t: len(marks(t, stems)))
    return snippet(best, stems)


def _aggregate(
    store: Store, plan: _Plan, where: str, params: Sequence[Any], facets: bool
) -> tuple[int, dict[str, dict[str, int]]]:
    match, match_params = _match(store, plan, scored=False)
    matched = (
        "WITH m AS MATERIALIZED (SELECT p.id, p.document_id, p.year"
        f" FROM ({match}) x JOIN search_pairs p ON p.id = x.id"
        f" JOIN documents d ON d.id = p.document_id WHERE {where})"
    )
    parts = ["SELECT 'total', NULL, count(*) FROM m"]
    if facets:
        parts += [
            "SELECT 'party', n.name, count(DISTINCT m.id) FROM m"
            " JOIN document_askers x ON x.document_id = m.document_id"
            " JOIN parties n ON n.id = x.party_id GROUP BY n.name",
            "SELECT 'ministry', n.name, count(DISTINCT m.id) FROM m"
            " JOIN document_addressees x ON x.document_id = m.document_id"
            " JOIN offices n ON n.id = x.office_id GROUP BY n.name",
            "SELECT 'year', CAST(m.year AS TEXT), count(*) FROM m"
            " WHERE m.year IS NOT NULL GROUP BY m.year",
        ]
    rows = store.query(matched + " " + " UNION ALL ".join(parts), [*match_params, *params])
    total = 0
    counts: dict[str, dict[str, int]] = {"party": {}, "ministry": {}, "year": {}} if facets else {}
    for facet, name, count in rows:
        if facet == "total":
            total = int(count)
        else:
            counts[facet][str(name)] = int(count)
    for facet, values in counts.items():
        counts[facet] = dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
    return total, counts
