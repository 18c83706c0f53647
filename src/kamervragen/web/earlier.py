"""Earlier answers for the pages: a case's "Eerder gevraagd" and the ``/eerder`` page.

A case's earlier relatives are computed once per state of the store (its pairs and
vectors) and kept, so that a case page seen before pays nothing for them.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any

from kamervragen.search.similar import SimilarHit, SimilarResult, similar_to_case
from kamervragen.storage import Store
from kamervragen.web.links import anchor, case_path

EARLIER = 3  # earlier pairs shown per question of a case
_ANSWER_WORDS = 40  # of an earlier answer, shown under it
_CASES_KEPT = 512  # cases whose earlier relatives a process keeps

_STATE = (
    "SELECT (SELECT count(*) FROM search_pairs), (SELECT max(id) FROM search_pairs),"
    " (SELECT max(id) FROM text_vectors)"
)


def hit_view(store: Store, hits: list[SimilarHit]) -> list[dict[str, Any]]:
    """Hits as the pages show them: with a link to the question, who answered, and the
    first words of the answer."""
    answered_by = store.answerers_of([h.pair for h in hits])
    views = []
    for h in hits:
        base = case_path(h.case, h.zaak) if h.case is not None else None
        words = h.answer_text.split()
        start = " ".join(words[:_ANSWER_WORDS]) + (" …" if len(words) > _ANSWER_WORDS else "")
        views.append(
            {
                "pair": h.pair,
                "case": h.case,
                "zaak": h.zaak,
                "document": h.document,
                "questions": h.questions,
                "question_text": h.question_text,
                "answer_start": start,
                "subject": h.subject,
                "askers": h.askers,
                "answered_by": answered_by.get(h.pair),
                "submitted": h.submitted,
                "received": h.received,
                "score": h.score,
                "path": f"{base}#{anchor('vraag', h.questions[0])}" if base else None,
            }
        )
    return views


def result_view(store: Store, result: SimilarResult) -> dict[str, Any]:
    return {
        "method": result.method,
        "model": result.model,
        "note": result.note,
        "hits": hit_view(store, result.hits),
    }


class EarlierCache:
    """Each case's earlier relatives per question, kept until the store changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: tuple[Any, ...] | None = None
        self._cases: OrderedDict[int, dict[str, dict[str, Any]]] = OrderedDict()

    def of_case(self, store: Store, case_id: int) -> dict[str, dict[str, Any]]:
        """By question number: the :data:`EARLIER` closest pairs of earlier cases."""
        state = tuple(store.query(_STATE)[0])
        with self._lock:
            if state != self._state:
                self._cases.clear()
                self._state = state
            if case_id in self._cases:
                self._cases.move_to_end(case_id)
                return self._cases[case_id]
        found = {
            m.number: result_view(store, m.result)
            for m in similar_to_case(store, case_id, limit=EARLIER)
        }
        with self._lock:
            self._cases[case_id] = found
            while len(self._cases) > _CASES_KEPT:
                self._cases.popitem(last=False)
        return found


_NUMBERED = re.compile(r"^\s*(?:Vraag\s+)?(\d{1,3})\s*[.):]\s+", re.M | re.I)


def split_questions(text: str) -> list[tuple[str, str]]:
    """A pasted text as its questions: a numbered set ("1. …", "2) …", "Vraag 3: …", each
    at the start of a line) as (number, text) each, else the whole text as one."""
    marks = list(_NUMBERED.finditer(text))
    if len(marks) < 2:
        return [("1", text.strip())]
    found = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = " ".join(text[m.end() : end].split())
        if body:
            found.append((m.group(1), body))
    return found
