"""``kamervragen serve`` and ``demo``: the web application and JSON API in a browser."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer

from kamervragen.cli._app import DbOption, app, db_target, fail
from kamervragen.errors import KamervragenError
from kamervragen.extras import require

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

HostOption = Annotated[
    str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
]
PortOption = Annotated[int, typer.Option(help="Port to listen on.")]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--admin-token",
        envvar="KAMERVRAGEN_ADMIN_TOKEN",
        help="Allow writing (POST /beheer/documenten) with this bearer token."
        " Default: $KAMERVRAGEN_ADMIN_TOKEN; without one the site only reads.",
        show_default=False,
    ),
]


def _require_web(command: str) -> None:
    """Stop with one line unless the packages of the [web] extra are installed."""
    try:
        require("web", purpose=command)
    except KamervragenError as exc:
        fail(str(exc))


def _serve(db: str, host: str, port: int, admin_token: str | None, alerts_every: float = 0) -> None:
    import uvicorn

    from kamervragen.web import create_app

    try:
        web_app = create_app(db, admin_token=admin_token)
        # Open one store now, so that a wrong --db fails here with its reason.
        with web_app.state.pool.store():
            pass
    except (KamervragenError, sqlite3.Error) as exc:
        fail(f"{db}: cannot open the database: {exc}")
    shown = f"[{host}]" if ":" in host else host
    print(f"kamervragen: serving {db} on http://{shown}:{port}/ (Ctrl-C to stop)", flush=True)
    schedule = None
    if alerts_every > 0:
        from kamervragen.alerts.schedule import AlertSchedule

        schedule = AlertSchedule(db, alerts_every * 60).start()
        print(f"kamervragen: alerts run every {alerts_every:g} minutes", flush=True)
    try:
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
    finally:
        if schedule:
            schedule.stop()


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    admin_token: TokenOption = None,
    alerts_every: Annotated[
        float,
        typer.Option(
            "--alerts-every",
            min=0,
            help="Run the alerts (kamervragen alerts run) every this many minutes; 0: never.",
        ),
    ] = 0,
) -> None:
    """Serve the store as a website and JSON API (every page also as .json; /docs).

    Example: kamervragen serve --db kamervragen.db --alerts-every 15
    """
    _require_web("serve")
    _serve(db_target(db), host, port, admin_token, alerts_every)


@app.command("demo")
def demo_command(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
) -> None:
    """Store the bundled sample documents in a local database and serve them."""
    _require_web("demo")  # before the samples are stored, not after
    from kamervragen.ingest import ingest
    from kamervragen.storage import open_store

    target = db_target(db)
    try:
        with open_store(target) as store:
            summary = ingest(store, [SAMPLES])
    except (KamervragenError, sqlite3.Error) as exc:
        fail(f"{target}: cannot store the samples: {exc}")
    print(f"kamervragen: samples in {target}: {summary.line()}", flush=True)
    _serve(target, host, port, None)
