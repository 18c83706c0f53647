"""The replay server: recorded Tweede Kamer and KOOP answers on a loopback port.

Nothing here touches the network: every sync test talks to this server (127.0.0.1, a
free port), which pages the recorded records three at a time.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kamervragen.sources.replay import ReplayServer
from syncdata import fill


@pytest.fixture
def replay() -> Iterator[ReplayServer]:
    with ReplayServer(page_size=3) as server:
        yield fill(server)
