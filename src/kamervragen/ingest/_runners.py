"""Runners parse files and hand the results back in order; one writer stores them.

Like a transport, a runner has one method. :class:`LocalRunner` parses in this
process, or in worker processes that hold each document to limits of time and memory;
:class:`DaskRunner` spreads the parsing over a Dask cluster (a local one it starts, or an
existing scheduler).
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from kamervragen.errors import KamervragenError
from kamervragen.extras import require
from kamervragen.ingest._pool import Limits, WorkerPool
from kamervragen.ingest._work import Failed, Result, parse_path, parse_paths


class Runner:
    def map(self, sources: Sequence[str], tsvector: bool = False) -> Iterator[Result]:
        """Parse every source; yield the results in the order of ``sources``.

        ``tsvector``: prepare PostgreSQL's search index too (see :func:`parse_path`)."""
        raise NotImplementedError


class LocalRunner(Runner):
    """Parse in this process, or in ``processes`` worker processes of this machine.

    In worker processes each document is held to ``limits`` (30 s, 512 MB by default): one
    over a limit, or one whose worker dies, is quarantined with the reason, its worker
    replaced, and the batch goes on. ``batch`` is how many documents a worker is handed
    at a time. In this process (``processes=1``) nothing can stop a document: a library
    call, as ``parse_file`` is.
    """

    def __init__(self, processes: int = 1, batch: int = 2, limits: Limits | None = None) -> None:
        self.processes = processes
        self.batch = batch
        self.limits = limits or Limits()

    def map(self, sources: Sequence[str], tsvector: bool = False) -> Iterator[Result]:
        if self.processes <= 1:
            for source in sources:
                yield parse_path(source, tsvector)
            return
        pool = WorkerPool(self.processes, self.limits, parse_path, ahead=self.batch)
        yield from pool.map(sources, tsvector)


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
    pending: deque[tuple[Any, list[str]]] = deque()
    for chunk in batches:
        pending.append((submit(work, chunk), chunk))
        if len(pending) >= window:
            break
    while pending:
        future, sent = pending.popleft()
        chunk = next(batches, None)
        if chunk is not None:
            pending.append((submit(work, chunk), chunk))
        yield from _results(submit, work, future, sent)


def _results(
    submit: Callable[[Callable[[list[str]], list[Result]], list[str]], Any],
    work: Callable[[list[str]], list[Result]],
    future: Any,
    sources: list[str],
) -> list[Result]:
    """A batch's results. A batch that failed as a whole (its worker died, say, more often
    than the cluster retries it) is parsed again a document at a time, so that only the
    document that kills its worker is lost, quarantined with the reason."""
    try:
        return future.result()  # type: ignore[no-any-return]
    except Exception:  # whatever the cluster raised, the batch goes on
        pass
    results: list[Result] = []
    for source in sources:
        try:
            results.extend(submit(work, [source]).result())
        except Exception as exc:
            reason = " ".join(f"its worker failed ({type(exc).__name__}: {exc})".split())
            results.append(Failed(source, None, reason[:200]))
    return results
