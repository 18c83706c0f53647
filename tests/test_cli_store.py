"""kamervragen ingest, show and export from the command line (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from kamervragen.cli import app

DATA = Path(__file__).parent / "data"
SEED = DATA / "dev" / "seed__000_316d3c91a035becd.txt"
runner = CliRunner()


def _ingest(db_url: str, *paths: Path) -> None:
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", db_url])
    assert result.exit_code == 0, result.output


def test_ingest_prints_a_summary_and_lists_quarantined_files(db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "leeg.pdf"
    bad.write_bytes(b"%PDF-1.7\n")
    result = runner.invoke(app, ["ingest", str(SEED), str(bad), "--db", db_url])
    assert result.exit_code == 1
    assert "2 files: 1 added, 0 replaced, 0 unchanged, 1 quarantined" in result.stdout
    lines = [line for line in result.stderr.splitlines() if "quarantined" in line]
    assert len(lines) == 1 and str(bad) in lines[0]


def test_ingest_of_a_missing_path_stores_nothing(db_url: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(SEED), str(tmp_path / "nergens"), "--db", db_url])
    assert result.exit_code == 1
    assert "nergens: no such file or folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_database_that_is_not_one_gives_a_clear_error(tmp_path: Path) -> None:
    not_db = tmp_path / "notities.db"
    not_db.write_text("dit is geen database\n" * 200)
    result = runner.invoke(app, ["ingest", str(SEED), "--db", str(not_db)])
    assert result.exit_code == 1
    assert "cannot open the database" in result.stderr and str(not_db) in result.stderr
    assert not_db.read_text().startswith("dit is geen database")


def test_show_a_document_and_its_case(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "dev"
    shutil.copytree(DATA / "dev", folder)
    _ingest(db_url, folder)
    result = runner.invoke(app, ["show", "kv-tk-2024Z18794", "--json", "--db", db_url])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["record"]["kind"] == "questions" and shown["record"]["zaak"] == "2024Z18794"
    case = runner.invoke(app, ["show", "2024Z18794", "--json", "--db", db_url])
    assert json.loads(case.stdout)["documents"][0]["official_id"] == "kv-tk-2024Z18794"
    human = runner.invoke(app, ["show", "2024Z18794", "--db", db_url])
    assert "kv-tk-2024Z18794" in human.stdout
    missing = runner.invoke(app, ["show", "ah-tk-19991999-1", "--db", db_url])
    assert missing.exit_code == 1 and "ah-tk-19991999-1" in missing.stderr


def test_export_csv_and_jsonl_one_row_per_question(db_url: str, tmp_path: Path) -> None:
    _ingest(db_url, SEED)
    out = tmp_path / "paren.csv"
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", db_url])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["question"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert rows[2]["answer_questions"] == "2, 3, 4" and rows[2]["askers"] == "Tellegen (VVD)"
    jsonl = runner.invoke(app, ["export", "--format", "jsonl", "--db", db_url])
    lines = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(lines) == 5 and lines[0]["answer_text"] == "Ja"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".paren")]


def test_export_to_a_folder_that_does_not_exist_fails_cleanly(tmp_path: Path) -> None:
    db = tmp_path / "kv.db"
    _ingest(str(db), SEED)
    result = runner.invoke(
        app, ["export", "--out", str(tmp_path / "nee" / "x.csv"), "--db", str(db)]
    )
    assert result.exit_code == 1 and "cannot write" in result.stderr


def test_every_command_has_help_with_an_example() -> None:
    for command in ("parse", "ingest", "show", "export"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example: kamervragen " + command in result.stdout


def test_quality_flags_are_stored_shown_and_counted(db_url: str) -> None:
    flagged = (
        DATA
        / "unlabelled"
        / "limburg__AH613_2024Z14814__Antwoord_op_vragen_van_het_lid_Slagt-Tic_7e9bcc.docx.txt"
    )
    _ingest(db_url, flagged, SEED)
    case = runner.invoke(app, ["show", "2024Z14814", "--json", "--db", db_url])
    document = json.loads(case.stdout)["documents"][0]
    assert document["quality"] == ["markers-without-footnotes"]
    shown = runner.invoke(app, ["show", str(document["document"]), "--json", "--db", db_url])
    assert json.loads(shown.stdout)["record"]["quality"] == ["markers-without-footnotes"]
    human = runner.invoke(app, ["show", str(document["document"]), "--db", db_url])
    assert "Deze tekst is mogelijk onvolledig: verwijzingen naar voetnoten" in human.stdout
    listed = runner.invoke(app, ["show", "2024Z14814", "--db", db_url])
    assert "mogelijk onvolledig" in listed.stdout
    counted = runner.invoke(app, ["stats", "quality", "--json", "--db", db_url])
    assert counted.exit_code == 0, counted.output
    stats = json.loads(counted.stdout)
    assert stats["documents"] == 2 and stats["flagged"] == 1 and stats["unchecked"] == 0
    assert stats["checks"]["markers-without-footnotes"] == 1
    assert stats["checks"]["no-received-date"] == 0
    table = runner.invoke(app, ["stats", "quality", "--db", db_url])
    assert "1 of 2 documents may be incomplete" in table.stdout
