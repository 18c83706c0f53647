"""``kamervragen ingest``, ``show`` and ``export``: the store from the command line."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console

from kamervragen.cli._app import DbOption, app, db_target, fail, progress_bar
from kamervragen.cli._parse import _summary
from kamervragen.errors import KamervragenError
from kamervragen.ingest import DaskRunner, LocalRunner, Runner, find_files, ingest
from kamervragen.record import record_from_dict
from kamervragen.storage import Store, StoreError, open_store


@contextmanager
def _store(db: str | None, *, for_search: bool = False) -> Iterator[Store]:
    """The store at ``--db``; a database that fails, at the open or later, ends the
    command with its one line (the store's own, naming the database and the cause)."""
    target = db_target(db)
    try:
        store = open_store(target, for_search=for_search)
    except StoreError as exc:
        fail(str(exc))
    except (KamervragenError, sqlite3.Error) as exc:
        fail(f"{target}: cannot open the database: {exc}")
    try:
        yield store
    except StoreError as exc:
        fail(str(exc))
    finally:
        with suppress(StoreError):
            store.close()


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (read recursively).")],
    db: DbOption = None,
    jobs: Annotated[
        int | None,
        typer.Option(help="Parse in N processes of this machine. Default: one per CPU core."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="Parse on a local Dask cluster of N worker processes.")
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Parse on an existing Dask cluster (tcp://host:8786).")
    ] = None,
) -> None:
    """Store documents: each in its own transaction, skipping what is stored already.

    Files are parsed in one process per CPU core (--jobs), or on Dask workers (--workers,
    --scheduler); this process stores them, in order. Files that cannot be read go to the
    quarantine and are listed at the end. An interrupted ingest finishes when the same
    command runs again.

    Example: kamervragen ingest ~/kamervragen/2024 --db kamervragen.db
    """
    try:
        files = find_files(paths)
    except KamervragenError as exc:
        fail(str(exc))
    runner: Runner = LocalRunner(processes=jobs or os.cpu_count() or 1)
    if workers or scheduler:
        runner = DaskRunner(workers=workers, scheduler=scheduler)
    with _store(db) as store, progress_bar("ingest") as bar:
        task = bar.add_task("ingest", total=len(files))
        try:
            summary = ingest(
                store, paths, runner, progress=lambda _: bar.advance(task), files=files
            )
        except KeyboardInterrupt:
            bar.stop()
            fail("interrupted; what was stored is complete; run the same command to finish", 130)
        except KamervragenError as exc:
            bar.stop()
            fail(str(exc))
    for q in summary.quarantined:
        print(f"kamervragen: quarantined {q.source}: {q.reason}", file=sys.stderr)
    print(summary.line())
    if summary.quarantined:
        raise typer.Exit(1)


@app.command()
def show(
    ref: Annotated[
        str, typer.Argument(help="An official id, zaak number, case or document number.")
    ],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show a stored document (by official id) or case (by zaak number).

    Example: kamervragen show ah-tk-20232024-1314 --json
    """
    with _store(db) as store:
        document = store.document(ref)
        found: dict[str, Any] | None = document or store.case(ref)
    if found is None:
        fail(f"{ref}: no document or case with this id in {db_target(db)}")
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    console = Console()
    if document:
        _summary(console, Path(document["source"]), record_from_dict(document["record"]))
        return
    console.rule(f"[bold]case {found['case']} {found['zaak'] or ''}")
    console.print(f"Over: {found['subject'] or '-'}\nVragen van: {found['askers'] or '-'}")
    for d in found["documents"]:
        date = d["received"] or d["submitted"] or "-"
        flagged = "  mogelijk onvolledig" if d.get("quality") else ""
        console.print(
            f"  {d['kind']:<13} {d['official_id'] or d['document']:<24} {date}{flagged}",
            highlight=False,
        )


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"


def _write(rows: Iterator[dict[str, Any]], fmt: ExportFormat, out: IO[str]) -> int:
    count = 0
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if fmt is ExportFormat.jsonl:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
        count += 1
    return count


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="csv or jsonl.")] = ExportFormat.csv,
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: stdout).")
    ] = None,
    db: DbOption = None,
) -> None:
    """Export one row per question and its answer, with the case's metadata.

    Example: kamervragen export --format csv --out vragen.csv
    """
    with _store(db) as store:
        if out is None:
            _write(store.pairs(), fmt, sys.stdout)
            return
        # Written beside the target and renamed: a failed export leaves no half file.
        try:
            handle, tmp = tempfile.mkstemp(dir=out.parent or ".", prefix=f".{out.name}.")
        except OSError as exc:
            fail(f"{out}: cannot write: {exc.strerror}")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
                count = _write(store.pairs(), fmt, f)
            os.replace(tmp, out)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    print(f"{count} question–answer rows written to {out}", file=sys.stderr)
