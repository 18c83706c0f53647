"""kamervragen status and stats from the command line (store on each backend, and OData)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kamervragen.cli import app

DATA = Path(__file__).parent / "data"
ODATA = DATA / "odata" / "deadlines"
runner = CliRunner()


@pytest.fixture
def dev_db(db_url: str) -> str:
    result = runner.invoke(app, ["ingest", str(DATA / "dev"), "--db", db_url])
    assert result.exit_code == 0, result.output
    return db_url


def test_status_late_lists_the_overdue_sets(dev_db: str) -> None:
    args = ["status", "--late", "--as-of", "2025-01-01", "--db", dev_db]
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    late = json.loads(result.stdout)
    assert [e["zaak"] for e in late] == ["2024Z18794", "2024Z18890", "2024Z17538"]
    assert late[2]["postponed"] is True and late[2]["due"] == "2024-12-18"
    table = runner.invoke(app, args)
    assert table.exit_code == 0
    assert "3 sets late on 2025-01-01" in table.stdout and "2024Z18794" in table.stdout


def test_status_as_of_a_day_gives_every_case(dev_db: str) -> None:
    result = runner.invoke(app, ["status", "--as-of", "2017-10-08", "--json", "--db", dev_db])
    assert result.exit_code == 0, result.output
    cases = json.loads(result.stdout)
    # Of the dated sets only the 2014 and the seed set had been submitted by then; the
    # seed set was due on the 6th and answered on the 10th.
    known = [c for c in cases if c["submitted"]]
    assert [(c["submitted"], c["status"], c["days"]) for c in known] == [
        ("2014-10-03", "answered_late", 54),
        ("2017-09-15", "open_overdue", 23),
    ]


def test_status_with_a_bad_date_is_one_line_on_stderr(dev_db: str) -> None:
    result = runner.invoke(app, ["status", "--as-of", "1-1-2025", "--db", dev_db])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "kamervragen: --as-of: '1-1-2025' is not a date (use YYYY-MM-DD)"
    )


def test_stats_by_ministry_as_json(dev_db: str) -> None:
    result = runner.invoke(
        app, ["stats", "ministry", "--as-of", "2025-01-01", "--json", "--db", dev_db]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["by"] == "ministry" and out["rule"] == "tweede-kamer"
    groups = {g["group"]: g for g in out["groups"]}
    assert groups["Volksgezondheid, Welzijn en Sport"]["median_days"] == 45.5
    assert out["overall"]["sets"] == 16


def test_stats_draws_a_plot(dev_db: str, tmp_path: Path) -> None:
    chart = tmp_path / "partijen.png"
    args = ["stats", "party", "--as-of", "2025-01-01", "--plot", str(chart), "--db", dev_db]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert chart.read_bytes().startswith(b"\x89PNG")
    assert "GroenLinks-PvdA" in result.stdout and "chart written to" in result.stderr


def test_stats_refuses_an_unknown_grouping_and_a_bad_plot_file(dev_db: str) -> None:
    assert runner.invoke(app, ["stats", "fractie", "--db", dev_db]).exit_code == 2
    result = runner.invoke(app, ["stats", "year", "--plot", "x.gif", "--db", dev_db])
    assert result.exit_code == 1 and "can only plot to .png or .svg" in result.stderr


def test_stats_and_status_from_odata_records(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "year", "--odata", str(ODATA), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["as_of"] == "2025-10-02"
    # From the first day the answers cover (November 2024) on; settled sets without
    # their answer have no status and are not counted.
    assert [g["group"] for g in out["groups"]] == ["2024", "2025"]
    assert out["overall"]["withdrawn"] == 1 and out["overall"]["overdue"] == 1
    assert "documents linked to a zaak" in result.stderr
    late = runner.invoke(app, ["status", "--late", "--odata", str(ODATA), "--json"])
    assert [e["zaak"] for e in json.loads(late.stdout)] == ["2025Z16207"]
    everything = runner.invoke(
        app, ["status", "--odata", str(ODATA), "--from", "2000-01-01", "--json"]
    )
    assert len(json.loads(everything.stdout)) == 17


def test_an_odata_folder_without_records_is_one_line(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "year", "--odata", str(tmp_path)])
    assert result.exit_code == 1
    assert "no zaak-schriftelijke-vragen.jsonl.gz in this folder" in result.stderr
