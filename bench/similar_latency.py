"""Latency of ``similar()`` over a large store with a vector for every text.

    .venv/bin/python bench/similar_latency.py [--db /tmp/search-bench.db] [--queries 100]
                                              [--seed 0] [--threads 1]

Runs on a store filled by ``bench/search_latency.py`` (synthetic documents, ingested the
way ingest stores them). Embedding its hundreds of thousands of texts with the real
model would take a day on this machine, and the time of the vector part does not depend
on what the vectors hold: every stored text is given a random unit vector (float32,
384 dimensions, seeded) under the model name ``e5-small-bench``, whose queries the real
bundled e5 embeds (so the query's embedding costs what it costs). Then the store is
opened for searching, kept warm as the web application keeps it, and each of
``--queries`` questions (drawn from the stored ones, each a new question of 1–300 words)
is timed: the whole ``similar()`` call, and the model's embedding of the question alone.
``--threads`` sets the model's OpenMP threads.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Sequence

import numpy as np

from kamervragen.embeddings import EmbeddingModel, register
from kamervragen.embeddings.backfill import add_missing_hubs
from kamervragen.embeddings.hubs import hub_scores
from kamervragen.embeddings.models import E5Small, Role, bundled_questions
from kamervragen.search.similar import similar
from kamervragen.storage import open_store
from kamervragen.storage.vectors import add_vectors, held_vectors, texts_to_embed

NAME = "e5-small-bench"


class BenchModel(EmbeddingModel):
    """The real e5 for queries, under a name of its own for the random stored vectors."""

    name = NAME
    dimensions = 384

    def __init__(self) -> None:
        self.e5 = E5Small()

    def embed(self, texts: Sequence[str], role: Role = "passage") -> np.ndarray:
        return self.e5.embed(texts, role)

    def reference_questions(self) -> np.ndarray | None:
        return self.e5.reference_questions()


# The real model's reference questions: the hub scores cost what they cost.
BANK = bundled_questions(E5Small.name)


def fill_vectors(url: str, seed: int) -> int:
    rng = np.random.default_rng(seed)
    added = 0
    with open_store(url) as store:
        for chunk in texts_to_embed(store, NAME, chunk=20_000):
            vectors = rng.standard_normal((len(chunk), 384)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            hubs = hub_scores(vectors, BANK)
            rows = zip(chunk, vectors, hubs, strict=True)
            add_vectors(store, NAME, [(h, v.tobytes(), float(u)) for (h, _), v, u in rows])
            added += len(chunk)
            print(f"\rrandom vectors: {added:,}", end="", file=sys.stderr, flush=True)
        add_missing_hubs(store, NAME, BANK)  # a store filled before hub scores were kept
    print(file=sys.stderr)
    return added


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (
        f"p50 {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms   max {ordered[-1]:6.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/search-bench.db")
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    fill_vectors(args.db, args.seed)
    model = BenchModel()
    register(NAME, lambda: model)
    with open_store(args.db, for_search=True) as store:
        pairs = int(store.query("SELECT count(*) FROM search_pairs")[0][0])
        began = time.perf_counter()
        store.keep_warm()
        held = held_vectors(store, NAME, model.dimensions)
        print(
            f"store          {args.db}: {pairs:,} pairs, {len(held.texts):,} distinct texts"
            f" with vectors ({held.texts.nbytes / 2**20:,.0f} MB held), read in"
            f" {time.perf_counter() - began:.1f} s"
        )
        rng = random.Random(args.seed)
        top = int(store.query("SELECT max(id) FROM search_pairs")[0][0])
        questions = []
        while len(questions) < args.queries:
            rows = store.query(
                "SELECT question FROM search_pairs WHERE id = ?", (rng.randint(1, top),)
            )
            if rows and rows[0][0].strip():
                questions.append(rows[0][0])
        similar(store, questions[0], model=model)  # the model loaded, caches filled
        total, embedding = [], []
        for question in questions:
            began = time.perf_counter()
            model.embed([question], role="query")
            embedding.append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            result = similar(store, question, model=model)
            total.append((time.perf_counter() - began) * 1000)
            assert result.method == "words and meaning"
    words = statistics.mean(len(q.split()) for q in questions)
    print(f"questions      {len(questions)} ({words:.0f} words on average)")
    print(f"similar()      {percentiles(total)}")
    print(f"  of which the question's embedding  {percentiles(embedding)}")


if __name__ == "__main__":
    main()
