"""The synced records as cases: every live Zaak a case, with or without texts.

A case is made of documents (:mod:`kamervragen.storage.cases`); until a text is stored,
the API's records stand in for them as documents without questions or answers
("placeholders", ``source_format`` "api"):

- the Zaak's own: a questions document with its number, subject, submission day
  (``GestartOp``), session year, askers (``Indiener`` then ``Medeindiener``: name and
  party as the API writes them) and addressees (``Gericht aan``: the office);
- each of its Documents that is an answer or a postponement notice: that kind, dated by
  the Document's ``Datum``.

A stored text takes the place of its Document's placeholder (a questions text that of
the Zaak); status, stats, show, export and the web read cases and documents alike, so
they show every synced case. A case that is gone (deleted, or no longer written
questions) loses its placeholders, and goes with the last of them; stored texts stay.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from kamervragen.dates import iso
from kamervragen.record import Asker, Record
from kamervragen.storage import Parsed, Store, sync_state

ASKING = ("Indiener", "Medeindiener")
ADDRESSED = "Gericht aan"
QUESTIONS = "Schriftelijke vragen"
# The Soort of a Document → the kind of its placeholder.
KINDS = {
    "Antwoord schriftelijke vragen": "answer",
    "Antwoord schriftelijke vragen (nader)": "answer",
    "Mededeling (uitstel antwoord)": "postponement",
}
FORMAT = "api"
Row = tuple[Any, ...]
BATCH = 500  # cases read at once


def _placeholder(base_url: str, key: str, record: Record) -> Parsed:
    record_json = record.to_json()
    digest = hashlib.sha256(f"{FORMAT}\n{key}\n{record_json}".encode()).hexdigest()
    return Parsed(f"{base_url}/{key}", digest, FORMAT, record, None, record_json)


def _wanted(
    case: Row,
    actors: list[Row],
    documents: list[Row],
    base_url: str,
) -> dict[str, tuple[str | None, Parsed]]:
    """The placeholders a live case should have: key → (Document id, document)."""
    zaak_id, nummer, onderwerp, gestart_op, vergaderjaar, _ = case
    submitted = iso(gestart_op)
    askers = [
        Asker(naam, fractie)
        for _, relatie, naam, fractie, _ in actors
        if relatie in ASKING and naam
    ]
    addressees = [
        functie or naam
        for _, relatie, naam, _, functie in actors
        if relatie == ADDRESSED and (functie or naam)
    ]
    wanted: dict[str, tuple[str | None, Parsed]] = {}
    if not any(soort == QUESTIONS and stored for _, _, soort, _, stored in documents):
        record = Record(
            kind="questions",
            zaak=nummer,
            session_year=vergaderjaar,
            subject=onderwerp,
            askers=askers,
            addressees=addressees,
            submitted=submitted,
        )
        key = f"Zaak({zaak_id})"
        wanted[key] = (None, _placeholder(base_url, key, record))
    for _, document_id, soort, datum, stored in documents:
        kind = KINDS.get(soort or "")
        if kind is None or stored:
            continue
        record = Record(
            kind=kind,  # type: ignore[arg-type]
            zaak=nummer,
            session_year=vergaderjaar,
            subject=onderwerp,
            submitted=submitted,
            received=iso(datum),
        )
        key = f"Document({document_id})"
        wanted[key] = (document_id, _placeholder(base_url, key, record))
    return wanted


def make_cases(store: Store, zaak_ids: Sequence[str], base_url: str) -> int:
    """Bring the placeholders of these cases up to date with their records (and take
    them off the pending list); returns how many documents were added or replaced. One
    transaction per :data:`BATCH` cases."""
    changed = 0
    ids = sorted(set(zaak_ids))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        with store.transaction():
            changed += _batch(store, batch, base_url)
            sync_state.clear_pending_cases(store, batch)
    return changed


def _batch(store: Store, zaak_ids: list[str], base_url: str) -> int:
    actors: dict[str, list[Row]] = defaultdict(list)
    for row in sync_state.actors_of_cases(store, zaak_ids):
        actors[row[0]].append(row)
    documents: dict[str, list[Row]] = defaultdict(list)
    for row in sync_state.documents_of_cases(store, zaak_ids):
        documents[row[0]].append(row)
    held: dict[str, dict[str, tuple[int | None, str]]] = defaultdict(dict)
    for zaak_id, key, document_id, content_hash in sync_state.placeholders_of_cases(
        store, zaak_ids
    ):
        held[zaak_id][key] = (document_id, content_hash)
    changed = 0
    for case in sync_state.case_facts(store, zaak_ids):
        zaak_id, live = case[0], case[5]
        wanted = _wanted(case, actors[zaak_id], documents[zaak_id], base_url) if live else {}
        for key, (document_id, old_hash) in held[zaak_id].items():
            if key not in wanted or wanted[key][1].content_hash != old_hash or document_id is None:
                if document_id is not None:
                    store.remove(int(document_id))
                sync_state.drop_placeholder(store, key)
                sync_state.forget_content(store, old_hash)
        for key, (api_document_id, parsed) in wanted.items():
            old = held[zaak_id].get(key)
            if old and old[0] is not None and old[1] == parsed.content_hash:
                continue
            store.add(parsed)  # within the batch's transaction
            stored = sync_state.stored_document_id(store, parsed.content_hash)
            sync_state.save_placeholder(
                store, key, zaak_id, api_document_id, stored, parsed.content_hash
            )
            changed += 1
    return changed
