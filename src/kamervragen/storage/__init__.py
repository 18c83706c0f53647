"""Storage: records in SQLite (the embedded default) or PostgreSQL, behind one interface.

The store owns every table, its schema (named migrations, :mod:`.migrations`) and its SQL:
a document with its rows and its search index rows (made by :mod:`kamervragen.indexing`)
is written in one transaction, one way per backend (:mod:`.sqlite`, :mod:`.postgres`);
searches ask the store for the matches of a query (:mod:`.matches`). Nothing here
imports search, deadlines or anything above them.

>>> from kamervragen.storage import open_store
>>> with open_store("kamervragen.db") as store:
...     store.counts()
"""

from __future__ import annotations

import os
from pathlib import Path

from kamervragen.extras import require
from kamervragen.storage._base import Outcome, Parsed, Quarantined, Store, StoredPair
from kamervragen.storage.faults import StoreError
from kamervragen.storage.sqlite import SQLiteStore, open_for_search

__all__ = [
    "DEFAULT_DB",
    "Outcome",
    "Parsed",
    "Quarantined",
    "Store",
    "StoreError",
    "StoredPair",
    "default_db",
    "open_store",
]

DEFAULT_DB = "kamervragen.db"


def default_db() -> str:
    """``KAMERVRAGEN_DB`` if set, else ``./kamervragen.db``."""
    return os.environ.get("KAMERVRAGEN_DB") or DEFAULT_DB


def open_store(target: str | Path | None = None, *, for_search: bool = False) -> Store:
    """Open (and bring up to date) the store at a file path or a ``postgresql://`` URL.

    ``for_search``: only to read from, as search does: a SQLite file is then opened
    read-only and read through a memory map (PostgreSQL is opened as always)."""
    target = str(target) if target is not None else default_db()
    store: Store
    if target.startswith(("postgresql://", "postgres://")):
        require("postgres", purpose="a postgresql:// database")
        # Imported only here: psycopg is an optional package ([postgres]).
        from kamervragen.storage.postgres import PostgresStore

        store = PostgresStore(target)
    else:
        if for_search:
            return open_for_search(target)
        store = SQLiteStore(target)
    store.migrate()
    return store
