"""Official publications from KOOP by id, and the ids a document is published under."""

from __future__ import annotations

import json

import pytest

from kamervragen.sources import FetchError, Koop
from kamervragen.sources.replay import ReplayServer
from kamervragen.sources.sync import publication_ids
from syncdata import DATA, ODATA, clients


def test_a_publication_comes_with_its_metadata(replay: ReplayServer) -> None:
    _, koop = clients(replay)
    found = koop.fetch("ah-tk-20172018-1547")
    assert found is not None
    assert found.xml == (DATA / "xml" / "ah-tk-20172018-1547.xml").read_bytes()
    assert found.url.endswith("/koop/ah-tk-20172018-1547.xml")
    assert found.metadata is not None and b'content="ah-tk-20172018-1547"' in found.metadata


def test_an_unpublished_id_is_none(replay: ReplayServer) -> None:
    _, koop = clients(replay)
    assert koop.fetch("kv-tk-2024Z18794") is None


def test_an_html_error_page_in_place_of_the_file_is_none(replay: ReplayServer) -> None:
    replay.add_file("/koop/ah-tk-20242025-1.xml", b"<html>Pagina niet gevonden</html>", "text/html")
    _, koop = clients(replay)
    assert koop.fetch("ah-tk-20242025-1") is None


def test_a_failing_service_is_an_error_after_the_retries(replay: ReplayServer) -> None:
    replay.fail("/koop/ah-tk-20182019-3616.xml", times=3, status=503)
    _, koop = clients(replay, attempts=3)
    with pytest.raises(FetchError, match=r"HTTP 503 \(3 tries\)"):
        koop.fetch("ah-tk-20182019-3616")


def test_only_publication_ids_are_asked_for() -> None:
    with pytest.raises(ValueError):
        Koop("http://127.0.0.1:9").fetch("../etc/passwd")


def test_ids_from_the_version_the_aanhangsel_number_and_the_zaak() -> None:
    documents = {d["Id"]: d for d in json.loads((ODATA / "document.json").read_text())}
    with_version = documents["00000000-0000-4000-d000-000000000001"]
    assert publication_ids(with_version) == ["ah-tk-20172018-1547"]
    # A real record: Aanhangselnummer 242502181 in 2024-2025.
    mededeling = {
        "Soort": "Mededeling (uitstel antwoord)",
        "Aanhangselnummer": "242502181",
        "Vergaderjaar": "2024-2025",
    }
    assert publication_ids(mededeling) == ["ah-tk-20242025-2181"]
    assert publication_ids({"Aanhangselnummer": "242502391"}) == ["ah-tk-20242025-2391"]
    questions = documents["00000000-0000-4000-d000-000000000005"]
    assert publication_ids(questions, ["2024Z18794"]) == ["kv-tk-2024Z18794"]
    assert publication_ids({"Soort": "Antwoord schriftelijke vragen"}) == []
