"""A database's content without its surrogate keys, to compare two stores exactly.

Row numbers differ between backends and after a rolled-back transaction (PostgreSQL's
sequences do not give numbers back), so every row is named by what it is: a document by
its content hash, a case by its documents, a question by its document and position.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kamervragen.storage import open_store


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    with open_store(url) as s:

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(_plain(v) for v in row) for row in s.query(sql)]

        docs = rows("SELECT id, content_hash, case_id FROM documents")
        doc = {d[0]: d[1] for d in docs}
        members: dict[Any, list[str]] = {}
        for _, content, case_id in docs:
            members.setdefault(case_id, []).append(content)
        case = {k: tuple(sorted(v)) for k, v in members.items()}

        def by_doc(sql: str) -> list[tuple[Any, ...]]:
            return sorted((doc[r[0]], *r[1:]) for r in rows(sql))

        return {
            "migrations": sorted(rows("SELECT name FROM _migrations")),
            "documents": sorted(
                (
                    *r[1:-1],
                    case[r[-1]],
                )
                for r in rows(
                    "SELECT id, content_hash, official_id, source, source_format, kind, zaak,"
                    " session_year, subject, submitted, received, record, case_id FROM documents"
                )
            ),
            "cases": sorted(
                (case.get(r[0], ()), *r[1:])
                for r in rows("SELECT id, zaak, subject, submitted, askers FROM cases")
            ),
            "case_keys": sorted(
                (r[0], case.get(r[1], ())) for r in rows("SELECT key, case_id FROM case_keys")
            ),
            "sources": sorted((r[0], r[1], doc.get(r[2])) for r in rows("SELECT * FROM sources")),
            "quarantine": sorted(rows("SELECT source, content_hash, reason FROM quarantine")),
            "names": sorted(
                rows(
                    "SELECT 'person', name FROM persons UNION ALL SELECT 'party', name FROM parties"
                    " UNION ALL SELECT 'office', name FROM offices"
                )
            ),
            "askers": by_doc(
                "SELECT a.document_id, a.position, p.name, y.name FROM document_askers a"
                " JOIN persons p ON p.id = a.person_id LEFT JOIN parties y ON y.id = a.party_id"
            ),
            "offices": by_doc(
                "SELECT a.document_id, 'to', a.position, o.name FROM document_addressees a"
                " JOIN offices o ON o.id = a.office_id UNION ALL"
                " SELECT c.document_id, 'for', c.position, o.name FROM document_co_signers c"
                " JOIN offices o ON o.id = c.office_id"
            ),
            "answerers": by_doc(
                "SELECT a.document_id, a.position, a.role, p.name, a.portfolio"
                " FROM document_answerers a JOIN persons p ON p.id = a.person_id"
            ),
            "questions": by_doc("SELECT document_id, position, number, text FROM questions"),
            "answers": by_doc("SELECT document_id, position, text FROM answers"),
            "links": by_doc(
                "SELECT a.document_id, a.position, q.number FROM answer_questions l"
                " JOIN answers a ON a.id = l.answer_id JOIN questions q ON q.id = l.question_id"
            ),
            "footnotes": by_doc("SELECT document_id, position, number, text FROM footnotes"),
            "references": by_doc(
                "SELECT document_id, position, kind, text, target FROM document_references"
            ),
        }
