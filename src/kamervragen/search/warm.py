"""A store made ready to serve many searches (the web application, the benchmark)."""

from __future__ import annotations

from kamervragen.search.columns import hold_facets
from kamervragen.storage import Store


def keep_warm(store: Store) -> None:
    """Prepare ``store``, opened read-only in SQLite, for the many searches of a long-running
    process; a no-op otherwise.

    It holds the facet columns in memory (:mod:`.columns`; read once per file and shared
    by the stores of the process on it) and reads the column sizes of
    every pair (``search_text_docsize``, some 14 MB at 1,000,000 pairs) into SQLite's page
    cache: bm25 reads those of every pair it scores, up to 2,000 a search, scattered over
    the table, and on a first pass they were most of a search's time (1M pairs: p95
    24–25 → 22–23 ms). Every search reads them, so they stay in the cache. About 1.5 s
    at 1,000,000 pairs, most of it for the facet columns.
    """
    if store.dialect.name != "sqlite" or not store.readonly:
        return
    hold_facets(store)
    store.query("SELECT sum(length(sz)) FROM search_text_docsize")
