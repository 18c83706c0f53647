"""The application as uvicorn's worker processes import it (``kamervragen serve
--workers N``): each process makes its own, over the database the command was given.

A worker process is started afresh (spawned), so the application cannot be handed to it:
it is made by :func:`app_from_environment` from ``KAMERVRAGEN_SERVE_DB`` (and the admin
token from ``KAMERVRAGEN_ADMIN_TOKEN``), which ``serve`` sets before it starts them.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

from kamervragen.web.app import create_app

DB_VARIABLE = "KAMERVRAGEN_SERVE_DB"
FACTORY = "kamervragen.web.serving:app_from_environment"


def app_from_environment() -> FastAPI:
    """The application of one worker process; its own pool of stores (read-only unless
    an admin token is set), its own caches."""
    return create_app(os.environ[DB_VARIABLE])
