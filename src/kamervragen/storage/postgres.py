"""PostgreSQL through psycopg 3, for a newsroom or ministry that outgrows one machine."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from kamervragen.errors import KamervragenError
from kamervragen.storage._base import Row, Store
from kamervragen.storage.migrations import POSTGRES

_PLACEHOLDER = re.compile(r"\?")


@functools.lru_cache(maxsize=1024)  # the writer sends the same few dozen statements
def _to_pyformat(sql: str) -> str:
    return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))


_VALUES = re.compile(r"\bVALUES\s*\(", re.IGNORECASE)
_MAX_PARAMS = 65535  # what one PostgreSQL statement can bind


@functools.lru_cache(maxsize=256)
def _values_row(sql: str) -> tuple[str, str, str] | None:
    """``INSERT … VALUES (row) rest`` cut into its three parts (None for any other form)."""
    found = _VALUES.search(sql)
    if not found or not sql.lstrip().upper().startswith("INSERT"):
        return None
    depth, start = 0, found.end() - 1
    for end in range(start, len(sql)):
        depth += {"(": 1, ")": -1}.get(sql[end], 0)
        if depth == 0:
            return sql[:start], sql[start : end + 1], sql[end + 1 :]
    return None


class PostgresStore(Store):
    dialect = POSTGRES

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self._db = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as exc:
            reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else "refused"
            raise KamervragenError(f"cannot connect to {_safe(url)}: {reason}") from None
        # Each row count of a many-row INSERT is a statement of its own: keep them prepared.
        self._db.prepared_max = 1000
        self._depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        # Inside a transaction the connection is in pipeline mode: this only queues.
        self._db.execute(_to_pyformat(sql), tuple(params))  # type: ignore[arg-type]

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._db.cursor() as cur:
            cur.execute(_to_pyformat(sql), tuple(params))  # type: ignore[arg-type]
            return cur.fetchall()

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        parts = _values_row(sql)
        if parts is None:
            with self._db.cursor() as cur:
                cur.executemany(_to_pyformat(sql), rows)  # type: ignore[arg-type]
            return
        # One INSERT of many rows instead of one statement per row: a statement costs the
        # writer and the server far more than a row does.
        head, row, tail = parts
        step = max(1, _MAX_PARAMS // max(1, len(rows[0])))
        for i in range(0, len(rows), step):
            chunk = rows[i : i + step]
            many = f"{head}{', '.join([row] * len(chunk))}{tail}"
            self.execute(many, [value for r in chunk for value in r])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            yield
            return
        self._depth = 1
        try:
            # Pipeline mode sends statements without waiting for each answer: a document's
            # rows go in a few round trips instead of dozens.
            with self._db.transaction(), self._db.pipeline():
                yield
        except BaseException:
            self._rolled_back()
            raise
        finally:
            self._depth = 0

    def lock_schema(self) -> None:
        # Any fixed number will do: it only has to be the same for every kamervragen.
        self.query("SELECT pg_advisory_xact_lock(4242)")

    def close(self) -> None:
        self._db.close()


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)
