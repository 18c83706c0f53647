"""A database that fails (read-only, damaged, full, out of reach) as one line naming it.

The backends turn every error of their driver into a :class:`StoreError`: the database,
the cause in words, and what to do. Nothing is half-written when one is raised: each
document is stored in its own transaction, which is rolled back (by the backend, or by
SQLite itself for a damaged file or a full disk).
"""

from __future__ import annotations

import re
import sqlite3
from typing import Literal

from kamervragen.errors import KamervragenError

Cause = Literal[
    "read-only", "corrupt", "not-a-database", "full", "io", "busy", "unavailable", "failed"
]


class StoreError(KamervragenError):
    """The database failed, not the input. ``str(error)`` is one line: the database,
    the cause and what to do; ``cause`` says which for a program."""

    def __init__(self, database: str, cause: Cause, detail: str, server: bool = False) -> None:
        """``server``: a database server (PostgreSQL), not a file."""
        self.database = database
        self.cause = cause
        self.detail = detail
        advice = (_SERVER_ADVICE if server else {}).get(cause) or _ADVICE[cause]
        super().__init__(f"{database}: {advice.format(db=database, detail=detail)}")

    def __str__(self) -> str:
        return " ".join(super().__str__().split())


_ADVICE: dict[Cause, str] = {
    "read-only": "the database is read-only ({detail}); nothing was written."
    " Make the file and its folder writable, or use another --db",
    "corrupt": "the database is damaged ({detail}). Run `kamervragen check --db {db}` for details",
    "full": "the disk is full ({detail}); nothing was half-written."
    " Make room and run the same command again",
    "io": "the disk failed to read or write ({detail}); nothing was half-written",
    "busy": "the database is locked by another process ({detail}); try again later",
    "not-a-database": "cannot open the database: not a SQLite database, or its first page"
    " is damaged ({detail})",
    "unavailable": "cannot open the database ({detail})",
    "failed": "the database failed ({detail})",
}

_SERVER_ADVICE: dict[Cause, str] = {
    "read-only": "the database is read-only ({detail}); nothing was written."
    " Use the primary server, or a role that may write",
    "full": "the database server's disk is full ({detail}); nothing was half-written."
    " Make room and run the same command again",
}

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_CAUSES: dict[int, Cause] = {
    3: "read-only",  # SQLITE_PERM
    5: "busy",  # SQLITE_BUSY
    6: "busy",  # SQLITE_LOCKED
    8: "read-only",  # SQLITE_READONLY
    10: "io",  # SQLITE_IOERR
    11: "corrupt",  # SQLITE_CORRUPT
    13: "full",  # SQLITE_FULL
    14: "unavailable",  # SQLITE_CANTOPEN
    26: "not-a-database",  # SQLITE_NOTADB
}

# PostgreSQL's SQLSTATE classes and codes.
_POSTGRES_CAUSES: dict[str, Cause] = {
    "25006": "read-only",  # read_only_sql_transaction (a standby, default_transaction_read_only)
    "42501": "read-only",  # insufficient_privilege: may not write here
    "53100": "full",  # disk_full
    "XX001": "corrupt",  # data_corrupted
    "XX002": "corrupt",  # index_corrupted
    "55P03": "busy",  # lock_not_available
    "57P01": "unavailable",  # admin_shutdown
    "57P02": "unavailable",  # crash_shutdown
    "57P03": "unavailable",  # cannot_connect_now
    "58030": "io",  # io_error
}


def sqlite_error(database: str, exc: sqlite3.Error) -> StoreError:
    """The :class:`StoreError` for an error of SQLite on ``database``."""
    code = getattr(exc, "sqlite_errorcode", None)
    cause: Cause = _SQLITE_CAUSES.get(code & 0xFF, "failed") if code is not None else "failed"
    return StoreError(database, cause, _detail(exc))


def postgres_error(database: str, exc: Exception) -> StoreError:
    """The :class:`StoreError` for an error of psycopg on ``database`` (a URL without
    its password)."""
    state: str | None = getattr(exc, "sqlstate", None)
    if state is None:
        # No answer from the server: refused, lost, or closed under us.
        cause: Cause = "unavailable" if type(exc).__name__ == "OperationalError" else "failed"
    else:
        cause = _POSTGRES_CAUSES.get(state, "unavailable" if state.startswith("08") else "failed")
    return StoreError(database, cause, _detail(exc), server=True)


def safe_url(url: str) -> str:
    """A database's address without its password, for messages."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)


def _detail(exc: Exception) -> str:
    # The first line: psycopg puts the server's message first, then DETAIL and HINT
    # lines; libpq's "connection to server at …, port … failed: Connection refused" too.
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    text = lines[0].removeprefix("ERROR:").strip() if lines else ""
    return text[:200] or type(exc).__name__
