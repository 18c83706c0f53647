"""Commitments (toezeggingen) as the pages show them: the register kept per state of the
store, each commitment with its link to the sentence on its case page, its labels in
Dutch, and the highlighting of the sentence in the answer text."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from markupsafe import Markup, escape

from kamervragen.commitments import CommitmentStatus
from kamervragen.deadlines.commitments import StoredCommitment, load_commitments
from kamervragen.storage import Store, case_rows
from kamervragen.storage.commitment_rows import count
from kamervragen.web.links import case_path

STATUS_LABELS = {
    CommitmentStatus.overdue: "over datum",
    CommitmentStatus.due_soon: "binnen 30 dagen",
    CommitmentStatus.open: "open",
    CommitmentStatus.no_date: "geen datum",
}
OVERDUE_NOTE = (
    "‘Over datum’ betekent alleen dat de toegezegde datum voorbij is: een brief of antwoord"
    " waarmee de toezegging is nagekomen kan bestaan zonder dat kamervragen die kent."
)


def anchor(c: StoredCommitment) -> str:
    """The element id of a commitment on its case page."""
    return f"toezegging-{c.id}"


def commitment_row(c: StoredCommitment) -> dict[str, Any]:
    """A commitment as a page's data: its facts, its status in Dutch, its link."""
    path = case_path(c.case, c.zaak) if c.case is not None else None
    return {
        **c.to_dict(),
        "status_label": STATUS_LABELS[c.status],
        "anchor": anchor(c),
        "path": f"{path}#{anchor(c)}" if path else None,
        "year": c.year,
    }


class CommitmentCache:
    """The register judged on a day, kept until the store changes (its documents, cases
    and commitments) or another store is asked."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: tuple[Any, ...] | None = None
        self._by_day: dict[dt.date, list[StoredCommitment]] = {}

    def on(self, store: Store, as_of: dt.date) -> list[StoredCommitment]:
        state = (store.url, *case_rows.version(store), count(store))
        with self._lock:
            if state != self._state:
                self._by_day, self._state = {}, state
            if as_of not in self._by_day:
                if len(self._by_day) > 8:
                    self._by_day.clear()
                self._by_day[as_of] = load_commitments(store, as_of)
            return self._by_day[as_of]


_cache = CommitmentCache()


def commitments_on(store: Store, as_of: dt.date) -> list[StoredCommitment]:
    """Every stored commitment judged on ``as_of`` (kept per state of the store)."""
    return _cache.on(store, as_of)


def case_commitments(
    store: Store, case_id: int, as_of: dt.date, shown_document: object
) -> list[dict[str, Any]]:
    """The commitments of a case for its page: those in the document the page shows
    (``shown_document``) are highlighted in its answer text (``marked``), the others
    carry their anchor in the list below it."""
    found = [c for c in commitments_on(store, as_of) if c.case == int(case_id)]
    return [{**commitment_row(c), "marked": c.document == shown_document} for c in found]


def mark_commitments(html: Markup, commitments: list[dict[str, Any]] | None) -> Markup:
    """An answer paragraph (escaped, linked) with each sentence of a highlighted
    commitment wrapped in ``<mark id="toezegging-…">``; a sentence split by a link is left
    as it is."""
    text = str(html)
    for c in commitments or []:
        if not c.get("marked"):
            continue
        sentence = str(escape(c["text"]))
        at = text.find(sentence)
        if at < 0 or f'id="{c["anchor"]}"' in text:
            continue
        title = f"Toezegging: {c['status_label']}" + (f", uiterlijk {c['due']}" if c["due"] else "")
        opening = Markup('<mark class="toezegging" id="{}" title="{}">').format(c["anchor"], title)
        text = text[:at] + str(opening) + sentence + "</mark>" + text[at + len(sentence) :]
    return Markup(text)
