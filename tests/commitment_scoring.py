"""The commitments scorer's comparison, for the tests: match predicted commitments to gold.

The same rules as the project's scorer of commitments: texts normalised (NFKC, soft
hyphens dropped, white space folded), a prediction matches a gold commitment when the
question numbers are equal and the texts are at least 0.9 similar (difflib ratio), best
pairs first, each side used once; precision, recall and F1 over all commitments, and the
share of matched pairs whose ``due`` is equal.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

MATCH = 0.9

Json = Mapping[str, Any]


def norm(text: object) -> str:
    folded = unicodedata.normalize("NFKC", str(text or "")).replace("\u00ad", "")
    return re.sub(r"\s+", " ", folded).strip()


def similar(a: object, b: object) -> float:
    a, b = norm(a), norm(b)
    return 1.0 if a == b else difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _questions(c: Json) -> tuple[str, ...]:
    return tuple(norm(q) for q in c.get("questions") or [])


def match(gold: list[Json], got: list[Json]) -> list[tuple[Json, Json]]:
    """Greedy best-first pairs of (gold, predicted)."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(got):
            if _questions(g) == _questions(p):
                score = similar(g.get("text"), p.get("text"))
                if score >= MATCH:
                    candidates.append((score, i, j))
    used_gold: set[int] = set()
    used_got: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_gold and j not in used_got:
            used_gold.add(i)
            used_got.add(j)
            pairs.append((gold[i], got[j]))
    return pairs


@dataclass
class Score:
    matched: int = 0
    false: int = 0
    missed: int = 0
    due_right: int = 0

    @property
    def precision(self) -> float:
        found = self.matched + self.false
        return self.matched / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.matched + self.missed
        return self.matched / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def due_accuracy(self) -> float:
        return self.due_right / self.matched if self.matched else 0.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f}, recall {self.recall:.3f}, F1 {self.f1:.3f} "
            f"({self.matched} matched, {self.false} false, {self.missed} missed; "
            f"due date right in {self.due_accuracy:.0%})"
        )


def score(documents: Iterable[tuple[list[Json], list[Json]]]) -> Score:
    """The score over (gold, predicted) commitment lists, one pair per document."""
    total = Score()
    for gold, got in documents:
        pairs = match(gold, got)
        total.matched += len(pairs)
        total.false += len(got) - len(pairs)
        total.missed += len(gold) - len(pairs)
        total.due_right += sum(g.get("due") == p.get("due") for g, p in pairs)
    return total
