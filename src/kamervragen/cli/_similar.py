"""``kamervragen similar`` and ``kamervragen embed``: what was asked and answered before."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from kamervragen.cli._app import DbOption, app, fail, progress_bar
from kamervragen.cli._store import _store
from kamervragen.embeddings import get_model
from kamervragen.embeddings.backfill import embed_store
from kamervragen.errors import KamervragenError
from kamervragen.search.similar import SimilarResult, similar, similar_to_case

_ANSWER_CHARS = 240  # of an answer shown in the readable list


def _print(result: SimilarResult, console: Console, heading: str | None = None) -> None:
    if heading:
        console.print(f"[bold]{escape(heading)}[/]")
    if result.note:
        console.print(f"[dim]{escape(result.note)}[/]")
    if not result.hits:
        console.print("  no earlier question found")
    for rank, hit in enumerate(result.hits, 1):
        answer = " ".join(hit.answer_text.split())
        if len(answer) > _ANSWER_CHARS:
            answer = answer[:_ANSWER_CHARS].rsplit(" ", 1)[0] + " …"
        numbers = ", ".join(hit.questions)
        console.print(
            f"{rank}. [bold]{escape(str(hit.zaak or hit.document))}[/] vraag {numbers}"
            f"  {hit.submitted or hit.received or '-'}  {escape(hit.askers or '-')}"
            f"  [dim](score {hit.score:.2f})[/]"
        )
        if hit.question_text:
            console.print(f"   {escape(' '.join(hit.question_text.split()))}")
        console.print(f"   [green]Antwoord:[/] {escape(answer or '(nog niet beantwoord)')}")


@app.command("similar")
def similar_command(
    text: Annotated[
        str | None,
        typer.Argument(help="The text of a new question (or several), 1–300 words."),
    ] = None,
    case: Annotated[
        str | None,
        typer.Option(
            "--case",
            help="A stored case (zaak number or case number): earlier relatives of each of"
            " its questions, from other cases.",
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=100, help="How many pairs to show.")] = 10,
    lexical_only: Annotated[
        bool, typer.Option("--words-only", help="Rank by the words alone (no embeddings).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Find what was asked and answered before: the stored questions closest to a new
    question, by its words and (where the store has vectors, see `kamervragen embed`)
    by its meaning.

    Example: kamervragen similar "Bent u bekend met het bericht dat de helft van de
    gemeenten nauwelijks iets doet tegen radicalisering?"

    Example: kamervragen similar --case 2024Z18794 --limit 3
    """
    if (text is None) == (case is None):
        fail("give the text of a question, or --case ZAAK (not both)")
    console = Console()
    with _store(db, for_search=True) as store:
        try:
            if case is not None:
                found = store.case(case)
                if found is None:
                    fail(f"{case}: no such case in {store.url}")
                matches = similar_to_case(
                    store, found["case"], limit=limit, lexical_only=lexical_only
                )
                if as_json:
                    data = {"case": found["case"], "zaak": found["zaak"], "questions": []}
                    data["questions"] = [m.to_dict() for m in matches]
                    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
                    return
                for m in matches:
                    _print(m.result, console, f"Vraag {m.number}: {m.question_text}")
                    console.print()
                return
            assert text is not None
            result = similar(store, text, limit=limit, lexical_only=lexical_only)
        except KamervragenError as exc:
            fail(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _print(result, console)


@app.command("embed")
def embed_command(
    workers: Annotated[
        int, typer.Option(min=1, help="Embed in N processes (each loads the model once).")
    ] = 1,
    model: Annotated[str | None, typer.Option(help="The embedding model.")] = None,
    db: DbOption = None,
) -> None:
    """Embed the stored questions and answers that have no vector yet, so that `similar`
    also compares meaning. Safe to stop at any moment: run it again to go on.

    Example: kamervragen embed --db kamervragen.db --workers 2
    """
    with _store(db) as store, progress_bar("embed") as bar:
        task = bar.add_task("embed", total=None)
        try:
            summary = embed_store(
                store,
                get_model(model),
                workers=workers,
                progress=lambda done, todo: bar.update(task, completed=done, total=todo),
            )
        except KeyboardInterrupt:
            bar.stop()
            fail("interrupted; what was embedded is stored; run the same command to go on", 130)
        except KamervragenError as exc:
            bar.stop()
            fail(str(exc))
    print(summary.line())
