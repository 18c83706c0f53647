"""The store on both backends: migrations, adding, replacing, quarantine, cases, reading."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from kamervragen import parse_file, parse_text
from kamervragen.record import Asker, Record
from kamervragen.storage import Parsed, open_store
from kamervragen.storage.migrations import MIGRATIONS
from kamervragen.text.analysis import COMPOUND_MIN, analyse
from storedump import dump

DATA = Path(__file__).parent.parent / "data"
SEED = DATA / "dev" / "seed__000_316d3c91a035becd.txt"


def _parsed(path: Path, content_hash: str | None = None) -> Parsed:
    return Parsed(str(path), content_hash or path.name, "text", parse_file(path))


def _doc(record: Record, content_hash: str, source: str = "x.txt") -> Parsed:
    return Parsed(source, content_hash, "text", record)


def test_migrations_are_named_recorded_and_applied_once(db_url: str) -> None:
    with open_store(db_url) as store:
        names = [row[0] for row in store.query("SELECT name FROM _migrations ORDER BY name")]
        assert names == sorted(m.__name__ for m in MIGRATIONS)
    with open_store(db_url) as store:
        assert store.migrate() == []
        assert store.counts()["documents"] == 0


def test_a_document_is_stored_whole_and_read_back(db_url: str) -> None:
    parsed = _parsed(SEED)
    with open_store(db_url) as store:
        assert store.add(parsed) == "added"
        counts = store.counts()
        assert counts["documents"] == 1 and counts["cases"] == 1
        assert counts["questions"] == 5 and counts["answers"] == 3
        shown = store.document(parsed.content_hash)
        assert shown is not None
        assert shown["record"] == json.loads(json.dumps(parsed.record.to_dict()))
        # "Antwoord 2, 3 en 4" answers three questions: the link table says so.
        linked = store.query(
            "SELECT q.number FROM answer_questions l JOIN questions q ON q.id = l.question_id"
            " JOIN answers a ON a.id = l.answer_id WHERE a.position = 1 ORDER BY q.number"
        )
        assert [r[0] for r in linked] == ["2", "3", "4"]
        names = {r[0] for r in store.query("SELECT name FROM offices")}
        assert "Minister van Veiligheid en Justitie" in names


def test_the_same_content_twice_changes_nothing(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.add(_parsed(SEED)) == "added"
    before = dump(db_url)
    with open_store(db_url) as store:
        assert store.add(_parsed(SEED)) == "unchanged"
    assert dump(db_url) == before


def test_a_new_version_of_an_official_id_replaces_the_old(db_url: str) -> None:
    record = parse_file(SEED)
    old = dataclasses.replace(record, id="ah-tk-20172018-99")
    new = dataclasses.replace(
        old, questions=old.questions[:2], answers=old.answers[:1], subject="gecorrigeerd"
    )
    with open_store(db_url) as store:
        assert store.add(_doc(old, "h-old")) == "added"
        assert store.add(_doc(new, "h-new")) == "replaced"
        counts = store.counts()
        assert counts["documents"] == 1 and counts["questions"] == 2 and counts["cases"] == 1
        shown = store.document("ah-tk-20172018-99")
        assert shown is not None and shown["content_hash"] == "h-new"
        # The old content seen again does not bring the old version back.
        assert store.add(_doc(old, "h-old")) == "unchanged"
        assert store.document("ah-tk-20172018-99")["content_hash"] == "h-new"  # type: ignore[index]


def test_quarantine_keeps_the_reason_and_a_good_version_clears_it(db_url: str) -> None:
    with open_store(db_url) as store:
        store.add(_parsed(SEED))
        store.quarantine("kapot.pdf", "abc", "a damaged PDF")
        store.quarantine("kapot.pdf", "abc", "a damaged PDF")  # recorded once
        assert [(q.source, q.reason) for q in store.quarantined()] == [
            ("kapot.pdf", "a damaged PDF")
        ]
        assert store.counts()["documents"] == 1
        fixed = dataclasses.replace(_parsed(SEED), source="kapot.pdf", content_hash="fixed")
        fixed = dataclasses.replace(fixed, record=dataclasses.replace(fixed.record, id="x-1"))
        assert store.add(fixed) == "added"
        assert store.quarantined() == []


QUESTIONS = """Vragen van het lid Van Nispen (SP) aan de Minister van Justitie en
Veiligheid over {subject} (ingezonden {date}).

Vraag 1
Bent u bekend met het bericht over {subject}?
"""

ANSWER = """Vragen van het lid Van Nispen (SP) aan de Minister van Justitie en
Veiligheid over {subject} (ingezonden {date}).

Antwoord van Minister Van Weel (Justitie en Veiligheid) (ontvangen 2 december 2024).

Vraag 1
Bent u bekend met het bericht over {subject}?

Antwoord 1
Ja.
"""


def _set(template: str, subject: str, date: str = "8 november 2024", zaak: str | None = None):
    record = parse_text(template.format(subject=subject, date=date))
    return dataclasses.replace(record, zaak=zaak) if zaak else record


def test_documents_of_one_set_are_one_case_by_askers_date_and_subject(db_url: str) -> None:
    with open_store(db_url) as store:
        store.add(_doc(_set(QUESTIONS, "de wachtlijsten in de jeugdzorg"), "q1"))
        # The same member, the same day, another subject: another set.
        store.add(_doc(_set(QUESTIONS, "de sluiting van het politiebureau"), "q2"))
        store.add(_doc(_set(ANSWER, "de wachtlijsten in de jeugdzorg"), "a1"))
        # The same subject asked again a year later: another set.
        store.add(_doc(_set(QUESTIONS, "de wachtlijsten in de jeugdzorg", "3 juni 2025"), "q3"))
        cases = store.query(
            "SELECT c.subject, c.submitted, count(*) FROM cases c"
            " JOIN documents d ON d.case_id = c.id GROUP BY c.id, c.subject, c.submitted"
        )
        sizes = sorted((r[0], str(r[1]), r[2]) for r in cases)
    assert sizes == [
        ("de sluiting van het politiebureau", "2024-11-08", 1),
        ("de wachtlijsten in de jeugdzorg", "2024-11-08", 2),
        ("de wachtlijsten in de jeugdzorg", "2025-06-03", 1),
    ]


def test_a_zaak_number_links_documents_and_two_numbers_never_merge(db_url: str) -> None:
    subject = "de wachtlijsten in de jeugdzorg"
    with open_store(db_url) as store:
        store.add(_doc(_set(QUESTIONS, subject, zaak="2024Z18001"), "q1"))
        store.add(_doc(_set(ANSWER, "iets heel anders", zaak="2024Z18001"), "a1"))
        store.add(_doc(_set(QUESTIONS, subject, zaak="2024Z18002"), "q2"))
        case = store.case("2024Z18001")
        assert case is not None
        assert sorted(d["kind"] for d in case["documents"]) == ["answer", "questions"]
        assert case["subject"] == subject
        other = store.case("2024Z18002")
        assert other is not None and len(other["documents"]) == 1


def test_a_document_can_show_two_cases_are_one(db_url: str) -> None:
    subject = "de wachtlijsten in de jeugdzorg"
    questions = _set(QUESTIONS, subject)
    # A postponement naming the zaak but not the date, and an answer naming only the date.
    notice = dataclasses.replace(questions, kind="postponement", questions=[], zaak="2024Z18003")
    notice = dataclasses.replace(notice, submitted=None, subject="iets anders")
    with open_store(db_url) as store:
        store.add(_doc(notice, "n1"))
        store.add(_doc(_set(ANSWER, subject), "a1"))
        assert store.counts()["cases"] == 2
        store.add(_doc(dataclasses.replace(questions, zaak="2024Z18003"), "q1"))
        assert store.counts()["cases"] == 1
        case = store.case("2024Z18003")
        assert case is not None and len(case["documents"]) == 3


def test_pairs_give_each_question_its_answer_with_the_case(db_url: str) -> None:
    with open_store(db_url) as store:
        store.add(_parsed(SEED))
        store.add(_doc(_set(QUESTIONS, "de wachtlijsten"), "q1"))
        pairs = list(store.pairs())
    seed = [p for p in pairs if p["askers"] == "Tellegen (VVD)"]
    assert [p["question"] for p in seed] == ["1", "2", "3", "4", "5"]
    assert [p["answer_questions"] for p in seed] == ["1", "2, 3, 4", "2, 3, 4", "2, 3, 4", "5"]
    assert seed[0]["answer_text"] == "Ja" and seed[0]["received"] == "2017-10-10"
    open_set = [p for p in pairs if p["subject"] == "de wachtlijsten"]
    assert len(open_set) == 1 and open_set[0]["answer_text"] == ""


def test_a_failed_document_leaves_nothing_behind(db_url: str) -> None:
    record = parse_file(SEED)
    broken = dataclasses.replace(record, askers=[Asker(name=None, party=None)])  # type: ignore[arg-type]
    with open_store(db_url) as store:
        store.add(_doc(parse_text(QUESTIONS.format(subject="x", date="1 mei 2024")), "ok"))
        before = dump(db_url)
        with pytest.raises(Exception):  # noqa: B017 - each driver names it differently
            store.add(_doc(broken, "broken"))
        assert not store.knows("broken")
    assert dump(db_url) == before


def test_what_a_failed_document_wrote_is_written_again_by_the_next(db_url: str) -> None:
    # The store remembers names and search terms it has written; a rolled-back document's
    # must be forgotten, or the next document would leave them out.
    record = parse_file(SEED)
    with open_store(db_url) as store:
        real_execute = store.execute

        def fail_at_sources(sql: str, params: Sequence[Any] = ()) -> None:
            if "INSERT INTO sources" in sql:  # PostgreSQL: within the document's statement
                raise RuntimeError("the disk is full")
            real_execute(sql, params)

        store.execute = fail_at_sources  # type: ignore[method-assign]
        with pytest.raises(RuntimeError):
            store.add(_doc(record, "first"))
        store.execute = real_execute  # type: ignore[method-assign]
        assert store.counts()["persons"] == 0
        assert store.add(_doc(record, "second")) == "added"
        terms = {r[0] for r in store.query("SELECT term FROM search_terms")}
        persons = {r[0] for r in store.query("SELECT name FROM persons")}
    assert {a.name for a in record.askers} <= persons
    assert _long_stems(record) <= terms


def _long_stems(record: Record) -> set[str]:
    texts = [record.subject or "", *(q.text for q in record.questions)]
    texts += [a.text for a in record.answers]
    return {s for t in texts for s in analyse(t) if len(s) > COMPOUND_MIN}


def _open_and_count(url: str) -> int:
    with open_store(url) as store:
        return store.counts()["documents"]


def test_processes_opening_a_new_database_at_once_all_succeed(db_url: str) -> None:
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.map(_open_and_count, [db_url] * 4) == [0, 0, 0, 0]
    with open_store(db_url) as store:
        assert len(store.query("SELECT name FROM _migrations")) == len(MIGRATIONS)
