"""A fake embedding model for the tests: fast, deterministic, and close for texts that
share words (each stem hashed into one of 64 dimensions), so that rankings can fail."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from kamervragen.embeddings import EmbeddingModel, register
from kamervragen.embeddings.models import Role
from kamervragen.text.analysis import analyse

NAME = "fake-64"


class FakeModel(EmbeddingModel):
    name = NAME
    dimensions = 64

    def __init__(self) -> None:
        self.calls: list[list[str]] = []  # every text embedded, to count the work

    def embed(self, texts: Sequence[str], role: Role = "passage") -> np.ndarray:
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for stem in analyse(text):
                bucket = int(hashlib.md5(stem.encode()).hexdigest(), 16) % self.dimensions
                out[row, bucket] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out


def use_fake(monkeypatch) -> FakeModel:  # type: ignore[no-untyped-def]
    """Register a fresh fake model and make it the default; returns it."""
    model = FakeModel()
    register(NAME, lambda: model)
    monkeypatch.setenv("KAMERVRAGEN_EMBEDDING_MODEL", NAME)
    return model
