"""Fixtures: the web application over the samples, on each backend and on a shared SQLite."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from webapp import CHROMIUM, TODAY, fill, free_port, make_client

from kamervragen.web import create_app

if TYPE_CHECKING:
    from fastapi.testclient import TestClient
    from playwright.sync_api import Browser


def pytest_configure(config: pytest.Config) -> None:
    # Starlette's test client still uses httpx and says so when imported.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:
    """A client of the application over the samples, on each backend."""
    with make_client(fill(db_url)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return fill(str(tmp_path_factory.mktemp("web") / "samples.db"))


@pytest.fixture(scope="session")
def sqlite_client(samples_db: str) -> Iterator[TestClient]:
    """One client over a SQLite store of the samples, shared by tests that only read."""
    with make_client(samples_db) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def base_url(samples_db: str) -> Iterator[str]:
    """The application over the samples, served by uvicorn on a loopback port."""
    import uvicorn

    port = free_port()
    app = create_app(samples_db, today=lambda: TODAY)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()
