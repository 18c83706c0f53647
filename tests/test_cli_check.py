"""kamervragen check: a sound store passes on both backends; each kind of damage is found
and named, and the check itself never fails on it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from kamervragen.cli import app
from kamervragen.ingest import ingest
from kamervragen.storage import open_store
from kamervragen.storage.check import check_database

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def _store(db_url: str, tmp_path: Path) -> str:
    folder = tmp_path / "dev"
    shutil.copytree(DATA / "dev", folder)
    with open_store(db_url) as store:
        ingest(store, [folder])
    return db_url


def _failed(db: str) -> dict[str, str]:
    report = check_database(db)
    return {f.check: f.detail for f in report.findings if not f.ok and f.severity == "error"}


def test_a_sound_store_passes(db_url: str, tmp_path: Path) -> None:
    db = _store(db_url, tmp_path)
    result = runner.invoke(app, ["check", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True
    checks = {f["check"]: f for f in report["findings"]}
    assert checks["every pair's case exists"]["ok"]
    assert checks["every pair has its search text"]["ok"]
    assert checks["texts' hashes match the texts"]["ok"]
    if db.startswith("postgresql"):
        assert checks["PostgreSQL tables readable"]["ok"]
    else:
        assert checks["SQLite integrity_check"]["detail"] == "ok"
        assert checks["FTS5 integrity-check of search_text"]["ok"]
    human = runner.invoke(app, ["check", "--db", db, "--quick"])
    assert human.exit_code == 0
    assert human.stdout.strip().splitlines()[-1].endswith("all is well")


def _without_foreign_keys(db: str, *statements: str) -> None:
    """Change the store behind its back, as a crash or a hand edit might."""
    if db.startswith("postgresql"):
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("SET session_replication_role = replica")  # no triggers, no FKs
            for statement in statements:
                conn.execute(statement)
    else:
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA foreign_keys = OFF")
            for statement in statements:
                conn.execute(statement)


def test_a_case_gone_from_under_its_documents(db_url: str, tmp_path: Path) -> None:
    db = _store(db_url, tmp_path)
    _without_foreign_keys(db, "DELETE FROM cases WHERE id = (SELECT min(id) FROM cases)")
    failed = _failed(db)
    assert "documents without a case" in failed["every document has its case"]
    assert "pairs without a document or case" in failed["every pair's case exists"]
    if not db.startswith("postgresql"):
        assert "documents → cases" in failed["SQLite foreign_key_check"]
    result = runner.invoke(app, ["check", "--db", db])
    assert result.exit_code == 1
    assert "problems found" in result.stdout.strip().splitlines()[-1]


def test_search_rows_that_do_not_match_the_pairs(db_url: str, tmp_path: Path) -> None:
    db = _store(db_url, tmp_path)
    if db.startswith("postgresql"):
        _without_foreign_keys(
            db,
            "DELETE FROM search_facts WHERE pair_id = (SELECT min(id) FROM search_pairs)",
            "UPDATE search_pairs SET tsv = '' WHERE id = (SELECT max(id) FROM search_pairs)",
        )
    else:
        _without_foreign_keys(
            db,
            "DELETE FROM search_facts WHERE pair_id = (SELECT min(id) FROM search_pairs)",
            "DELETE FROM search_text WHERE rowid = (SELECT max(id) FROM search_pairs)",
        )
    failed = _failed(db)
    assert failed["every pair has its facts"].startswith("1 pairs without search facts")
    assert failed["every pair has its search text"].startswith("1 pairs")


def test_a_question_without_its_pair_and_a_wrong_hash(db_url: str, tmp_path: Path) -> None:
    db = _store(db_url, tmp_path)
    _without_foreign_keys(
        db,
        "DELETE FROM search_pairs WHERE id = (SELECT min(id) FROM search_pairs)",
        "UPDATE search_pairs SET question_hash = 'x' WHERE id = (SELECT max(id) FROM search_pairs)",
    )
    failed = _failed(db)
    assert "documents whose questions and pairs differ" in failed["every question has its pair"]
    assert failed["texts' hashes match the texts"].startswith("1 pairs whose hashes")
    # --quick leaves the hashes out.
    quick = check_database(db, quick=True)
    assert "texts' hashes match the texts" not in {f.check for f in quick.findings}


def test_a_damaged_page_is_found_and_the_check_goes_on(tmp_path: Path) -> None:
    db = _store(str(tmp_path / "kv.db"), tmp_path)
    with sqlite3.connect(db) as conn:
        page = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'search_text_data' ORDER BY pageno"
        ).fetchall()
    with open(db, "r+b") as f:
        f.seek((page[len(page) // 2][0] - 1) * 4096)
        f.write(bytes(range(256)) * 16)
    result = runner.invoke(app, ["check", "--db", db, "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    checks = {f["check"]: f for f in report["findings"]}
    assert not checks["SQLite integrity_check"]["ok"]
    assert not checks["FTS5 integrity-check of search_text"]["ok"]
    # The rest was still checked.
    assert checks["every pair's case exists"]["ok"]


def test_a_database_that_cannot_be_opened(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", "--db", str(tmp_path / "nergens.db")])
    assert result.exit_code == 1
    assert "cannot open the database (no such file)" in result.stderr
    assert not (tmp_path / "nergens.db").exists()  # a check creates nothing


def test_postgres_amcheck_where_installed(tmp_path: Path, db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL")
    db = _store(db_url, tmp_path)
    before = {f.check: f for f in check_database(db).findings}
    assert before["PostgreSQL amcheck"].severity == "note"
    with psycopg.connect(db, autocommit=True) as conn:
        try:
            conn.execute("CREATE EXTENSION amcheck")
        except psycopg.Error:
            pytest.skip("amcheck is not available on this server")
    after = {f.check: f for f in check_database(db).findings}
    assert after["PostgreSQL amcheck"].ok, after["PostgreSQL amcheck"].detail
