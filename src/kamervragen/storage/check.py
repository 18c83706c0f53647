"""``kamervragen check``: is the database sound, and does it hold what the store promises?

Two kinds of checks. The database's own: SQLite's ``integrity_check``,
``foreign_key_check`` and FTS5's ``integrity-check`` of the search index; PostgreSQL's
amcheck (where the extension is installed), its catalog (invalid indexes, constraints not
validated) and a read of every table. Then the store's invariants, the same SQL on both
backends: every document and pair has its case, every question its pair, every pair its
search rows and no search row is without its pair, the texts' hashes match the texts,
the vectors of a model have one size.

A check that cannot run (a page too damaged to read) is a failed check with the reason:
the report is always whole. Nothing is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from kamervragen.storage._base import Store
from kamervragen.storage.faults import StoreError, safe_url, sqlite_error

Severity = Literal["error", "note"]
_SHOWN = 5  # ids or messages quoted in a finding


@dataclass(frozen=True)
class Finding:
    """One check: its name, whether it passed, and what was found (or "ok")."""

    check: str
    ok: bool
    detail: str
    severity: Severity = "error"  # a failed "note" is worth knowing, not a fault


@dataclass
class Report:
    database: str
    backend: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No error: every check of severity "error" passed."""
        return all(f.ok or f.severity == "note" for f in self.findings)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok and f.severity == "error"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "backend": self.backend,
            "ok": self.ok,
            "findings": [asdict(f) for f in self.findings],
        }


def check_database(target: str, *, quick: bool = False) -> Report:
    """Check the database at a SQLite path or ``postgresql://`` URL, opened only to read
    and never migrated. ``quick``: SQLite's ``quick_check`` instead of
    ``integrity_check`` (no index compared with its table) and no text hashes computed:
    minutes instead of tens of minutes on a large store.

    Raises :class:`StoreError` if the database cannot be opened at all."""
    if target.startswith(("postgresql://", "postgres://")):
        from kamervragen.storage.postgres import PostgresStore  # psycopg: optional

        store: Store = PostgresStore(target)
    else:
        if not Path(target).exists():
            raise StoreError(target, "unavailable", "no such file")
        from kamervragen.storage.sqlite import SQLiteStore

        store = SQLiteStore(target, readonly=True)
    with store:
        return check_store(store, quick=quick)


def check_store(store: Store, *, quick: bool = False) -> Report:
    """Every check of :func:`check_database` on an open store."""
    name = store.dialect.name
    report = Report(store.url if name == "sqlite" else safe_url(store.url), name)
    physical = _sqlite_checks if name == "sqlite" else _postgres_checks
    for finding in physical(store, quick):
        report.findings.append(finding)
    for check, run in _invariants(store, quick):
        report.findings.append(_guarded(check, run))
    return report


def _guarded(check: str, run: Callable[[], Finding]) -> Finding:
    """The check's finding; a failed one if the database could not answer it."""
    try:
        return run()
    except StoreError as exc:
        if exc.cause == "corrupt":  # what the check was to find
            return Finding(check, False, f"damaged: {exc.detail}")
        return Finding(check, False, f"could not be checked: {exc.detail}")


def _count_finding(check: str, rows: list[tuple[Any, ...]], what: str) -> Finding:
    """A finding from rows of (id, ...): ok if none, else how many and the first ids."""
    if not rows:
        return Finding(check, True, "ok")
    ids = ", ".join(str(r[0]) for r in rows[:_SHOWN])
    more = ", …" if len(rows) > _SHOWN else ""
    return Finding(check, False, f"{len(rows)} {what} ({ids}{more})")


# --- SQLite ------------------------------------------------------------------------------


def _sqlite_checks(store: Store, quick: bool) -> list[Finding]:
    pragma = "quick_check" if quick else "integrity_check"
    findings = []

    def integrity() -> Finding:
        rows = [str(r[0]) for r in store.query(f"PRAGMA {pragma}(100)")]
        if rows == ["ok"]:
            return Finding(f"SQLite {pragma}", True, "ok")
        shown = "; ".join(rows[:_SHOWN]) + ("; …" if len(rows) > _SHOWN else "")
        return Finding(f"SQLite {pragma}", False, f"{len(rows)} problems: {shown}")

    def foreign_keys() -> Finding:
        rows = store.query("PRAGMA foreign_key_check")
        if not rows:
            return Finding("SQLite foreign_key_check", True, "ok")
        tables = sorted({f"{r[0]} → {r[2]}" for r in rows})
        return Finding(
            "SQLite foreign_key_check",
            False,
            f"{len(rows)} rows name a missing row ({', '.join(tables[:_SHOWN])})",
        )

    findings.append(_guarded(f"SQLite {pragma}", integrity))
    findings.append(_guarded("SQLite foreign_key_check", foreign_keys))
    for table in ("search_text", "search_terms_trigram"):
        findings.append(_fts5_integrity(store.url, table))
    return findings


def _fts5_integrity(path: str, table: str) -> Finding:
    """FTS5's own check of a full-text table: its index against its content. FTS5 runs
    it only as an INSERT, so on a connection of its own that may write, in a transaction
    rolled back (the check itself writes nothing)."""
    check = f"FTS5 integrity-check of {table}"
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    except sqlite3.Error as exc:
        return Finding(check, False, f"could not be checked: {sqlite_error(path, exc).detail}")
    try:
        conn.execute("BEGIN")
        conn.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")
        return Finding(check, True, "ok")
    except sqlite3.Error as exc:
        error = sqlite_error(path, exc)
        if error.cause == "read-only":
            return Finding(check, False, "not checked: the file is read-only", "note")
        return Finding(check, False, error.detail)
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


# --- PostgreSQL --------------------------------------------------------------------------


def _postgres_checks(store: Store, quick: bool) -> list[Finding]:
    findings = [
        _guarded("PostgreSQL indexes valid", lambda: _invalid_indexes(store)),
        _guarded("PostgreSQL constraints validated", lambda: _unvalidated(store)),
        _guarded("PostgreSQL amcheck", lambda: _amcheck(store, quick)),
    ]
    # Every row of every table read: a page that cannot be read fails here (a checksum
    # failure, a damaged page header), where no index lookup would have touched it.
    tables = [
        str(r[0])
        for r in store.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    ]

    def read_all() -> Finding:
        failed = []
        for table in tables:
            try:
                store.query(f'SELECT count(*) FROM (SELECT * FROM "{table}") t')
            except StoreError as exc:
                failed.append(f"{table}: {exc.detail}")
        if failed:
            return Finding("PostgreSQL tables readable", False, "; ".join(failed[:_SHOWN]))
        return Finding("PostgreSQL tables readable", True, f"ok ({len(tables)} tables)")

    findings.append(_guarded("PostgreSQL tables readable", read_all))
    return findings


def _invalid_indexes(store: Store) -> Finding:
    rows = store.query(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " WHERE c.relnamespace = current_schema()::regnamespace"
        " AND NOT (i.indisvalid AND i.indisready) ORDER BY 1"
    )
    return _count_finding("PostgreSQL indexes valid", rows, "invalid indexes")


def _unvalidated(store: Store) -> Finding:
    rows = store.query(
        "SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace"
        " AND NOT convalidated ORDER BY 1"
    )
    return _count_finding("PostgreSQL constraints validated", rows, "constraints not validated")


def _amcheck(store: Store, quick: bool) -> Finding:
    check = "PostgreSQL amcheck"
    installed = store.query("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'")
    if not installed:
        return Finding(
            check,
            False,
            "not checked: the amcheck extension is not installed in this database"
            " (CREATE EXTENSION amcheck; as a superuser)",
            "note",
        )
    indexes = store.query(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
        " JOIN pg_am am ON am.oid = c.relam WHERE am.amname = 'btree'"
        " AND c.relnamespace = current_schema()::regnamespace AND i.indisvalid ORDER BY 1"
    )
    problems = []
    for (index,) in indexes:
        try:
            # heapallindexed: every row of the table is found in the index (slower).
            store.query("SELECT bt_index_check(CAST(? AS regclass), ?)", (index, not quick))
        except StoreError as exc:
            problems.append(f"{index}: {exc.detail}")
    heap = store.query(
        "SELECT c.relname, v.blkno, v.msg FROM pg_class c,"
        " LATERAL verify_heapam(c.oid) v WHERE c.relkind = 'r'"
        " AND c.relnamespace = current_schema()::regnamespace"
    )
    problems += [f"{t} block {b}: {m}" for t, b, m in heap]
    if problems:
        return Finding(check, False, f"{len(problems)} problems: {'; '.join(problems[:_SHOWN])}")
    return Finding(check, True, f"ok ({len(indexes)} indexes, every table's pages)")


# --- the store's invariants -----------------------------------------------------------------


def _invariants(store: Store, quick: bool) -> list[tuple[str, Callable[[], Finding]]]:
    sqlite = store.dialect.name == "sqlite"

    def rows_check(check: str, sql: str, what: str) -> tuple[str, Callable[[], Finding]]:
        return check, lambda: _count_finding(check, store.query(sql), what)

    checks = [
        ("migrations applied", lambda: _migrations(store)),
        rows_check(
            "every document has its case",
            "SELECT d.id FROM documents d WHERE d.case_id IS NULL OR NOT EXISTS"
            " (SELECT 1 FROM cases c WHERE c.id = d.case_id) ORDER BY d.id",
            "documents without a case",
        ),
        rows_check(
            "every case has a document",
            "SELECT c.id FROM cases c WHERE NOT EXISTS"
            " (SELECT 1 FROM documents d WHERE d.case_id = c.id) ORDER BY c.id",
            "cases without documents",
        ),
        rows_check(
            "every pair's case exists",
            "SELECT p.id FROM search_pairs p LEFT JOIN documents d ON d.id = p.document_id"
            " LEFT JOIN cases c ON c.id = d.case_id WHERE c.id IS NULL ORDER BY p.id",
            "pairs without a document or case",
        ),
        rows_check(
            "every question has its pair",
            "SELECT d.id FROM documents d WHERE (SELECT count(*) FROM questions q"
            " WHERE q.document_id = d.id) <> (SELECT count(*) FROM search_pairs p"
            " WHERE p.document_id = d.id) ORDER BY d.id",
            "documents whose questions and pairs differ in number",
        ),
        rows_check(
            "every document has its source",
            "SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sources s"
            " WHERE s.document_id = d.id AND s.content_hash = d.content_hash) ORDER BY d.id",
            "documents without their source",
        ),
        rows_check(
            "every pair has its facts",
            "SELECT p.id FROM search_pairs p WHERE NOT EXISTS"
            " (SELECT 1 FROM search_facts f WHERE f.pair_id = p.id) ORDER BY p.id",
            "pairs without search facts",
        ),
        rows_check(
            "answers answer questions of their document",
            "SELECT l.answer_id FROM answer_questions l JOIN answers a ON a.id = l.answer_id"
            " JOIN questions q ON q.id = l.question_id WHERE a.document_id <> q.document_id",
            "links across documents",
        ),
        rows_check(
            "vectors of a model have one size",
            "SELECT model FROM text_vectors GROUP BY model"
            " HAVING count(DISTINCT length(vector)) > 1",
            "models with vectors of different sizes",
        ),
        ("vectors' texts are stored", lambda: _orphan_vectors(store)),
    ]
    if sqlite:
        checks += [
            rows_check(
                "every pair has its search text",
                "SELECT p.id FROM search_pairs p WHERE NOT EXISTS"
                " (SELECT 1 FROM search_text t WHERE t.rowid = p.id) ORDER BY p.id",
                "pairs missing from the full-text index",
            ),
            rows_check(
                "every search text has its pair",
                "SELECT t.rowid FROM search_text t WHERE NOT EXISTS"
                " (SELECT 1 FROM search_pairs p WHERE p.id = t.rowid) ORDER BY t.rowid",
                "full-text rows without a pair",
            ),
            rows_check(
                "every pair has its facet ids",
                "SELECT p.id FROM search_pairs p WHERE NOT EXISTS"
                " (SELECT 1 FROM search_facet_ids f WHERE f.pair_id = p.id) ORDER BY p.id",
                "pairs without facet ids",
            ),
            rows_check(
                "every record is JSON",
                "SELECT id FROM documents WHERE NOT json_valid(record) ORDER BY id",
                "documents whose record is not JSON",
            ),
        ]
    else:
        checks.append(
            rows_check(
                "every pair has its search text",
                # Every pair's tsvector holds its filter words at least.
                "SELECT id FROM search_pairs WHERE length(tsv) = 0 ORDER BY id",
                "pairs with an empty tsvector",
            )
        )
    if not quick:
        digest = (
            "text_hash({0})"
            if sqlite
            else "substr(encode(sha256(convert_to({0}, 'UTF8')), 'hex'), 1, 32)"
        )
        checks.append(
            rows_check(
                "texts' hashes match the texts",
                f"SELECT id FROM search_pairs WHERE question_hash <> {digest.format('question')}"
                f" OR answer_hash <> {digest.format('answer')} ORDER BY id",
                "pairs whose hashes are not their texts' (their vectors may be another text's)",
            )
        )
    return checks


def _migrations(store: Store) -> Finding:
    if store.up_to_date():
        return Finding("migrations applied", True, "ok")
    return Finding(
        "migrations applied",
        False,
        "not every migration is applied: any command that writes brings it up to date",
        "note",
    )


def _orphan_vectors(store: Store) -> Finding:
    """Vectors are kept when their text leaves the store (a new version may bring it
    back): worth a note, not a fault."""
    count = store.query(
        "SELECT count(*) FROM text_vectors WHERE text_hash NOT IN"
        " (SELECT question_hash FROM search_pairs WHERE question_hash IS NOT NULL"
        " UNION SELECT answer_hash FROM search_pairs WHERE answer_hash IS NOT NULL)"
    )[0][0]
    if not count:
        return Finding("vectors' texts are stored", True, "ok")
    return Finding(
        "vectors' texts are stored",
        False,
        f"{count} vectors of texts no longer stored (kept; harmless)",
        "note",
    )
