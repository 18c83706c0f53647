"""The embedded default: one SQLite file, plain enough for Datasette to browse."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import kamervragen.storage.sqlite_matches as sqlite_matches
from kamervragen.indexing import Analysed, FilterIds, rows
from kamervragen.record import Record
from kamervragen.storage._base import Row, Store
from kamervragen.storage.facet_columns import hold_facets
from kamervragen.storage.faults import sqlite_error
from kamervragen.storage.matches import Conditions, MatchPlan
from kamervragen.storage.migrations import SQLITE
from kamervragen.storage.sqlite_matches import SQLiteMatches
from kamervragen.text.hashing import text_hash

# The memory map of a store opened for searching: SQLite caps it at its build's maximum
# (2 GB in common builds), which it then uses.
SEARCH_MMAP = 1 << 40

# Rows of one statement: three parameters each, well within SQLite's limit of 32,766.
_FTS5_ROWS = 1000

# While ingesting: 8 MB of page cache (KiB when negative), a checkpoint every 10,000 pages.
# SQLite walks its whole page cache at every commit: with the 64 MB that searching wants
# that walk was a quarter of the writer's time; each checkpoint waits for the disk twice.
_BULK_CACHE = -8192
_BULK_CHECKPOINT = 10_000


class SQLiteStore(Store):
    dialect = SQLITE

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        """``readonly``: for searching (see :func:`open_for_search`): no writes, and the
        file read through a memory map."""
        self.url = str(path)
        self.readonly = readonly
        try:
            self._open(path)
        except sqlite3.Error as exc:
            with suppress(AttributeError, sqlite3.Error):
                self._db.close()
            raise sqlite_error(self.url, exc) from exc
        self._depth = 0
        self._vocabulary = False  # whether temp.search_vocabulary was made

    def _open(self, path: str | Path) -> None:
        readonly = self.readonly
        # Autocommit mode: transactions are opened explicitly, one per document.
        # The wait for another process's lock starts with the first statement (WAL below).
        self._db = sqlite3.connect(
            f"{Path(path).resolve().as_uri()}?mode=ro" if readonly else str(path),
            isolation_level=None,
            check_same_thread=False,
            timeout=30,
            uri=readonly,
        )
        if readonly:
            # Without a map each page read from the file is a system call and a copy. The
            # map covers the file's first 2 GB: a whole store of some 300,000 pairs. At
            # 1M pairs (6.7 GB) it holds 2 % of the FTS5 index, and runs with and
            # without it showed no gain there; it costs nothing either. Not in the
            # writable store: the mapped pages would count in the ingest's memory.
            self._db.execute(f"PRAGMA mmap_size = {SEARCH_MMAP}")
        else:
            self._db.execute("PRAGMA journal_mode = WAL")
            # WAL with NORMAL sync survives a killed process (not a power cut mid-commit).
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
        # 64 MB of page cache (the default is 2 MB): search over a large store reads the
        # same index pages again and again.
        self._db.execute("PRAGMA cache_size = -65536")
        # Migration search_phrase_pairs rebuilds the search index with it.
        self._db.create_function("search_with_pairs", 1, rows.with_pairs_sql, deterministic=True)
        # Migration text_vectors computes the hashes of the stored texts with it.
        self._db.create_function("text_hash", 1, text_hash, deterministic=True)
        if not readonly:
            self._refuse_if_readonly()

    def _refuse_if_readonly(self) -> None:
        """Fail now if SQLite can only read the file (its permissions, or a read-only
        file system), not at the first document after minutes of parsing. Setting the
        header's user_version to its own value asks for a write and changes nothing."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
            self._db.execute(f"PRAGMA user_version = {version}")
        finally:
            self._db.execute("ROLLBACK")

    # Every error of SQLite leaves as a StoreError: one line naming the file and the cause.

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        try:
            self._db.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise sqlite_error(self.url, exc) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            return self._db.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise sqlite_error(self.url, exc) from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            try:
                self._db.executemany(sql, rows)
            except sqlite3.Error as exc:
                raise sqlite_error(self.url, exc) from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            yield  # already inside one: the outer block decides
            return
        self.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
            self.execute("COMMIT")
        except BaseException:
            self._roll_back()
            raise
        finally:
            self._depth = 0

    def _roll_back(self) -> None:
        # SQLite rolls a transaction back itself on some errors (a damaged page, a full
        # disk); a ROLLBACK then fails, and must not hide the error that matters.
        if self._db.in_transaction:
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
        self._rolled_back()

    @contextmanager
    def bulk(self) -> Iterator[None]:
        # A smaller page cache for the writer: at every commit SQLite walks its page cache
        # (a fifth of an ingest's writing with the 64 MB that searching wants, 1 % with
        # 2 MB). Checkpoints every 40 MB of WAL instead of 4 MB: each one waits for the
        # disk twice, and a page the FTS5 merges write again and again is copied once.
        cache = self.query("PRAGMA cache_size")[0][0]
        self.execute(f"PRAGMA cache_size = {_BULK_CACHE}")
        self.execute(f"PRAGMA wal_autocheckpoint = {_BULK_CHECKPOINT}")
        try:
            yield
        finally:
            self.execute(f"PRAGMA cache_size = {int(cache)}")
            self.execute("PRAGMA wal_autocheckpoint = 1000")  # SQLite's default

    def _write_index(
        self, document_id: int, record: Record, analysed: Analysed | None, ids: FilterIds
    ) -> None:
        pairs = rows.pairs_of(record)
        if not pairs:
            return
        facts = rows.index_facts(record, names=False)
        stemmed, subject, terms = rows.stemmed_pairs(record, pairs, analysed)
        self.executemany(
            "INSERT INTO search_pairs (document_id, position, number, question, answer, year,"
            " question_hash, answer_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    document_id,
                    p.position,
                    p.number,
                    p.question,
                    p.answer,
                    facts.year,
                    p.question_hash,
                    p.answer_hash,
                )
                for p in pairs
            ],
        )
        words = " ".join(rows.fact_words(record, ids))
        self._insert_search_text(document_id, rows.with_pairs(subject), words, stemmed)
        # What the facets count, narrow enough that a search reads few pages for them.
        self.execute(
            "INSERT INTO search_facet_ids (pair_id, year, parties, offices)"
            " SELECT id, ?, ?, ? FROM search_pairs WHERE document_id = ?",
            (facts.year, rows.facet_ids(ids, "p"), rows.facet_ids(ids, "o"), document_id),
        )
        # The same facts for every pair of the document: one statement for them all.
        self.execute(
            "INSERT INTO search_facts (pair_id, kind, submitted, received, year, parties,"
            " ministries) SELECT id, ?, ?, ?, ?, ?, ? FROM search_pairs WHERE document_id = ?",
            (*facts, document_id),
        )
        # Only the terms the store has not written before (most of a document's are known;
        # terms are never deleted), in one statement for the reason of
        # _insert_search_text: each new term's trigger writes to the FTS5 table of trigrams.
        new = self.new_terms(terms)
        if new:
            self.execute(
                "INSERT INTO search_terms (term) SELECT value FROM json_each(?) WHERE true"
                " ON CONFLICT (term) DO NOTHING",
                (json.dumps(new),),
            )

    def _insert_search_text(
        self, document_id: int, subject: str, facts: str, stemmed: rows.Stemmed
    ) -> None:
        """A document's rows of the FTS5 table ``search_text``, in one statement.

        FTS5 writes what it holds of a transaction to disk as a new segment whenever a
        later statement of the transaction starts (a statement savepoint), so a statement
        per pair wrote a segment per pair, each one merged again and again later: most of
        an ingest's writing. One statement for the document writes one segment.
        """
        for i in range(0, len(stemmed), _FTS5_ROWS):
            chunk = stemmed[i : i + _FTS5_ROWS]
            values = ", ".join("(?, ?, ?)" for _ in chunk)
            self.execute(
                f"WITH t (position, question, answer) AS (VALUES {values})"
                " INSERT INTO search_text (rowid, question, answer, subject, facts)"
                " SELECT p.id, t.question, t.answer, ?, ? FROM t JOIN search_pairs p"
                " ON p.document_id = ? AND p.position = t.position",
                [
                    *(
                        v
                        for p, q, a in chunk
                        for v in (p.position, rows.with_pairs(q), rows.with_pairs(a))
                    ),
                    subject,
                    facts,
                    document_id,
                ],
            )

    def matches(self, plan: MatchPlan, conditions: Conditions) -> SQLiteMatches:
        return SQLiteMatches(self, plan, conditions)

    def ranked_by_terms(self, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
        return sqlite_matches.ranked_by_terms(self, terms, limit)

    def meeting(self, conditions: Conditions, pairs: Sequence[int]) -> set[int]:
        return sqlite_matches.meeting(self, conditions, pairs)

    def term_counts(self, terms: Sequence[str]) -> dict[str, int] | None:
        if not terms:
            return {}
        if not self._vocabulary:
            # FTS5's own count of the rows holding each term, read from its index: a
            # temporary table of this connection, so a read-only store can have it too.
            self.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocabulary"
                " USING fts5vocab(main, search_text, 'row')"
            )
            self._vocabulary = True
        marks = ", ".join("?" for _ in terms)
        rows = self.query(
            f"SELECT term, doc FROM temp.search_vocabulary WHERE term IN ({marks})", list(terms)
        )
        return {str(term): int(count) for term, count in rows}

    def compound_terms(self, stem: str, limit: int) -> list[str]:
        rows = self.query(
            "SELECT term FROM search_terms_trigram WHERE search_terms_trigram MATCH ?"
            " ORDER BY length(term), term LIMIT ?",
            (f'"{stem}"', limit),
        )
        return [r[0] for r in rows]

    def keep_warm(self) -> None:
        """For a store opened read-only (:func:`open_for_search`); a no-op otherwise.

        It holds the facet columns in memory (:mod:`.facet_columns`; read once per file
        and shared by the stores of the process on it) and reads the column sizes of
        every pair (``search_text_docsize``, some 14 MB at 1,000,000 pairs) into SQLite's
        page cache: bm25 reads those of every pair it scores, up to 2,000 a search,
        scattered over the table, and on a first pass they were most of a search's time
        (1M pairs: p95 24–25 → 22–23 ms). Every search reads them, so they stay in the
        cache. About 1.5 s at 1,000,000 pairs, most of it for the facet columns.
        """
        if not self.readonly:
            return
        hold_facets(self, lambda: SQLiteStore(self.url, readonly=True))
        self.query("SELECT sum(length(sz)) FROM search_text_docsize")

    def lock_schema(self) -> None:
        pass  # BEGIN IMMEDIATE has taken the database's write lock already

    def close(self) -> None:
        try:
            self._db.close()
        except sqlite3.Error as exc:
            raise sqlite_error(self.url, exc) from exc


def open_for_search(path: str | Path) -> SQLiteStore:
    """The store at ``path`` opened read-only, for searching: a search never waits for a
    writer's lock. A missing or older file is first created or migrated by an ordinary
    open, as for any other command."""
    if Path(path).exists():
        store = SQLiteStore(path, readonly=True)
        if store.up_to_date():
            return store
        store.close()
    with SQLiteStore(path) as writable:
        writable.migrate()
    return SQLiteStore(path, readonly=True)
