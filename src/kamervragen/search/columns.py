"""What the facets count of every pair, held in memory by a long-running search process.

The facets of a search count the year, parties and offices of up to 2,000 matches. Read
from ``search_facet_ids`` they are 2,000 lookups scattered over the table: at 1,000,000
pairs, a first search over a part of the table not yet in SQLite's page cache spends
10–50 ms there. A process that serves many searches (the web application) holds the
columns in memory instead: a number per pair (its combination of year, parties and
offices) and the distinct combinations, some 23 MB at 1,000,000 pairs, read in about
1.5 s when it opens the store (:func:`hold_facets`).

Only for a store opened read-only (``open_store(..., for_search=True)``) in SQLite: its
connection never writes, so SQLite's ``PRAGMA data_version`` changes exactly when another
process has committed a change. The held columns then no longer count: searches read
``search_facet_ids`` again until the store has stayed unchanged for :data:`QUIET`
seconds (so that a running ingest or sync, committing all the time, is not read again
and again); the next search then reads the columns anew.
"""

from __future__ import annotations

import functools
import time
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from kamervragen.storage import Store

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
class _Holder:
    columns: _Columns | None
    seen: int  # the latest data_version seen
    since: float  # when it was first seen (_clock)


_held: WeakKeyDictionary[Store, _Holder] = WeakKeyDictionary()


def hold_facets(store: Store) -> None:
    """Read the facet columns of ``store`` and hold them in memory for its searches.

    For a process that serves many searches from one store opened read-only in SQLite;
    a no-op otherwise (PostgreSQL reads the facets in the query that finds the matches).
    """
    if store.dialect.name == "sqlite" and store.readonly and store not in _held:
        version = _version(store)
        _held[store] = _Holder(_read(store, version), version, _clock())


def held_facets(store: Store, pairs: Sequence[int]) -> list[Row] | None:
    """(parties, ministries, year) of each of ``pairs`` from the held columns; None when
    ``store`` holds none, they are out of date, or a pair is not among them."""
    holder = _held.get(store)
    if holder is None:
        return None
    version, now = _version(store), _clock()
    if version != holder.seen:
        holder.seen, holder.since = version, now
    columns = holder.columns
    if columns is None or columns.version != version:
        quiet = now - holder.since >= QUIET
        columns = holder.columns = _read(store, version) if quiet else None
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
    """Changes when another connection commits (this one never writes)."""
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
