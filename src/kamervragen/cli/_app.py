"""The Typer application every command registers on, and what commands share."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from kamervragen.dates import DateError, parse_date
from kamervragen.storage import default_db

app = typer.Typer(
    help="kamervragen: Dutch parliamentary written questions as clean records.\n\n"
    "Example: kamervragen parse ah-tk-20232024-1314.pdf --json",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """kamervragen: Dutch parliamentary written questions as clean records."""


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or postgresql:// URL. Default: $KAMERVRAGEN_DB, else ./kamervragen.db.",
        show_default=False,
    ),
]


def db_target(db: str | None) -> str:
    return db or default_db()


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on stderr, then exit."""
    print(f"kamervragen: {message}", file=sys.stderr)
    raise typer.Exit(code)


def progress_bar(label: str) -> Progress:
    """A progress bar on stderr for long work (done / total, time left), gone when done."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def option_date(value: str | None, option: str) -> dt.date | None:
    """The date an option gives (None if it was not given); a clear exit if it is none."""
    try:
        return parse_date(value, option)
    except DateError as exc:
        fail(str(exc))
