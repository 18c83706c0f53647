"""Embedding the stored texts that have no vector yet: ``kamervragen embed``.

Texts are read a chunk of pairs at a time, embedded (here, or in worker processes that
each load the model once) and written a chunk per transaction, so that a run stopped
anywhere, kill -9 included, loses at most the chunk in hand: the next run skips what
was written by its key.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from kamervragen.embeddings.hubs import hub_scores
from kamervragen.embeddings.models import EmbeddingModel, get_model
from kamervragen.storage import Store
from kamervragen.storage.vectors import (
    add_vectors,
    set_hubs,
    texts_to_embed,
    vector_counts,
    vectors_without_hubs,
)

_BATCH = 32  # texts a model call: the engine embeds a batch in one go


@dataclass(frozen=True)
class EmbedSummary:
    model: str
    embedded: int  # texts embedded by this run
    texts: int  # distinct stored texts
    with_vectors: int  # of those, with a vector now

    def line(self) -> str:
        return (
            f"{self.embedded} texts embedded with {self.model};"
            f" {self.with_vectors} of {self.texts} stored texts have a vector"
        )


def pack(vectors: Sequence[Sequence[float]]) -> list[bytes]:
    """Float32 vectors as the store keeps them."""
    import numpy as np

    return [np.asarray(v, dtype=np.float32).tobytes() for v in vectors]


def _embed_batch(name: str, texts: list[str]) -> list[bytes]:
    return pack(get_model(name).embed(texts))


def _one_thread() -> None:
    # Each worker process embeds on one core; the processes make the parallelism.
    os.environ["OMP_NUM_THREADS"] = "1"


def embed_store(
    store: Store,
    model: EmbeddingModel | None = None,
    *,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    chunk: int = 1_000,
) -> EmbedSummary:
    """Embed every stored text without a vector of ``model`` (the default model when
    None); ``workers`` > 1 embeds in that many processes. ``progress(done, todo)`` is
    called after each chunk of ``chunk`` pairs, which is stored in one transaction."""
    model = model or get_model()
    before = vector_counts(store, model.name)
    todo = before.texts - before.embedded
    done = 0
    executor: Executor | None = None
    bank = model.reference_questions()
    if workers > 1:
        executor = ProcessPoolExecutor(workers, initializer=_one_thread)
    try:
        for texts in texts_to_embed(store, model.name, chunk):
            vectors = _vectors(model, [text for _, text in texts], executor)
            digests = [digest for digest, _ in texts]
            rows = zip(digests, vectors, _hubs(vectors, bank), strict=True)
            add_vectors(store, model.name, list(rows))
            done += len(texts)
            if progress:
                progress(done, max(todo, done))
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    if bank is not None:  # vectors stored before hub scores were kept
        add_missing_hubs(store, model.name, bank)
    after = vector_counts(store, model.name)
    return EmbedSummary(model.name, done, after.texts, after.embedded)


def add_missing_hubs(store: Store, model: str, bank: Any) -> None:
    """Give the stored vectors of ``model`` that have no hub score theirs, against the
    reference questions ``bank``, a chunk per transaction."""
    for stored in vectors_without_hubs(store, model):
        hubs = _hubs([v for _, v in stored], bank)
        set_hubs(store, [(i, h) for (i, _), h in zip(stored, hubs, strict=True) if h is not None])


def _hubs(packed: list[bytes], bank: Any) -> list[float | None]:
    """The hub scores of packed vectors against the model's reference questions (None
    each, where it has none)."""
    if bank is None or not packed:
        return [None] * len(packed)
    import numpy as np

    vectors = np.frombuffer(b"".join(packed), dtype=np.float32).reshape(len(packed), -1)
    return [float(h) for h in hub_scores(vectors, bank)]


def _vectors(model: EmbeddingModel, texts: list[str], executor: Executor | None) -> list[bytes]:
    batches = [texts[i : i + _BATCH] for i in range(0, len(texts), _BATCH)]
    if executor is None:
        return [v for batch in batches for v in pack(model.embed(batch))]
    found: Iterator[list[bytes]] = executor.map(_embed_batch, [model.name] * len(batches), batches)
    return [v for vectors in found for v in vectors]
