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


# --- the store's commitments: --db, filters, --as-of, --backfill, --stats ----------------


def _stored(db_url: str) -> None:
    result = run("ingest", WITH_TWO, WITH_ONE, WITH_NONE, "--db", db_url)
    assert result.exit_code == 0, result.stderr


def test_the_store_lists_its_commitments_overdue_first(db_url: str) -> None:
    _stored(db_url)
    result = run("commitments", "--db", db_url, "--as-of", "2024-07-15", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["as_of"] == "2024-07-15"
    assert data["count"] == len(gold(WITH_TWO)) + len(gold(WITH_ONE))
    assert data["overdue"] == 3
    assert "may exist" in data["note"]
    statuses = [c["status"] for c in data["commitments"]]
    assert statuses[:3] == ["overdue"] * 3 and "overdue" not in statuses[3:]
    assert data["commitments"][0]["due"] == "2024-04-30"
    assert data["commitments"][0]["days_overdue"] == 76


def test_filters_narrow_the_list(db_url: str) -> None:
    _stored(db_url)
    on = ("--db", db_url, "--as-of", "2024-05-15", "--json")
    lvvn = json.loads(run("commitments", *on, "--ministry", "Landbouw, Visserij,"
                          " Voedselzekerheid en Natuur").stdout)  # fmt: skip
    assert [c["official_id"] for c in lvvn["commitments"]] == ["ah-tk-20232024-1433"]
    minister = json.loads(run("commitments", *on, "--minister", "van der wal-zeggelink").stdout)
    assert minister["commitments"] == lvvn["commitments"]
    overdue = json.loads(run("commitments", *on, "--overdue").stdout)
    assert [c["due"] for c in overdue["commitments"]] == ["2024-04-30"]
    assert json.loads(run("commitments", *on, "--year", "2023").stdout)["count"] == 0
    soon = json.loads(run("commitments", *on, "--status", "due_soon").stdout)
    assert {c["status"] for c in soon["commitments"]} <= {"due_soon"}


def test_the_readable_list_and_the_figures(db_url: str) -> None:
    _stored(db_url)
    listing = run("commitments", "--db", db_url, "--as-of", "2024-07-15")
    assert listing.exit_code == 0
    assert "overdue by 76 days" in listing.stdout
    assert "may exist that kamervragen does not know" in re.sub(r"\s+", " ", listing.stdout)
    stats = run("commitments", "--db", db_url, "--as-of", "2024-07-15", "--stats", "--json")
    data = json.loads(stats.stdout)
    assert data["all"]["count"] == data["count"] == 3
    assert data["all"]["overdue"] == 3
    assert any(r["group"] == "Justitie en Veiligheid · 2024" for r in data["per_ministry_and_year"])


def test_backfill_fills_a_store_without_commitments(db_url: str) -> None:
    from kamervragen.storage import open_store

    _stored(db_url)
    with open_store(db_url) as store, store.transaction():
        store.execute("DELETE FROM commitments")
        store.execute("DELETE FROM commitment_runs")
    empty = json.loads(run("commitments", "--db", db_url, "--json").stdout)
    assert empty["count"] == 0
    result = run("commitments", "--db", db_url, "--backfill", "--json")
    assert result.exit_code == 0
    assert "3 documents read, 3 commitments found" in result.stderr
    assert json.loads(result.stdout)["count"] == 3
    again = run("commitments", "--db", db_url, "--backfill", "--json")
    assert "0 documents read" in again.stderr


def test_store_options_with_files_and_bad_dates_are_refused(db_url: str) -> None:
    mixed = run("commitments", WITH_ONE, "--overdue")
    assert mixed.exit_code == 1
    assert "--overdue is for the store's commitments" in mixed.stderr
    bad = run("commitments", "--db", db_url, "--as-of", "2024-13-01")
    assert bad.exit_code == 1 and "--as-of" in bad.stderr
    both = run("commitments", "--db", db_url, "--overdue", "--status", "open")
    assert both.exit_code == 1 and "two statuses" in both.stderr
