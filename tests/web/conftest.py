"""Fixtures: the web application over the samples, on each backend and on a shared SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from webapp import fill, make_client

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


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
