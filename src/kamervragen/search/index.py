"""Keeping the search index in step with the store: one call per stored document.

:meth:`Store._add` calls :func:`index_document` after it inserts a document. Removing
needs no call: a pair's row goes with its document (``ON DELETE CASCADE``), and in
SQLite a trigger takes its FTS5 row along.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kamervragen.record import Record, record_from_dict
from kamervragen.search.analysis import COMPOUND_MIN, analyse

if TYPE_CHECKING:  # the store imports this module
    from kamervragen.storage import Store


@dataclass(frozen=True)
class _Pair:
    position: int
    number: str
    question: str
    answer: str


def _pairs(store: Store, document_id: int, record: Record) -> list[_Pair]:
    """Each question with the text of the answers the store linked to it."""
    links = store.query(
        "SELECT q.position, a.position FROM answer_questions l"
        " JOIN questions q ON q.id = l.question_id JOIN answers a ON a.id = l.answer_id"
        " WHERE q.document_id = ? ORDER BY q.position, a.position",
        (document_id,),
    )
    answers_of: dict[int, list[str]] = {}
    for question, answer in links:
        answers_of.setdefault(int(question), []).append(record.answers[int(answer)].text)
    return [
        _Pair(i, q.number, q.text, "\n\n".join(answers_of.get(i, [])))
        for i, q in enumerate(record.questions)
    ]


def _year(record: Record) -> int | None:
    date = record.submitted or record.received
    return int(date[:4]) if date else None


def _tsvector(fields: Iterable[tuple[list[str], str]]) -> str:
    """A PostgreSQL tsvector literal: each stem with its positions and field weight."""
    positions: dict[str, list[str]] = {}
    offset = 0
    for stems, weight in fields:
        for i, s in enumerate(stems, start=offset + 1):
            positions.setdefault(s, []).append(f"{min(i, 16383)}{weight}")
        offset += len(stems) + 1  # a gap, so that no phrase runs from one field on
    return " ".join(f"'{s}':{','.join(p)}" for s, p in positions.items())


def index_document(store: Store, document_id: int, record: Record) -> None:
    """Index the question–answer pairs of a document just inserted (same transaction)."""
    pairs = _pairs(store, document_id, record)
    if not pairs:
        return
    year = _year(record)
    seen: dict[str, list[str]] = {}

    def once(text: str) -> list[str]:
        # A grouped answer is the answer of several pairs: analyse it once.
        if text not in seen:
            seen[text] = analyse(text)
        return seen[text]

    subject = once(record.subject or "")
    analysed = [(p, once(p.question), once(p.answer)) for p in pairs]
    terms = sorted({s for _, q, a in analysed for s in (*q, *a, *subject) if len(s) > COMPOUND_MIN})
    if store.dialect.name == "postgresql":
        store.executemany(
            "INSERT INTO search_pairs (document_id, position, number, question, answer, year,"
            " tsv) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS tsvector))",
            [
                (
                    document_id,
                    p.position,
                    p.number,
                    p.question,
                    p.answer,
                    year,
                    _tsvector(((q, "A"), (subject, "B"), (a, "C"))),
                )
                for p, q, a in analysed
            ],
        )
    else:
        store.executemany(
            "INSERT INTO search_pairs (document_id, position, number, question, answer, year)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(document_id, p.position, p.number, p.question, p.answer, year) for p in pairs],
        )
        store.executemany(
            "INSERT INTO search_fts (rowid, question, answer, subject)"
            " SELECT id, ?, ?, ? FROM search_pairs WHERE document_id = ? AND position = ?",
            [
                (" ".join(q), " ".join(a), " ".join(subject), document_id, p.position)
                for p, q, a in analysed
            ],
        )
    store.executemany(
        "INSERT INTO search_terms (term) VALUES (?) ON CONFLICT (term) DO NOTHING",
        [(t,) for t in terms],
    )


def reindex(store: Store) -> int:
    """Index every stored document again (for a store filled before search existed).

    Returns the number of pairs indexed.
    """
    with store.transaction():
        store.execute("DELETE FROM search_pairs")
        for document_id, record in store.query("SELECT id, record FROM documents ORDER BY id"):
            index_document(store, int(document_id), record_from_dict(json.loads(record)))
    return int(store.query("SELECT count(*) FROM search_pairs")[0][0])
