"""Runners parse files and hand the results back in order; one writer stores them.

Like a transport, a runner has one method. :class:`LocalRunner` parses in this
process; :class:`DaskRunner` spreads the parsing over a Dask cluster (a local one it
starts, or an existing scheduler).
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from kamervragen.errors import KamervragenError
from kamervragen.extras import require
from kamervragen.ingest._work import Failed, parse_path, parse_paths
from kamervragen.storage import Parsed

Result = Parsed | Failed


class Runner:
    def map(self, sources: Sequence[str], tsvector: bool = False) -> Iterator[Result]:
        """Parse every source; yield the results in the order of ``sources``.

        ``tsvector``: prepare PostgreSQL's search index too (see :func:`parse_path`)."""
        raise NotImplementedError


class LocalRunner(Runner):
    """Parse in this process, or in ``processes`` worker processes of this machine."""

    def __init__(self, processes: int = 1, batch: int = 32) -> None:
        self.processes = processes
        self.batch = batch

    def map(self, sources: Sequence[str], tsvector: bool = False) -> Iterator[Result]:
        if self.processes <= 1 or len(sources) < 2 * self.batch:
            for source in sources:
                yield parse_path(source, tsvector)
            return
        # Processes, not threads: parsing is CPU work and pdfium is not thread-safe.
        # Spawned, not forked: a forked worker would hold this process's database
        # connection open, and after a kill -9 keep its transaction (and locks) alive.
        with ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            work = functools.partial(parse_paths, tsvector=tsvector)
            yield from _in_order(pool.submit, work, sources, self.batch, 4 * self.processes)


class DaskRunner(Runner):
    """Parse on Dask workers: ``workers`` starts a local cluster, ``scheduler`` joins one."""

    def __init__(
        self, workers: int | None = None, scheduler: str | None = None, batch: int = 32
    ) -> None:
        self.workers = workers
        self.scheduler = scheduler
        self.batch = batch

    def map(self, sources: Sequence[str], tsvector: bool = False) -> Iterator[Result]:
        require("dask", purpose="parsing on Dask (ingest --workers, --scheduler)")
        from distributed import Client, LocalCluster

        cluster: Any = None
        try:
            if self.scheduler:
                client = Client(self.scheduler, timeout="10s")
            else:
                cluster = LocalCluster(
                    n_workers=self.workers or 2,
                    threads_per_worker=1,  # pdfium is not thread-safe; processes are
                    processes=True,
                    dashboard_address=None,
                )
                client = Client(cluster)
        except OSError as exc:
            raise KamervragenError(f"cannot reach the Dask scheduler: {exc}") from None
        try:
            yield from self._run(client, sources, tsvector)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _run(self, client: Any, sources: Sequence[str], tsvector: bool) -> Iterator[Result]:
        workers = len(client.scheduler_info().get("workers", {})) or 1

        def submit(fn: Any, batch: list[str]) -> Any:
            return client.submit(fn, batch, pure=False)

        work = functools.partial(parse_paths, tsvector=tsvector)
        yield from _in_order(submit, work, sources, self.batch, 4 * workers)


def _exit_with_parent(parent: int) -> None:
    """In a worker: leave when the ingest that started it is gone (killed, say)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _in_order(
    submit: Callable[[Callable[[list[str]], list[Result]], list[str]], Any],
    work: Callable[[list[str]], list[Result]],
    sources: Sequence[str],
    batch: int,
    window: int,
) -> Iterator[Result]:
    """Submit ``work`` on batches of ``sources``, at most ``window`` in flight, and yield
    the results in order.

    The bounded window keeps memory flat at any corpus size: finished work waits for the
    writer, but never more than ``window`` batches of it.
    """
    batches = (list(sources[i : i + batch]) for i in range(0, len(sources), batch))
    pending: deque[Any] = deque()
    for chunk in batches:
        pending.append(submit(work, chunk))
        if len(pending) >= window:
            break
    while pending:
        results = pending.popleft().result()
        chunk = next(batches, None)
        if chunk is not None:
            pending.append(submit(work, chunk))
        yield from results
