"""How close a stored text is to questions in general: its "hubness".

A text that is a little like every question ("Ja.", "Zie het antwoord op vraag 2", a
standard paragraph) is among the closest embeddings of many questions without answering
any. Its hub score is the mean cosine of its :data:`NEIGHBOURS` closest reference
questions (:meth:`EmbeddingModel.reference_questions`: real questions that no store need
hold); earlier answers subtract a share of it from the text's cosine with a question.
Computed when a text is embedded and stored with its vector, as a whole store's would
take seconds to minutes at query time (21 s for 154,549 texts on a busy core).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

NEIGHBOURS = 10
_ROWS = 4_096  # texts compared with the bank at a time: (4,096 × bank) floats


def hub_scores(vectors: np.ndarray, bank: np.ndarray) -> np.ndarray:
    """For each row of ``vectors`` (unit vectors), the mean cosine of its
    :data:`NEIGHBOURS` closest rows of ``bank``: float32, one a row."""
    import numpy as np

    k = min(NEIGHBOURS, len(bank))
    scores = np.empty(len(vectors), dtype=np.float32)
    for start in range(0, len(vectors), _ROWS):
        near = vectors[start : start + _ROWS] @ bank.T
        scores[start : start + _ROWS] = np.partition(near, near.shape[1] - k, axis=1)[:, -k:].mean(
            axis=1
        )
    return scores
