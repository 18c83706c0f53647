"""PostgreSQL through psycopg 3, for a newsroom or ministry that outgrows one machine."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

import kamervragen.storage.postgres_matches as postgres_matches
from kamervragen.commitments import answer_commitments
from kamervragen.indexing import Analysed, FilterIds, PostgresPair, postgres_rows
from kamervragen.record import Record
from kamervragen.storage._base import Parsed, Row, Store, document_values
from kamervragen.storage.commitment_rows import write_new as write_new_commitments
from kamervragen.storage.faults import postgres_error, safe_url
from kamervragen.storage.matches import Conditions, MatchPlan
from kamervragen.storage.migrations import POSTGRES
from kamervragen.storage.postgres_matches import PostgresMatches

_PLACEHOLDER = re.compile(r"\?")


@functools.lru_cache(maxsize=1024)  # the writer sends the same few dozen statements
def _to_pyformat(sql: str) -> str:
    return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))


_VALUES = re.compile(r"\bVALUES\s*\(", re.IGNORECASE)
_MAX_PARAMS = 65535  # what one PostgreSQL statement can bind
# Case ids taken from the sequence at a time: a new case then needs no round trip of its
# own (two waits for the server per document instead of four).
_CASE_IDS = 100


@functools.lru_cache(maxsize=256)
def _values_row(sql: str) -> tuple[str, str, str] | None:
    """``INSERT … VALUES (row) rest`` cut into its three parts (None for any other form)."""
    found = _VALUES.search(sql)
    if not found or not sql.lstrip().upper().startswith("INSERT"):
        return None
    depth, start = 0, found.end() - 1
    for end in range(start, len(sql)):
        depth += {"(": 1, ")": -1}.get(sql[end], 0)
        if depth == 0:
            return sql[:start], sql[start : end + 1], sql[end + 1 :]
    return None


def _rows(table: str, columns: str, values: str, returning: str = "") -> str:
    """A data-modifying CTE: a document's rows of ``table`` from arrays, one row an element
    (``t.n`` its position from 1), each with the document's id."""
    return (
        f"{table}_rows AS (INSERT INTO {table} (document_id, position, {columns})"
        f" SELECT d.id, t.n - 1, {columns} FROM d, unnest({values}) WITH ORDINALITY"
        f" AS t({columns}, n){returning})"
    )


# A document's rows of the search index, from arrays, for the document ``d`` of the
# statement they are part of: its pairs (year, then arrays of the fields of
# indexing.PostgresPair), the facts of each pair (kind, submitted, received, year, parties,
# ministries) and its new compound terms (an array).
_INDEX_ROWS = [
    "pairs AS (INSERT INTO search_pairs (document_id, position, number, question, answer,"
    " year, tsv, question_hash, answer_hash) SELECT d.id, t.position, t.number, t.question,"
    " t.answer, CAST(? AS integer), CAST(t.tsv AS tsvector), t.question_hash, t.answer_hash"
    " FROM d, unnest(CAST(? AS int[]), CAST(? AS text[]), CAST(? AS text[]),"
    " CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))"
    " AS t(position, number, question, answer, tsv, question_hash, answer_hash) RETURNING id)",
    "facts AS (INSERT INTO search_facts (pair_id, kind, submitted, received, year, parties,"
    " ministries) SELECT pairs.id, ?, CAST(? AS date), CAST(? AS date),"
    " CAST(? AS integer), ?, ? FROM pairs)",
    "terms AS (INSERT INTO search_terms (term) SELECT unnest(CAST(? AS text[]))"
    " ON CONFLICT (term) DO NOTHING) SELECT 1",
]

# A document with all its rows, its source, its case's keys, (if new) its case and its
# search index rows, in one statement of fixed text: it is prepared once, where a
# many-row INSERT per table and row count was a statement of its own for each, and
# nothing waits for the document's id. Rows of a table are inserted in the order of their
# arrays, so their ids too are in that order. Foreign keys are checked at the end of the
# statement.
_DOCUMENT = ", ".join(
    [
        "WITH new_case AS (INSERT INTO cases (id, zaak, subject, submitted, askers)"
        " SELECT CAST(? AS bigint), ?, ?, CAST(? AS date), ? WHERE CAST(? AS boolean)),"
        " d AS (INSERT INTO documents (official_id, content_hash, source, source_format,"
        " kind, zaak, session_year, subject, submitted, received, askers, case_id, record,"
        " quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id)",
        _rows(
            "document_askers",
            "person_id, party_id",
            "CAST(? AS bigint[]), CAST(? AS bigint[])",
        ),
        _rows("document_addressees", "office_id", "CAST(? AS bigint[])"),
        _rows("document_co_signers", "office_id", "CAST(? AS bigint[])"),
        _rows(
            "document_answerers",
            "role, person_id, portfolio",
            "CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS text[])",
        ),
        _rows(
            "questions",
            "number, text",
            "CAST(? AS text[]), CAST(? AS text[])",
            " RETURNING id, position",
        ),
        _rows("answers", "text", "CAST(? AS text[])", " RETURNING id, position"),
        "links AS (INSERT INTO answer_questions (answer_id, question_id)"
        " SELECT a.id, q.id FROM unnest(CAST(? AS int[]), CAST(? AS int[])) AS l(a, q)"
        " JOIN answers_rows a ON a.position = l.a JOIN questions_rows q ON q.position = l.q)",
        _rows("footnotes", "number, text", "CAST(? AS text[]), CAST(? AS text[])"),
        _rows(
            "document_references",
            "kind, text, target",
            "CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])",
        ),
        "source AS (INSERT INTO sources (content_hash, source, document_id)"
        " SELECT ?, ?, d.id FROM d)",
        "keys AS (INSERT INTO case_keys (key, case_id) SELECT unnest(CAST(? AS text[])), ?"
        " ON CONFLICT (key) DO NOTHING)",
        *_INDEX_ROWS,
    ]
)

# The search index rows of a stored document (a reindex): the same rows, the same way.
_INDEX = ", ".join(["WITH d AS (SELECT CAST(? AS bigint) AS id)", *_INDEX_ROWS])


class PostgresStore(Store):
    dialect = POSTGRES

    def __init__(self, url: str) -> None:
        self.url = url
        self._name = safe_url(url)
        try:
            self._db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise postgres_error(self._name, exc) from None
        # Each row count of a many-row INSERT is a statement of its own: keep them prepared.
        self._db.prepared_max = 1000
        self._depth = 0
        self._case_ids: list[int] = []  # taken from the sequence, not used yet
        self._new_case: tuple[Any, ...] | None = None  # for the next document's statement

    # Every error of psycopg leaves as a StoreError: one line naming the database and why.

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        # Inside a transaction the connection is in pipeline mode: this only queues.
        try:
            self._db.execute(_to_pyformat(sql), tuple(params))  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise postgres_error(self._name, exc) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            with self._db.cursor() as cur:
                cur.execute(_to_pyformat(sql), tuple(params))  # type: ignore[arg-type]
                return cur.fetchall()
        except psycopg.Error as exc:
            raise postgres_error(self._name, exc) from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        parts = _values_row(sql)
        if parts is None:
            try:
                with self._db.cursor() as cur:
                    cur.executemany(_to_pyformat(sql), rows)  # type: ignore[arg-type]
            except psycopg.Error as exc:
                raise postgres_error(self._name, exc) from exc
            return
        # One INSERT of many rows instead of one statement per row: a statement costs the
        # writer and the server far more than a row does.
        head, row, tail = parts
        step = max(1, _MAX_PARAMS // max(1, len(rows[0])))
        for i in range(0, len(rows), step):
            chunk = rows[i : i + step]
            many = f"{head}{', '.join([row] * len(chunk))}{tail}"
            self.execute(many, [value for r in chunk for value in r])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        self._depth = 1
        try:
            # Pipeline mode sends statements without waiting for each answer: a document's
            # rows go in a few round trips instead of dozens.
            with self._db.transaction(), self._db.pipeline():
                yield
        except psycopg.Error as exc:  # at the commit, or a queued statement's answer
            self._rolled_back()
            raise postgres_error(self._name, exc) from exc
        except BaseException:
            self._rolled_back()
            raise
        finally:
            self._depth = 0

    def _store_document(self, doc: Parsed, case_id: int, keys: list[str]) -> None:
        r = doc.record
        new_case, self._new_case = self._new_case, None
        askers = [
            (self._id_of("persons", a.name), self._id_of("parties", a.party) if a.party else None)
            for a in r.askers
        ]
        addressees = [self._id_of("offices", o) for o in r.addressees]
        co_signers = [self._id_of("offices", o) for o in r.co_signers]
        answerers = [self._id_of("persons", a.name) for a in r.answered_by]
        # As _filter_ids reads them back: the rows' ids in the order of their tables.
        ids: FilterIds = [("m", m) for m, _ in askers] + [("p", p) for _, p in askers]
        ids += [("o", o) for o in addressees] + [("a", a) for a in answerers]
        links = r.links()
        self.execute(
            _DOCUMENT,
            (
                *(new_case or (None,) * 5),
                new_case is not None,
                *document_values(doc, case_id),
                [m for m, _ in askers],
                [p for _, p in askers],
                addressees,
                co_signers,
                [a.role for a in r.answered_by],
                answerers,
                [a.portfolio for a in r.answered_by],
                [q.number for q in r.questions],
                [q.text for q in r.questions],
                [a.text for a in r.answers],
                [a for a, _ in links],
                [q for _, q in links],
                [f.number for f in r.footnotes],
                [f.text for f in r.footnotes],
                [f.kind for f in r.references],
                [f.text for f in r.references],
                [f.target for f in r.references],
                doc.content_hash,
                doc.source,
                keys,
                case_id,
                *self._index_values(r, doc.analysed, ids),
            ),
        )
        found = doc.commitments
        found = tuple(answer_commitments(r)) if found is None else found
        write_new_commitments(self, doc.content_hash, found, self.dialect.date)

    def _index_values(
        self, record: Record, analysed: Analysed | None, ids: FilterIds
    ) -> tuple[Any, ...]:
        """The parameters of :data:`_INDEX_ROWS` for a document."""
        search = postgres_rows(record, analysed, ids)
        return (
            search.facts.year,
            *(list(column) for column in zip(*search.pairs, strict=True)),
            *([] if search.pairs else [[]] * len(PostgresPair._fields)),
            *search.facts,
            # Only the terms the store has not written before (most of a document's are
            # known); terms are never deleted.
            self.new_terms(search.terms),
        )

    def _write_index(
        self, document_id: int, record: Record, analysed: Analysed | None, ids: FilterIds
    ) -> None:
        self.execute(_INDEX, (document_id, *self._index_values(record, analysed, ids)))

    def _insert_case(self, summary: tuple[str | None, ...]) -> int:
        # The id from a block taken beforehand, so that nothing waits for the server here.
        # Ids of a block a rolled-back transaction used are lost, as a sequence's are.
        if not self._case_ids:
            rows = self.query(
                "SELECT nextval(pg_get_serial_sequence('cases', 'id'))"
                f" FROM generate_series(1, {_CASE_IDS})"
            )
            self._case_ids = sorted((int(row[0]) for row in rows), reverse=True)
        case_id = self._case_ids.pop()
        # Inserted by the document's statement, which follows (Store._add): one less.
        self._new_case = (case_id, *summary)
        return case_id

    def _refresh_case(self, case_id: int) -> None:
        # What Store._refresh_case does, in statements that need no answer: the case's
        # summary from its documents, the case deleted if it has none.
        first = (
            "(SELECT {0} FROM documents WHERE case_id = ? AND {0} <> ''"
            " ORDER BY CASE kind WHEN 'questions' THEN 0 WHEN 'answer' THEN 1 ELSE 2 END, id"
            " LIMIT 1)"
        )
        zaak, subject, askers = (first.format(column) for column in ("zaak", "subject", "askers"))
        # A zaak can be held only once; another case holding it is this one.
        self.execute(
            f"UPDATE cases SET zaak = NULL WHERE zaak = {zaak} AND id <> ?", (case_id,) * 2
        )
        # Either the one or the other, never both on the same row.
        self.execute(
            f"WITH kept AS (UPDATE cases SET zaak = {zaak}, subject = {subject},"
            " submitted = (SELECT min(submitted) FROM documents WHERE case_id = ?),"
            f" askers = {askers} WHERE id = ? AND EXISTS"
            " (SELECT 1 FROM documents WHERE case_id = ?))"
            " DELETE FROM cases WHERE id = ? AND NOT EXISTS"
            " (SELECT 1 FROM documents WHERE case_id = ?)",
            (case_id,) * 8,
        )

    def _rolled_back(self) -> None:
        super()._rolled_back()
        self._new_case = None

    def matches(self, plan: MatchPlan, conditions: Conditions) -> PostgresMatches:
        return PostgresMatches(self, plan, conditions)

    def ranked_by_terms(self, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
        return postgres_matches.ranked_by_terms(self, terms, limit)

    def meeting(self, conditions: Conditions, pairs: Sequence[int]) -> set[int]:
        return postgres_matches.meeting(self, conditions, pairs)

    def compound_terms(self, stem: str, limit: int) -> list[str]:
        rows = self.query(
            "SELECT term FROM search_terms WHERE term LIKE ? ORDER BY length(term), term LIMIT ?",
            (f"%{stem}%", limit),
        )
        return [r[0] for r in rows]

    def lock_schema(self) -> None:
        # Any fixed number will do: it only has to be the same for every kamervragen.
        self.query("SELECT pg_advisory_xact_lock(4242)")

    def close(self) -> None:
        self._db.close()
