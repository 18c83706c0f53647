"""kamervragen sync from the command line, against the replay server (never the network)."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kamervragen.cli import _sync, app
from kamervragen.sources import Http, Koop, OData, Retry, sync
from kamervragen.sources.replay import ReplayServer
from kamervragen.storage import open_store
from storedump import dump
from syncdata import fill, start_sync, sync_tables

runner = CliRunner()
ROOT = Path(__file__).parents[1]


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    with ReplayServer(page_size=3) as server:
        yield fill(server)


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries as the command makes them, without the waits between them."""
    monkeypatch.setattr(_sync, "Http", functools.partial(Http, retry=Retry(3, backoff=0)))


def urls(server: ReplayServer) -> list[str]:
    return ["--odata-url", server.odata_url, "--koop-url", server.koop_url, "--rate", "0"]


def test_sync_stores_and_prints_a_summary(db_url: str, replay: ReplayServer) -> None:
    result = runner.invoke(app, ["sync", *urls(replay), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (
        f"synced {db_url}: 11 cases, 12 actors, 5 documents (0 deleted); texts: 4 stored,"
        " 0 unchanged, 1 not fetched, 0 unreadable; 4 data-quality flags"
    )
    # One line for the texts not fetched; --report names them and why.
    assert result.stderr.strip() == (
        "kamervragen: 1 texts not fetched (tried again later), 0 quarantined;"
        " why: kamervragen sync --report"
    )
    report = runner.invoke(app, ["sync", "--report", "--db", db_url])
    assert report.exit_code == 0
    assert report.stdout.startswith(
        "00000000-0000-4000-d000-000000000005  kv-tk-2024Z18794  Schriftelijke vragen"
        "  failed after 1 tries"
    )
    assert "kv-tk-2024Z18794: not published" in report.stdout
    # --texts-only reads no record, and asks for no text before it is due.
    replay.log.clear()
    again = runner.invoke(app, ["sync", *urls(replay), "--texts-only", "--db", db_url])
    assert again.exit_code == 0 and replay.log == []
    shown = runner.invoke(app, ["show", "ah-tk-20172018-1547", "--json", "--db", db_url])
    assert shown.exit_code == 0 and '"zaak": "2018Z03521"' in shown.stdout


def test_metadata_only_and_a_window(tmp_path: Path, replay: ReplayServer) -> None:
    db = str(tmp_path / "k.db")
    args = ["sync", *urls(replay), "--db", db, "--no-texts", "--since", "2024-01-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "2 cases" in result.stdout and "texts: 0 stored" in result.stdout
    with open_store(db) as store:
        # The two cases, made of the API's records alone: no text, no question.
        assert store.counts()["cases"] == 2 and store.counts()["questions"] == 0
        formats = store.query("SELECT DISTINCT source_format FROM documents")
        assert formats == [("api",)]


def test_help_shows_an_example() -> None:
    result = runner.invoke(app, ["sync", "--help"])
    assert result.exit_code == 0
    assert "kamervragen sync --since 2024-01-01" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "1-1-2024"], "--since: '1-1-2024' is not a date (use YYYY-MM-DD)"),
        (["--since", "2024-02-01", "--until", "2024-01-01"], "is after --until"),
    ],
)
def test_bad_dates_give_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["sync", *args, "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_failing_service_says_how_to_resume(tmp_path: Path, replay: ReplayServer) -> None:
    replay.fail("/odata/Zaak?", times=99, status=503)
    result = runner.invoke(app, ["sync", *urls(replay), "--db", str(tmp_path / "k.db")])
    assert result.exit_code == 1
    assert "HTTP 503 (3 tries); what was synced is kept; run the same command to resume" in (
        result.stderr
    )


def _command(server: ReplayServer, db: str) -> list[str]:
    return [sys.executable, "-m", "kamervragen", "sync", *urls(server), "--db", db]


def test_killed_twice_and_run_again_it_ends_as_an_uninterrupted_sync(
    db_url: str, other_db_url: str
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with ReplayServer(page_size=1, delay=0.02) as server:
        fill(server)
        with (
            open_store(other_db_url) as store,
            OData(server.odata_url) as api,
            Koop(server.koop_url) as koop,
        ):
            sync(store, api, koop)  # the same sync, in one go
        # Killed while reading the cases, then while fetching the texts.
        reading_cases = lambda new: len(new) >= 4  # noqa: E731
        fetching_texts = lambda new: any("/koop/" in u for u in new)  # noqa: E731
        for killing_time in (reading_cases, fetching_texts):
            start = len(server.log)
            child = start_sync(server, db_url)
            deadline = time.monotonic() + 20
            while not killing_time(server.log[start:]) and time.monotonic() < deadline:
                time.sleep(0.002)
            child.send_signal(signal.SIGKILL)
            assert child.wait() == -signal.SIGKILL
        assert any("/koop/" in u for u in server.log[start:])  # the second kill: texts
        again = subprocess.run(_command(server, db_url), capture_output=True, env=env)
        assert again.returncode == 0, again.stderr
    assert sync_tables(db_url) == sync_tables(other_db_url)
    assert dump(db_url) == dump(other_db_url)
