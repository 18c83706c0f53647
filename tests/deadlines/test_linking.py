"""Linking real OData Document records to their Zaak, and the timelines that gives.

The sample in tests/data/odata/deadlines is real records (see its README)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kamervragen.deadlines import Member, Status, assess_all, load_rule
from kamervragen.deadlines.linking import (
    ANSWER,
    FURTHER,
    POSTPONEMENT,
    TRANSFER,
    WITHDRAWAL,
    OdataDocument,
    Zaak,
    coverage_start,
    link_records,
    load_odata,
    parse_heading,
    read_zaken,
    reword,
    similarity,
)
from kamervragen.errors import KamervragenError

SAMPLE = Path(__file__).parent.parent / "data" / "odata" / "deadlines"
RULE = load_rule()


@pytest.fixture(scope="module")
def linked():
    return load_odata(SAMPLE)


def doc(soort: str, subject: str) -> OdataDocument:
    return OdataDocument("2025D00001", soort, dt.date(2025, 1, 1), subject)


@pytest.mark.parametrize(
    ("soort", "subject", "role", "members", "about"),
    [
        (
            "Antwoord schriftelijke vragen",
            "Antwoord op vragen van het lid Eerdmans over het bericht 'X'",
            ANSWER,
            ("Eerdmans",),
            "het bericht 'X'",
        ),
        (
            "Antwoord schriftelijke vragen",
            "Antwoord op vragen van de leden Dassen, Piri en Van Baarle over de situatie",
            ANSWER,
            ("Dassen", "Piri", "Van Baarle"),
            "de situatie",
        ),
        (
            "Mededeling (uitstel antwoord)",
            "Uitstel beantwoording vragen van het lid Beckerman over stikstof",
            POSTPONEMENT,
            ("Beckerman",),
            "stikstof",
        ),
        (
            "Mededeling (uitstel antwoord)",
            "Overdragen beantwoording vragen van het lid Eerdmans over het woke-beleid",
            TRANSFER,
            ("Eerdmans",),
            "het woke-beleid",
        ),
        (
            "Antwoord schriftelijke vragen",
            "Nader antwoord op vragen van de leden Six Dijkstra en Mutluer over het rapport",
            FURTHER,
            ("Six Dijkstra", "Mutluer"),
            "het rapport",
        ),
        (
            "Antwoord schriftelijke vragen (nader)",
            "Rectificatie Antwoord op vragen van de leden Kisteman en Van Eijk over de Barometer",
            FURTHER,
            ("Kisteman", "Van Eijk"),
            "de Barometer",
        ),
        (
            "Antwoord schriftelijke vragen",
            "Op verzoek van het lid Patijn zijn de schriftelijke vragen over het bericht"
            " ‘Ombudsman onderzoekt perikelen pgb’ ingetrokken",
            WITHDRAWAL,
            ("Patijn",),
            "het bericht ‘Ombudsman onderzoekt perikelen pgb’",
        ),
        (
            "Antwoord schriftelijke vragen",
            "Antwoord opvragen van de leden Sneller en Van der Werf ver het bericht",
            ANSWER,
            ("Sneller", "Van der Werf"),
            "het bericht",
        ),
    ],
)
def test_headings_are_read_into_role_members_and_subject(
    soort: str, subject: str, role: str, members: tuple[str, ...], about: str
) -> None:
    heading = parse_heading(doc(soort, subject))
    assert heading is not None
    assert (heading.role, heading.members, heading.subject) == (role, members, about)


def test_documents_that_are_not_written_questions_are_left_out() -> None:
    assert parse_heading(doc("Mondelinge vragen", "Het bericht ‘X’ (NOS, 1 maart 2025)")) is None
    assert parse_heading(doc("Mededeling", "Mededeling inzake een vertrouwelijke brief")) is None


def test_the_sample_is_linked_and_the_report_says_how(linked) -> None:
    report = linked.report
    assert (report.linked(), report.total()) == (33, 34)
    assert report.counts[(ANSWER, "not linked")] == 1  # the Van Nispen answer has no zaak here
    assert report.counts[(ANSWER, "similar-subject")] == 3
    assert report.skipped == {"Mondelinge vragen": 1}
    assert report.snapshot == dt.date(2025, 10, 2)
    assert "33 of 34 documents linked to a zaak" in report.lines()[0]
    assert json.dumps(report.to_dict())  # JSON-able


def test_twin_sets_on_one_subject_get_one_answer_each(linked) -> None:
    answers = {link.members: link.zaak for link in linked.links if link.role == ANSWER}
    assert {answers[("Bikker",)], answers[("Bevers",)]} == {"2025Z01069", "2025Z01071"}
    # One member asking twice on one subject: each set keeps its own notice and answer.
    becker = sorted(
        (link.document.day, link.zaak) for link in linked.links if link.members == ("Becker",)
    )
    assert [z for _, z in becker].count("2024Z17410") == 2
    assert [z for _, z in becker].count("2024Z14817") == 2


def test_the_timelines_give_the_real_statuses(linked) -> None:
    statuses = {s.case.key: s for s in assess_all(linked.cases, RULE, dt.date(2025, 10, 2))}
    bibob = statuses["2024Z20202"]  # notice on 27 December, two days after the due day
    assert (bibob.status, bibob.postponed, bibob.late_notices, bibob.days) == (
        Status.ANSWERED_LATE,
        False,
        1,
        56,
    )
    hoorrecht = statuses["2024Z18141"]  # answered in 2 days, question 5 later
    assert hoorrecht.status is Status.ANSWERED_ON_TIME
    assert hoorrecht.further_answers == (dt.date(2024, 12, 10),)
    assert statuses["2025Z04762"].status is Status.WITHDRAWN
    assert statuses["2025Z16207"].status is Status.OPEN_OVERDUE  # not settled, no answer
    assert statuses["2025Z18539"].status is Status.OPEN
    # Settled, but its answer is not among the documents: no day, no status.
    assert statuses["2019Z03535"].status is Status.UNKNOWN
    assert statuses["2025Z01071"].case.askers[0].name == "Bevers"


def test_the_similar_subject_step_and_its_check() -> None:
    a = frozenset({"demonstratie", "kromhout", "kazerne", "utrecht"})
    assert similarity(a, a) == 1.0
    assert similarity(a, frozenset({"demonstratie", "kromhout", "kazerne"})) > 0.8
    assert similarity(a, frozenset({"stikstof"})) == 0.0
    # Every fifth word out (the fourth, "vier"), then the last quarter of the rest.
    assert reword("een twee drie vier vijf zes zeven acht") == "een twee drie vijf zes zeven"


def test_coverage_starts_where_the_months_are_full() -> None:
    days = [dt.date(2024, 10, 5)] + [dt.date(2024, m, 1) for m in (11, 12) for _ in range(20)]
    days += [dt.date(2025, 1, 3)] * 20 + [dt.date(2025, 2, 1)]  # last month cut short
    assert coverage_start(days) == dt.date(2024, 11, 1)
    assert coverage_start([]) is None


def test_a_folder_without_the_records_is_refused(tmp_path: Path) -> None:
    with pytest.raises(KamervragenError, match="no zaak-schriftelijke-vragen"):
        load_odata(tmp_path)
    (tmp_path / "zaak-schriftelijke-vragen.jsonl").write_text("{not json\n")
    (tmp_path / "document-kamervragen.json").write_text("[]")
    with pytest.raises(KamervragenError, match="not OData records"):
        load_odata(tmp_path)


def test_a_zaak_of_other_members_is_not_taken_for_a_document() -> None:
    day = dt.date(2025, 4, 10)
    zaken = [
        Zaak(
            "2025Z07054", "Het bericht ‘Tienduizenden arbeidsmigranten zonder papieren’", day, True
        ),
        Zaak(
            "2025Z07060", "Tienduizenden arbeidsmigranten zonder papieren in Nederland", day, True
        ),
    ]
    about = "over het bericht ‘Tienduizenden arbeidsmigranten zonder papieren’"
    documents = [
        OdataDocument(
            "1",
            "Mededeling (uitstel antwoord)",
            dt.date(2025, 5, 12),
            f"Uitstel beantwoording vragen van het lid Boon {about}",
        ),
        OdataDocument(
            "2",
            "Antwoord schriftelijke vragen",
            dt.date(2025, 6, 19),
            f"Antwoord op vragen van het lid Boon {about}",
        ),
        OdataDocument(
            "3",
            "Antwoord schriftelijke vragen",
            dt.date(2025, 7, 4),
            f"Antwoord op vragen van de leden Boomsma en Omtzigt {about}",
        ),
    ]
    links = {link.document.number: link for link in link_records(zaken, documents).links}
    assert [links[n].zaak for n in "123"] == ["2025Z07054", "2025Z07054", "2025Z07060"]
    assert links["3"].method == "similar-subject"
    # With no other zaak to go to, the document stays unlinked rather than join a set of
    # other members.
    alone = link_records(zaken[:1], documents).links
    assert alone[2].zaak is None
    assert alone[2].method == "not linked: its zaak has other members"


def test_records_are_read_from_a_list_an_envelope_or_json_lines(tmp_path: Path) -> None:
    record = {
        "Nummer": "2025Z00001",
        "Soort": "Schriftelijke vragen",
        "Onderwerp": "X",
        "GestartOp": "2025-01-02T00:00:00+01:00",
        "Afgedaan": False,
    }
    shapes = {
        "list.json": json.dumps([record]),
        "envelope.json": json.dumps({"@odata.context": "…", "value": [record]}),
        "lines.jsonl": json.dumps(record) + "\n" + json.dumps({**record, "Nummer": "2025Z00002"}),
    }
    found = {}
    for name, text in shapes.items():
        (tmp_path / name).write_text(text)
        found[name] = [z.number for z in read_zaken(tmp_path / name)]
    assert found == {
        "list.json": ["2025Z00001"],
        "envelope.json": ["2025Z00001"],
        "lines.jsonl": ["2025Z00001", "2025Z00002"],
    }


def test_a_member_written_in_two_ways_is_one_asker() -> None:
    # Headings write a prefix now small, now capital ("het lid van Nispen", "het lid Van
    # Nispen"), an accent now and then: one member, written as a surname standing alone
    # is, and counted once.
    day = dt.date(2025, 3, 3)
    about = "over het bericht ‘Gevangenissen lopen vol’"
    documents = [
        OdataDocument(
            "1", "Mededeling (uitstel antwoord)", day + dt.timedelta(20),
            f"Uitstel beantwoording vragen van de leden van Nispen en Kostić {about}",
        ),
        OdataDocument(
            "2", "Antwoord schriftelijke vragen", day + dt.timedelta(40),
            f"Antwoord op vragen van de leden Van Nispen en Kostic {about}",
        ),
    ]  # fmt: skip
    zaak = Zaak("2025Z00001", "Het bericht ‘Gevangenissen lopen vol’", day, True)
    linked = link_records([zaak], documents)
    assert [link.members for link in linked.links] == [
        ("Van Nispen", "Kostić"),
        ("Van Nispen", "Kostic"),
    ]
    assert linked.cases[0].askers == (Member("Van Nispen"), Member("Kostić"))
