"""Ingest: files and folders into the store, each document in its own transaction.

Already-stored content is skipped by its hash before it is parsed; files that fail go
to the quarantine with their reason. Because every document commits on its own and the
order is fixed, an ingest that is interrupted (Ctrl-C, kill -9) and run again ends with
the same database as one that ran through.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kamervragen.ingest._files import file_hash, find_files
from kamervragen.ingest._pool import Limits
from kamervragen.ingest._runners import DaskRunner, LocalRunner, Runner
from kamervragen.ingest._work import Failed, content_hash, parse_data, parse_path
from kamervragen.storage import Quarantined, Store

__all__ = [
    "DaskRunner",
    "Failed",
    "Limits",
    "LocalRunner",
    "Runner",
    "Summary",
    "content_hash",
    "find_files",
    "ingest",
    "parse_data",
    "parse_path",
]


@dataclass
class Summary:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.replaced + self.unchanged + len(self.quarantined)

    def line(self) -> str:
        return (
            f"{self.total} files: {self.added} added, {self.replaced} replaced, "
            f"{self.unchanged} unchanged, {len(self.quarantined)} quarantined"
        )


Progress = Callable[[str], None]


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    runner: Runner | None = None,
    progress: Progress | None = None,
    files: list[Path] | None = None,
) -> Summary:
    """Store every document under ``paths``; ``progress`` is called once per file."""
    runner = runner or LocalRunner()
    todo = files if files is not None else find_files(paths)
    summary = Summary()
    to_parse: list[str] = []
    for i in range(0, len(todo), 1000):
        # The store is asked about a thousand files at once (one round trip, not a thousand).
        hashes: dict[Path, str] = {}
        for path in todo[i : i + 1000]:
            with contextlib.suppress(OSError):  # the runner reports why it cannot be read
                hashes[path] = file_hash(path)
        known = store.known(list(hashes.values()))
        for path in todo[i : i + 1000]:
            if hashes.get(path) in known:
                summary.unchanged += 1
                if progress:
                    progress(str(path))
            else:
                to_parse.append(str(path))
    # A PostgreSQL store's tsvectors are built where the files are parsed.
    with store.bulk():
        for result in runner.map(to_parse, tsvector=store.dialect.name == "postgresql"):
            if isinstance(result, Failed):
                store.quarantine(result.source, result.content_hash, result.reason)
                summary.quarantined.append(result)
            else:
                outcome = store.add(result)
                setattr(summary, outcome, getattr(summary, outcome) + 1)
            if progress:
                progress(result.source)
    return summary
