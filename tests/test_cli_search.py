"""kamervragen search from the command line (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kamervragen.cli import app

DEV = Path(__file__).parent / "data" / "dev"
runner = CliRunner()


def _ingested(db_url: str) -> str:
    result = runner.invoke(app, ["ingest", str(DEV), "--db", db_url])
    assert result.exit_code == 0, result.output
    return db_url


def test_search_prints_pairs_and_facets(db_url: str) -> None:
    result = runner.invoke(app, ["search", "vraag:radicalisering", "--db", _ingested(db_url)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("5 question–answer pairs found; 1–5 shown")
    assert "Tellegen (VVD)" in result.stdout
    assert "party: VVD 5" in result.stdout
    assert "<mark>" not in result.stdout


def test_search_json_with_filters(db_url: str) -> None:
    _ingested(db_url)
    args = ["search", "gemeenten", "--db", db_url, "--json", "--limit", "3"]
    found = json.loads(runner.invoke(app, args).stdout)
    assert found["total"] == 11 and len(found["hits"]) == 3
    assert found["facets"]["year"] == {"2024": 6, "2017": 5}
    later = json.loads(runner.invoke(app, [*args, "--from", "2020-01-01"]).stdout)
    assert later["total"] == 6
    assert all(h["submitted"] >= "2020-01-01" for h in later["hits"])
    vvd = json.loads(runner.invoke(app, [*args, "--party", "VVD", "--member", "tellegen"]).stdout)
    assert vvd["total"] == 5 and {h["askers"] for h in vvd["hits"]} == {"Tellegen (VVD)"}
    ministry = json.loads(runner.invoke(app, [*args, "--ministry", "volksgezondheid"]).stdout)
    assert ministry["total"] == 6
    assert "<mark>gemeenten</mark>" in found["hits"][0]["snippet"]


def test_search_says_what_is_wrong_with_a_query(db_url: str) -> None:
    _ingested(db_url)
    for query, message in [
        ('"kleine gemeenten', "unclosed quote"),
        ("zorg -", "lone '-'"),
        ("", "empty query"),
    ]:
        result = runner.invoke(app, ["search", query, "--db", db_url])
        assert result.exit_code == 1
        assert result.stderr.startswith("kamervragen: ") and message in result.stderr
        assert "Traceback" not in result.output
    result = runner.invoke(app, ["search", "zorg", "--from", "gisteren", "--db", db_url])
    assert result.exit_code == 1 and "not a date" in result.stderr


def test_search_of_an_empty_store_finds_nothing(db_url: str) -> None:
    result = runner.invoke(app, ["search", "zorg", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("0 question–answer pairs found")


def test_search_says_when_it_stopped_counting(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from kamervragen.search import engine

    _ingested(db_url)
    monkeypatch.setattr(engine, "COUNTED", 4)
    monkeypatch.setattr(engine, "FACETED", 3)
    result = runner.invoke(app, ["search", "gemeenten", "--db", db_url, "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("4+ question–answer pairs found; 1–2 shown")
    assert "counted in the 3 most recently stored pairs found" in result.stdout
    args = ["search", "gemeenten", "--db", db_url, "--json", "--limit", "2"]
    found = json.loads(runner.invoke(app, args).stdout)
    assert found["capped"] and found["total"] == 4 and found["faceted"] == 3


def test_search_by_status_kind_and_answer_date(db_url: str) -> None:
    _ingested(db_url)
    base = ["search", "minister", "--db", db_url, "--json", "--limit", "50"]

    def found(*more: str) -> dict:
        result = runner.invoke(app, [*base, *more])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    every = found()
    open_ = found("--status", "open")
    answered = found("--status", "answered")
    assert 0 < open_["total"] < every["total"] and 0 < answered["total"] < every["total"]
    assert {h["kind"] for h in open_["hits"]} == {"questions"}  # not answered yet
    assert {h["kind"] for h in answered["hits"]} == {"answer"}
    answers = found("--kind", "answer", "--answered-from", "2024-01-01")
    assert answers["total"] > 0
    assert all(h["kind"] == "answer" and h["received"] >= "2024-01-01" for h in answers["hits"])
    in_2024 = found("--year", "2024")
    assert 0 < in_2024["total"] < every["total"]
    assert all(h["submitted"].startswith("2024") for h in in_2024["hits"])
    assert in_2024["hits"] == found("--from", "2024-01-01", "--to", "2024-12-31")["hits"]
    for bad, message in (("--status", "overdue"), ("--kind", "letter")):
        result = runner.invoke(app, [*base, bad, message])
        assert result.exit_code == 1
        assert f"{bad} {message}: use one of" in result.stderr
