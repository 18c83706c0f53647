"""The embeddings of the stored texts: written by content hash and model, read as
matrices for a similarity search.

A pair's question and answer each have their vector in ``text_vectors`` under the hash
of their text (``search_pairs.question_hash``/``answer_hash``) and the model's name: a
grouped answer, the same text in a new version of a document, or a text ingested twice
is embedded once. A process that answers many similarity searches holds the vectors of
every visible pair in memory (:func:`held_vectors`), read again when the store changed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kamervragen.storage._base import Store

if TYPE_CHECKING:
    import numpy as np

_CHUNK = 1_000  # pairs looked at a time for texts without vectors


def texts_to_embed(
    store: Store, model: str, chunk: int = _CHUNK
) -> Iterator[list[tuple[str, str]]]:
    """The stored texts (hash, text) without a vector of ``model``, a chunk of pairs at a
    time, each text once; empty texts have none. Read in the order of the pairs, so that
    a run stopped anywhere (kill -9 included) is resumed by the next: what was written is
    skipped by its key."""
    after = 0
    seen: set[str] = set()
    while rows := store.query(
        "SELECT id, question_hash, question, answer_hash, answer FROM search_pairs"
        " WHERE id > ? ORDER BY id LIMIT ?",
        (after, chunk),
    ):
        after = int(rows[-1][0])
        texts = {
            digest: text
            for _, qh, q, ah, a in rows
            for digest, text in ((qh, q), (ah, a))
            if text and text.strip() and digest not in seen
        }
        if not texts:
            continue
        marks = ", ".join("?" for _ in texts)
        have = {
            r[0]
            for r in store.query(
                f"SELECT text_hash FROM text_vectors WHERE model = ? AND text_hash IN ({marks})",
                [model, *texts],
            )
        }
        seen.update(texts)
        if len(seen) > 2_000_000:
            seen.clear()  # bounded: forgetting only costs a lookup
        missing = [(digest, text) for digest, text in texts.items() if digest not in have]
        if missing:
            yield missing


def add_vectors(
    store: Store, model: str, vectors: Sequence[tuple[str, bytes, float | None]]
) -> None:
    """Store vectors (hash, packed float32, hub score or None) of ``model`` in one
    transaction; a vector stored before stays."""
    with store.transaction():
        store.executemany(
            "INSERT INTO text_vectors (model, text_hash, vector, hub) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (model, text_hash) DO NOTHING",
            [(model, digest, vector, hub) for digest, vector, hub in vectors],
        )


def vectors_without_hubs(
    store: Store, model: str, chunk: int = 10_000
) -> Iterator[list[tuple[int, bytes]]]:
    """The stored vectors (id, packed) of ``model`` that have no hub score yet, a chunk
    at a time: those embedded before hub scores were kept."""
    after = 0
    while rows := store.query(
        "SELECT id, vector FROM text_vectors WHERE model = ? AND hub IS NULL AND id > ?"
        " ORDER BY id LIMIT ?",
        (model, after, chunk),
    ):
        after = int(rows[-1][0])
        yield [(int(i), bytes(v)) for i, v in rows]


def set_hubs(store: Store, hubs: Sequence[tuple[int, float]]) -> None:
    """Store the hub scores of vectors (id, score) in one transaction."""
    with store.transaction():
        store.executemany("UPDATE text_vectors SET hub = ? WHERE id = ?", [(h, i) for i, h in hubs])


def vectors_of(store: Store, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
    """The stored vectors of ``model`` for these text hashes (those it has)."""
    import numpy as np  # the [embed] extra: only where vectors are read

    if not hashes:
        return {}
    marks = ", ".join("?" for _ in hashes)
    rows = store.query(
        f"SELECT text_hash, vector FROM text_vectors WHERE model = ? AND text_hash IN ({marks})",
        [model, *hashes],
    )
    return {str(h): np.frombuffer(bytes(v), dtype=np.float32) for h, v in rows}


@dataclass(frozen=True)
class VectorCounts:
    texts: int  # distinct non-empty texts of the stored pairs
    embedded: int  # of those, with a vector of the model


def vector_counts(store: Store, model: str) -> VectorCounts:
    texts = store.query(
        "SELECT count(*) FROM (SELECT question_hash AS h FROM search_pairs WHERE question <> ''"
        " UNION SELECT answer_hash FROM search_pairs WHERE answer <> '') t"
    )[0][0]
    embedded = store.query(
        "SELECT count(*) FROM (SELECT question_hash AS h FROM search_pairs WHERE question <> ''"
        " UNION SELECT answer_hash FROM search_pairs WHERE answer <> '') t"
        " WHERE EXISTS (SELECT 1 FROM text_vectors v WHERE v.model = ? AND v.text_hash = t.h)",
        (model,),
    )[0][0]
    return VectorCounts(int(texts), int(embedded))


@dataclass(frozen=True)
class PairVectors:
    """The vectors of every visible pair (not repeated by a better document of its case):
    each distinct text's vector once (``texts``, a row per text), and for pair
    ``pairs[i]`` the rows of its question and answer (``question_rows[i]``,
    ``answer_rows[i]``; -1: no vector)."""

    model: str
    pairs: np.ndarray  # int64 pair ids
    cases: np.ndarray  # int64 case ids (-1: none)
    answer_keys: np.ndarray  # int64: pairs of one document with the same answer share it
    question_rows: np.ndarray  # int64
    answer_rows: np.ndarray  # int64
    texts: np.ndarray  # float32 (distinct texts, dimensions)
    hubs: np.ndarray  # float32, a text's hub score (NaN: none stored)

    @property
    def embedded(self) -> int:
        """Pairs with at least one vector."""
        return int(((self.question_rows >= 0) | (self.answer_rows >= 0)).sum())


def read_vectors(store: Store, model: str, dimensions: int) -> PairVectors:
    """Every visible pair's vectors of ``model`` (see :class:`PairVectors`)."""
    import numpy as np  # the [embed] extra: only where vectors are read

    rows = store.query(
        "SELECT p.id, d.case_id, p.document_id, p.question_hash, p.answer_hash"
        " FROM search_pairs p JOIN documents d ON d.id = p.document_id"
        " JOIN search_facts f ON f.pair_id = p.id AND f.hidden = 0 ORDER BY p.id"
    )
    wanted = {h for r in rows for h in (r[3], r[4])}
    row_of: dict[str, int] = {}
    chunks: list[bytes] = []
    hubs: list[float] = []
    after = ""
    # The model's vectors a chunk at a time, by key: those of the visible pairs kept.
    while found := store.query(
        "SELECT text_hash, vector, hub FROM text_vectors WHERE model = ? AND text_hash > ?"
        " ORDER BY text_hash LIMIT ?",
        (model, after, 10_000),
    ):
        for digest, vector, hub in found:
            if digest in wanted:
                row_of[digest] = len(chunks)
                chunks.append(bytes(vector))
                hubs.append(float("nan") if hub is None else float(hub))
        after = found[-1][0]
    texts = np.frombuffer(b"".join(chunks), dtype=np.float32).reshape(len(chunks), dimensions)
    keys: dict[tuple[Any, Any], int] = {}
    return PairVectors(
        model,
        np.array([r[0] for r in rows], dtype=np.int64),
        np.array([r[1] if r[1] is not None else -1 for r in rows], dtype=np.int64),
        np.array([keys.setdefault((r[2], r[4]), len(keys)) for r in rows], dtype=np.int64),
        np.array([row_of.get(r[3], -1) for r in rows], dtype=np.int64),
        np.array([row_of.get(r[4], -1) for r in rows], dtype=np.int64),
        texts,
        np.array(hubs, dtype=np.float32),
    )


def _state(store: Store) -> tuple[Any, ...]:
    """Changes when pairs or vectors are added or removed. (Which pairs are hidden changes
    only when a document is added or removed, which changes the pairs.)"""
    return tuple(
        store.query(
            "SELECT (SELECT count(*) FROM search_pairs), (SELECT max(id) FROM search_pairs),"
            " (SELECT max(id) FROM text_vectors)"
        )[0]
    )


_held: dict[tuple[str, str], tuple[tuple[Any, ...], PairVectors]] = {}
_lock = threading.Lock()


def held_vectors(store: Store, model: str, dimensions: int) -> PairVectors:
    """:func:`read_vectors`, kept in memory per database and model until the store
    changes (:func:`_state`)."""
    key = (store.url, model)
    state = _state(store)
    with _lock:
        held = _held.get(key)
        if held is not None and held[0] == state:
            return held[1]
    vectors = read_vectors(store, model, dimensions)
    with _lock:
        _held[key] = (state, vectors)
    return vectors
