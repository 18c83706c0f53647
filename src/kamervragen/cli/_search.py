"""``kamervragen search``: has this been asked before, and what was answered?"""

from __future__ import annotations

import html
import json
import sys
from typing import Annotated, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kamervragen.cli._app import DbOption, app, fail
from kamervragen.cli._store import _store
from kamervragen.errors import KamervragenError
from kamervragen.record import Kind
from kamervragen.search import KINDS, STATUSES, SearchFilters, SearchResult, search
from kamervragen.search.engine import MARK
from kamervragen.search.filters import Status


def _rich(snippet: str) -> str:
    """The snippet's marks as bold, the rest as plain text."""
    parts = []
    for i, piece in enumerate(snippet.replace(MARK[1], MARK[0]).split(MARK[0])):
        text = escape(html.unescape(piece))
        parts.append(f"[bold yellow]{text}[/]" if i % 2 else text)
    return "".join(parts)


def _print(result: SearchResult, offset: int) -> None:
    console = Console()
    shown = f"{offset + 1}–{offset + len(result.hits)}" if result.hits else "0"
    found = f"{result.total}{'+' if result.capped else ''}"
    console.print(f"{found} question–answer pairs found; {shown} shown")
    if not result.hits:
        return
    table = Table(show_lines=True)
    table.add_column("document")
    table.add_column("vraag", justify="right")
    table.add_column("asked by")
    table.add_column("date")
    table.add_column("found")
    for hit in result.hits:
        table.add_row(
            str(hit.document),
            hit.question,
            escape(hit.askers or "-"),
            hit.submitted or hit.received or "-",
            f"[bold]{escape(hit.subject or '')}[/]\n{_rich(hit.snippet)}",
        )
    console.print(table)
    for facet, counts in result.facets.items():
        top = ", ".join(f"{escape(name)} {n}" for name, n in list(counts.items())[:8])
        console.print(f"[dim]{facet}:[/] {top or '-'}")
    if result.facets and (result.capped or result.faceted < result.total):
        console.print(f"[dim](counted in the {result.faceted} most recently stored pairs found)[/]")


@app.command("search")
def search_command(
    query: Annotated[
        str,
        typer.Argument(
            help='Words (all must match), "exact phrases", a OR b, -exclusion, and vraag: or'
            " antwoord: before a word or phrase to search only the question or the answer."
        ),
    ],
    party: Annotated[str | None, typer.Option(help="Asked by a member of this party.")] = None,
    member: Annotated[str | None, typer.Option(help="Asked by this member (part of name).")] = None,
    ministry: Annotated[
        str | None, typer.Option(help="Addressed to this office (part of its name).")
    ] = None,
    minister: Annotated[
        str | None, typer.Option(help="Answered by this minister (part of name).")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Submitted on or after YYYY-MM-DD.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Submitted on or before YYYY-MM-DD.")
    ] = None,
    answered_from: Annotated[
        str | None, typer.Option("--answered-from", help="Answered on or after YYYY-MM-DD.")
    ] = None,
    answered_to: Annotated[
        str | None, typer.Option("--answered-to", help="Answered on or before YYYY-MM-DD.")
    ] = None,
    year: Annotated[
        int | None, typer.Option(min=1900, max=2100, help="Submitted in this year.")
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            help="Only pairs from documents of this kind: questions, answer or postponement."
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            help="Only cases that are answered, open, or late (open past the due date, or"
            " answered after it) today."
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many pairs to show.")] = 10,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many pairs first.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    again: Annotated[
        bool,
        typer.Option("--reindex", help="Index the stored documents again first."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Search the stored questions and answers, in Dutch.

    "gemeenten" also finds "gemeente", "radicalisering" also finds
    "antiradicaliseringsbeleid", and accents do not matter.

    Example: kamervragen search 'radicalisering "kleine gemeenten" -politie' --party VVD

    Example: kamervragen search jeugdzorg --status late --ministry Volksgezondheid
    """
    if status is not None and status not in STATUSES:
        fail(f"--status {status}: use one of {', '.join(STATUSES)}")
    if kind is not None and kind not in KINDS:
        fail(f"--kind {kind}: use one of {', '.join(KINDS)}")
    # Read-only unless it reindexes first.
    with _store(db, for_search=not again) as store:
        try:
            if again:
                store.reindex()
            filters = SearchFilters(
                member=member,
                party=party,
                ministry=ministry,
                minister=minister,
                submitted_from=date_from,
                submitted_to=date_to,
                received_from=answered_from,
                received_to=answered_to,
                year=year,
                kind=cast(Kind | None, kind),
                status=cast(Status | None, status),
            )
            result = search(store, query, filters, limit=limit, offset=offset)
        except KamervragenError as exc:
            fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _print(result, offset)
