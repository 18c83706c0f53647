"""The alerts tests: loopback receivers are in alertdocs.py."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Starlette's test client still uses httpx and says so when imported.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")
