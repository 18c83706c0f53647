"""The web application over the bundled samples: what the web tests share."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from kamervragen.ingest import ingest
from kamervragen.storage import open_store
from kamervragen.web import create_app

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

CHROMIUM = Path("/usr/bin/chromium")  # Debian's, driven by Playwright
SAMPLES = Path(__file__).parents[2] / "src" / "kamervragen" / "samples"
# The samples' sets were submitted in 2017 and 2024: on this day two are open and overdue.
TODAY = dt.date(2025, 1, 15)
ADMIN_TOKEN = "test-token-3f9a"


def fill(url: str) -> str:
    with open_store(url) as store:
        summary = ingest(store, [SAMPLES])
    assert summary.added == 8, summary.line()
    return url


def make_client(url: str, admin_token: str | None = None) -> TestClient:
    # Imported here, after conftest has silenced the client's deprecation warning.
    from fastapi.testclient import TestClient

    return TestClient(create_app(url, admin_token=admin_token, today=lambda: TODAY))


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
