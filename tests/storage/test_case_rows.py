"""The rows the deadlines and the pages read, on both backends."""

from __future__ import annotations

from kamervragen.dates import iso
from kamervragen.record import Asker, Record
from kamervragen.storage import Parsed, case_rows, open_store


def _doc(content_hash: str, zaak: str, kind: str, received: str | None, subject: str) -> Parsed:
    record = Record(
        kind=kind,
        zaak=zaak,
        askers=[Asker("Van Nispen", "SP")],
        subject=subject,
        submitted="2024-11-06",
        received=received,
    )
    return Parsed(f"{content_hash}.txt", content_hash, "text", record)


def test_cases_their_documents_recent_answers_and_the_version(db_url: str) -> None:
    with open_store(db_url) as store:
        empty = case_rows.version(store)
        store.add(_doc("q1", "2024Z00001", "questions", None, "gevangenissen"))
        store.add(_doc("a1", "2024Z00001", "answer", "2024-12-01", "gevangenissen"))
        store.add(_doc("a2", "2024Z00002", "answer", None, "dijken"))
        store.add(_doc("a3", "2024Z00003", "answer", "2024-12-09", "zorg"))
        version = case_rows.version(store)
        assert version != empty and case_rows.version(store) == version
        cases = case_rows.cases(store)
        assert [(r[1], r[2]) for r in cases] == [
            ("2024Z00001", "gevangenissen"),
            ("2024Z00002", "dijken"),
            ("2024Z00003", "zorg"),
        ]
        case_of = {r[0]: r[1] for r in cases}
        assert [
            (case_of[r[0]], r[1], iso(r[2]), iso(r[3])) for r in case_rows.case_documents(store)
        ] == [
            ("2024Z00001", "questions", "2024-11-06", None),
            ("2024Z00001", "answer", "2024-11-06", "2024-12-01"),
            ("2024Z00002", "answer", "2024-11-06", None),
            ("2024Z00003", "answer", "2024-11-06", "2024-12-09"),
        ]
        # The answers received last first, those without a day after them.
        assert [(r[3], iso(r[5])) for r in case_rows.recent_answers(store, 10)] == [
            ("2024Z00003", "2024-12-09"),
            ("2024Z00001", "2024-12-01"),
            ("2024Z00002", None),
        ]
        assert len(case_rows.recent_answers(store, 1)) == 1
