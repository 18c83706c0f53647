"""The sync's tables: the API's records, each stream's checkpoint, the texts' fetching and
the facts on which the API and a text disagree.

``api_cases``, ``api_actors`` and ``api_documents`` hold the Gegevensmagazijn's records
as last seen (a deleted one marked, its values kept), ``api_document_cases`` which cases
a document belongs to, ``sync_checkpoints`` where each stream stands and
``quality_flags`` what a stored text and the API say differently (the tables are made by
the migration ``sync_sources``). What the records mean, and when each function is called,
is :mod:`kamervragen.sources.sync`'s business; here are its statements.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from kamervragen.storage._base import Row, Store

# The tables whose records the API can delete.
ApiTable = Literal["api_cases", "api_actors", "api_documents"]


class CaseRow(NamedTuple):
    """An ``api_cases`` row: a Zaak."""

    id: str
    nummer: str | None
    onderwerp: str | None
    gestart_op: str | None
    afgedaan: int | None
    vergaderjaar: str | None
    gewijzigd_op: str | None
    api_gewijzigd_op: str
    raw: str


class ActorRow(NamedTuple):
    """An ``api_actors`` row: a ZaakActor."""

    id: str
    zaak_id: str
    relatie: str | None
    naam: str | None
    fractie: str | None
    functie: str | None
    persoon_id: str | None
    api_gewijzigd_op: str
    raw: str


class DocumentRow(NamedTuple):
    """An ``api_documents`` row, without how fetching its text went: a Document."""

    id: str
    soort: str | None
    nummer: str | None
    datum: str | None
    onderwerp: str | None
    vergaderjaar: str | None
    aanhangselnummer: str | None
    external_id: str | None
    external_ids: str
    content_type: str | None
    api_gewijzigd_op: str
    raw: str


class CheckpointRow(NamedTuple):
    """Where a stream stands: the (``ApiGewijzigdOp``, ``Id``) of the last record stored
    (no id: from that stamp on, inclusive) and, in a full pass, the pass's token."""

    cursor: str | None
    cursor_id: str | None
    full_token: str | None = None


# --- the API's records -------------------------------------------------------------------

_CASE_COLUMNS = (
    "id, nummer, onderwerp, gestart_op, afgedaan, vergaderjaar, gewijzigd_op,"
    " api_gewijzigd_op, verwijderd, raw"
)
_UPSERT_CASE = f"""INSERT INTO api_cases ({_CASE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
    ON CONFLICT (id) DO UPDATE SET nummer = excluded.nummer, onderwerp = excluded.onderwerp,
        gestart_op = excluded.gestart_op, afgedaan = excluded.afgedaan,
        vergaderjaar = excluded.vergaderjaar, gewijzigd_op = excluded.gewijzigd_op,
        api_gewijzigd_op = excluded.api_gewijzigd_op, verwijderd = 0, raw = excluded.raw
    WHERE excluded.api_gewijzigd_op >= api_cases.api_gewijzigd_op"""
_UPSERT_ACTOR = """INSERT INTO api_actors
        (id, zaak_id, relatie, naam, fractie, functie, persoon_id, api_gewijzigd_op,
         verwijderd, raw)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
    ON CONFLICT (id) DO UPDATE SET zaak_id = excluded.zaak_id, relatie = excluded.relatie,
        naam = excluded.naam, fractie = excluded.fractie, functie = excluded.functie,
        persoon_id = excluded.persoon_id, api_gewijzigd_op = excluded.api_gewijzigd_op,
        verwijderd = 0, raw = excluded.raw
    WHERE excluded.api_gewijzigd_op >= api_actors.api_gewijzigd_op"""
# A changed document may have a changed text: it is fetched again.
_UPSERT_DOCUMENT = """INSERT INTO api_documents
        (id, soort, nummer, datum, onderwerp, vergaderjaar, aanhangselnummer, external_id,
         external_ids, content_type, api_gewijzigd_op, verwijderd, raw)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
    ON CONFLICT (id) DO UPDATE SET soort = excluded.soort, nummer = excluded.nummer,
        datum = excluded.datum, onderwerp = excluded.onderwerp,
        vergaderjaar = excluded.vergaderjaar, aanhangselnummer = excluded.aanhangselnummer,
        external_id = excluded.external_id, external_ids = excluded.external_ids,
        content_type = excluded.content_type, verwijderd = 0, raw = excluded.raw,
        content_status = CASE WHEN excluded.api_gewijzigd_op > api_documents.api_gewijzigd_op
            THEN 'pending' ELSE api_documents.content_status END,
        content_attempts = CASE WHEN excluded.api_gewijzigd_op > api_documents.api_gewijzigd_op
            THEN 0 ELSE api_documents.content_attempts END,
        content_next_at = CASE WHEN excluded.api_gewijzigd_op > api_documents.api_gewijzigd_op
            THEN NULL ELSE api_documents.content_next_at END,
        api_gewijzigd_op = excluded.api_gewijzigd_op
    WHERE excluded.api_gewijzigd_op >= api_documents.api_gewijzigd_op"""


def upsert_cases(store: Store, rows: Sequence[CaseRow]) -> None:
    """Store the cases; a row older than the one stored (by ``api_gewijzigd_op``) is not."""
    store.executemany(_UPSERT_CASE, rows)


def upsert_actors(store: Store, rows: Sequence[ActorRow]) -> None:
    """Store the actors, as :func:`upsert_cases` the cases."""
    store.executemany(_UPSERT_ACTOR, rows)


def upsert_documents(store: Store, rows: Sequence[DocumentRow]) -> None:
    """Store the documents, as :func:`upsert_cases` the cases; a newer version of a
    document already stored has its text fetched again."""
    store.executemany(_UPSERT_DOCUMENT, rows)


def stored_stamps(store: Store, table: ApiTable, ids: Sequence[str]) -> dict[str, tuple[str, int]]:
    """(api_gewijzigd_op, verwijderd) of those of ``ids`` stored in ``table``."""
    found: dict[str, tuple[str, int]] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        marks = ", ".join("?" for _ in chunk)
        for record_id, stamp, gone in store.query(
            f"SELECT id, api_gewijzigd_op, verwijderd FROM {table} WHERE id IN ({marks})", chunk
        ):
            found[record_id] = (stamp, int(gone))
    return found


def leave_cases(store: Store, rows: Sequence[tuple[str, str | None, str]]) -> None:
    """Cases (as (stamp, new Soort, id)) that are no longer written questions: marked so,
    unless stored newer."""
    store.executemany(
        "UPDATE api_cases SET verwijderd = 1, soort = ?, api_gewijzigd_op = ?"
        " WHERE id = ? AND api_gewijzigd_op <= ?",
        [(soort, s, i, s) for s, soort, i in rows],
    )


def unlink_documents(store: Store, api_document_ids: Sequence[str]) -> None:
    """Documents that are gone belong to no case any more."""
    store.executemany(
        "DELETE FROM api_document_cases WHERE api_document_id = ?",
        [(i,) for i in api_document_ids],
    )


def mark_checked(store: Store, table: ApiTable, ids: Sequence[str], token: str) -> None:
    """A full pass (``token``) saw these records."""
    store.executemany(f"UPDATE {table} SET checked = ? WHERE id = ?", [(token, i) for i in ids])


def unchecked(
    store: Store,
    table: ApiTable,
    token: str,
    before: str,
    cases_between: tuple[str | None, str | None] | None = None,
) -> list[str]:
    """The live records of ``table`` that the full pass ``token`` did not see, though
    they were stored before it began (stamp below ``before``). ``cases_between``: only
    those of the cases started in those days (a window)."""
    sql = f"SELECT t.id FROM {table} t WHERE t.verwijderd = 0 AND t.api_gewijzigd_op < ?"
    sql += " AND (t.checked IS NULL OR t.checked <> ?)"
    params: list[object] = [before, token]
    if cases_between is not None:
        since, until = cases_between
        case = {
            "api_cases": "t.id",
            "api_actors": "t.zaak_id",
            "api_documents": "(SELECT min(l.zaak_id) FROM api_document_cases l"
            " WHERE l.api_document_id = t.id)",
        }[table]
        sql += (
            f" AND {case} IN (SELECT id FROM api_cases WHERE gestart_op >= ? AND gestart_op <= ?)"
        )
        params += [since or "0001-01-01", until or "9999-12-31"]
    return [r[0] for r in store.query(sql, params)]


def live_ids(store: Store, table: ApiTable, ids: Sequence[str]) -> set[str]:
    """Those of ``ids`` stored in ``table`` and not marked deleted."""
    if not ids:
        return set()
    marks = ", ".join("?" for _ in ids)
    return {
        row[0]
        for row in store.query(
            f"SELECT id FROM {table} WHERE verwijderd = 0 AND id IN ({marks})",
            ids,
        )
    }


def mark_deleted(store: Store, table: ApiTable, deleted: Sequence[tuple[str, str]]) -> None:
    """Mark the records ``deleted`` (as (stamp, id)) deleted, unless stored newer."""
    store.executemany(
        f"UPDATE {table} SET verwijderd = 1, api_gewijzigd_op = ?"
        f" WHERE id = ? AND api_gewijzigd_op <= ?",
        [(s, i, s) for s, i in deleted],
    )


def set_document_cases(store: Store, api_document_id: str, zaak_ids: Sequence[str]) -> None:
    """The cases a document belongs to, as the API now says (replacing those stored)."""
    store.execute("DELETE FROM api_document_cases WHERE api_document_id = ?", (api_document_id,))
    store.executemany(
        "INSERT INTO api_document_cases (api_document_id, zaak_id) VALUES (?, ?)"
        " ON CONFLICT DO NOTHING",
        [(api_document_id, z) for z in zaak_ids],
    )


def document_zaak_ids(store: Store, api_document_id: str) -> list[Row]:
    """(zaak_id,) of every case a document is linked to."""
    return store.query(
        "SELECT zaak_id FROM api_document_cases WHERE api_document_id = ? ORDER BY zaak_id",
        (api_document_id,),
    )


def actor_zaak_ids(store: Store, actor_ids: Sequence[str]) -> list[Row]:
    """(zaak_id,) of the cases of these actors."""
    if not actor_ids:
        return []
    marks = ", ".join("?" for _ in actor_ids)
    return store.query(
        f"SELECT DISTINCT zaak_id FROM api_actors WHERE id IN ({marks})", list(actor_ids)
    )


# --- checkpoints -------------------------------------------------------------------------


def load_checkpoint(store: Store, source: str, entity: str, scope: str) -> CheckpointRow | None:
    """Where the stream of ``entity`` from ``source`` (in a window ``scope``) stands."""
    rows = store.query(
        "SELECT cursor, cursor_id, full_token FROM sync_checkpoints"
        " WHERE source = ? AND entity = ? AND scope = ?",
        (source, entity, scope),
    )
    return CheckpointRow(*rows[0]) if rows else None


def save_checkpoint(
    store: Store, source: str, entity: str, scope: str, checkpoint: CheckpointRow, at: str
) -> None:
    """Keep where the stream stands; ``at`` is the time, as ISO text."""
    store.execute(
        """INSERT INTO sync_checkpoints
               (source, entity, scope, cursor, cursor_id, full_token, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (source, entity, scope) DO UPDATE SET cursor = excluded.cursor,
               cursor_id = excluded.cursor_id, full_token = excluded.full_token,
               updated_at = excluded.updated_at""",
        (source, entity, scope, *checkpoint, at),
    )


def drop_checkpoints(store: Store, source: str, entities: Sequence[str], scope: str) -> None:
    """Forget where these streams stand (a full pass that ended)."""
    store.executemany(
        "DELETE FROM sync_checkpoints WHERE source = ? AND entity = ? AND scope = ?",
        [(source, e, scope) for e in entities],
    )


# --- the texts ---------------------------------------------------------------------------


def texts_to_fetch(store: Store, max_attempts: int, now: str | None = None) -> list[Row]:
    """(id, external_ids as JSON, content_type, attempts) of the live documents whose text
    is not stored yet, was tried fewer than ``max_attempts`` times and is due (its next
    try not after ``now``, ISO text; None: due whenever), the oldest change first."""
    return store.query(
        "SELECT id, external_ids, content_type, content_attempts FROM api_documents"
        " WHERE verwijderd = 0 AND content_status IN ('pending', 'failed')"
        " AND content_attempts < ? AND (content_next_at IS NULL OR content_next_at <= ?)"
        " ORDER BY api_gewijzigd_op, id",
        (max_attempts, now or "9999"),
    )


def text_report(store: Store) -> list[Row]:
    """(id, soort, nummer, external_id, status, attempts, tried at, next try, why) of the
    live documents whose text could not be stored, the latest tried first."""
    return store.query(
        "SELECT id, soort, nummer, external_id, content_status, content_attempts,"
        " content_tried_at, content_next_at, content_error FROM api_documents"
        " WHERE verwijderd = 0 AND content_status IN ('failed', 'unreadable')"
        " ORDER BY content_tried_at DESC, id"
    )


def stored_document_id(store: Store, content_hash: str) -> int | None:
    """The stored document a content became (None if it was not stored)."""
    rows = store.query("SELECT document_id FROM sources WHERE content_hash = ?", (content_hash,))
    return rows[0][0] if rows else None


def set_text_stored(
    store: Store,
    api_document_id: str,
    source: str,
    tried: str,
    metadata: str | None,
    document_id: int | None,
) -> None:
    """The document's text was stored, from ``source``, as the stored ``document_id``."""
    store.execute(
        "UPDATE api_documents SET content_status = 'stored', content_source = ?,"
        " content_error = NULL, content_tried_at = ?, content_next_at = NULL,"
        " content_attempts = content_attempts + 1, koop_metadata = ?, document_id = ?"
        " WHERE id = ?",
        (source, tried, metadata, document_id, api_document_id),
    )


def set_text_status(
    store: Store,
    api_document_id: str,
    status: str,
    error: str,
    tried: str,
    source: str | None,
    next_at: str | None = None,
) -> None:
    """The document's text could not be stored: ``status`` (failed, unreadable) and why;
    ``next_at``: not to be tried again before then (ISO text)."""
    store.execute(
        "UPDATE api_documents SET content_status = ?, content_error = ?,"
        " content_tried_at = ?, content_source = ?, content_next_at = ?,"
        " content_attempts = content_attempts + 1 WHERE id = ?",
        (status, error, tried, source, next_at, api_document_id),
    )


def stored_texts(store: Store) -> list[Row]:
    """(zaak_id, api document id, stored document id) of every stored text, by document."""
    return store.query(
        "SELECT l.zaak_id, d.id, d.document_id FROM api_documents d"
        " JOIN api_document_cases l ON l.api_document_id = d.id"
        " WHERE d.content_status = 'stored' AND d.document_id IS NOT NULL ORDER BY d.id"
    )


def stored_record(store: Store, document_id: int) -> str | None:
    """The record of a stored document, as JSON."""
    rows = store.query("SELECT record FROM documents WHERE id = ?", (document_id,))
    return rows[0][0] if rows else None


# --- what the API says of a document, and where the text differs ---------------------------


def document_facts(store: Store, api_document_id: str) -> Row:
    """(external_ids as JSON, datum) of a stored document."""
    return store.query(
        "SELECT external_ids, datum FROM api_documents WHERE id = ?", (api_document_id,)
    )[0]


def document_cases(store: Store, api_document_id: str) -> list[Row]:
    """(id, nummer, gestart_op) of the live cases a document belongs to, by id."""
    return store.query(
        "SELECT c.id, c.nummer, c.gestart_op FROM api_document_cases l"
        " JOIN api_cases c ON c.id = l.zaak_id"
        " WHERE l.api_document_id = ? AND c.verwijderd = 0 ORDER BY c.id",
        (api_document_id,),
    )


def case_actors(store: Store, zaak_ids: Sequence[str]) -> list[Row]:
    """(relatie, naam, fractie, functie) of the live actors of the cases."""
    if not zaak_ids:
        return []
    marks = ", ".join("?" for _ in zaak_ids)
    return store.query(
        "SELECT relatie, naam, fractie, functie FROM api_actors"
        f" WHERE zaak_id IN ({marks}) AND verwijderd = 0 ORDER BY relatie, id",
        zaak_ids,
    )


def set_quality_flags(
    store: Store,
    api_document_id: str,
    zaak_id: str | None,
    document_id: int | None,
    flags: Sequence[tuple[str, str, str]],
) -> None:
    """The facts (field, API's value, text's value) on which the API and a document's
    stored text disagree, replacing those stored."""
    store.execute("DELETE FROM quality_flags WHERE api_document_id = ?", (api_document_id,))
    store.executemany(
        "INSERT INTO quality_flags"
        " (api_document_id, zaak_id, document_id, field, api_value, text_value)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [(api_document_id, zaak_id, document_id, *f) for f in flags],
    )


# --- the cases made of the API's records (placeholders until a text comes) -----------------


def _in(ids: Sequence[str]) -> str:
    return ", ".join("?" for _ in ids)


def case_facts(store: Store, zaak_ids: Sequence[str]) -> list[Row]:
    """(id, nummer, onderwerp, gestart_op, vergaderjaar, live) of these cases."""
    return store.query(
        "SELECT id, nummer, onderwerp, gestart_op, vergaderjaar, 1 - verwijderd FROM api_cases"
        f" WHERE id IN ({_in(zaak_ids)})",
        list(zaak_ids),
    )


def actors_of_cases(store: Store, zaak_ids: Sequence[str]) -> list[Row]:
    """(zaak_id, relatie, naam, fractie, functie) of the live actors of these cases, the
    askers in the API's order (Indiener before Medeindiener)."""
    return store.query(
        "SELECT zaak_id, relatie, naam, fractie, functie FROM api_actors"
        f" WHERE zaak_id IN ({_in(zaak_ids)}) AND verwijderd = 0 ORDER BY zaak_id, relatie, id",
        list(zaak_ids),
    )


def documents_of_cases(store: Store, zaak_ids: Sequence[str]) -> list[Row]:
    """(zaak_id, id, soort, datum, has its text stored) of the live documents of these
    cases, by date."""
    return store.query(
        "SELECT l.zaak_id, d.id, d.soort, d.datum, d.document_id IS NOT NULL"
        " FROM api_document_cases l JOIN api_documents d ON d.id = l.api_document_id"
        f" WHERE l.zaak_id IN ({_in(zaak_ids)}) AND d.verwijderd = 0"
        " ORDER BY l.zaak_id, d.datum, d.id",
        list(zaak_ids),
    )


def placeholders_of_cases(store: Store, zaak_ids: Sequence[str]) -> list[Row]:
    """(zaak_id, key, document_id, content_hash) of these cases' placeholders."""
    return store.query(
        "SELECT zaak_id, key, document_id, content_hash FROM sync_placeholders"
        f" WHERE zaak_id IN ({_in(zaak_ids)})",
        list(zaak_ids),
    )


def save_placeholder(
    store: Store,
    key: str,
    zaak_id: str,
    api_document_id: str | None,
    document_id: int | None,
    content_hash: str,
) -> None:
    """The document standing in for ``key`` (a Zaak's questions, a Document) until its
    text comes."""
    store.execute(
        "INSERT INTO sync_placeholders (key, zaak_id, api_document_id, document_id, content_hash)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET zaak_id = excluded.zaak_id,"
        " api_document_id = excluded.api_document_id, document_id = excluded.document_id,"
        " content_hash = excluded.content_hash",
        (key, zaak_id, api_document_id, document_id, content_hash),
    )


def drop_placeholder(store: Store, key: str) -> None:
    store.execute("DELETE FROM sync_placeholders WHERE key = ?", (key,))


def forget_content(store: Store, content_hash: str) -> None:
    """A placeholder's content no longer stored: made again, it is stored again."""
    store.execute(
        "DELETE FROM sources WHERE content_hash = ? AND document_id IS NULL", (content_hash,)
    )


def cases_without_placeholders(store: Store) -> list[str]:
    """The live cases with no placeholder and no stored text (a store synced before
    cases were made of the API's records)."""
    return [
        r[0]
        for r in store.query(
            "SELECT c.id FROM api_cases c WHERE c.verwijderd = 0 AND NOT EXISTS"
            " (SELECT 1 FROM sync_placeholders p WHERE p.zaak_id = c.id) AND NOT EXISTS"
            " (SELECT 1 FROM api_document_cases l JOIN api_documents d"
            " ON d.id = l.api_document_id WHERE l.zaak_id = c.id AND d.document_id IS NOT NULL)"
            " ORDER BY c.id"
        )
    ]


def add_pending_cases(store: Store, zaak_ids: Sequence[str]) -> None:
    """Cases whose records changed: to be made again (:func:`pending_cases`)."""
    store.executemany(
        "INSERT INTO sync_pending_cases (zaak_id) VALUES (?) ON CONFLICT DO NOTHING",
        [(z,) for z in zaak_ids],
    )


def pending_cases(store: Store) -> list[str]:
    return [r[0] for r in store.query("SELECT zaak_id FROM sync_pending_cases ORDER BY zaak_id")]


def clear_pending_cases(store: Store, zaak_ids: Sequence[str]) -> None:
    store.executemany("DELETE FROM sync_pending_cases WHERE zaak_id = ?", [(z,) for z in zaak_ids])
