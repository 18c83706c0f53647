"""kamervragen similar and kamervragen embed from the command line (both backends)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fakemodel import FakeModel, use_fake
from kamervragen.cli import app

DEV = Path(__file__).parent / "data" / "dev"
runner = CliRunner()
QUESTION = "Wat doet u tegen radicalisering in kleine en middelgrote gemeenten?"


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeModel:
    return use_fake(monkeypatch)


def _ingested(db_url: str) -> str:
    result = runner.invoke(app, ["ingest", str(DEV), "--db", db_url])
    assert result.exit_code == 0, result.output
    return db_url


def test_similar_by_words_then_by_meaning_once_embedded(db_url: str, fake: FakeModel) -> None:
    _ingested(db_url)
    args = ["similar", QUESTION, "--db", db_url, "--json", "--limit", "3"]
    before = json.loads(runner.invoke(app, args).stdout)
    assert before["method"] == "words only" and "kamervragen embed" in before["note"]
    assert len(before["hits"]) == 3 and "gemeenten" in before["hits"][0]["question_text"]
    embedded = runner.invoke(app, ["embed", "--db", db_url])
    assert embedded.exit_code == 0, embedded.output
    assert "texts embedded with fake-64" in embedded.stdout
    after = json.loads(runner.invoke(app, args).stdout)
    assert after["method"] == "words and meaning" and after["model"] == "fake-64"
    again = runner.invoke(app, ["embed", "--db", db_url])
    assert again.stdout.startswith("0 texts embedded")


def test_similar_readable_list(db_url: str, fake: FakeModel) -> None:
    result = runner.invoke(app, ["similar", QUESTION, "--db", _ingested(db_url), "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "1. " in result.stdout and "Antwoord:" in result.stdout and "3. " not in result.stdout


def test_similar_for_a_stored_case(db_url: str, fake: FakeModel) -> None:
    _ingested(db_url)
    args = ["similar", "--case", "2024Z18794", "--db", db_url, "--json", "--limit", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["zaak"] == "2024Z18794" and data["questions"]
    for question in data["questions"]:
        assert len(question["hits"]) <= 2
        assert all(h["zaak"] != "2024Z18794" for h in question["hits"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give the text of a question, or --case ZAAK"),
        (["tekst", "--case", "2024Z18794"], "give the text of a question, or --case ZAAK"),
        (["--case", "1999Z00001"], "1999Z00001: no such case"),
        (["   "], "no text to compare"),
    ],
)
def test_similar_bad_input_is_one_line(db_url: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["similar", *args, "--db", _ingested(db_url)])
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
