"""Synced metadata is a case: status, stats, show and export see every synced case, with
or without its texts, and a text fetched later joins the same case."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from kamervragen.cli import app
from kamervragen.deadlines import assess_all, case_timelines, load_rule
from kamervragen.sources import sync
from kamervragen.sources.replay import ReplayServer
from kamervragen.storage import Store, open_store
from syncdata import DATA, NOW, PDF_DOCUMENT, clients, later, ordered, records, tombstone

runner = CliRunner()


def run(store: Store, server: ReplayServer, **kw: Any) -> Any:
    odata, koop = clients(server)
    with odata, koop:
        return sync(store, odata, koop, now=NOW, limits=None, **kw)


def cli(db: str, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_synced_case_is_a_case_without_its_texts(db_url: str, replay: ReplayServer) -> None:
    with open_store(db_url) as store:
        run(store, replay, texts=False)
        assert store.counts()["cases"] == 11
        case = store.case("2018Z03521")
        assert case is not None
        zaak = next(z for z in records("zaak") if z["Nummer"] == "2018Z03521")
        assert (case["subject"], case["submitted"]) == (zaak["Onderwerp"], "2018-02-28")
        # Its askers as the API writes them, its answer dated by the Document record.
        assert case["askers"] == "P.H. Omtzigt (CDA)"
        kinds = [(d["kind"], d["received"]) for d in case["documents"]]
        assert kinds == [("questions", None), ("answer", "2018-03-26")]
        timelines = {t.zaak: t for t in case_timelines(store)}
        assert len(timelines) == 11
        assert timelines["2018Z03521"].answers[0].date == dt.date(2018, 3, 26)
        assert timelines["2018Z03521"].asked  # the office the API names, as a ministry
        statuses = assess_all(list(timelines.values()), load_rule(), dt.date(2025, 1, 1))
        assert sum(1 for s in statuses if s.answered) == 4
    status = json.loads(cli(db_url, "status", "--json", "--as-of", "2025-01-01"))
    assert len(status) == 11
    shown = json.loads(cli(db_url, "show", "2024Z18794", "--json"))
    assert shown["zaak"] == "2024Z18794" and shown["documents"][0]["kind"] == "questions"
    exported = [
        json.loads(line) for line in cli(db_url, "export", "--format", "jsonl").splitlines()
    ]
    assert sorted(r["zaak"] for r in exported) == sorted(c["Nummer"] for c in records("zaak"))
    by_party = json.loads(cli(db_url, "stats", "party", "--json", "--as-of", "2025-01-01"))
    assert by_party["overall"]["sets"] == 11
    assert {g["group"]: g["sets"] for g in by_party["groups"]}["CDA"] == 2  # from ZaakActor


def test_a_text_fetched_later_takes_its_placeholders_place(
    db_url: str, replay: ReplayServer
) -> None:
    with open_store(db_url) as store:
        run(store, replay, texts=False)
        before = store.case("2024Z03568")
        assert before is not None and [d["kind"] for d in before["documents"]] == [
            "questions",
            "answer",
        ]
        run(store, replay)
        after = store.case("2024Z03568")
        assert after is not None and after["case"] == before["case"]
        # The answer read from the PDF, which names no zaak, joined the API's case.
        formats = [
            store.query("SELECT source_format FROM documents WHERE id = ?", (d["document"],))[0][0]
            for d in after["documents"]
        ]
        assert sorted(formats) == ["api", "pdf"]
        assert store.counts()["cases"] == 11
        pdf = store.query(
            "SELECT d.zaak FROM documents d JOIN api_documents a ON a.document_id = d.id"
            " WHERE a.id = ?",
            (PDF_DOCUMENT,),
        )
        assert pdf == [("2024Z03568",)]


def test_a_case_that_is_gone_leaves_the_cases(db_url: str, replay: ReplayServer) -> None:
    with open_store(db_url) as store:
        run(store, replay, texts=False)
        zaken = ordered(replay, "Zaak")
        replay.add(
            "Zaak",
            [
                tombstone(zaken[0], "2025-07-01T00:00:00.1Z"),
                later(zaken[1], "2025-07-01T00:00:00.2Z", Soort="Mondelinge vragen"),
                later(zaken[2], "2025-07-01T00:00:00.3Z", Onderwerp="Nieuw onderwerp"),
            ],
        )
        run(store, replay, texts=False)
        assert store.counts()["cases"] == 9
        assert store.case(zaken[0]["Nummer"]) is None
        assert store.case(zaken[1]["Nummer"]) is None
        changed = store.case(zaken[2]["Nummer"])
        assert changed is not None and changed["subject"] == "Nieuw onderwerp"
        # Made again, not added: one questions document.
        assert [d["kind"] for d in changed["documents"]].count("questions") == 1


def test_real_zaak_records_are_cases(db_url: str) -> None:
    """The real Zaak and Document records of the deadline tests, synced and counted."""
    folder = DATA / "odata" / "deadlines"
    zaken = [json.loads(line) for line in (folder / "zaak-schriftelijke-vragen.jsonl").open()]
    with ReplayServer(page_size=50) as server:
        server.add("Zaak", zaken)
        server.add("ZaakActor", [])
        server.add("Document", json.loads((folder / "document-kamervragen.json").read_text()))
        with open_store(db_url) as store:
            run(store, server, texts=False)
            live = {z["Nummer"] for z in zaken if not z.get("Verwijderd")}
            numbers = {r[0] for r in store.query("SELECT zaak FROM cases")}
            assert numbers == live
            assert len(case_timelines(store)) == len(live)


def test_the_web_shows_a_case_known_by_its_records_alone(
    tmp_path: Any, replay: ReplayServer
) -> None:
    import warnings

    from fastapi.testclient import TestClient

    from kamervragen.web import create_app

    db = str(tmp_path / "k.db")
    with open_store(db) as store:
        run(store, replay, texts=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        app_ = create_app(db, today=lambda: dt.date(2025, 1, 1))
        with TestClient(app_) as client:
            case = client.get("/zaak/2024Z18794.json").json()
            assert case["zaak"] == "2024Z18794"
            assert case["status"]["status"] == "open_overdue"
            assert case["pairs"] == []
            page = client.get("/zaak/2024Z18794")
            assert page.status_code == 200 and "2024Z18794" in page.text
            late = client.get("/te-laat.json").json()
            assert "2024Z18794" in [e["zaak"] for e in late["late"]]


def test_a_change_stored_before_a_kill_is_made_a_case_by_the_next_run(
    db_url: str, replay: ReplayServer, monkeypatch: Any
) -> None:
    # The module (the package's name ``sync`` is the function).
    sync_module = importlib.import_module("kamervragen.sources.sync")

    with open_store(db_url) as store:
        run(store, replay, texts=False)
        zaak = ordered(replay, "Zaak")[3]
        replay.add("Zaak", [later(zaak, "2025-07-01T00:00:00.1Z", Onderwerp="Na de kill")])

        def killed(self: Any) -> None:
            raise KeyboardInterrupt  # stopped after the records, before the cases

        with monkeypatch.context() as patch:
            patch.setattr(sync_module._Sync, "cases", killed)
            with pytest.raises(KeyboardInterrupt):
                run(store, replay, texts=False)
        assert store.case(zaak["Nummer"])["subject"] != "Na de kill"
        # The next run finds nothing new in the API, and still makes the case again.
        again = run(store, replay, texts=False)
        assert again.cases == 0
        assert store.case(zaak["Nummer"])["subject"] == "Na de kill"
        assert not store.query("SELECT 1 FROM sync_pending_cases")
