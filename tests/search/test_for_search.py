"""Stores opened only to search: read-only SQLite with a memory map, same results."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kamervragen.cli import app
from kamervragen.ingest import ingest
from kamervragen.search import search
from kamervragen.storage import StoreError, open_store

DEV = Path(__file__).parent.parent / "data" / "dev"


def test_search_finds_the_same_read_only(db_url: str) -> None:
    with open_store(db_url) as store:
        ingest(store, [DEV])
        expected = search(store, "gemeenten", limit=50)
    with open_store(db_url, for_search=True) as store:
        found = search(store, "gemeenten", limit=50)
    assert found == expected and found.total > 5


def test_a_search_store_cannot_write_and_maps_the_file(tmp_path: Path) -> None:
    db = tmp_path / "kv.db"
    with open_store(db) as store:
        ingest(store, [DEV])
    with open_store(db, for_search=True) as store:
        assert int(store.query("PRAGMA mmap_size")[0][0]) > 0
        with pytest.raises(StoreError, match="read-only") as refused:
            store.execute("DELETE FROM documents")
        assert refused.value.cause == "read-only"
    with open_store(db) as store:
        assert int(store.query("PRAGMA mmap_size")[0][0]) == 0  # not for ingest
        assert store.counts()["documents"] == 18


def test_a_missing_or_unmigrated_file_is_brought_up_to_date(tmp_path: Path) -> None:
    missing = tmp_path / "new.db"
    blank = tmp_path / "blank.db"
    blank.touch()  # an empty file: no tables yet
    for db in (missing, blank):
        with open_store(db, for_search=True) as store:
            assert search(store, "zorg").total == 0
        with sqlite3.connect(db) as raw:
            assert raw.execute("SELECT count(*) FROM _migrations").fetchone()[0] > 0


def test_a_search_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "kv.db"
    with open_store(db) as store:
        ingest(store, [DEV])
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as an ingest between documents
    try:
        found: list[int] = []

        def run() -> None:
            # An ordinary open checks the migrations under the write lock: it would wait.
            with open_store(db, for_search=True) as store:
                found.append(search(store, "gemeenten").total)

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        thread.join(timeout=10)
        assert found and found[0] > 5
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_search_command_names_a_path_it_cannot_open(tmp_path: Path) -> None:
    bad = tmp_path / "no such folder" / "kv.db"
    result = CliRunner().invoke(app, ["search", "zorg", "--db", str(bad)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot open the database" in lines[0], result.stderr
    assert not bad.parent.exists()


def test_the_web_app_reads_only_unless_it_may_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamervragen.web import create_app

    monkeypatch.delenv("KAMERVRAGEN_ADMIN_TOKEN", raising=False)
    db = str(tmp_path / "kv.db")
    with open_store(db) as store:
        ingest(store, [DEV])
    with (
        create_app(db).state.pool.store() as store,
        pytest.raises(StoreError, match="read-only"),
    ):
        store.execute("DELETE FROM documents WHERE id < 0")
    with create_app(db, admin_token="secret").state.pool.store() as store:
        store.execute("DELETE FROM documents WHERE id < 0")  # may write: no error
