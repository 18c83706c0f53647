"""``kamervragen check``: is the database sound, and does it hold what the store promises?"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from kamervragen.cli._app import DbOption, app, db_target, fail
from kamervragen.storage import StoreError
from kamervragen.storage.check import check_database

_MARKS = {"error": "[red]FAIL[/]", "note": "[yellow]note[/]"}


@app.command("check")
def check_command(
    db: DbOption = None,
    quick: Annotated[
        bool,
        typer.Option(
            "--quick",
            help="SQLite's quick_check instead of integrity_check, and no text hashes"
            " computed: much faster on a large store, a little less thorough.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check the database: its pages, indexes and foreign keys (SQLite integrity_check and
    foreign_key_check, FTS5's own check; PostgreSQL amcheck where installed, its catalog,
    every table read), and the store's own rules (every pair's case exists, the search
    rows match the pairs, …). Only reads. Exit 0 if all is well, 1 if not.

    Example: kamervragen check --db kamervragen.db

    Example: kamervragen check --db postgresql://kv@db/kamervragen --json
    """
    target = db_target(db)
    try:
        report = check_database(target, quick=quick)
    except StoreError as exc:
        fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        console = Console(highlight=False, soft_wrap=True)
        for f in report.findings:
            mark = (
                "[green]ok[/]  "
                if f.ok
                else ("[red]FAIL[/]" if f.severity == "error" else "[yellow]note[/]")
            )
            console.print(f"{mark} {escape(f.check)}: {escape(f.detail)}")
        problems = len(report.problems)
        verdict = (
            "all is well"
            if report.ok
            else f"{problems} problem{'s' if problems != 1 else ''} found"
        )
        console.print(f"{escape(report.database)} ({report.backend}): {verdict}")
    if not report.ok:
        raise typer.Exit(1)
