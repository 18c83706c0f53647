"""The store's errors: every driver error as a StoreError naming the database and the cause;
the PostgreSQL faults that a test can make (a server that refuses, a read-only database)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from kamervragen.cli import app
from kamervragen.storage import StoreError, open_store
from kamervragen.storage.faults import postgres_error, sqlite_error

SEED = Path(__file__).parent.parent / "data" / "dev" / "seed__000_316d3c91a035becd.txt"
OTHER = Path(__file__).parent.parent / "data" / "dev" / "ah-tk-20232024-1108.pypdf.txt"


@pytest.mark.parametrize(
    ("state", "cause"),
    [
        ("25006", "read-only"),
        ("53100", "full"),
        ("XX001", "corrupt"),
        ("XX002", "corrupt"),
        ("08006", "unavailable"),
        ("57P01", "unavailable"),
        ("23505", "failed"),
    ],
)
def test_postgres_errors_by_their_sqlstate(state: str, cause: str) -> None:
    raised = psycopg.errors.lookup(state)("ERROR:  it went wrong\nDETAIL: x")
    error = postgres_error("postgresql://kv@db/kv", raised)
    assert error.cause == cause
    assert str(error).startswith("postgresql://kv@db/kv: ")
    assert "(it went wrong)" in str(error) and "\n" not in str(error)


def test_sqlite_errors_by_their_code(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t (a)")
    conn.execute("PRAGMA query_only = ON")
    with pytest.raises(sqlite3.Error) as caught:
        conn.execute("INSERT INTO t VALUES (1)")
    assert sqlite_error(str(db), caught.value).cause == "read-only"
    with pytest.raises(sqlite3.Error) as caught:
        conn.execute("SELECT * FROM nowhere")
    assert sqlite_error(str(db), caught.value).cause == "failed"


def test_a_file_that_is_no_database(tmp_path: Path) -> None:
    notes = tmp_path / "notities.db"
    notes.write_text("geen database\n" * 300)
    with pytest.raises(StoreError) as caught:
        open_store(notes)
    assert caught.value.cause == "not-a-database"
    assert str(caught.value).startswith(f"{notes}: cannot open the database")


def test_a_postgres_server_that_refuses(tmp_path: Path) -> None:
    url = "postgresql://kv:geheim@127.0.0.1:1/kv"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert caught.value.cause == "unavailable"
    assert "geheim" not in str(caught.value) and "kv:***@127.0.0.1:1" in str(caught.value)
    result = CliRunner().invoke(app, ["search", "zorg", "--db", url])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot open the database" in lines[0]


def test_ingest_into_a_read_only_postgres_database(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL: a database whose transactions are read-only")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SEED), "--db", db_url]).exit_code == 0
    name = db_url.rpartition("/")[2]
    with psycopg.connect(db_url, autocommit=True) as admin:
        admin.execute(f"ALTER DATABASE {name} SET default_transaction_read_only = on")
    result = runner.invoke(app, ["ingest", str(OTHER), "--db", db_url, "--jobs", "1"])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "the database is read-only" in lines[0], result.stderr
    assert db_url.rpartition("@")[2] in lines[0]
    with open_store(db_url, for_search=True) as store:
        assert store.counts()["documents"] == 1
    # Reading still works.
    found = runner.invoke(app, ["search", "minister", "--db", db_url, "--json"])
    assert found.exit_code == 0, found.output
