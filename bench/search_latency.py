"""Search latency over a large synthetic store: p50/p95 of the library call and raw FTS5.

    .venv/bin/python bench/search_latency.py [--pairs 1000000] [--db /tmp/search-bench.db]
                                             [--rounds 200] [--seed 0] [--cache-mb 0]
                                             [--mmap-mb N] [--warmup 0] [--best-of 1]
                                             [--cold-store]

Fills the store (once; an existing file at ``--db`` is reused) through ``Store.add`` with
the synthetic documents of ``bench/corpus.py``, so that the index is built the way ingest
builds it, until it holds ``--pairs`` question–answer pairs. Then times a mix of queries
drawn from the corpus's own words: single words, two-word phrases, compound fragments (the
middle of a long word) and filtered single words. ``library`` is
``kamervragen.search.search`` (10 hits with snippets, the total and the facets), ``no
facets`` the same call with ``facets=False``; ``raw FTS5`` is the bare ``MATCH … ORDER BY
rank LIMIT 10`` on the stemmed text columns, without compounds, joins, total or facets.
A ``postgresql://`` URL for ``--db`` times the library on PostgreSQL (no raw FTS5 line).
``--cache-mb`` sets SQLite's page cache of the connection (``PRAGMA cache_size``; 0 leaves
the store's 64 MB). The store is searched as the CLI and the web application open it
(``open_store(…, for_search=True)``: read-only, through a memory map as large as SQLite
allows); ``--mmap-mb`` sets that map's size instead (``PRAGMA mmap_size``; 0 reads with
system calls, as before). It is then made ready for many searches as the web application
makes its stores (``Store.keep_warm``: the facet columns held in memory, the
pairs' column sizes read into SQLite's cache); the time and memory that takes are
printed. ``--cold-store`` leaves that out: a store as a one-off search (the CLI) has it.
``--warmup N`` first runs, untimed, N queries of each kind drawn with another seed (other
words from other pairs): the caches of a process that has served other searches, not
of these queries. ``--best-of N`` times each library call N times in a row and keeps
the shortest: warm, and the least disturbed by other work on a shared machine. The
``(cpu)`` line is the processor time of the library calls.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable

from _timing import pin_to_one_core
from corpus import generate
from kamervragen.record import record_from_dict
from kamervragen.search import SearchFilters, search
from kamervragen.storage import Parsed, Store, open_store
from kamervragen.text.analysis import analyse, words

BATCH = 2000  # documents per transaction while filling
Query = tuple[str, dict[str, str]]  # the query and its filters


def fill(store: Store, pairs: int, seed: int) -> None:
    have = int(store.query("SELECT count(*) FROM search_pairs")[0][0])
    start = int(store.query("SELECT count(*) FROM sources")[0][0])
    began = time.perf_counter()
    while have < pairs:
        docs = list(generate(BATCH, seed, start=start))
        with store.transaction():
            for doc in docs:
                store.add(
                    Parsed(doc.name, f"{seed}:{doc.name}", "text", record_from_dict(doc.expected))
                )
        start += BATCH
        have = int(store.query("SELECT count(*) FROM search_pairs")[0][0])
        rate = have / (time.perf_counter() - began)
        print(f"\rfilling: {have:,} pairs ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def queries(store: Store, rng: random.Random) -> dict[str, list[Query]]:
    """The query mix, from question and answer texts sampled from the store."""
    top = int(store.query("SELECT max(id) FROM search_pairs")[0][0])
    texts: list[list[str]] = []
    while len(texts) < 300:
        row = store.query(
            "SELECT question, answer FROM search_pairs WHERE id >= ? ORDER BY id LIMIT 1",
            (rng.randint(1, top),),
        )
        if row:
            texts.append([w for w in words(row[0][0] + " " + row[0][1]) if w.isalpha()])
    long_words = [w for t in texts for w in t if len(w) >= 12]
    content = [w for t in texts for w in t if len(w) >= 6]
    parties = [r[0] for r in store.query("SELECT name FROM parties")]
    mix: dict[str, list[Query]] = {
        "single word": [(rng.choice(content), {}) for _ in range(100)],
        "phrase": [],
        "compound fragment": [],
        "filtered": [
            (rng.choice(content), {"party": rng.choice(parties), "submitted_from": "2018-01-01"})
            for _ in range(100)
        ],
    }
    while len(mix["phrase"]) < 100:
        t = rng.choice(texts)
        if len(t) > 3:
            i = rng.randrange(len(t) - 1)
            mix["phrase"].append((f'"{t[i]} {t[i + 1]}"', {}))
    for w in rng.sample(long_words, min(100, len(long_words))):
        middle = w[2 : 2 + max(6, len(w) // 2)]  # a part of the word, not its start
        mix["compound fragment"].append((middle, {}))
    return mix


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"p50 {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms"


def timed(
    run: Callable[[Query], object],
    items: list[Query],
    cpu: list[float] | None = None,
    best_of: int = 1,
) -> list[float]:
    """The wall time of each run; ``cpu`` gets the processor time of each (on a shared
    machine the wall time also holds the waits for a processor). ``best_of``: each item
    that many times in a row, the shortest kept (warm, least disturbed by other work)."""
    times = []
    for item in items:
        best, best_cpu = float("inf"), float("inf")
        for _ in range(best_of):
            t, p = time.perf_counter(), time.process_time()
            run(item)
            best = min(best, time.perf_counter() - t)
            best_cpu = min(best_cpu, time.process_time() - p)
        times.append(best)
        if cpu is not None:
            cpu.append(best_cpu)
    return times


def _raw_fts5(store: Store) -> Callable[[Query], object]:
    def run(item: Query) -> object:
        expr = '{question answer subject} : "' + " ".join(analyse(item[0])) + '"'
        return store.query(
            "SELECT rowid FROM search_text WHERE search_text MATCH ? ORDER BY rank LIMIT 10",
            (expr,),
        )

    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ap.add_argument("--db", default="/tmp/search-bench.db")
    ap.add_argument("--rounds", type=int, default=200, help="queries per kind")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--cache-mb", type=int, default=0, help="SQLite page cache (MB)")
    ap.add_argument("--mmap-mb", type=int, help="SQLite memory map (MB; 0: none)")
    ap.add_argument("--warmup", type=int, default=0, help="untimed queries of each kind first")
    ap.add_argument("--best-of", type=int, default=1, help="runs of each query, shortest kept")
    ap.add_argument(
        "--cold-store",
        action="store_true",
        help="not kept warm (keep_warm): as a one-off search (the CLI) runs",
    )
    args = ap.parse_args()
    print(pin_to_one_core())
    with open_store(args.db) as writable:
        fill(writable, args.pairs, args.seed)
    # Searched as the CLI and the web application open it: read-only, memory-mapped.
    with open_store(args.db, for_search=True) as store:
        if args.cache_mb and store.dialect.name == "sqlite":
            store.execute(f"PRAGMA cache_size = -{args.cache_mb * 1024}")
            print(f"page cache     {args.cache_mb} MB")
        if args.mmap_mb is not None and store.dialect.name == "sqlite":
            store.execute(f"PRAGMA mmap_size = {args.mmap_mb * 1024 * 1024}")
            print(f"memory map     {args.mmap_mb} MB")
        n = int(store.query("SELECT count(*) FROM search_pairs")[0][0])
        print(f"store          {args.db}: {n:,} pairs")
        if not args.cold_store:
            # As the web application does (Store.keep_warm).
            t, rss = time.perf_counter(), max_rss_mb()
            store.keep_warm()
            print(
                f"kept warm      facet columns and pair sizes read in"
                f" {time.perf_counter() - t:.1f} s,"
                f" +{max_rss_mb() - rss:.0f} MB peak memory"
            )
        if args.warmup:
            other = queries(store, random.Random(args.seed + 1))
            warm = [q for qs in other.values() for q in qs[: args.warmup]]
            timed(lambda q: search(store, q[0], SearchFilters(**q[1]), limit=10), warm)
            print(f"warm-up        {len(warm)} other queries, untimed")
        rng = random.Random(args.seed)
        mix = queries(store, rng)
        sqlite = store.dialect.name == "sqlite"
        everything: list[float] = []
        if args.best_of > 1:
            print(f"library        the shortest of {args.best_of} runs of each query")
        for kind, qs in mix.items():
            cycle = [qs[i % len(qs)] for i in range(args.rounds)]
            cpu: list[float] = []
            lib = timed(
                lambda q: search(store, q[0], SearchFilters(**q[1]), limit=10),
                cycle,
                cpu,
                args.best_of,
            )
            everything += lib
            print(f"{kind:<18} library  {percentiles(lib)}")
            print(f"{'':<18} (cpu)    {percentiles(cpu)}")
            bare = timed(
                lambda q: search(store, q[0], SearchFilters(**q[1]), limit=10, facets=False), cycle
            )
            print(f"{'':<18} no facets {percentiles(bare)}")
            if sqlite:
                raw = timed(_raw_fts5(store), cycle)
                print(f"{'':<18} raw FTS5 {percentiles(raw)}")
        print(f"{'all':<18} library  {percentiles(everything)}")


if __name__ == "__main__":
    main()
