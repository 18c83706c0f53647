"""``kamervragen alerts add|list|remove|enable|run``: follow things by e-mail or webhook."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kamervragen.alerts import (
    DELIVERIES,
    KINDS,
    Subscription,
    enable,
    run_alerts,
    subscribe,
    subscriptions,
    unsubscribe,
)
from kamervragen.alerts.outbox import WORKERS
from kamervragen.alerts.run import default_deliveries
from kamervragen.cli._app import DbOption, app, fail, progress_bar
from kamervragen.cli._store import _store
from kamervragen.errors import KamervragenError
from kamervragen.storage import Store
from kamervragen.storage import alerts as alert_rows

alerts_app = typer.Typer(
    help="Follow a case, member, party, ministry or search and be told by e-mail or webhook.\n\n"
    "Example: kamervragen alerts add case 2024Z18794 --email griffie@example.nl",
    no_args_is_help=True,
)
app.add_typer(alerts_app, name="alerts")


def _state(s: Subscription) -> str:
    if s.disabled:
        return f"disabled: {s.disabled}"
    if not s.confirmed:
        return "waiting for confirmation"
    return "active" + (f" ({s.failures} failed in a row)" if s.failures else "")


@alerts_app.command("add")
def add_command(
    kind: Annotated[str, typer.Argument(help=f"What to follow: {', '.join(KINDS)}.")],
    target: Annotated[
        str,
        typer.Argument(
            help="The zaak or case number, the member's, party's or ministry's name, or the"
            " search query (as kamervragen search takes it)."
        ),
    ],
    email: Annotated[str | None, typer.Option(help="Send e-mail to this address.")] = None,
    webhook: Annotated[str | None, typer.Option(help="POST JSON to this URL.")] = None,
    secret: Annotated[
        str | None,
        typer.Option(help="The webhook's signing secret. Default: a random one, printed once."),
    ] = None,
    every: Annotated[
        str,
        typer.Option(help="immediate, or a daily or weekly digest. The late list is weekly."),
    ] = "immediate",
    party: Annotated[str | None, typer.Option(help="Search: asked by this party.")] = None,
    member: Annotated[str | None, typer.Option(help="Search: asked by this member.")] = None,
    ministry: Annotated[str | None, typer.Option(help="Search: addressed to this office.")] = None,
    minister: Annotated[str | None, typer.Option(help="Search: answered by this minister.")] = None,
    status: Annotated[
        str | None, typer.Option(help="Search: only cases answered, open or late.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    db: DbOption = None,
) -> None:
    """Add a subscription (confirmed at once: an administrator adds it).

    Example: kamervragen alerts add case 2024Z18794 --email griffie@example.nl

    Example: kamervragen alerts add search 'stikstof -veehouderij' --party VVD --every daily
    --webhook https://example.nl/hooks/kamervragen

    Example: kamervragen alerts add late Financiën --email pu@minfin.example
    """
    if (email is None) == (webhook is None):
        fail("give one of --email ADDRESS or --webhook URL")
    if every not in DELIVERIES:
        fail(f"--every {every}: use one of {', '.join(DELIVERIES)}")
    filters = {
        k: v
        for k, v in {"party": party, "member": member, "ministry": ministry,
                     "minister": minister, "status": status}.items()
        if v is not None
    }  # fmt: skip
    with _store(db) as store:
        try:
            sub = subscribe(
                store,
                kind,
                target,
                email or webhook or "",
                channel="email" if email else "webhook",
                delivery=every,
                filters=filters,
                secret=secret,
            )
        except KamervragenError as exc:
            fail(str(exc))
    if as_json:
        data: dict[str, Any] = sub.to_dict()
        if sub.channel == "webhook":
            data["secret"] = sub.secret
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    print(f"subscription {sub.id}: {sub.describe()} → {sub.channel} {sub.address} ({sub.delivery})")
    if sub.channel == "webhook" and not secret:
        print(f"signing secret (shown once): {sub.secret}")


@alerts_app.command("list")
def list_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    log: Annotated[
        int | None, typer.Option(help="Also show the delivery log of this subscription.")
    ] = None,
    db: DbOption = None,
) -> None:
    """List the subscriptions, with their state (a disabled one with the reason).

    Example: kamervragen alerts list --log 3
    """
    with _store(db) as store:
        found = subscriptions(store)
        attempts = alert_rows.delivery_log(store, log) if log is not None else []
    if as_json:
        data: dict[str, Any] = {"subscriptions": [s.to_dict() for s in found]}
        if log is not None:
            data["log"] = [
                {"delivery": r[0], "at": r[1], "ok": bool(r[2]), "detail": r[3]} for r in attempts
            ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    console = Console()
    table = Table()
    for column in ("id", "follows", "to", "delivery", "state"):
        table.add_column(column)
    for s in found:
        table.add_row(
            str(s.id),
            escape(s.describe()),
            escape(f"{s.channel} {s.address}"),
            s.delivery,
            escape(_state(s) if not s.disabled else "disabled (below)"),
        )
    console.print(table if found else "no subscriptions")
    for s in found:
        if s.disabled:
            console.print(f"subscription {s.id} disabled: {escape(s.disabled)}", soft_wrap=True)
    for delivery, at, ok, detail in attempts:
        console.print(f"{at} {delivery[:8]} {'ok' if ok else 'FAILED'}: {escape(detail or '')}")


@alerts_app.command("remove")
def remove_command(
    subscription: Annotated[int, typer.Argument(help="The subscription's number (alerts list).")],
    db: DbOption = None,
) -> None:
    """Remove a subscription, with whatever was still queued for it.

    Example: kamervragen alerts remove 3
    """
    with _store(db) as store:
        gone = unsubscribe(store, subscription)
    if gone is None:
        fail(f"subscription {subscription}: no such subscription")
    print(f"removed subscription {gone.id}: {gone.describe()} → {gone.address}")


@alerts_app.command("enable")
def enable_command(
    subscription: Annotated[int, typer.Argument(help="The subscription's number (alerts list).")],
    db: DbOption = None,
) -> None:
    """Deliver again to a subscription that was disabled after failed deliveries.

    Example: kamervragen alerts enable 3
    """
    with _store(db) as store:
        if not [s for s in subscriptions(store) if s.id == subscription]:
            fail(f"subscription {subscription}: no such subscription")
        enable(store, subscription)
    print(f"subscription {subscription} enabled")


@alerts_app.command("run")
def run_command(
    site: Annotated[
        str | None,
        typer.Option(
            help="The website the links point to. Default: $KAMERVRAGEN_SITE_URL, else"
            " http://127.0.0.1:8000.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Deliveries sent at a time.")
    ] = WORKERS,
    db: DbOption = None,
) -> None:
    """Match what changed since the last run against the subscriptions and deliver.

    E-mail goes through the SMTP server of $KAMERVRAGEN_SMTP_HOST (with
    $KAMERVRAGEN_SMTP_PORT, _SECURITY starttls|tls|none, _USER, _PASSWORD, _FROM). Safe
    to stop at any moment: the next run goes on, and nothing is delivered twice.

    Example: kamervragen alerts run --db kamervragen.db
    """
    with _store(db) as store:
        failed = run_and_report(store, site, workers)
    if failed:
        raise typer.Exit(1)


def run_and_report(store: Store, site: str | None = None, workers: int = WORKERS) -> int:
    """One alerts run with a progress bar, its summary printed; the failed deliveries.

    What ``kamervragen sync`` calls at its end (unless told not to)."""
    try:
        with default_deliveries() as deliveries, progress_bar("delivering alerts") as bar:
            task = bar.add_task("deliver", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            report = run_alerts(store, deliveries, site=site, workers=workers, progress=progress)
    except KamervragenError as exc:
        fail(str(exc))
    print(f"alerts: {report.line()}")
    return report.failed
