"""``kamervragen commitments FILE... [--json]``: its output and its errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner, Result

DATA = Path(__file__).parent / "data" / "commitments" / "dev"
WITH_TWO = DATA / "ah-tk-20232024-1481__1b650dd7-71d6-4b8f-8625-36c000046742.pdfminer.txt"
WITH_ONE = DATA / "ah-tk-20232024-1433.pypdf.txt"
WITH_NONE = DATA / "ah-tk-20232024-1108.pypdf.txt"


def run(*args: str | Path) -> Result:
    from kamervragen.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def gold(path: Path) -> list[dict[str, object]]:
    text = path.with_name(path.name + ".commitments.json").read_text(encoding="utf-8")
    return json.loads(text)["commitments"]


def test_one_file_prints_one_indented_object_of_the_contract() -> None:
    result = run("commitments", WITH_TWO, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith('{\n  "commitments": [')
    data = json.loads(result.stdout)
    assert list(data) == ["commitments"]
    assert data["commitments"] == gold(WITH_TWO)
    for c in data["commitments"]:
        assert list(c) == ["questions", "text", "due_text", "due"]


def test_several_files_print_one_object_per_line_in_order() -> None:
    result = run("commitments", WITH_ONE, WITH_NONE, WITH_TWO, "--json")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert [json.loads(line)["commitments"] for line in lines] == [
        gold(WITH_ONE),
        [],
        gold(WITH_TWO),
    ]


def test_without_json_a_readable_list() -> None:
    result = run("commitments", WITH_ONE, WITH_NONE)
    assert result.exit_code == 0, result.stderr
    text = re.sub(r"\s+", " ", result.stdout)
    assert WITH_ONE.name in text and WITH_NONE.name in text
    assert "Vraag 19" in text and "2024-06-30 (in juni)" in text
    assert "Geen toezeggingen." in text


def test_bad_input_gives_one_line_and_the_other_files_still_count(tmp_path: Path) -> None:
    recipe = tmp_path / "recept.txt"
    recipe.write_text("Appeltaart\n\nMeng de bloem en de boter.\n", encoding="utf-8")
    missing = tmp_path / "weg.pdf"
    result = run("commitments", recipe, WITH_ONE, missing, "--json")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 2, result.stderr
    assert errors[0].startswith(f"kamervragen: {recipe}: ")
    assert errors[1].startswith(f"kamervragen: {missing}: ")
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["commitments"] == gold(WITH_ONE)


def test_help_shows_an_example() -> None:
    result = run("commitments", "--help")
    assert result.exit_code == 0
    text = re.sub(r"[\s│]+", " ", result.stdout)  # help may be boxed and wrapped
    assert "Example: kamervragen commitments" in text
    assert "--json" in text
    assert "commitments" in run("--help").stdout
