"""Errors are pages too (issue 17, item 9): every error answer, 500 included, carries the
security headers and a body in the format asked; HEAD is answered wherever GET is; a
damaged upload is refused with its reason."""

from __future__ import annotations

import io
import shutil
import sqlite3
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from webapp import ADMIN_TOKEN, make_client

from kamervragen.web.security import CONTENT_SECURITY_POLICY

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from httpx import Response

DATA = Path(__file__).parents[1] / "data"
PAGES = ["/", "/zoeken?q=gemeenten", "/zaak/2024Z18794", "/te-laat", "/statistiek", "/leden"]


def _secured(response: Response) -> None:
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def _html_error(response: Response, status: int) -> None:
    assert response.status_code == status
    _secured(response)
    assert response.headers["content-type"].startswith("text/html")
    assert f"Fout {status}" in response.text and 'lang="nl"' in response.text


def _json_error(response: Response, status: int) -> str:
    assert response.status_code == status
    _secured(response)
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["status"] == status
    return str(body["error"])


def test_an_unexpected_exception_is_a_500_page_with_the_headers(samples_db: str) -> None:
    with make_client(samples_db) as client:

        def broken() -> None:
            raise RuntimeError("a bug")

        client.app.add_api_route("/kapot", broken)  # type: ignore[attr-defined]
        _html_error(client.get("/kapot"), 500)
        assert "iets mis" in client.get("/kapot").text
        assert "a bug" not in client.get("/kapot").text  # no internals for the public
        assert "iets mis" in _json_error(client.get("/kapot.json"), 500)
        accept = client.get("/kapot", headers={"Accept": "application/json"})
        _json_error(accept, 500)


def test_the_ordinary_errors_carry_the_headers(sqlite_client: TestClient) -> None:
    _html_error(sqlite_client.get("/bestaat-niet"), 404)
    _json_error(sqlite_client.get("/bestaat-niet.json"), 404)
    _html_error(sqlite_client.post("/zoeken"), 405)
    assert "ongeldige invoer" in _json_error(sqlite_client.get("/zoeken.json?jaar=x"), 400)


@pytest.fixture
def damaged_db(samples_db: str, tmp_path: Path) -> str:
    """The samples' store with a damaged page in the full-text index and in the cases."""
    db = tmp_path / "beschadigd.db"
    shutil.copy(samples_db, db)
    with sqlite3.connect(db) as conn:
        pages = conn.execute(
            "SELECT name, min(pageno) FROM dbstat WHERE name IN ('search_text_idx', 'cases')"
            " GROUP BY name"
        ).fetchall()
    assert len(pages) == 2
    with db.open("r+b") as f:
        for _, page in pages:
            f.seek((page - 1) * 4096)
            f.write(bytes(range(256)) * 16)
    return str(db)


def test_a_damaged_database_gives_pages_with_the_headers(damaged_db: str) -> None:
    with make_client(damaged_db) as client:
        failed = 0
        for page in PAGES:
            response = client.get(page)
            _secured(response)
            assert response.status_code in (200, 500), page
            if response.status_code == 500:
                failed += 1
                _html_error(response, 500)
                assert "beschadigd" in response.text and "kamervragen check" in response.text
        assert failed >= 3  # search, the case, the statistics read what is damaged
        message = _json_error(client.get("/zaak/2024Z18794.json"), 500)
        assert "beschadigd" in message
        # The server's path is not shown to the public.
        assert damaged_db not in client.get("/zaak/2024Z18794").text


def test_a_database_out_of_reach_is_503_with_retry_after() -> None:
    with make_client("postgresql://kv@127.0.0.1:1/kv") as client:
        page = client.get("/zaak/2024Z18794")
        _html_error(page, 503)
        assert page.headers["retry-after"] == "30"
        assert "niet bereikbaar" in page.text
        _json_error(client.get("/zaak/2024Z18794.json"), 503)


def test_head_is_answered_wherever_get_is(sqlite_client: TestClient) -> None:
    for page in [*PAGES, "/zaak/2024Z18794.json", "/static/htmx.min.js"]:
        get, head = sqlite_client.get(page), sqlite_client.head(page)
        assert head.status_code == 200, page
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        _secured(head)
    assert sqlite_client.head("/bestaat-niet").status_code == 404
    assert sqlite_client.head("/beheer/documenten").status_code == 405  # POST only


def _cut_docx() -> bytes:
    """A Word file with 2,000 bytes cut out of its middle (issue 17, item 1)."""
    data = next((DATA / "docx").glob("jenv__*.docx")).read_bytes()
    middle = len(data) // 2
    return data[:middle] + data[middle + 2000 :]


def _contains_heading_class() -> bytes:
    """An HTML page whose only class contains a known class (issue 17, item 2): it
    stopped the reader; now it is no Kamervragen document."""
    return b'<html><body><p class="x-kamervraagomschrijving">Deel deze pagina</p></body></html>'


def _zip_bomb_docx() -> bytes:
    """A Word file whose document part is not XML at all."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\x00\xff" * 1000)
    return out.getvalue()


@pytest.mark.parametrize("body", [_cut_docx, _contains_heading_class, _zip_bomb_docx])
def test_a_damaged_upload_is_refused_with_its_reason(samples_db: str, tmp_path: Path, body) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kv.db"
    shutil.copy(samples_db, db)
    with make_client(str(db), admin_token=ADMIN_TOKEN) as admin:
        response = admin.post(
            "/beheer/documenten?naam=kapot",
            content=body(),
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        )
        reason = _json_error(response, 422)
        assert reason and "\n" not in reason
        assert admin.get("/").status_code == 200  # the site goes on


def test_an_upload_to_a_full_database_stores_nothing_half(samples_db: str, tmp_path: Path) -> None:
    db = tmp_path / "kv.db"
    shutil.copy(samples_db, db)
    fill_other = DATA / "dev" / "ah-tk-20232024-946.pypdf.txt"  # not a sample
    with make_client(str(db), admin_token=ADMIN_TOKEN) as admin:
        pool = admin.app.state.pool  # type: ignore[attr-defined]
        with pool.store() as store:
            pages = int(store.query("PRAGMA page_count")[0][0])
            store.execute(f"PRAGMA max_page_count = {pages}")  # SQLite: no page to spare
        response = admin.post(
            "/beheer/documenten",
            content=fill_other.read_bytes(),
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        )
        assert "vol" in _json_error(response, 500)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 8
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
