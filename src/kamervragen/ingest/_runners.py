"""Runners parse files and hand the results back in order; one writer stores them.

Like a transport, a runner has one method. :class:`LocalRunner` parses in this
process; :class:`DaskRunner` spreads the parsing over a Dask cluster (a local one it
starts, or an existing scheduler).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from kamervragen.errors import KamervragenError
from kamervragen.ingest._work import Failed, parse_path, parse_paths
from kamervragen.storage import Parsed

Result = Parsed | Failed


class Runner:
    def map(self, sources: Sequence[str]) -> Iterator[Result]:
        """Parse every source; yield the results in the order of ``sources``."""
        raise NotImplementedError


class LocalRunner(Runner):
    def map(self, sources: Sequence[str]) -> Iterator[Result]:
        for source in sources:
            yield parse_path(source)


class DaskRunner(Runner):
    """Parse on Dask workers: ``workers`` starts a local cluster, ``scheduler`` joins one."""

    def __init__(
        self, workers: int | None = None, scheduler: str | None = None, batch: int = 32
    ) -> None:
        self.workers = workers
        self.scheduler = scheduler
        self.batch = batch

    def map(self, sources: Sequence[str]) -> Iterator[Result]:
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
            yield from self._run(client, sources)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _run(self, client: Any, sources: Sequence[str]) -> Iterator[Result]:
        batches = [list(sources[i : i + self.batch]) for i in range(0, len(sources), self.batch)]
        # A bounded window of batches in flight keeps memory flat at any corpus size.
        window = max(4, 4 * len(client.scheduler_info().get("workers", {}) or [1]))
        pending: deque[Any] = deque()
        todo = iter(batches)
        for batch in todo:
            pending.append(client.submit(parse_paths, batch, pure=False))
            if len(pending) >= window:
                break
        while pending:
            results = pending.popleft().result()
            next_batch = next(todo, None)
            if next_batch is not None:
                pending.append(client.submit(parse_paths, next_batch, pure=False))
            yield from results
