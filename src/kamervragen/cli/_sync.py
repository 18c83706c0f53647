"""``kamervragen sync``: the store brought up to date with the official sources."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from kamervragen.cli._app import DbOption, app, db_target, fail, option_date
from kamervragen.cli._store import _store
from kamervragen.sources import (
    DEFAULT_KOOP_URL,
    DEFAULT_ODATA_URL,
    FetchError,
    Http,
    Koop,
    OData,
    sync,
)

_PHASES = {
    "Zaak": "cases",
    "ZaakActor": "actors",
    "Document": "documents",
    "Zaak/leaving": "gone",
    "ZaakActor/leaving": "gone",
    "Document/leaving": "gone",
    "linking": "linking",
    "texts": "texts",
}


@app.command("sync")
def sync_command(
    since: Annotated[
        str | None, typer.Option(help="Only cases started on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only cases started on or before this day (YYYY-MM-DD).")
    ] = None,
    odata_url: Annotated[
        str, typer.Option(help="The Gegevensmagazijn's OData base URL, or a mirror's.")
    ] = DEFAULT_ODATA_URL,
    koop_url: Annotated[
        str, typer.Option(help="Where official publications are fetched by id.")
    ] = DEFAULT_KOOP_URL,
    db: DbOption = None,
    rate: Annotated[
        float, typer.Option(help="Most requests per second to each service (0: no limit).")
    ] = 5.0,
    texts: Annotated[
        bool, typer.Option("--texts/--no-texts", help="Fetch and store the documents' texts.")
    ] = True,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Read every record again and mark gone what the API no longer gives"
            " (a deletion an increment missed).",
        ),
    ] = False,
) -> None:
    """Sync cases, their actors and documents from the Tweede Kamer, and their texts.

    The first run reads everything (or the cases of --since/--until); later runs ask
    only for what changed, from the last record stored (a record changed meanwhile is
    read, not skipped). An interrupted sync resumes where it stopped when run again;
    --full reads everything again and reconciles (run it now and then, say weekly).
    Texts come from officielebekendmakingen.nl (XML), else from the API (PDF, Word); a
    text that cannot be fetched yet is tried again by the next sync. Where the API and a
    text disagree, the table quality_flags says so.

    Example: kamervragen sync --since 2024-01-01
    """
    start, end = option_date(since, "--since"), option_date(until, "--until")
    if start and end and start > end:
        fail(f"--since {start} is after --until {end}")
    console = Console(stderr=True)
    with (
        _store(db) as store,
        OData(odata_url, Http(rate=rate)) as api,
        Koop(koop_url, Http(rate=rate)) as koop,
        Progress(
            TextColumn("{task.description:<9}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
        ) as bar,
    ):
        tasks: dict[str, TaskID] = {}

        def progress(phase: str, advance: int, total: int | None) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(_PHASES.get(phase, phase), total=None)
            if total is not None:
                bar.update(tasks[phase], total=total)
            if advance:
                bar.advance(tasks[phase], advance)

        try:
            summary = sync(
                store, api, koop, since=start, until=end, texts=texts, full=full, progress=progress
            )
        except KeyboardInterrupt:
            bar.stop()
            fail("interrupted; what was synced is kept; run the same command to resume", 130)
        except FetchError as exc:
            bar.stop()
            fail(f"{exc}; what was synced is kept; run the same command to resume")
    for doc_id, why in summary.not_fetched:
        print(f"kamervragen: text not fetched for document {doc_id}: {why}", file=sys.stderr)
    for doc_id, why in summary.unreadable:
        print(f"kamervragen: quarantined the text of document {doc_id}: {why}", file=sys.stderr)
    print(f"synced {db_target(db)}: {summary.line()}")
