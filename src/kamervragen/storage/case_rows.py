"""Rows of the stored cases and their documents, as the deadlines and the pages read them.

Dates come as the backend returns them (a ``date`` from PostgreSQL, ISO text from
SQLite): :mod:`kamervragen.dates` reads either.
"""

from __future__ import annotations

from kamervragen.storage._base import Row, Store

_VERSION = (
    "SELECT (SELECT count(*) FROM documents), (SELECT max(id) FROM documents),"
    " (SELECT count(*) FROM cases), (SELECT max(id) FROM cases)"
)


def cases(store: Store) -> list[Row]:
    """(id, zaak, subject) of every case, by id."""
    return store.query("SELECT id, zaak, subject FROM cases ORDER BY id")


def case_documents(store: Store) -> list[Row]:
    """(case_id, kind, submitted, received, record as JSON) of every document of a case,
    by case and document."""
    return store.query(
        "SELECT case_id, kind, submitted, received, record FROM documents"
        " WHERE case_id IS NOT NULL ORDER BY case_id, id"
    )


def version(store: Store) -> Row:
    """The documents' and the cases' counts and highest ids: a change to either changes
    this, so what was computed from them can be kept until it does."""
    return tuple(store.query(_VERSION)[0])


def recent_answers(store: Store, limit: int) -> list[Row]:
    """(document id, official_id, case_id, zaak, subject, received, askers) of the
    ``limit`` answers received last (those without a day after them)."""
    return store.query(
        "SELECT d.id, d.official_id, d.case_id, c.zaak, c.subject, d.received, c.askers"
        " FROM documents d LEFT JOIN cases c ON c.id = d.case_id WHERE d.kind = 'answer'"
        " ORDER BY d.received IS NULL, d.received DESC, d.id DESC LIMIT ?",
        (limit,),
    )
