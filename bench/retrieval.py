"""Earlier answers: how well ``similar()`` finds, for a question, the answer given to it.

    .venv/bin/python bench/retrieval.py PAIRS.jsonl [--json] [--db FILE|URL]
                                        [--lexical-only] [--workers N] [--pairs N]

``PAIRS.jsonl`` holds real question–answer pairs, one JSON object a line with ``id``,
``question`` and ``answer`` (the dev set: ``../shared/data/retrieval/qa-pairs-dev.jsonl``).
A fresh store (a temporary SQLite file, or the empty database ``--db`` names) is filled
through the library's own code with one document a pair that holds the pair's answer
with its question withheld, as a new question is not stored yet; the stored texts are
embedded (``kamervragen embed``'s code, ``--workers`` processes) unless
``--lexical-only``. Then ``similar()`` ranks the stored answers for each question, and
the script prints MRR@10, R@1 and R@10 over the ``n`` questions, the query latency
(p50/p95) and the embedding throughput. With ``--json`` its last line is
``{"mrr10": …, "r1": …, "r10": …, "n": …}``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kamervragen.embeddings.backfill import embed_store
from kamervragen.record import Answer, Question, Record
from kamervragen.search.similar import similar
from kamervragen.storage import Parsed, Store, open_store


def fill(store: Store, pairs: list[dict[str, str]]) -> None:
    """One answer document a pair: its answer to a question whose text is withheld."""
    with store.bulk():
        for pair in pairs:
            record = Record(
                kind="answer",
                id=f"pair-{pair['id']}",
                questions=[Question("1", "")],
                answers=[Answer(["1"], pair["answer"])],
            )
            digest = hashlib.sha256(f"retrieval:{pair['id']}".encode()).hexdigest()
            store.add(Parsed(f"pair-{pair['id']}", digest, "text", record))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pairs", type=Path)
    ap.add_argument("--json", action="store_true", help="last line: the figures as JSON")
    ap.add_argument("--db", help="an empty database to fill (default: a temporary file)")
    ap.add_argument("--lexical-only", action="store_true", help="words alone, no vectors")
    ap.add_argument("--workers", type=int, default=1, help="processes that embed")
    ap.add_argument("--pairs", dest="limit", type=int, help="only the first N pairs")
    args = ap.parse_args()
    pairs = [json.loads(line) for line in args.pairs.read_text(encoding="utf-8").splitlines()]
    pairs = [p for p in pairs if p.get("question") and p.get("answer")][: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or os.path.join(tmp, "retrieval.db")
        with open_store(url) as store:
            fill(store, pairs)
            embedded, seconds = 0, 0.0
            if not args.lexical_only:
                began = time.perf_counter()
                summary = embed_store(store, workers=args.workers)
                seconds = time.perf_counter() - began
                embedded = summary.embedded
        with open_store(url, for_search=True) as store:
            figures = rank_all(store, pairs, args.lexical_only)
    print(f"pairs          {figures['n']}", file=sys.stderr)
    if embedded:
        rate = embedded / seconds
        print(
            f"embedding      {embedded} texts in {seconds:.1f} s: {rate:.1f} texts/s"
            f" with {args.workers} process(es)",
            file=sys.stderr,
        )
    print(
        f"MRR@10 {figures['mrr10']:.4f}  R@1 {figures['r1']:.4f}  R@10 {figures['r10']:.4f}"
        f"  (n={figures['n']}, {figures['method']})"
    )
    print(f"query latency  p50 {figures['p50_ms']:.1f} ms  p95 {figures['p95_ms']:.1f} ms")
    if args.json:
        keys = ("mrr10", "r1", "r10", "n")
        print(json.dumps({k: figures[k] for k in keys}))


def rank_all(store: Store, pairs: list[dict[str, str]], lexical_only: bool) -> dict:
    reciprocal, first, within, times = 0.0, 0, 0, []
    method = ""
    for pair in pairs:
        began = time.perf_counter()
        result = similar(store, pair["question"], limit=10, lexical_only=lexical_only)
        times.append((time.perf_counter() - began) * 1000)
        method = result.method
        found = [h.document for h in result.hits]
        wanted = f"pair-{pair['id']}"
        if wanted in found:
            rank = found.index(wanted) + 1
            reciprocal += 1 / rank
            first += rank == 1
            within += 1
    n = len(pairs)
    times.sort()
    return {
        "mrr10": round(reciprocal / n, 4),
        "r1": round(first / n, 4),
        "r10": round(within / n, 4),
        "n": n,
        "method": method,
        "p50_ms": statistics.median(times),
        "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))],
    }


if __name__ == "__main__":
    main()
