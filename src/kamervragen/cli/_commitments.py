"""``kamervragen commitments``: the promises (toezeggingen) in answers, from files or the store."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kamervragen.cli._app import DbOption, app, fail, option_date, progress_bar
from kamervragen.cli._parse import each_parsed, print_json
from kamervragen.cli._store import _store
from kamervragen.commitments import Commitment, CommitmentStatus, extract_commitments
from kamervragen.deadlines.commitments import (
    StoredCommitment,
    backfill,
    figures,
    load_commitments,
    pending_documents,
    per_ministry_and_year,
    select,
)

OVERDUE_NOTE = (
    "Overdue means past its due date: a letter or answer that fulfilled the promise may"
    " exist that kamervragen does not know."
)
STATUS_WORDS = {
    CommitmentStatus.overdue: "overdue",
    CommitmentStatus.due_soon: "due within 30 days",
    CommitmentStatus.open: "open",
    CommitmentStatus.no_date: "no date",
}


def _listing(console: Console, path: Path, commitments: list[Commitment]) -> None:
    console.rule(f"[bold]{path.name}")
    if not commitments:
        console.print("Geen toezeggingen.")
    for c in commitments:
        when = c.due or "geen datum"
        if c.due_text:
            when = f"{when} ({c.due_text})"
        console.print(
            f"[bold cyan]Vraag {', '.join(c.questions)}[/] [green]{when}[/]", highlight=False
        )
        console.print(c.text, highlight=False, markup=False)


def _stored_listing(console: Console, found: list[StoredCommitment]) -> None:
    if not found:
        console.print("No commitments match.")
    for c in found:
        status = STATUS_WORDS[c.status]
        if c.days_overdue:
            status += f" by {c.days_overdue} days"
        when = c.due.isoformat() if c.due else ""
        if c.due_text:
            when += f" ({c.due_text})"
        where = c.official_id or f"document {c.document}"
        console.print(
            f"[bold]{escape(status)}[/]"
            + (f" [green]{escape(when.strip())}[/]" if when else "")
            + " · "
            f"{escape(', '.join(c.ministries) or 'ministry unknown')} · {escape(where)}"
            f" vraag {escape(', '.join(c.questions))}"
            + (f" · answered {c.answered}" if c.answered else ""),
            highlight=False,
        )
        console.print(c.text, highlight=False, markup=False)
        console.print()
    if any(c.status is CommitmentStatus.overdue for c in found):
        console.print(f"[dim]{OVERDUE_NOTE}[/]")


def _stats_table(console: Console, found: list[StoredCommitment]) -> None:
    table = Table(title="Commitments per ministry and year of the answer")
    for column in ("ministry · year", "commitments", "with a date", "overdue"):
        table.add_column(column, justify="left" if column.startswith("ministry") else "right")
    for row in [*per_ministry_and_year(found), figures(found)]:
        table.add_row(
            escape(row.group),
            str(row.count),
            f"{row.dated} ({row.dated_share or 0:.0%})",
            f"{row.overdue} ({row.overdue_share or 0:.0%})",
        )
    console.print(table)


def _from_store(
    db: str | None,
    run_backfill: bool,
    choice: dict[str, Any],
    as_of: dt.date,
    as_json: bool,
    stats: bool,
) -> None:
    with _store(db) as store:
        if run_backfill:
            todo = pending_documents(store)
            with progress_bar("commitments") as bar:
                task = bar.add_task("commitments", total=len(todo))
                try:
                    done = backfill(store, todo, progress=lambda n: bar.update(task, advance=n))
                except KeyboardInterrupt:
                    bar.stop()
                    fail("interrupted; what was done is stored; run the same command to go on", 130)
            print(
                f"{done.documents} documents read, {done.commitments} commitments found",
                file=sys.stderr,
            )
        found = select(load_commitments(store, as_of), **choice)
    if as_json:
        data: dict[str, Any] = {
            "as_of": as_of.isoformat(),
            "count": len(found),
            "overdue": sum(c.status is CommitmentStatus.overdue for c in found),
            "note": OVERDUE_NOTE,
        }
        if stats:
            data["per_ministry_and_year"] = [r.to_dict() for r in per_ministry_and_year(found)]
            data["all"] = figures(found).to_dict()
        else:
            data["commitments"] = [c.to_dict() for c in found]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif stats:
        _stats_table(Console(), found)
    else:
        _stored_listing(Console(), found)


@app.command()
def commitments(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Answer documents (PDF, Word, XML, HTML, text). Without files: the store's.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print JSON: for files one object per file (one per line for several).",
        ),
    ] = False,
    db: DbOption = None,
    run_backfill: Annotated[
        bool,
        typer.Option(
            "--backfill",
            help="First find the commitments of stored documents that lack them (resumable;"
            " documents done by this version of the rules are skipped).",
        ),
    ] = False,
    ministry: Annotated[
        str | None, typer.Option("--ministry", help="Only this ministry's.", show_default=False)
    ] = None,
    minister: Annotated[
        str | None,
        typer.Option(
            "--minister", help="Only those signed by this minister (name).", show_default=False
        ),
    ] = None,
    status: Annotated[
        CommitmentStatus | None,
        typer.Option("--status", help="Only those with this status.", show_default=False),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only those past their due date.")
    ] = False,
    year: Annotated[
        int | None,
        typer.Option("--year", help="Only those of answers of this year.", show_default=False),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Judge them on this day (YYYY-MM-DD). Default: today.",
            show_default=False,
        ),
    ] = None,
    stats: Annotated[
        bool,
        typer.Option(
            "--stats", help="Print figures per ministry and year instead of the commitments."
        ),
    ] = False,
) -> None:
    """List the commitments (toezeggingen) in answers: each promise, its question and due date.

    With files: each file is parsed and its commitments printed. Without: the store's
    commitments, overdue first, with their status on --as-of ("overdue" means past due:
    a letter that fulfilled it may exist that kamervragen does not know).

    Example: kamervragen commitments ah-tk-20232024-1433.pdf --json

    Example: kamervragen commitments --db kamervragen.db --backfill --overdue
    """
    if overdue and status not in (None, CommitmentStatus.overdue):
        fail("--overdue and --status name two statuses; give one")
    choice = {
        "ministry": ministry,
        "minister": minister,
        "status": CommitmentStatus.overdue if overdue else status,
        "year": year,
    }
    if files:
        given = {
            "--db": db, "--backfill": run_backfill, "--as-of": as_of, "--stats": stats,
            "--ministry": ministry, "--minister": minister, "--status": status,
            "--overdue": overdue, "--year": year,
        }  # fmt: skip
        store_options = [name for name, value in given.items() if value]
        if store_options:
            fail(f"{store_options[0]} is for the store's commitments; give no files with it")
        console = Console()
        for path, record in each_parsed(files):
            found = extract_commitments(record)
            if as_json:
                print_json({"commitments": [c.to_dict() for c in found]}, len(files))
            else:
                _listing(console, path, found)
        return
    day = option_date(as_of, "--as-of") or dt.date.today()
    _from_store(db, run_backfill, choice, day, as_json, stats)
