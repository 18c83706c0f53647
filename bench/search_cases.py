"""Search with a case filter (``search(..., SearchFilters(cases=...))``, as ``--status`` gives it).

    .venv/bin/python bench/search_cases.py [--db /tmp/kv-search/1m.db] [--seed 0]

On a store filled by ``bench/search_latency.py``, kept warm as the web application keeps
it: for case sets of 90, 30, 5 and 0.5 % of the stored cases (drawn at random, as a
status would keep them), the time of one search for a common, a middling and a rarer
word, its first run and a second.
"""

from __future__ import annotations

import argparse
import random
import time

from kamervragen.search import SearchFilters, search
from kamervragen.storage import open_store

WORDS = ("minister", "privacy", "gezondere")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/kv-search/1m.db")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    with open_store(args.db, for_search=True) as store:
        store.keep_warm()
        ids = [int(r[0]) for r in store.query("SELECT id FROM cases")]
        pairs = int(store.query("SELECT count(*) FROM search_pairs")[0][0])
        print(f"store {args.db}: {pairs:,} pairs, {len(ids):,} cases")
        rng = random.Random(args.seed)
        for share in (0.9, 0.3, 0.05, 0.005):
            cases = set(rng.sample(ids, int(len(ids) * share)))
            for word in WORDS:
                runs = []
                for _ in range(2):
                    t = time.perf_counter()
                    result = search(store, word, SearchFilters(cases=cases), limit=10)
                    runs.append((time.perf_counter() - t) * 1000)
                print(
                    f"{share * 100:5.1f} % of the cases  {word:<10} first {runs[0]:7.1f} ms"
                    f"  again {runs[1]:7.1f} ms  ({result.total:,} matches)"
                )


if __name__ == "__main__":
    main()
