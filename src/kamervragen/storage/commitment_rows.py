"""The stored commitments (toezeggingen): written with their document, read with it.

A document's commitments are written whole, with a run that names the content and the
extraction's version they come from (:data:`kamervragen.commitments.EXTRACTOR_VERSION`),
so that a backfill does only what is missing or out of date. They go with their
document (ON DELETE CASCADE): a new version of a document has its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from kamervragen.commitments import EXTRACTOR_VERSION, Commitment

Row = tuple[Any, ...]


class Store(Protocol):
    """What of a store this module uses (the store writes through it: it cannot import
    the store's module)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...


QUESTIONS_SEPARATOR = ", "

# What the pages show of a commitment: its row, its document and its case.
_SELECT = (
    "SELECT c.id, c.document_id, d.official_id, d.case_id, k.zaak, k.subject, d.received,"
    " d.submitted, c.answer_position, c.questions, c.text, c.due_text, c.due"
    " FROM commitments c JOIN documents d ON d.id = c.document_id"
    " LEFT JOIN cases k ON k.id = d.case_id"
)


def write(
    store: Store,
    document_id: int,
    content_hash: str,
    found: Sequence[tuple[int, Commitment]],
    version: str = EXTRACTOR_VERSION,
) -> None:
    """Replace the commitments of a document by ``found`` ((answer position, commitment)
    each), and record the run. Call it inside a transaction."""
    store.execute("DELETE FROM commitments WHERE document_id = ?", (document_id,))
    store.executemany(
        "INSERT INTO commitments (document_id, position, answer_position, questions, text,"
        " due_text, due) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document_id,
                i,
                answer,
                QUESTIONS_SEPARATOR.join(c.questions),
                c.text,
                c.due_text,
                c.due,
            )
            for i, (answer, c) in enumerate(found)
        ],
    )
    store.execute("DELETE FROM commitment_runs WHERE document_id = ?", (document_id,))
    store.execute(
        "INSERT INTO commitment_runs (document_id, content_hash, version) VALUES (?, ?, ?)",
        (document_id, content_hash, version),
    )


def write_new(
    store: Store,
    content_hash: str,
    found: Sequence[tuple[int, Commitment]],
    date_type: str,
    version: str = EXTRACTOR_VERSION,
) -> None:
    """:func:`write` for a document just inserted in this transaction, named by its
    content, so that nothing waits for its id (a backend may send statements in
    batches). ``date_type``: the dialect's type of a date column."""
    store.executemany(
        "INSERT INTO commitments (document_id, position, answer_position, questions, text,"
        f" due_text, due) SELECT id, ?, ?, ?, ?, ?, CAST(? AS {date_type}) FROM documents"
        " WHERE content_hash = ?",
        [
            (
                i,
                answer,
                QUESTIONS_SEPARATOR.join(c.questions),
                c.text,
                c.due_text,
                c.due,
                content_hash,
            )
            for i, (answer, c) in enumerate(found)
        ],
    )
    store.execute(
        "INSERT INTO commitment_runs (document_id, content_hash, version)"
        " SELECT id, content_hash, ? FROM documents WHERE content_hash = ?",
        (version, content_hash),
    )


def pending(store: Store, version: str = EXTRACTOR_VERSION) -> list[Row]:
    """(id, content_hash) of the documents whose commitments are missing, or were found
    in other content or by another version of the extraction; by id."""
    return store.query(
        "SELECT d.id, d.content_hash FROM documents d"
        " LEFT JOIN commitment_runs r ON r.document_id = d.id"
        " AND r.content_hash = d.content_hash AND r.version = ?"
        " WHERE r.document_id IS NULL ORDER BY d.id",
        (version,),
    )


def record_json(store: Store, document_id: int) -> str | None:
    """The stored record of a document, as JSON."""
    rows = store.query("SELECT record FROM documents WHERE id = ?", (document_id,))
    return str(rows[0][0]) if rows else None


def all_rows(store: Store) -> list[Row]:
    """Every commitment as (id, document id, official id, case id, zaak, subject,
    received, submitted, answer position, questions, text, due text, due), by id."""
    return store.query(_SELECT + " ORDER BY c.id")


def case_rows(store: Store, case_id: int) -> list[Row]:
    """The commitments of one case's documents, as :func:`all_rows` gives them."""
    return store.query(_SELECT + " WHERE d.case_id = ? ORDER BY c.id", (case_id,))


def answerers(store: Store, document_ids: Sequence[int]) -> list[Row]:
    """(document id, role, name, portfolio) of the answerers of the documents, in order;
    then (document id, 'co_signer', None, office) of their co-signers."""
    found: list[Row] = []
    ids = list(dict.fromkeys(document_ids))
    for i in range(0, len(ids), 500):  # within any backend's parameter limit
        chunk = ids[i : i + 500]
        marks = ", ".join("?" for _ in chunk)
        found += store.query(
            "SELECT a.document_id, a.role, p.name, a.portfolio, a.position"
            " FROM document_answerers a JOIN persons p ON p.id = a.person_id"
            f" WHERE a.document_id IN ({marks})"
            " UNION ALL SELECT s.document_id, 'co_signer', NULL, o.name, 1000 + s.position"
            " FROM document_co_signers s JOIN offices o ON o.id = s.office_id"
            f" WHERE s.document_id IN ({marks}) ORDER BY 1, 5",
            [*chunk, *chunk],
        )
    return [row[:4] for row in found]


def count(store: Store) -> int:
    return int(store.query("SELECT count(*) FROM commitments")[0][0])
