"""``kamervragen parse``: documents to records, printed."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kamervragen import parse_file
from kamervragen.cli._app import app
from kamervragen.errors import ParseError
from kamervragen.parsing.quality import reasons
from kamervragen.record import Record


def _summary(console: Console, path: Path, record: Record) -> None:
    console.rule(f"[bold]{path.name}")
    askers = ", ".join(f"{a.name} ({a.party})" if a.party else a.name for a in record.askers)
    console.print(f"[bold]{record.kind}[/] {record.id or ''} {record.zaak or ''}".rstrip())
    if record.subject:
        console.print(f"Over: {record.subject}")
    if askers:
        console.print(f"Vragen van: {askers}")
    if record.addressees:
        console.print(f"Aan: {'; '.join(record.addressees)}")
    console.print(f"Ingezonden: {record.submitted or '-'}   Ontvangen: {record.received or '-'}")
    for who in record.answered_by:
        console.print(f"Antwoord van: {who.role} {who.name} ({who.portfolio or '-'})")
    if record.co_signers:
        console.print(f"Mede namens: {'; '.join(record.co_signers)}")
    if record.quality:
        why = "; ".join(reasons(record.quality))
        console.print(f"[yellow]Deze tekst is mogelijk onvolledig: {why}[/]", highlight=False)
    answers_by_first = {a.questions[0]: a for a in record.answers if a.questions}
    for q in record.questions:
        console.print(f"\n[bold cyan]Vraag {q.number}[/]", highlight=False)
        console.print(q.text, highlight=False, markup=False)
        answer = answers_by_first.get(q.number)
        if answer:
            console.print(f"[bold green]Antwoord {', '.join(answer.questions)}[/]")
            console.print(answer.text, highlight=False, markup=False)
    for f in record.footnotes:
        console.print(f"[dim]{f.number} {f.text}[/]", highlight=False)


@app.command()
def parse(
    files: Annotated[
        list[Path], typer.Argument(help="Documents to parse (PDF, Word, XML, HTML, text).")
    ],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print JSON: one object for one file, one object per line for several.",
        ),
    ] = False,
) -> None:
    """Parse Kamervragen documents into records of questions and answers.

    Example: kamervragen parse ah-tk-20232024-1314.pdf --json
    """
    console = Console()
    for path, record in each_parsed(files):
        if as_json:
            print_json(record.to_dict(), len(files))
        else:
            _summary(console, path, record)


def each_parsed(files: list[Path]) -> Iterator[tuple[Path, Record]]:
    """Each file parsed, in order; a file that cannot be parsed gives one line on stderr
    and, at the end, exit status 1."""
    failed = False
    for path in files:
        try:
            record = parse_file(path)
        except ParseError as exc:
            print(f"kamervragen: {path}: {exc}", file=sys.stderr)
            failed = True
            continue
        yield path, record
    if failed:
        raise typer.Exit(1)


def print_json(data: object, files: int) -> None:
    """``data`` as JSON: indented for one file, one line each for several (JSON Lines)."""
    indent = 2 if files == 1 else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent) + "\n")
