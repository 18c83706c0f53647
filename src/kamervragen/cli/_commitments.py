"""``kamervragen commitments``: the promises (toezeggingen) in answers, printed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kamervragen.cli._app import app
from kamervragen.cli._parse import each_parsed, print_json
from kamervragen.commitments import Commitment, extract_commitments


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


@app.command()
def commitments(
    files: Annotated[
        list[Path], typer.Argument(help="Answer documents (PDF, Word, XML, HTML, text).")
    ],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print JSON: one object for one file, one object per line for several.",
        ),
    ] = False,
) -> None:
    """List the commitments (toezeggingen) in answers: each promise, its question and due date.

    Example: kamervragen commitments ah-tk-20232024-1433.pdf --json
    """
    console = Console()
    for path, record in each_parsed(files):
        found = extract_commitments(record)
        if as_json:
            print_json({"commitments": [c.to_dict() for c in found]}, len(files))
        else:
            _listing(console, path, found)
