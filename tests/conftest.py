"""Fixtures shared by the store, ingest and CLI tests: a fresh store on each backend.

SQLite always runs. PostgreSQL runs when ``KAMERVRAGEN_TEST_POSTGRES`` holds the URL of
a server the tests may create databases on (``.ci/run`` starts one with
``.ci/postgres start``); without it those tests are skipped, unless
``KAMERVRAGEN_REQUIRE_POSTGRES`` is set, as in CI, where they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
BACKENDS = ["sqlite", "postgresql"]


def _postgres_server() -> str:
    url = os.environ.get("KAMERVRAGEN_TEST_POSTGRES")
    if not url:
        if os.environ.get("KAMERVRAGEN_REQUIRE_POSTGRES"):
            pytest.fail("KAMERVRAGEN_TEST_POSTGRES is not set, but PostgreSQL tests are required")
        pytest.skip("no PostgreSQL: set KAMERVRAGEN_TEST_POSTGRES (bash .ci/run does)")
    return url


def _fresh_postgres() -> Iterator[str]:
    import psycopg

    server = _postgres_server()
    name = f"kv_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, _ = server.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The address of an empty database on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "kamervragen.db")
    else:
        yield from _fresh_postgres()


@pytest.fixture
def other_db_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database on the same backend as ``db_url``."""
    if db_url.startswith("postgresql"):
        yield from _fresh_postgres()
    else:
        yield str(tmp_path / "other.db")
