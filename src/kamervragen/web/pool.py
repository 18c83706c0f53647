"""A bounded pool of open stores, so that requests on worker threads never share one."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from kamervragen.errors import KamervragenError
from kamervragen.storage import Store, open_store


class StorePool:
    """At most ``size`` stores open at once; a request waits for a free one."""

    def __init__(self, url: str, size: int = 8) -> None:
        self.url = url
        self._idle: queue.LifoQueue[Store] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)
        self._closed = False

    @contextmanager
    def store(self) -> Iterator[Store]:
        with self._slots:
            try:
                store = self._idle.get_nowait()
            except queue.Empty:
                store = open_store(self.url)
            healthy = False
            try:
                yield store
                healthy = True
            except KamervragenError:
                healthy = True  # bad input, not a broken connection
                raise
            finally:
                if healthy and not self._closed:
                    self._idle.put(store)
                else:
                    store.close()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
