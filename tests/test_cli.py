"""The command line: ``kamervragen parse FILE... [--json]``, its output and its errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

DATA = Path(__file__).parent / "data"
SEED = DATA / "dev" / "seed__000_316d3c91a035becd.txt"
KV_TK = DATA / "dev" / "limburg__kv-tk-2024Z18794__Het_werken_met_ambtenaren_d6ed4c.pdf.txt"
RECIPE = """Appeltaart

Ingrediënten: 500 g appels, 200 g bloem, 150 g boter, 100 g suiker, 1 ei.

1. Verwarm de oven voor op 180 graden.
2. Meng de bloem, de boter en de suiker tot een kruimelig deeg.
3. Schil de appels en snijd ze in partjes.
4. Bak de taart in ongeveer 60 minuten goudbruin.
"""


def run(*args: str | Path) -> Result:
    from kamervragen.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def record_of(path: Path) -> dict[str, object]:
    import kamervragen

    return kamervragen.parse_file(path).to_dict()


def assert_one_error_line(result: Result, path: Path) -> None:
    """Exactly one line on stderr, naming the file and giving a reason after the name."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert str(path) in line, line
    reason = line.split(str(path), 1)[1].strip(" :-–")
    assert len(reason) >= 4, f"no reason given: {line!r}"
    assert "Traceback" not in result.stderr


# --- good input ------------------------------------------------------------------------------


def test_json_for_one_file_is_one_indented_object_equal_to_the_record() -> None:
    result = run("parse", SEED, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("{\n  "), "one file: an indented object"
    assert json.loads(result.stdout) == record_of(SEED)


def test_json_keeps_non_ascii_characters_as_they_are() -> None:
    result = run("parse", SEED, "--json")
    assert "«Helft gemeenten" in result.stdout
    assert "\\u00ab" not in result.stdout


def test_json_for_several_files_is_one_object_per_line_in_order() -> None:
    files = [SEED, KV_TK, SEED]
    result = run("parse", *files, "--json")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(files)
    for path, line in zip(files, lines, strict=True):
        assert json.loads(line) == record_of(path)


def test_summary_without_json_is_readable() -> None:
    result = run("parse", SEED)
    assert result.exit_code == 0, result.stderr
    assert "Vraag 1" in result.stdout
    assert "Tellegen" in result.stdout
    assert "Bent u bekend met het bericht" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_help_shows_an_example() -> None:
    top = run("--help")
    assert top.exit_code == 0
    assert "parse" in top.stdout
    sub = run("parse", "--help")
    assert sub.exit_code == 0
    text = re.sub(r"[\s│]+", " ", sub.stdout)  # help may be boxed and wrapped
    assert "--json" in text
    assert re.search(r"kamervragen parse \S+", text), sub.stdout


def test_no_arguments_shows_usage_not_a_traceback() -> None:
    result = run()
    assert "Traceback" not in result.output
    assert "parse" in result.output


# --- bad input -------------------------------------------------------------------------------


def _missing(tmp: Path) -> Path:
    return tmp / "bestaat-niet.txt"


def _folder(tmp: Path) -> Path:
    path = tmp / "map"
    path.mkdir()
    return path


def _file(name: str, data: bytes) -> Callable[[Path], Path]:
    """A maker of a bad file ``name`` holding ``data``."""

    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


def _cut_docx(tmp: Path) -> Path:
    data = next((DATA / "docx").glob("jenv__*.docx")).read_bytes()
    middle = len(data) // 2
    return _file("beschadigd.docx", data[:middle] + data[middle + 2000 :])(tmp)


_recipe = _file("recept.txt", RECIPE.encode("utf-8"))

BAD: dict[str, Callable[[Path], Path]] = {
    "missing file": _missing,
    "empty file": _file("leeg.txt", b""),
    "only white space": _file("witruimte.txt", b"  \n\n\t \f \n"),
    "binary file": _file("binair.txt", bytes(range(256)) * 8),
    "folder": _folder,
    "not kamervragen (a recipe)": _recipe,
    "truncated pdf": _file(
        "afgebroken.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R"
    ),
    "broken docx": _file("kapot.docx", b"PK\x03\x04" + b"\x14\x00\x06\x00" + b"not really a zip"),
    "damaged docx (2,000 bytes cut out of its middle)": _cut_docx,
    "empty zip": _file("leeg.docx", b"PK\x05\x06" + b"\x00" * 18),
    "old word file": _file("oud.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
    "xml bomb": _file(
        "bom.xml",
        b'<?xml version="1.0"?><!DOCTYPE k [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><kamervragen>&b;</kamervragen>',
    ),
    "xxe": _file(
        "xxe.xml",
        b'<?xml version="1.0"?><!DOCTYPE k [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<kamervragen><vraag><al>&x;</al></vraag></kamervragen>",
    ),
    "truncated xml": _file("afgebroken.xml", b'<?xml version="1.0"?><kamervragen><vraag><al>Is'),
    "html of question blocks nested 500 deep": _file(
        "genest.html",
        b"<html><body>" + b'<div class="vraag">Vraag 1 Waarom?' * 500 + b"</div>" * 500,
    ),
    "html page that is no document": _file(
        "404.html", b"<!DOCTYPE html><html><body><h1>Pagina niet gevonden</h1></body></html>"
    ),
}


@pytest.mark.parametrize("make", BAD.values(), ids=BAD.keys())
@pytest.mark.parametrize("as_json", [True, False], ids=["json", "summary"])
def test_bad_file_gives_one_error_line_and_exit_1(
    make: Callable[[Path], Path], as_json: bool, tmp_path: Path
) -> None:
    path = make(tmp_path)
    result = run("parse", path, *(["--json"] if as_json else []))
    assert result.exit_code == 1
    assert result.stdout == "", "nothing is written for a bad file"
    assert_one_error_line(result, path)


@pytest.mark.parametrize("make", BAD.values(), ids=BAD.keys())
def test_batch_goes_on_past_a_bad_file(make: Callable[[Path], Path], tmp_path: Path) -> None:
    bad = make(tmp_path)
    result = run("parse", SEED, bad, KV_TK, "--json")
    assert result.exit_code == 1
    assert_one_error_line(result, bad)
    lines = result.stdout.splitlines()
    assert [json.loads(line) for line in lines] == [record_of(SEED), record_of(KV_TK)]


def test_several_bad_files_give_one_line_each(tmp_path: Path) -> None:
    bad = [_missing(tmp_path), _recipe(tmp_path), _folder(tmp_path)]
    result = run("parse", bad[0], SEED, bad[1], bad[2], "--json")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    for path, line in zip(bad, lines, strict=True):
        assert str(path) in line
    assert len(result.stdout.splitlines()) == 1


def test_real_process_separates_output_and_errors(tmp_path: Path) -> None:
    """The installed command in a real process: stdout holds only JSON, stderr only errors."""
    bad = _recipe(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "kamervragen", "parse", str(SEED), str(bad), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert [json.loads(line) for line in done.stdout.splitlines()] == [record_of(SEED)]
    assert len(done.stderr.splitlines()) == 1
    assert str(bad) in done.stderr
    assert "Traceback" not in done.stderr


SAME_CONTENT = {
    "pdf named .docx": DATA
    / "pdf"
    / "ah-tk-20232024-2129__01b2bcad-7296-43bb-bc44-e727fc69b23f.pdf",
    "xml named .pdf": DATA / "xml" / "ah-tk-20172018-1547.xml",
    "text named .html": SEED,
}


@pytest.mark.parametrize("source", SAME_CONTENT.values(), ids=SAME_CONTENT.keys())
def test_the_format_comes_from_the_content_not_the_name(source: Path, tmp_path: Path) -> None:
    disguised = tmp_path / (
        "document" + {".pdf": ".docx", ".xml": ".pdf"}.get(source.suffix, ".html")
    )
    disguised.write_bytes(source.read_bytes())
    result = run("parse", disguised, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == record_of(source)
