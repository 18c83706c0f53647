"""Pages kept until the store or the day changes (web/page_cache.py)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from webapp import ADMIN_TOKEN

from kamervragen.ingest import ingest
from kamervragen.storage import open_store
from kamervragen.web import create_app
from kamervragen.web.rendering import Renderer

DEV = Path(__file__).parents[1] / "data" / "dev"
NEW = DEV / "ah-tk-20232024-946.pypdf.txt"  # not one of the samples


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the pages the application computed (not served from the cache)."""
    seen: list[str] = []
    respond = Renderer.respond

    def counting(self: Renderer, request, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(request.url.path)
        return respond(self, request, *args, **kwargs)

    monkeypatch.setattr(Renderer, "respond", counting)
    return seen


def _client(db: str, day: list[dt.date], admin: str | None = None):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    return TestClient(create_app(db, admin_token=admin, today=lambda: day[0], page_cache=True))


def test_a_page_is_computed_once_until_the_store_changes(
    samples_db: str, tmp_path: Path, rendered: list[str]
) -> None:
    db = tmp_path / "kv.db"
    shutil.copy(samples_db, db)
    day = [dt.date(2025, 1, 15)]
    with _client(str(db), day) as client:
        client.get("/zaak/2024Z18794")  # the first store opened makes SQLite's WAL index
        first = client.get("/zoeken.json?q=Soedan").json()
        again = client.get("/zoeken.json?q=Soedan").json()
        assert again == first and rendered.count("/zoeken") == 1
        client.get("/zoeken?q=Soedan")  # HTML is another page
        assert rendered.count("/zoeken") == 2
        head = client.head("/zoeken?q=Soedan")
        assert head.status_code == 200 and head.content == b"" and rendered.count("/zoeken") == 2
        # Another process stores a document: the next answer is computed again.
        with open_store(db) as store:
            ingest(store, [NEW])
        after = client.get("/zoeken.json?q=Soedan").json()
        assert rendered.count("/zoeken") == 3
        assert after["total"] > first["total"]
        # A new day judges deadlines again.
        day[0] = dt.date(2025, 6, 1)
        client.get("/zoeken.json?q=Soedan")
        assert rendered.count("/zoeken") == 4
        # htmx fragments and errors are not kept.
        for _ in range(2):
            client.get("/zoeken?q=Soedan", headers={"HX-Request": "true"})
        assert rendered.count("/zoeken") == 6


def test_a_write_through_the_application_empties_it(
    samples_db: str, tmp_path: Path, rendered: list[str]
) -> None:
    db = tmp_path / "kv.db"
    shutil.copy(samples_db, db)
    with _client(str(db), [dt.date(2025, 1, 15)], admin=ADMIN_TOKEN) as client:
        client.get("/zaak/2024Z18794")
        before = client.get("/zoeken.json?q=Soedan").json()["total"]
        stored = client.post(
            "/beheer/documenten",
            content=NEW.read_bytes(),
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        )
        assert stored.status_code == 201, stored.text
        assert client.get("/zoeken.json?q=Soedan").json()["total"] > before
        assert rendered.count("/zoeken") == 2


def test_off_when_asked(
    samples_db: str, rendered: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from fastapi.testclient import TestClient

    monkeypatch.setenv("KAMERVRAGEN_PAGE_CACHE", "0")
    with TestClient(create_app(samples_db)) as client:
        for _ in range(2):
            client.get("/zaak/2024Z18794.json")
    assert rendered.count("/zaak/2024Z18794") == 2
