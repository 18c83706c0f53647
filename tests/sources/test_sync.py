"""The sync against the replay server, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kamervragen.ingest import Limits
from kamervragen.sources import FetchError, quality_flags, sync
from kamervragen.sources.odata import stamp
from kamervragen.sources.replay import ReplayServer
from kamervragen.storage import Store, open_store
from storedump import dump
from syncdata import (
    NOW,
    PDF_DOCUMENT,
    UNFETCHABLE,
    cases,
    clients,
    later,
    ordered,
    records,
    sync_tables,
)

ANSWER_1547 = "00000000-0000-4000-d000-000000000001"
ANSWER_3616 = "00000000-0000-4000-d000-000000000002"
ANSWER_2197 = "00000000-0000-4000-d000-000000000003"


def run(store: Store, server: ReplayServer, **kw: Any) -> Any:
    odata, koop = clients(server, attempts=kw.pop("attempts", 3), timeout=kw.pop("timeout", 5.0))
    with odata, koop:
        # Parsed here: the worker processes are the command's (tests/test_cli_sync.py).
        return sync(store, odata, koop, now=kw.pop("now", NOW), limits=kw.pop("limits", None), **kw)


def one(store: Store, sql: str, *params: Any) -> Any:
    return store.query(sql, params)[0][0]


def test_a_first_sync_stores_the_records_the_texts_and_what_disagrees(
    db_url: str, replay: ReplayServer
) -> None:
    with open_store(db_url) as store:
        summary = run(store, replay)
        assert (summary.cases, summary.actors, summary.documents) == (11, 12, 5)
        assert (summary.stored, len(summary.not_fetched), summary.unreadable) == (4, 1, [])
        # Three official XML texts, and the PDF the API holds for the answer not in XML.
        stored = store.query(
            "SELECT a.external_id, d.official_id, d.source_format, a.content_source"
            " FROM api_documents a JOIN documents d ON d.id = a.document_id ORDER BY a.id"
        )
        assert [(r[0], r[1], r[2]) for r in stored] == [
            ("ah-tk-20172018-1547", "ah-tk-20172018-1547", "xml"),
            ("ah-tk-20182019-3616", "ah-tk-20182019-3616", "xml"),
            ("ah-tk-20192020-2197", "ah-tk-20192020-2197", "xml"),
            ("ah-tk-20232024-1314", "ah-tk-20232024-1314", "pdf"),
        ]
        assert stored[3][3].endswith(f"/odata/Document({PDF_DOCUMENT})/resource")
        metadata = one(store, "SELECT koop_metadata FROM api_documents WHERE id = ?", ANSWER_1547)
        assert 'content="ah-tk-20172018-1547"' in metadata
        # What the API says stays beside the text: the case's start, the answer's date.
        flags = store.query(
            "SELECT api_document_id, field, api_value, text_value FROM quality_flags"
            " ORDER BY api_document_id, field"
        )
        assert flags == [
            (ANSWER_1547, "submitted", "2018-02-28", "2018-02-22"),
            (ANSWER_3616, "received", "2019-08-20", "2019-08-19"),
            (ANSWER_3616, "submitted", "2019-07-25", "2019-07-19"),
            (ANSWER_2197, "submitted", "2020-02-05", "2020-02-06"),
        ]
        # The answer read from the PDF agrees with the API in every respect.
        assert not store.query(
            "SELECT 1 FROM quality_flags WHERE api_document_id = ?", (PDF_DOCUMENT,)
        )
        # A case's stored documents are linked by zaak to the API's case.
        assert (
            one(
                store,
                "SELECT c.nummer FROM api_cases c JOIN api_document_cases l ON l.zaak_id = c.id"
                " WHERE l.api_document_id = ?",
                ANSWER_1547,
            )
            == store.document("ah-tk-20172018-1547")["record"]["zaak"]
        )


def test_pages_are_followed_and_no_record_is_stored_twice(
    db_url: str, replay: ReplayServer
) -> None:
    with open_store(db_url) as store:
        run(store, replay, texts=False)
        assert one(store, "SELECT count(*) FROM api_cases") == 11
        assert one(store, "SELECT count(DISTINCT id) FROM api_cases") == 11
    zaak_requests = [u for u in replay.log if "$expand=ZaakActor" in u]
    assert len(zaak_requests) == 4
    # Each page is asked for after the last record of the one before, never by $skip.
    last = [z["Id"] for z in ordered(replay, "Zaak")][2::3]
    assert [u.partition("Id%20gt%20")[2].partition(")")[0] for u in zaak_requests] == [
        "",
        *last,
    ]


def test_a_second_sync_asks_only_for_what_changed(db_url: str, replay: ReplayServer) -> None:
    with open_store(db_url) as store:
        run(store, replay)
        before = sync_tables(db_url)
        replay.log.clear()
        again = run(store, replay)
        assert (again.cases, again.actors, again.documents, again.stored, again.deleted) == (
            0,
            0,
            0,
            0,
            0,
        )
        zaak = next(u for u in replay.log if u.startswith("/odata/Zaak?"))
        # From the cursor (the last stamp stored), less the overlap of ten minutes.
        assert "ApiGewijzigdOp%20ge%202024-12-10T11:59:38.1887860Z" in zaak
        # The text that could not be fetched waits an hour before it is asked for again.
        assert [u for u in replay.log if u.startswith("/koop/")] == []
    after = sync_tables(db_url)
    assert {k: v for k, v in after.items() if k != "api_documents"} == {
        k: v for k, v in before.items() if k != "api_documents"
    }


def test_changes_and_deletions_are_taken_over(db_url: str, replay: ReplayServer) -> None:
    with open_store(db_url) as store:
        run(store, replay)
        case = next(c for c in cases() if c["Nummer"] == "2018Z03521")
        actor = case["ZaakActor"][0]
        answer = next(d for d in records("document") if d["Id"] == ANSWER_2197)
        replay.add("Zaak", [later(case, "2025-07-01T09:00:00.1Z", Onderwerp="Nieuw onderwerp")])
        # The asker's party changed (a new actor record); the answer of 2197 is deleted.
        replay.add(
            "ZaakActor",
            [
                {**actor, "ApiGewijzigdOp": "2025-07-01T09:00:00.2Z", "Verwijderd": True},
                later(
                    actor,
                    "2025-07-01T09:00:00.3Z",
                    Id="00000000-0000-4000-a000-000000000099",
                    ActorFractie="NSC",
                ),
            ],
        )
        gone = {k: None for k in answer if k not in ("Id", "GewijzigdOp")}
        replay.add(
            "Document",
            [
                {
                    **gone,
                    "Id": ANSWER_2197,
                    "ApiGewijzigdOp": "2025-07-01T09:00:00.4Z",
                    "Verwijderd": True,
                }
            ],
        )
        summary = run(store, replay, now=dt.datetime(2025, 8, 1, tzinfo=dt.UTC))
        # The changed case (its actors unchanged), the new actor record, two deletions.
        assert (summary.cases, summary.actors, summary.deleted) == (1, 1, 2)
        assert one(store, "SELECT onderwerp FROM api_cases WHERE id = ?", case["Id"]) == (
            "Nieuw onderwerp"
        )
        assert one(store, "SELECT verwijderd FROM api_actors WHERE id = ?", actor["Id"]) == 1
        # A deleted document keeps what was known of it, marked deleted; its text stays.
        soort, deleted = store.query(
            "SELECT soort, verwijderd FROM api_documents WHERE id = ?", (ANSWER_2197,)
        )[0]
        assert (soort, deleted) == ("Antwoord schriftelijke vragen", 1)
        assert store.document("ah-tk-20192020-2197") is not None
        # The stored text of 1547 is compared again with its case's new actors.
        party = store.query(
            "SELECT api_value, text_value FROM quality_flags"
            " WHERE api_document_id = ? AND field = 'party'",
            (ANSWER_1547,),
        )
        assert party == [("P.H. Omtzigt: NSC", "Omtzigt: CDA")]


def page_after(replay: ReplayServer, n: int) -> str:
    """What the request for the case page after the ``n``th case holds."""
    return f"Id%20gt%20{ordered(replay, 'Zaak')[n - 1]['Id']}))&$expand=ZaakActor"


def test_a_500_and_a_timeout_mid_run_are_retried(db_url: str, replay: ReplayServer) -> None:
    replay.fail(page_after(replay, 3), times=2, status=500)
    replay.fail(page_after(replay, 6), stall=1.0, status=None)
    replay.fail("/koop/ah-tk-20182019-3616.xml", times=1, status=503)
    with open_store(db_url) as store:
        summary = run(store, replay, timeout=0.3)
        assert summary.cases == 11 and summary.stored == 4
    second = [u for u in replay.log if page_after(replay, 3) in u]
    third = [u for u in replay.log if page_after(replay, 6) in u]
    assert (len(second), len(third)) == (3, 2)


def failed_at(store: Store, replay: ReplayServer, whole_db: str, page: str) -> None:
    """A whole sync into ``whole_db``, then one into ``store`` that fails at ``page``."""
    with open_store(whole_db) as whole:
        run(whole, replay)
    replay.fail(page, times=2, status=500)
    with pytest.raises(FetchError, match=r"HTTP 500 \(2 tries\)"):
        run(store, replay, attempts=2)


def test_a_sync_that_fails_resumes_from_its_cursor_without_gaps_or_duplicates(
    db_url: str, other_db_url: str, replay: ReplayServer
) -> None:
    with open_store(db_url) as store:
        failed_at(store, replay, other_db_url, page_after(replay, 3))
        third = ordered(replay, "Zaak")[2]
        cursor = store.query(
            "SELECT cursor, cursor_id FROM sync_checkpoints WHERE entity = 'Zaak'"
        )[0]
        assert cursor == (stamp(third["ApiGewijzigdOp"]), third["Id"])
        assert one(store, "SELECT count(*) FROM api_cases") == 3
        replay.log.clear()
        run(store, replay)
        # From the cursor, less the overlap: the three stored are read again, not stored.
        assert "ApiGewijzigdOp%20ge%202024-02-19T11:35:26.3126830Z" in replay.log[0]
    assert sync_tables(db_url) == sync_tables(other_db_url)
    assert dump(db_url) == dump(other_db_url)


def test_a_text_that_cannot_be_fetched_is_kept_as_metadata_and_tried_again(
    db_url: str, replay: ReplayServer
) -> None:
    replay.fail("/koop/ah-tk-20182019-3616.xml", times=2, status=503)
    with open_store(db_url) as store:
        first = run(store, replay, attempts=2)
        assert ANSWER_3616 in dict(first.not_fetched)
        assert "HTTP 503 (2 tries)" in dict(first.not_fetched)[ANSWER_3616]
        status, attempts, document = store.query(
            "SELECT content_status, content_attempts, document_id FROM api_documents WHERE id = ?",
            (ANSWER_3616,),
        )[0]
        assert (status, attempts, document) == ("failed", 1, None)
        assert one(store, "SELECT nummer FROM api_documents WHERE id = ?", ANSWER_3616)
        # Not again at once: an hour later, then two hours after that, …
        assert run(store, replay, now=NOW + dt.timedelta(minutes=59)).stored == 0
        second = run(store, replay, now=NOW + dt.timedelta(minutes=61))
        assert second.stored == 1
        assert [d for d, _ in second.not_fetched] == [UNFETCHABLE]
        waits = store.query(
            "SELECT content_tried_at, content_next_at FROM api_documents WHERE id = ?",
            (UNFETCHABLE,),
        )[0]
        assert waits[1] == (NOW + dt.timedelta(minutes=61, hours=2)).isoformat()
        assert store.document("ah-tk-20182019-3616") is not None
        assert (
            one(store, "SELECT content_status FROM api_documents WHERE id = ?", ANSWER_3616)
            == "stored"
        )
        # Retried up to a limit, then left alone until the API changes the document.
        far = NOW + dt.timedelta(days=60)
        assert run(store, replay, max_attempts=3, now=far).not_fetched != []
        assert run(store, replay, max_attempts=3, now=far + dt.timedelta(days=60)).not_fetched == []


def test_a_text_that_cannot_be_read_goes_to_the_quarantine(
    db_url: str, replay: ReplayServer
) -> None:
    replay.add_file("/koop/ah-tk-20192020-2197.xml", b"<officiele-publicatie><kapot")
    with open_store(db_url) as store:
        summary = run(store, replay)
        assert [d for d, _ in summary.unreadable] == [ANSWER_2197]
        assert one(store, "SELECT content_status FROM api_documents WHERE id = ?", ANSWER_2197) == (
            "unreadable"
        )
        assert [
            q.source.endswith("/koop/ah-tk-20192020-2197.xml") for q in store.quarantined()
        ] == [True]


def test_texts_are_parsed_within_an_ingests_limits(db_url: str, replay: ReplayServer) -> None:
    with open_store(db_url) as store:
        # No time at all: the PDF (which takes longest to read) is stopped in its worker
        # and quarantined with the reason, as an ingest would.
        summary = run(store, replay, limits=Limits(seconds=0))
        why = dict(summary.unreadable)[PDF_DOCUMENT]
        assert why.endswith("/resource: took longer than 0 s")
        assert [q.reason for q in store.quarantined() if q.source.endswith("/resource")] == [
            "took longer than 0 s"
        ]


def test_a_window_of_days_syncs_only_those_cases_with_its_own_checkpoint(
    db_url: str, replay: ReplayServer
) -> None:
    with open_store(db_url) as store:
        run(store, replay, since=dt.date(2019, 1, 1), until=dt.date(2019, 12, 31), texts=False)
        numbers = [r[0] for r in store.query("SELECT nummer FROM api_cases ORDER BY nummer")]
        assert numbers == ["2019Z03535", "2019Z15386", "2019Z17487"]
        scopes = {r[0] for r in store.query("SELECT DISTINCT scope FROM sync_checkpoints")}
        assert scopes == {"2019-01-01..2019-12-31"}
    zaak = next(u for u in replay.log if u.startswith("/odata/Zaak?"))
    assert "date(GestartOp)%20ge%202019-01-01%20and%20date(GestartOp)%20le%202019-12-31" in zaak
    document = next(u for u in replay.log if u.startswith("/odata/Document?"))
    assert "Zaak/any(z:%20z/Soort%20eq%20'Schriftelijke%20vragen'%20and%20date(z/GestartOp)" in (
        document
    )


def test_quality_flags_compare_names_parties_and_offices_loosely() -> None:
    from kamervragen.record import Asker, Record

    record = Record(
        kind="questions",
        askers=[Asker("Inge van Dijk", "CDA"), Asker("Kostić", "PvdD")],
        addressees=["Minister van Justitie en Veiligheid"],
        submitted="2024-03-06",
    )
    actors = [
        ("Indiener", "I. van Dijk", "CDA", "Tweede Kamerlid"),
        ("Medeindiener", "C. Kostic", "PvdD", "Tweede Kamerlid"),
        ("Gericht aan", "D. Yeşilgöz", None, "minister van Justitie en Veiligheid"),
    ]
    same = quality_flags(
        record, external_ids=[], zaken=[("2024Z1", "2024-03-06")], actors=actors, datum=None
    )
    assert same == []
    other = [
        ("Indiener", "I. van Dijk", "SP", None),
        ("Gericht aan", None, None, "minister van Financiën"),
    ]
    assert quality_flags(
        record,
        external_ids=["kv-tk-2024Z1"],
        zaken=[("2024Z2", "2024-03-05")],
        actors=other,
        datum=None,
    ) == [
        ("submitted", "2024-03-05", "2024-03-06"),
        ("askers", "Van Dijk", "Inge van Dijk; Kostić"),
        ("party", "I. van Dijk: SP", "Inge van Dijk: CDA"),
        ("addressees", "minister van Financiën", "Minister van Justitie en Veiligheid"),
    ]


def test_api_actors_and_the_text_name_a_member_alike() -> None:
    # The API gives initials ("D.M. van Weel"), the text the surname standing alone ("Van
    # Weel"): one person, and a flag writes both sides as the text writes a surname.
    from kamervragen.record import Asker, Record

    record = Record(kind="questions", askers=[Asker("Van Weel", "VVD")])
    actors = [("Indiener", "D.M. van Weel", "VVD", "Tweede Kamerlid")]
    assert quality_flags(record, external_ids=[], zaken=[], actors=actors, datum=None) == []
    actors.append(("Medeindiener", "J.Th. van der Lee", "GL", "Tweede Kamerlid"))
    assert quality_flags(record, external_ids=[], zaken=[], actors=actors, datum=None) == [
        ("askers", "Van Weel; Van der Lee", "Van Weel"),
    ]
