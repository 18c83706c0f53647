"""``kamervragen sync``: the store brought up to date with the official sources."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from kamervragen.alerts import subscriptions
from kamervragen.cli._alerts import run_and_report
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
from kamervragen.storage import Store, sync_state

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
    texts_only: Annotated[
        bool,
        typer.Option("--texts-only", help="Only fetch the texts due; read no records."),
    ] = False,
    report: Annotated[
        bool,
        typer.Option("--report", help="List the texts not stored, and why; sync nothing."),
    ] = False,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Read every record again and mark gone what the API no longer gives"
            " (a deletion an increment missed).",
        ),
    ] = False,
    alerts: Annotated[
        bool,
        typer.Option(
            "--alerts/--no-alerts",
            help="Deliver the alerts of what this sync brought (kamervragen alerts run),"
            " where the store has subscriptions.",
        ),
    ] = True,
) -> None:
    """Sync cases, their actors and documents from the Tweede Kamer, and their texts.

    The first run reads everything (or the cases of --since/--until); later runs ask
    only for what changed, from the last record stored (a record changed meanwhile is
    read, not skipped). An interrupted sync resumes where it stopped when run again;
    --full reads everything again and reconciles (run it now and then, say weekly).
    Texts come from officielebekendmakingen.nl (XML), else from the API (PDF, Word); a
    text that cannot be fetched yet is tried again by a later sync, after a wait that
    doubles each time (--report lists them and why; --texts-only fetches only the texts
    due). Where the API and a text disagree, the table quality_flags says so.

    Example: kamervragen sync --since 2024-01-01
    """
    start, end = option_date(since, "--since"), option_date(until, "--until")
    if start and end and start > end:
        fail(f"--since {start} is after --until {end}")
    if texts_only and (not texts or full):
        fail("--texts-only cannot go with --no-texts or --full")
    if report:
        with _store(db) as store:
            _print_report(store)
        return
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
                store,
                api,
                koop,
                since=start,
                until=end,
                texts=texts,
                metadata=not texts_only,
                full=full,
                progress=progress,
            )
        except KeyboardInterrupt:
            bar.stop()
            fail("interrupted; what was synced is kept; run the same command to resume", 130)
        except FetchError as exc:
            bar.stop()
            fail(f"{exc}; what was synced is kept; run the same command to resume")
    if summary.not_fetched or summary.unreadable:
        print(
            f"kamervragen: {len(summary.not_fetched)} texts not fetched (tried again later),"
            f" {len(summary.unreadable)} quarantined; why: kamervragen sync --report",
            file=sys.stderr,
        )
    print(f"synced {db_target(db)}: {summary.line()}")
    if alerts:
        with _store(db) as store:
            if subscriptions(store):
                failed = run_and_report(store)
                if failed:
                    raise typer.Exit(1)


def _print_report(store: Store) -> None:
    """One line per text not stored: the document, how often tried, when next, and why."""
    rows = sync_state.text_report(store)
    for doc_id, soort, nummer, external_id, status, attempts, tried, next_at, why in rows:
        name = external_id or nummer or doc_id
        when = f"next try {next_at[:16]}" if next_at else "not tried again"
        print(
            f"{doc_id}  {name}  {soort}  {status} after {attempts} tries, last {tried[:16]},"
            f" {when}: {why}"
        )
    print(f"{len(rows)} texts not stored", file=sys.stderr)
