"""The store: one small interface, the same SQL for SQLite and PostgreSQL.

A backend supplies a connection, its :class:`Dialect`, how to run statements and how to
open a transaction; everything else, including every query, is written once here.
"""

from __future__ import annotations

import datetime as dt
import json
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from kamervragen.commitments import Commitment, answer_commitments
from kamervragen.dates import iso
from kamervragen.indexing import Analysed, FilterIds
from kamervragen.record import Record, record_from_dict
from kamervragen.storage.cases import asker_line, case_keys
from kamervragen.storage.commitment_rows import write as write_commitments
from kamervragen.storage.faults import StoreError
from kamervragen.storage.matches import Conditions, Matches, MatchPlan
from kamervragen.storage.migrations import MIGRATIONS, Dialect, hide_superseded

Outcome = Literal["added", "replaced", "unchanged"]
Row = tuple[Any, ...]

_SEEN_TERMS = 500_000  # search terms a store remembers having written (some 40 MB)

_IDS_BY_POSITION = "SELECT position, id FROM {} WHERE document_id = ?"


@dataclass(frozen=True)
class Parsed:
    """A document read and parsed, ready to store: what a worker hands the writer."""

    source: str
    content_hash: str
    source_format: str
    record: Record
    # The texts analysed for the search index, where the document was parsed (a worker
    # process), so that the one writer does not have to.
    analysed: Analysed | None = None
    # The record as stored (Record.to_json), made there for the same reason.
    record_json: str | None = None
    # Its commitments, (answer position, commitment) each, found there too; None: the
    # writer finds them.
    commitments: tuple[tuple[int, Commitment], ...] | None = None


@dataclass(frozen=True)
class StoredPair:
    """One stored question with the answer given to it, and its document's metadata."""

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


@dataclass(frozen=True)
class Quarantined:
    source: str
    content_hash: str | None
    reason: str


def document_values(doc: Parsed, case_id: int) -> tuple[Any, ...]:
    """The values of a document's row, in the order of its columns (but its id)."""
    r = doc.record
    return (
        r.id,
        doc.content_hash,
        doc.source,
        doc.source_format,
        r.kind,
        r.zaak,
        r.session_year,
        r.subject,
        r.submitted,
        r.received,
        asker_line(r) or None,
        case_id,
        doc.record_json or r.to_json(),
        " ".join(r.quality),
    )


class Store(ABC):
    """Where records live. Use as a context manager, or call :meth:`close`."""

    dialect: Dialect
    url: str
    readonly: bool = False  # opened only to search (see ``open_store``)

    # --- what a backend implements ------------------------------------------------

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement (``?`` placeholders); a backend may send it later, in a batch."""

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run one statement and return its rows."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """All or nothing: commits at the end of the block, rolls back on an exception."""

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _write_index(
        self, document_id: int, record: Record, analysed: Analysed | None, ids: FilterIds
    ) -> None:
        """Write the search index rows of a document just inserted (same transaction):
        its pairs, their texts and filter words (``ids``: see
        :func:`kamervragen.indexing.fact_words`), and its new compound terms. Removing
        needs nothing: a pair's rows go with its document (``ON DELETE CASCADE``), and in
        SQLite a trigger takes its FTS5 row along."""

    # --- what a backend implements for search -------------------------------------

    @abstractmethod
    def matches(self, plan: MatchPlan, conditions: Conditions) -> Matches:
        """The pairs that match a query's words (``plan``) and ``conditions``."""

    @abstractmethod
    def compound_terms(self, stem: str, limit: int) -> list[str]:
        """Up to ``limit`` indexed stems that contain ``stem`` (the compounds it is part
        of), shortest first."""

    @abstractmethod
    def ranked_by_terms(self, terms: Sequence[str], limit: int) -> list[tuple[int, float]]:
        """The ``limit`` visible pairs that hold most of ``terms`` (stems; any of them),
        best first, with their scores (higher is better): a similarity search's words."""

    def term_counts(self, terms: Sequence[str]) -> dict[str, int] | None:
        """In how many pairs each of ``terms`` stands (those that stand anywhere), or None
        where the backend cannot tell cheaply."""
        return None

    @abstractmethod
    def meeting(self, conditions: Conditions, pairs: Sequence[int]) -> set[int]:
        """Those of ``pairs`` that meet ``conditions``."""

    def keep_warm(self) -> None:  # noqa: B027 (a backend may have nothing to do)
        """Prepare for the many searches of a long-running process (the web application,
        a benchmark); what a backend can do for them."""

    # --- schema ---------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; return their names.

        Safe when several processes open a new database at once: each migration is
        checked again under the database's write lock before it is applied.
        """
        if self.up_to_date():
            # Nothing to write: a store that can only be read (a PostgreSQL standby, a
            # read-only database) opens too.
            return []
        applied = []
        for migration in MIGRATIONS:
            with self.transaction():
                self.lock_schema()
                self.execute(
                    "CREATE TABLE IF NOT EXISTS _migrations"
                    " (name TEXT PRIMARY KEY, applied_at TEXT)"
                )
                done = self.query("SELECT 1 FROM _migrations WHERE name = ?", (migration.__name__,))
                if done:
                    continue
                for statement in migration(self.dialect):
                    self.execute(statement)
                self.execute(
                    "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                    (migration.__name__, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
                )
            applied.append(migration.__name__)
        return applied

    def up_to_date(self) -> bool:
        """Whether every migration is recorded (read without a transaction or a lock)."""
        try:
            done = {str(r[0]) for r in self.query("SELECT name FROM _migrations")}
        except StoreError as exc:
            if exc.cause != "failed":  # "failed": no such table, a new database
                raise
            return False
        return all(m.__name__ in done for m in MIGRATIONS)

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Within the block the store expects many documents in a row (an ingest) and may
        tune itself for writing; each document still commits on its own."""
        yield

    @abstractmethod
    def lock_schema(self) -> None:
        """Within a transaction: keep other processes from changing the schema meanwhile."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------

    def knows(self, content_hash: str) -> bool:
        """Whether this exact content was stored before (ingesting it again is a no-op)."""
        return content_hash in self.known([content_hash])

    def known(self, content_hashes: Sequence[str]) -> set[str]:
        """Those of ``content_hashes`` stored before: :meth:`knows` for many at once."""
        found: set[str] = set()
        for i in range(0, len(content_hashes), 500):  # within any backend's parameter limit
            chunk = content_hashes[i : i + 500]
            marks = ", ".join("?" for _ in chunk)
            rows = self.query(
                f"SELECT content_hash FROM sources WHERE content_hash IN ({marks})", chunk
            )
            found.update(row[0] for row in rows)
        return found

    def add(self, doc: Parsed) -> Outcome:
        """Store one parsed document in one transaction.

        The same content again changes nothing; a new version of an official id
        replaces the old document.
        """
        with self.transaction():
            return self._add(doc)

    def _add(self, doc: Parsed) -> Outcome:
        keys = case_keys(doc.record)
        # One round trip for all that decides the rest: the cases the document's keys name,
        # the case of a document with its official id (which it replaces), whether the
        # content is known and whether the source is in the quarantine. Keys start with
        # "zaak:", "set:" or "about:", never like the other three.
        marks = ", ".join("?" for _ in keys) or "NULL"
        rows = self.query(
            "SELECT k.key, c.id, c.zaak, c.submitted FROM case_keys k"
            f" JOIN cases c ON c.id = k.case_id WHERE k.key IN ({marks})"
            " UNION ALL SELECT 'old', case_id, NULL, NULL FROM documents WHERE official_id = ?"
            " UNION ALL SELECT 'known', NULL, NULL, NULL FROM sources WHERE content_hash = ?"
            " UNION ALL SELECT 'quarantined', NULL, NULL, NULL FROM quarantine WHERE source = ?",
            [*keys, doc.record.id, doc.content_hash, doc.source],
        )
        tags = {row[0] for row in rows}
        if "quarantined" in tags:
            self.execute("DELETE FROM quarantine WHERE source = ?", (doc.source,))
        if "known" in tags:
            return "unchanged"
        old = [row[1] for row in rows if row[0] == "old"]
        old_case = old[0] if old else None
        if old:
            self.execute("DELETE FROM documents WHERE official_id = ?", (doc.record.id,))
        # The case first, so that the document is inserted into it: updating its case_id
        # afterwards fired the search triggers for every document (most of the writing).
        case_id, joined = self._find_case(doc.record, [r for r in rows if r[0] in keys])
        self._store_document(doc, case_id, keys)
        if joined:
            # What the case's update trigger did: the case's other documents may now repeat
            # this one's questions or be repeated by them. A new case holds only this
            # document, whose pairs are not hidden (the default).
            self.execute(hide_superseded("d.case_id = ?"), (case_id,))
            self._refresh_case(case_id)
        if old_case is not None and old_case != case_id:
            self._refresh_case(old_case)
        return "replaced" if old else "added"

    def remove(self, document_id: int) -> None:
        """Remove a stored document (within the caller's transaction); its case loses it,
        and goes if that was its last document. Its content stays known (``sources``)."""
        rows = self.query("SELECT case_id FROM documents WHERE id = ?", (document_id,))
        if not rows:
            return
        self.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        if rows[0][0] is not None:
            self._refresh_case(int(rows[0][0]))

    def quarantine(self, source: str, content_hash: str | None, reason: str) -> None:
        """Record that ``source`` could not be stored, and why."""
        with self.transaction():
            self.execute("DELETE FROM quarantine WHERE source = ?", (source,))
            self.execute(
                "INSERT INTO quarantine (source, content_hash, reason) VALUES (?, ?, ?)",
                (source, content_hash, reason),
            )

    def reindex(self) -> int:
        """Index every stored document again, in one transaction (for a store whose index
        is missing or suspect). Returns the number of pairs indexed."""
        with self.transaction():
            self.execute("DELETE FROM search_pairs")
            for document_id, record in self.query("SELECT id, record FROM documents ORDER BY id"):
                self._write_index(
                    int(document_id),
                    record_from_dict(json.loads(record)),
                    None,
                    self._filter_ids(int(document_id)),
                )
            self.execute(hide_superseded("d.case_id IS NOT NULL"))
        return int(self.query("SELECT count(*) FROM search_pairs")[0][0])

    def _filter_ids(self, document_id: int) -> FilterIds:
        """A stored document's ids for its filter words, as :meth:`_insert_document`
        gives them for a document it inserts."""
        return [
            (str(prefix), i)
            for prefix, i in self.query(
                "SELECT 'm', person_id FROM document_askers WHERE document_id = ?"
                " UNION ALL SELECT 'p', party_id FROM document_askers WHERE document_id = ?"
                " UNION ALL SELECT 'o', office_id FROM document_addressees WHERE document_id = ?"
                " UNION ALL SELECT 'a', person_id FROM document_answerers WHERE document_id = ?",
                (document_id,) * 4,
            )
        ]

    @property
    def _names(self) -> dict[tuple[str, str], int]:
        # Names are never deleted, so their ids can be remembered between documents.
        cache: dict[tuple[str, str], int] | None = getattr(self, "_name_cache", None)
        if cache is None:
            cache = self._name_cache = {}
        return cache

    def new_terms(self, terms: list[str]) -> list[str]:
        """Those of ``terms`` (search terms about to be written) not written or seen by this
        store before. Terms are never deleted, so this saves writing the same ones again."""
        seen: set[str] | None = getattr(self, "_seen_terms", None)
        if seen is None or len(seen) > _SEEN_TERMS:
            seen = self._seen_terms = set()  # bounded: forgetting only costs a rewrite
        new = [t for t in terms if t not in seen]
        seen.update(new)
        return new

    def _rolled_back(self) -> None:
        """Forget what was remembered of a transaction that was rolled back."""
        self._names.clear()  # ids made in it are gone
        self._seen_terms = set()

    def _store_document(self, doc: Parsed, case_id: int, keys: list[str]) -> None:
        """The document's rows, its search index rows, its source and its case's ``keys``."""
        document_id, ids = self._insert_document(doc, case_id)
        self._write_index(document_id, doc.record, doc.analysed, ids)
        self.execute(
            "INSERT INTO sources (content_hash, source, document_id) VALUES (?, ?, ?)",
            (doc.content_hash, doc.source, document_id),
        )
        self.executemany(
            "INSERT INTO case_keys (key, case_id) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            [(key, case_id) for key in keys],
        )
        found = doc.commitments
        write_commitments(
            self,
            document_id,
            doc.content_hash,
            answer_commitments(doc.record) if found is None else found,
        )

    def _id_of(self, table: str, name: str) -> int:
        key = (table, name)
        if key not in self._names:
            self.execute(
                f"INSERT INTO {table} (name) VALUES (?) ON CONFLICT (name) DO NOTHING", (name,)
            )
            self._names[key] = int(
                self.query(f"SELECT id FROM {table} WHERE name = ?", (name,))[0][0]
            )
        return self._names[key]

    def _insert_document(self, doc: Parsed, case_id: int) -> tuple[int, FilterIds]:
        """Insert the document's rows; its id, and the ids its filter words are made of."""
        r = doc.record
        rows = self.query(
            """INSERT INTO documents (official_id, content_hash, source, source_format, kind,
                   zaak, session_year, subject, submitted, received, askers, case_id, record,
                   quality)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
            document_values(doc, case_id),
        )
        document_id = int(rows[0][0])
        askers = [
            (
                document_id,
                i,
                self._id_of("persons", a.name),
                self._id_of("parties", a.party) if a.party else None,
            )
            for i, a in enumerate(r.askers)
        ]
        self.executemany(
            "INSERT INTO document_askers (document_id, position, person_id, party_id)"
            " VALUES (?, ?, ?, ?)",
            askers,
        )
        offices: dict[str, list[tuple[int, int, int]]] = {}
        for table, names in (
            ("document_addressees", r.addressees),
            ("document_co_signers", r.co_signers),
        ):
            offices[table] = [
                (document_id, i, self._id_of("offices", o)) for i, o in enumerate(names)
            ]
            self.executemany(
                f"INSERT INTO {table} (document_id, position, office_id) VALUES (?, ?, ?)",
                offices[table],
            )
        answerers = [
            (document_id, i, a.role, self._id_of("persons", a.name), a.portfolio)
            for i, a in enumerate(r.answered_by)
        ]
        self.executemany(
            "INSERT INTO document_answerers (document_id, position, role, person_id, portfolio)"
            " VALUES (?, ?, ?, ?, ?)",
            answerers,
        )
        self.executemany(
            "INSERT INTO questions (document_id, position, number, text) VALUES (?, ?, ?, ?)",
            [(document_id, i, q.number, q.text) for i, q in enumerate(r.questions)],
        )
        self.executemany(
            "INSERT INTO answers (document_id, position, text) VALUES (?, ?, ?)",
            [(document_id, i, a.text) for i, a in enumerate(r.answers)],
        )
        links = r.links()
        if links:
            # The rows' ids by position, read back once: a join on positions in the
            # statement grew with questions × answers (minutes for a 27,000-question text).
            answer_ids = dict(self.query(_IDS_BY_POSITION.format("answers"), [document_id]))
            question_ids = dict(self.query(_IDS_BY_POSITION.format("questions"), [document_id]))
            self.executemany(
                "INSERT INTO answer_questions (answer_id, question_id) VALUES (?, ?)",
                [(answer_ids[a], question_ids[q]) for a, q in links],
            )
        self.executemany(
            "INSERT INTO footnotes (document_id, position, number, text) VALUES (?, ?, ?, ?)",
            [(document_id, i, f.number, f.text) for i, f in enumerate(r.footnotes)],
        )
        self.executemany(
            "INSERT INTO document_references (document_id, position, kind, text, target)"
            " VALUES (?, ?, ?, ?, ?)",
            [(document_id, i, f.kind, f.text, f.target) for i, f in enumerate(r.references)],
        )
        # As _filter_ids reads them back: the rows' ids in the order of their tables.
        ids: FilterIds = [("m", row[2]) for row in askers] + [("p", row[3]) for row in askers]
        ids += [("o", row[2]) for row in offices["document_addressees"]]
        ids += [("a", row[3]) for row in answerers]
        return document_id, ids

    # --- cases ----------------------------------------------------------------------

    def _find_case(self, record: Record, named: list[Row]) -> tuple[int, bool]:
        """The case of a document, from the cases its keys name (key, case id, zaak,
        submitted), merging cases that it shows to be one; a new case (summarised from this
        document alone) if none. True when the case existed."""
        found: set[int] = set()
        for key, case_id, zaak, submitted in named:
            if record.zaak and zaak and zaak != record.zaak:
                continue  # two zaak numbers are two cases, whatever else they share
            other_day = record.submitted and submitted and iso(submitted) != record.submitted
            if key.startswith("about:") and other_day:
                continue  # the same subject asked again another day
            found.add(int(case_id))
        if not found:
            # What _refresh_case would make of a case of this one document.
            if record.zaak:
                # A zaak can be held only once: another case holding it gives it up.
                self.execute("UPDATE cases SET zaak = NULL WHERE zaak = ?", (record.zaak,))
            summary = (
                record.zaak or None,
                record.subject or None,
                record.submitted or None,
                asker_line(record) or None,
            )
            return self._insert_case(summary), False
        case_id = min(found)
        for other in sorted(found - {case_id}):
            self.execute("UPDATE documents SET case_id = ? WHERE case_id = ?", (case_id, other))
            self.execute("UPDATE case_keys SET case_id = ? WHERE case_id = ?", (case_id, other))
            self.execute("DELETE FROM cases WHERE id = ?", (other,))
        return case_id, True

    def _insert_case(self, summary: tuple[str | None, ...]) -> int:
        """A new case of (zaak, subject, submitted, askers); its id."""
        rows = self.query(
            "INSERT INTO cases (zaak, subject, submitted, askers) VALUES (?, ?, ?, ?) RETURNING id",
            summary,
        )
        return int(rows[0][0])

    def _refresh_case(self, case_id: int) -> None:
        """The case's summary from its documents; a case left without documents goes."""
        rows = self.query(
            "SELECT kind, zaak, subject, submitted, askers FROM documents WHERE case_id = ?"
            " ORDER BY CASE kind WHEN 'questions' THEN 0 WHEN 'answer' THEN 1 ELSE 2 END, id",
            (case_id,),
        )
        if not rows:
            self.execute("DELETE FROM cases WHERE id = ?", (case_id,))
            return
        # The questions document states the set best; any other document will do.
        zaak = next((r[1] for r in rows if r[1]), None)
        subject = next((r[2] for r in rows if r[2]), None)
        submitted = min((iso(r[3]) for r in rows if r[3]), default=None)
        askers = next((r[4] for r in rows if r[4]), None)
        if zaak:
            # A zaak can be held only once; another case holding it is this one.
            self.execute("UPDATE cases SET zaak = NULL WHERE zaak = ? AND id <> ?", (zaak, case_id))
        self.execute(
            "UPDATE cases SET zaak = ?, subject = ?, submitted = ?, askers = ? WHERE id = ?",
            (zaak, subject, submitted, askers, case_id),
        )

    # --- reading ----------------------------------------------------------------------

    def pair_count(self) -> int:
        """How many pairs the search index holds (the highest pair id: an estimate after
        deletions, at no cost)."""
        return int(self.query("SELECT coalesce(max(id), 0) FROM search_pairs")[0][0])

    def names(self, table: str) -> list[tuple[int, str]]:
        """Every (id, name) of ``persons``, ``parties`` or ``offices``."""
        if table not in ("persons", "parties", "offices"):
            raise ValueError(f"no names in {table!r}")
        return [(int(i), str(name)) for i, name in self.query(f"SELECT id, name FROM {table}")]

    def indexed_dates(self, column: str) -> tuple[str | None, str | None]:
        """The first and last date of the indexed pairs' ``submitted`` or ``received``."""
        if column not in ("submitted", "received"):
            raise ValueError(f"no dates in {column!r}")
        # Two queries: SQLite answers min or max alone from the index, not both at once.
        first = self.query(f"SELECT min({column}) FROM search_facts")[0][0]
        last = self.query(f"SELECT max({column}) FROM search_facts")[0][0]
        return iso(first), iso(last)

    def case_questions(self, case_id: int) -> list[tuple[int, str, str, str, str | None]]:
        """The visible pairs of a case (not repeated by a better document of it), in the
        order of their documents and positions: (pair id, number, question, the
        question's content hash, the case's submission date as ISO)."""
        rows = self.query(
            "SELECT p.id, p.number, p.question, p.question_hash, c.submitted"
            " FROM search_pairs p JOIN documents d ON d.id = p.document_id"
            " JOIN cases c ON c.id = d.case_id JOIN search_facts f ON f.pair_id = p.id"
            " WHERE d.case_id = ? AND f.hidden = 0 ORDER BY d.id, p.position",
            (case_id,),
        )
        return [(int(r[0]), str(r[1]), str(r[2]), str(r[3]), iso(r[4])) for r in rows]

    def answerers_of(self, pairs: Sequence[int]) -> dict[int, str]:
        """Who answered each pair's document ("Minister Asscher; Staatssecretaris …")."""
        if not pairs:
            return {}
        marks = ", ".join("?" for _ in pairs)
        rows = self.query(
            "SELECT p.id, a.role, n.name FROM search_pairs p"
            " JOIN document_answerers a ON a.document_id = p.document_id"
            f" JOIN persons n ON n.id = a.person_id WHERE p.id IN ({marks})"
            " ORDER BY p.id, a.position",
            list(pairs),
        )
        found: dict[int, list[str]] = {}
        for pair, role, name in rows:
            found.setdefault(int(pair), []).append(f"{role} {name}")
        return {pair: "; ".join(names) for pair, names in found.items()}

    def questions_answered_with(self, pair: int) -> list[str]:
        """The numbers of the questions of ``pair``'s document that its answer answers too
        (a grouped answer: "2, 3 en 4"), in order; its own number alone when unanswered."""
        rows = self.query(
            "SELECT p2.number FROM search_pairs p JOIN search_pairs p2"
            " ON p2.document_id = p.document_id AND p2.answer_hash = p.answer_hash"
            " WHERE p.id = ? AND p.answer <> '' ORDER BY p2.position",
            (pair,),
        )
        if rows:
            return [str(r[0]) for r in rows]
        return [
            str(r[0]) for r in self.query("SELECT number FROM search_pairs WHERE id = ?", (pair,))
        ]

    def stored_pairs(self, pairs: Sequence[int]) -> dict[int, StoredPair]:
        """Indexed pairs by id, with their documents' metadata."""
        if not pairs:
            return {}
        marks = ", ".join("?" for _ in pairs)
        rows = self.query(
            "SELECT p.id, d.case_id, d.zaak, d.official_id, d.id, d.kind, p.number, p.question,"
            " p.answer, d.subject, d.askers, d.submitted, d.received"
            " FROM search_pairs p JOIN documents d ON d.id = p.document_id"
            f" WHERE p.id IN ({marks})",
            list(pairs),
        )
        return {
            int(r[0]): StoredPair(
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
                submitted=iso(r[11]),
                received=iso(r[12]),
            )
            for r in rows
        }

    def counts(self) -> dict[str, int]:
        """How many rows the main tables hold."""
        tables = ("documents", "cases", "questions", "answers", "persons", "quarantine")
        return {t: int(self.query(f"SELECT count(*) FROM {t}")[0][0]) for t in tables}

    def quality_counts(self) -> dict[str, int]:
        """How many stored documents failed each quality check ("" counts the documents
        that failed any), and how many were never checked ("unchecked": stored before
        the checks existed)."""
        rows = self.query(
            "SELECT quality, count(*) FROM documents WHERE quality IS NULL OR quality <> ''"
            " GROUP BY quality"
        )
        counts: dict[str, int] = {}
        for quality, n in rows:
            if quality is None:
                counts["unchecked"] = counts.get("unchecked", 0) + int(n)
                continue
            counts[""] = counts.get("", 0) + int(n)
            for flag in str(quality).split():
                counts[flag] = counts.get(flag, 0) + int(n)
        return counts

    def quarantined(self) -> list[Quarantined]:
        rows = self.query("SELECT source, content_hash, reason FROM quarantine ORDER BY source")
        return [Quarantined(*row) for row in rows]

    def document(self, ref: str) -> dict[str, Any] | None:
        """One document by official id, content hash or number, with its case."""
        rows = self.query(
            "SELECT id, official_id, source, source_format, content_hash, case_id, record"
            " FROM documents WHERE official_id = ? OR content_hash = ?"
            " OR CAST(id AS TEXT) = ?",
            (ref, ref, ref),
        )
        if not rows:
            return None
        doc_id, official_id, source, fmt, content_hash, case_id, record = rows[0]
        return {
            "document": int(doc_id),
            "official_id": official_id,
            "source": source,
            "source_format": fmt,
            "content_hash": content_hash,
            "case": int(case_id) if case_id is not None else None,
            "record": json.loads(record),
        }

    def case(self, ref: str) -> dict[str, Any] | None:
        """One case by zaak number or case number, with its documents in order."""
        rows = self.query(
            "SELECT id, zaak, subject, submitted, askers FROM cases"
            " WHERE zaak = ? OR CAST(id AS TEXT) = ?",
            (ref, ref),
        )
        if not rows:
            return None
        case_id, zaak, subject, submitted, askers = rows[0]
        docs = self.query(
            "SELECT id, official_id, kind, submitted, received, source, quality FROM documents"
            " WHERE case_id = ? ORDER BY received IS NULL DESC, received, id",
            (case_id,),
        )
        return {
            "case": int(case_id),
            "zaak": zaak,
            "subject": subject,
            "submitted": iso(submitted),
            "askers": askers,
            "documents": [
                {
                    "document": int(d[0]),
                    "official_id": d[1],
                    "kind": d[2],
                    "submitted": iso(d[3]),
                    "received": iso(d[4]),
                    "source": d[5],
                    "quality": d[6].split() if d[6] else [],
                }
                for d in docs
            ],
        }

    def pairs(self) -> Iterator[dict[str, Any]]:
        """One row per question and its answer, with the case's metadata.

        A case's questions are taken from its latest answer, else from its questions
        document; a question not (yet) answered has an empty answer. A case known by its
        metadata alone (a sync without the texts) is one row without a question.
        """
        cases = self.query("SELECT id, zaak, subject, submitted, askers FROM cases ORDER BY id")
        for case_id, zaak, subject, submitted, askers in cases:
            docs = self.query(
                "SELECT id, official_id, kind, received, record FROM documents WHERE case_id = ?"
                " AND kind <> 'postponement'"
                " ORDER BY CASE kind WHEN 'answer' THEN 0 ELSE 1 END, received DESC, id DESC",
                (case_id,),
            )
            if not docs:
                continue
            doc_id, official_id, kind, received, record_json = docs[0]
            record = json.loads(record_json)
            answer_of: dict[str, dict[str, Any]] = {}
            for answer in record["answers"]:
                for number in answer["questions"]:
                    answer_of.setdefault(number, answer)
            # A case of metadata alone: one row, so that the export holds every case.
            questions = record["questions"] or [{"number": "", "text": ""}]
            for question in questions:
                answer = answer_of.get(question["number"])
                yield {
                    "case": int(case_id),
                    "zaak": zaak,
                    "document": official_id or int(doc_id),
                    "kind": kind,
                    "session_year": record["session_year"],
                    "subject": subject,
                    "askers": askers,
                    "addressees": "; ".join(record["addressees"]),
                    "answered_by": "; ".join(
                        f"{a['role']} {a['name']}" for a in record["answered_by"]
                    ),
                    "submitted": iso(submitted),
                    "received": iso(received),
                    "question": question["number"],
                    "question_text": question["text"],
                    "answer_questions": ", ".join(answer["questions"]) if answer else "",
                    "answer_text": answer["text"] if answer else "",
                }
