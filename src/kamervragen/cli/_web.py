"""``kamervragen serve`` and ``demo``: the web application and JSON API in a browser."""

from __future__ import annotations

import os
import socket
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


def _check_port(host: str, port: int) -> None:
    """Stop with one line when another program already listens on ``port``: uvicorn
    would only log an error and exit."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            fail(
                f"port {port} on {host} is taken ({exc.strerror}): stop what uses it, or"
                f" choose another with --port {port + 1} (make demo PORT={port + 1})"
            )


def _serve(
    db: str,
    host: str,
    port: int,
    admin_token: str | None,
    workers: int = 1,
    alerts_every: float = 0,
) -> None:
    import uvicorn

    _check_port(host, port)

    from kamervragen.storage import StoreError
    from kamervragen.web import create_app
    from kamervragen.web.serving import DB_VARIABLE, FACTORY

    try:
        web_app = create_app(db, admin_token=admin_token)
        # Open one store now, so that a wrong --db fails here with its reason.
        with web_app.state.pool.store():
            pass
    except StoreError as exc:
        fail(str(exc))
    except (KamervragenError, sqlite3.Error) as exc:
        fail(f"{db}: cannot open the database: {exc}")
    shown = f"[{host}]" if ":" in host else host
    processes = f", {workers} processes" if workers > 1 else ""
    print(
        f"kamervragen: serving {db} on http://{shown}:{port}/{processes} (Ctrl-C to stop)",
        flush=True,
    )
    schedule = None
    if alerts_every > 0:
        from kamervragen.alerts.schedule import AlertSchedule

        schedule = AlertSchedule(db, alerts_every * 60).start()
        print(f"kamervragen: alerts run every {alerts_every:g} minutes", flush=True)
    try:
        if workers <= 1:
            uvicorn.run(web_app, host=host, port=port, log_level="warning")
            return
        web_app.state.pool.close()
        # Each worker process makes its own application from these (see web.serving).
        os.environ[DB_VARIABLE] = db
        os.environ["KAMERVRAGEN_ADMIN_TOKEN"] = admin_token or ""
        uvicorn.run(
            FACTORY, factory=True, workers=workers, host=host, port=port, log_level="warning"
        )
    finally:
        if schedule:
            schedule.stop()


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    admin_token: TokenOption = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Serve in N processes (uvicorn workers), each with its own pool of stores:"
            " one per CPU core uses them all.",
        ),
    ] = 1,
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

    Example: kamervragen serve --db kamervragen.db --port 8000 --workers 2 --alerts-every 15
    """
    _require_web("serve")
    _serve(db_target(db), host, port, admin_token, workers, alerts_every)


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
