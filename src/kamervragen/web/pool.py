"""Open stores kept for reuse, so that requests on worker threads never share one.

A request takes an idle store or opens one, and gives it back afterwards; at most
``size`` idle stores are kept. It never waits for a store: a request that waited on a
worker thread for a store that another request returns on a worker thread could wait for
ever once all worker threads wait. The number open at once is bounded by the worker
threads (40 in FastAPI's default thread pool).
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager

from kamervragen.errors import KamervragenError
from kamervragen.storage import Store, StoreError, open_store


class StorePool:
    def __init__(self, url: str, size: int = 8, *, for_search: bool = False) -> None:
        """``for_search``: the stores only read (see ``open_store``)."""
        self.url = url
        self.for_search = for_search
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue(maxsize=size)
        self._closed = False

    @contextmanager
    def store(self) -> Iterator[Store]:
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = open_store(self.url, for_search=self.for_search)
            try:
                # Kept to serve many searches (read-only SQLite: facets from memory, read
                # once per file and shared by the pool's stores).
                store.keep_warm()
            except BaseException:
                store.close()
                raise
        healthy = False
        try:
            yield store
            healthy = True
        except StoreError:
            raise  # the database failed: this store is not used again
        except KamervragenError:
            healthy = True  # bad input, not a broken connection
            raise
        finally:
            self._give_back(store, healthy)

    def _give_back(self, store: Store, healthy: bool) -> None:
        if healthy and not self._closed:
            try:
                self._idle.put_nowait(store)
                return
            except queue.Full:
                pass
        store.close()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
