"""What the facets count of every pair, held in memory by a long-running search process.

The facets of a search count the year, parties and offices of up to 2,000 matches. Read
from ``search_facet_ids`` they are 2,000 lookups scattered over the table: at 1,000,000
pairs, a first search over a part of the table not yet in SQLite's page cache spends
10–50 ms there. A process that serves many searches (the web application) holds the
columns in memory instead: a number per pair (its combination of year, parties and
offices) and the distinct combinations, some 14 MB at 1,000,000 pairs, read in about
1.4 s by the first store opened on the file (:func:`hold_facets`) and shared by every
other store of the process on the same file.

Only for stores opened read-only (``open_store(..., for_search=True)``) in SQLite, kept
warm (:meth:`SQLiteStore.keep_warm`). The
columns keep a read-only connection of their own, which never writes: its ``PRAGMA
data_version`` changes exactly when a change to the file is committed. The held columns
then no longer count: searches read ``search_facet_ids`` again until a search finds the
file unchanged for :data:`QUIET` seconds since the change was first seen (so that a
running ingest or sync, committing all the time, does not have them read again and
again); that search reads the columns anew, while the others read the table.
"""

from __future__ import annotations

import functools
import threading
import time
import weakref
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from kamervragen.storage._base import Store

Row = tuple[Any, ...]  # (parties, ministries, year): names joined by newlines


@dataclass(frozen=True)
class _Columns:
    version: int  # the connection's data_version when they were read
    combinations: list[Row]  # 0: no such pair
    of_pair: array[int]  # pair id -> its index in ``combinations``


# A changed store's columns are read again once it has stayed unchanged this long (s):
# not again and again while an ingest or a sync commits.
QUIET = 10.0
_clock = time.monotonic


@dataclass
class _File:
    """The columns of one file, shared by every store opened on it to search."""

    watch: Store  # a read-only store of its own: its data_version changes at every commit
    columns: _Columns | None
    seen: int  # the latest data_version seen
    since: float  # when it was first seen (_clock)
    users: int = 0  # stores holding these columns
    lock: threading.Lock = field(default_factory=threading.Lock)


_files: dict[str, _File] = {}  # by the file's resolved path
_files_lock = threading.Lock()
_held: WeakKeyDictionary[Store, _File] = WeakKeyDictionary()


def hold_facets(store: Store, watcher: Callable[[], Store]) -> None:
    """Hold the facet columns of ``store``'s file in memory for its searches: read now
    unless another store on the same file holds them already (then shared); ``watcher``
    opens the read-only store of their own that the columns keep.

    For a process that serves many searches from stores opened read-only in SQLite; a
    no-op otherwise (PostgreSQL reads the facets in the query that finds the matches).
    """
    if store.dialect.name != "sqlite" or not store.readonly or store in _held:
        return

    key = str(Path(store.url).resolve())
    with _files_lock:
        file = _files.get(key)
        if file is None:
            watch = watcher()
            version = _version(watch)
            file = _files[key] = _File(watch, _read(watch, version), version, _clock())
        file.users += 1
        _held[store] = file
    weakref.finalize(store, _release, key)


def _release(key: str) -> None:
    """One store fewer holds the columns of ``key``: the last closes them."""
    with _files_lock:
        file = _files[key]
        file.users -= 1
        if not file.users:
            del _files[key]
            file.watch.close()


def held_facets(store: Store, pairs: Sequence[int]) -> list[Row] | None:
    """(parties, ministries, year) of each of ``pairs`` from the held columns; None when
    ``store`` holds none, they are out of date (or being read again by another search),
    or a pair is not among them."""
    file = _held.get(store)
    if file is None or not file.lock.acquire(blocking=False):
        return None
    try:
        version, now = _version(file.watch), _clock()
        if version != file.seen:
            file.seen, file.since = version, now
        columns = file.columns
        if columns is None or columns.version != version:
            quiet = now - file.since >= QUIET
            columns = file.columns = _read(file.watch, version) if quiet else None
    finally:
        file.lock.release()
    if columns is None:
        return None
    of_pair, combinations = columns.of_pair, columns.combinations
    try:
        found = [combinations[of_pair[p]] for p in pairs]
    except IndexError:  # a pair added after the columns were read
        return None
    # Index 0 is a pair the columns do not know (its row came after they were read).
    return None if any(row is _UNKNOWN for row in found) else found


_UNKNOWN: Row = (None, None, None)


def _version(store: Store) -> int:
    """Changes when another connection commits (``store`` never writes)."""
    return int(store.query("PRAGMA data_version")[0][0])


_CHUNK = 10_000  # rows read at a time: all at once, 1M rows took some 250 MB


def _read(store: Store, version: int) -> _Columns | None:
    """The columns as of ``version``; None when the store changed while they were read
    (the chunks then need not agree)."""
    top = store.query("SELECT max(pair_id) FROM search_facet_ids")[0][0] or 0
    of_pair = array("I", bytes(4 * (int(top) + 1)))
    parties, offices = names_of(store, "parties"), names_of(store, "offices")
    combinations: list[Row] = [_UNKNOWN]
    index: dict[Row, int] = {}
    after = 0
    while rows := store.query(
        "SELECT pair_id, year, parties, offices FROM search_facet_ids"
        " WHERE pair_id > ? AND pair_id <= ? ORDER BY pair_id LIMIT ?",
        (after, top, _CHUNK),
    ):
        for pair, year, party_ids, office_ids in rows:
            key = (party_ids, office_ids, year)
            i = index.get(key)
            if i is None:
                i = index[key] = len(combinations)
                combinations.append((parties(party_ids), offices(office_ids), year))
            of_pair[pair] = i
        after = rows[-1][0]
    if _version(store) != version:
        return None
    return _Columns(version, combinations, of_pair)


def names_of(store: Store, table: str) -> Callable[[str | None], str | None]:
    """The names (``"PVV\nSP"``) for ids as ``search_facet_ids`` holds them (``"3,7"``),
    each distinct value converted once."""
    names = {str(i): name for i, name in store.query(f"SELECT id, name FROM {table}")}

    @functools.cache
    def convert(ids: str | None) -> str | None:
        return "\n".join(names[i] for i in ids.split(",")) if ids else None

    return convert
