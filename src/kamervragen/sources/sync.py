"""Sync from the official sources: the Tweede Kamer's records, then the texts they point to.

    >>> from kamervragen.sources import sync
    >>> from kamervragen.storage import open_store
    >>> with open_store("kamervragen.db") as store:
    ...     print(sync(store).line())

First the metadata, in three streams of the Gegevensmagazijn: the cases (``Zaak`` of
Soort "Schriftelijke vragen", with their actors), the actors changed since (``ZaakActor``)
and the documents (questions, answers, later answers, postponement notices, with their
cases and publications). Each stream is read in ``ApiGewijzigdOp`` order; every page is
stored in one transaction together with the stream's checkpoint (the last stamp stored,
the ids stored at that stamp, the next page's link), so a sync that is stopped at any
moment resumes where it stopped, and a later sync asks only for what changed since. A
record the API deletes is marked deleted (its last known values kept).

Then the texts: for every document not yet stored, the official XML (and its metadata)
from KOOP by the document's publication id, else the file the API holds (PDF, Word),
parsed as an ingest parses a file (:func:`kamervragen.ingest.parse_data`) and stored with
:meth:`Store.add`. A text that cannot be fetched leaves its document as metadata only,
tried again by the next sync; one that cannot be read goes to the quarantine. Where the
API and the text differ (dates, zaak, askers, parties, addressees, id), ``quality_flags``
records both values; names are compared by their key, so capitals and accents never
count (:mod:`kamervragen.text.names`).

This module decides what to store; the statements that store it, and read it back, are
:mod:`kamervragen.storage.sync_state`'s.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from kamervragen.dates import iso
from kamervragen.ingest import Failed, parse_data
from kamervragen.record import Record, record_from_dict
from kamervragen.sources._http import FetchError
from kamervragen.sources.koop import PUBLICATION_ID, Koop
from kamervragen.sources.odata import OData, Page, stamp
from kamervragen.storage import Parsed, Store, sync_state
from kamervragen.text.names import surname
from kamervragen.text.normalize import name_key

SOURCE = "tweedekamer"
CASE_SOORT = "Schriftelijke vragen"
DOCUMENT_SOORTEN = (
    "Schriftelijke vragen",
    "Antwoord schriftelijke vragen",
    "Antwoord schriftelijke vragen (nader)",
    "Mededeling (uitstel antwoord)",
)
ASKING = ("Indiener", "Medeindiener")
ADDRESSED = "Gericht aan"
# Actors come with their case at first; the actor stream then starts at the midnight
# (UTC) this long before the first sync began: a clock ahead of the service's loses nothing.
ACTOR_MARGIN = dt.timedelta(days=1)
MAX_ATTEMPTS = 10

Raw = dict[str, Any]


class Progress(Protocol):
    def __call__(self, phase: str, advance: int, total: int | None) -> None:
        """``advance`` more items of ``phase`` done, of ``total`` if known."""


@dataclass
class SyncSummary:
    """What a sync did."""

    cases: int = 0
    actors: int = 0
    documents: int = 0
    deleted: int = 0
    stored: int = 0
    unchanged: int = 0
    not_fetched: list[tuple[str, str]] = field(default_factory=list)  # (document id, why)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    flags: int = 0

    def line(self) -> str:
        return (
            f"{self.cases} cases, {self.actors} actors, {self.documents} documents"
            f" ({self.deleted} deleted); texts: {self.stored} stored, {self.unchanged} unchanged,"
            f" {len(self.not_fetched)} not fetched, {len(self.unreadable)} unreadable;"
            f" {self.flags} data-quality flags"
        )


@dataclass(frozen=True)
class Window:
    """Which cases: started (``GestartOp``) from ``since`` up to and including ``until``."""

    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def scope(self) -> str:
        """The window as the checkpoints name it: each window has its own."""
        if not (self.since or self.until):
            return ""
        return f"{self.since or ''}..{self.until or ''}"

    def clause(self, started: str) -> str:
        parts = []
        if self.since:
            parts.append(f"date({started}) ge {self.since.isoformat()}")
        if self.until:
            parts.append(f"date({started}) le {self.until.isoformat()}")
        return " and ".join(parts)


def _both(*clauses: str) -> str:
    return " and ".join(f"({c})" if " or " in c else c for c in clauses if c)


@dataclass(frozen=True)
class _Stream:
    entity: str
    select: Callable[[Window], str]  # which live records (deleted ones always come too)
    expand: str | None
    # Stores a page's records; says how many of each it stored ("cases", "deleted", …).
    write: Callable[[Store, list[Raw], set[str]], dict[str, int]]


# --- reading the API's records -------------------------------------------------------


def _flag(value: object) -> int | None:
    return None if value is None else int(bool(value))


def _raw(record: Raw) -> str:
    """The record's own fields as JSON (what was expanded is stored in its own table)."""
    own = {k: v for k, v in record.items() if not isinstance(v, dict | list)}
    return json.dumps(own, ensure_ascii=False, sort_keys=True)


def publication_ids(document: Raw, zaak_numbers: Sequence[str] = ()) -> list[str]:
    """The ids KOOP may publish a document under, the likeliest first.

    What the document's current version and publications name (``ExterneIdentifier``,
    ``Identifier``), then the Aanhangsel id made from ``Aanhangselnummer`` ("242502391" in
    2024-2025 is ah-tk-20242025-2391), then for a set of questions kv-tk-<zaak number>.
    """
    found: list[str] = []
    version = document.get("HuidigeDocumentVersie")
    if isinstance(version, dict):
        found.append(version.get("ExterneIdentifier") or "")
        for key in ("DocumentPublicatie", "DocumentPublicatieMetadata"):
            for publication in version.get(key) or []:
                if isinstance(publication, dict):
                    found.append(publication.get("Identifier") or "")
    number = str(document.get("Aanhangselnummer") or "")
    year = str(document.get("Vergaderjaar") or "")
    if re.fullmatch(r"\d{5,}", number):
        first, second = int(number[:2]), int(number[2:4])
        if re.fullmatch(r"\d{4}-\d{4}", year):
            years = year.replace("-", "")
        elif second == (first + 1) % 100:
            years = f"20{number[:2]}20{number[2:4]}"
        else:
            years = ""
        if years:
            found.append(f"ah-tk-{years}-{int(number[4:])}")
    if document.get("Soort") == CASE_SOORT:
        found.extend(f"kv-tk-{n}" for n in zaak_numbers if n)
    unique: list[str] = []
    for candidate in found:
        if PUBLICATION_ID.match(candidate) and candidate not in unique:
            unique.append(candidate)
    return unique


# --- writing them (the statements: kamervragen.storage.sync_state) ----------------


def _mark_deleted(store: Store, table: sync_state.ApiTable, records: list[Raw]) -> int:
    """Deleted records the store knows are marked so; others are of no interest."""
    if not records:
        return 0
    known = sync_state.live_ids(store, table, [r["Id"] for r in records])
    rows = [(stamp(r["ApiGewijzigdOp"]), r["Id"]) for r in records if r["Id"] in known]
    sync_state.mark_deleted(store, table, rows)
    return len(rows)


def _actor_row(actor: Raw, zaak_id: str) -> sync_state.ActorRow:
    return sync_state.ActorRow(
        actor["Id"],
        zaak_id,
        actor.get("Relatie"),
        actor.get("ActorNaam"),
        actor.get("ActorFractie"),
        actor.get("Functie"),
        actor.get("Persoon_Id"),
        stamp(actor["ApiGewijzigdOp"]),
        _raw(actor),
    )


def _write_actors(store: Store, pairs: Iterable[tuple[Raw, str | None]]) -> dict[str, int]:
    live, gone = [], []
    for actor, zaak_id in pairs:
        if actor.get("Verwijderd"):
            gone.append(actor)
        elif zaak_id:
            live.append(_actor_row(actor, zaak_id))
    sync_state.upsert_actors(store, live)
    return {"actors": len(live), "deleted": _mark_deleted(store, "api_actors", gone)}


def _write_cases(store: Store, records: list[Raw], touched: set[str]) -> dict[str, int]:
    live = [r for r in records if not r.get("Verwijderd") and r.get("Soort") == CASE_SOORT]
    gone = [r for r in records if r.get("Verwijderd")]
    sync_state.upsert_cases(
        store,
        [
            sync_state.CaseRow(
                r["Id"],
                r.get("Nummer"),
                r.get("Onderwerp"),
                iso(r.get("GestartOp")),
                _flag(r.get("Afgedaan")),
                r.get("Vergaderjaar"),
                r.get("GewijzigdOp"),
                stamp(r["ApiGewijzigdOp"]),
                _raw(r),
            )
            for r in live
        ],
    )
    counts = _write_actors(store, ((a, r["Id"]) for r in live for a in r.get("ZaakActor") or []))
    touched.update(r["Id"] for r in records)
    counts["cases"] = len(live)
    counts["deleted"] += _mark_deleted(store, "api_cases", gone)
    return counts


def _write_zaak_actors(store: Store, records: list[Raw], touched: set[str]) -> dict[str, int]:
    touched.update(r["Zaak_Id"] for r in records if r.get("Zaak_Id"))
    return _write_actors(store, ((r, r.get("Zaak_Id")) for r in records))


def _write_documents(store: Store, records: list[Raw], touched: set[str]) -> dict[str, int]:
    live = [r for r in records if not r.get("Verwijderd") and r.get("Soort") in DOCUMENT_SOORTEN]
    gone = [r for r in records if r.get("Verwijderd")]
    rows = []
    for r in live:
        zaken = [z for z in r.get("Zaak") or [] if isinstance(z, dict) and z.get("Id")]
        ids = publication_ids(r, [z.get("Nummer") or "" for z in zaken])
        rows.append(
            sync_state.DocumentRow(
                r["Id"],
                r.get("Soort"),
                r.get("DocumentNummer"),
                iso(r.get("Datum")),
                r.get("Onderwerp"),
                r.get("Vergaderjaar"),
                r.get("Aanhangselnummer"),
                ids[0] if ids else None,
                json.dumps(ids),
                r.get("ContentType"),
                stamp(r["ApiGewijzigdOp"]),
                _raw(r),
            )
        )
        if "Zaak" in r:  # expanded: the links as they are now
            sync_state.set_document_cases(store, r["Id"], [z["Id"] for z in zaken])
            touched.update(z["Id"] for z in zaken)
    sync_state.upsert_documents(store, rows)
    return {"documents": len(live), "deleted": _mark_deleted(store, "api_documents", gone)}


_OF_CASES = f"z/Soort eq '{CASE_SOORT}'"
STREAMS = (
    _Stream(
        "Zaak",
        lambda w: _both(f"Soort eq '{CASE_SOORT}'", w.clause("GestartOp")),
        "ZaakActor",
        _write_cases,
    ),
    _Stream(
        "ZaakActor",
        lambda w: _both(f"Zaak/Soort eq '{CASE_SOORT}'", w.clause("Zaak/GestartOp")),
        None,
        _write_zaak_actors,
    ),
    _Stream(
        "Document",
        lambda w: _both(
            " or ".join(f"Soort eq '{s}'" for s in DOCUMENT_SOORTEN),
            f"Zaak/any(z: {_both(_OF_CASES, w.clause('z/GestartOp'))})" if w.scope else "",
        ),
        "Zaak($select=Id,Nummer),HuidigeDocumentVersie($expand=DocumentPublicatie)",
        _write_documents,
    ),
)


# --- checkpoints ---------------------------------------------------------------------


@dataclass
class Checkpoint:
    """Where a stream stands: the last stamp stored, the ids stored at it, the next page."""

    cursor: str | None = None
    ids: set[str] = field(default_factory=set)
    next_link: str | None = None

    def seen(self, record_id: str, record_stamp: str) -> bool:
        return record_stamp == self.cursor and record_id in self.ids

    def advance(self, record_id: str, record_stamp: str) -> None:
        if self.cursor is None or record_stamp > self.cursor:
            self.cursor, self.ids = record_stamp, {record_id}
        elif record_stamp == self.cursor:
            self.ids.add(record_id)


def load_checkpoint(store: Store, entity: str, scope: str = "") -> Checkpoint | None:
    row = sync_state.load_checkpoint(store, SOURCE, entity, scope)
    if row is None:
        return None
    return Checkpoint(row.cursor, set(json.loads(row.cursor_ids or "[]")), row.next_link)


def _save_checkpoint(store: Store, entity: str, scope: str, cp: Checkpoint) -> None:
    row = sync_state.CheckpointRow(cp.cursor, json.dumps(sorted(cp.ids)), cp.next_link)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    sync_state.save_checkpoint(store, SOURCE, entity, scope, row, now)


# --- data quality --------------------------------------------------------------------


def _same_person(api_name: str, text_name: str) -> bool:
    # The text writes the surname, with a first name where two members share it; the
    # keys leave capitals and accents out ("van Weel", "Van Weel"; "Kröger", "Kroger").
    a, t = name_key(surname(api_name)), name_key(text_name)
    return bool(a and t) and (a == t or t.endswith(a) or a.endswith(t))


def quality_flags(
    record: Record,
    *,
    external_ids: Sequence[str],
    zaken: Sequence[tuple[str | None, str | None]],
    actors: Sequence[tuple[str | None, str | None, str | None, str | None]],
    datum: str | None,
) -> list[tuple[str, str, str]]:
    """Where the API (ids, zaken as (nummer, gestart_op), actors as (relatie, naam,
    fractie, functie), the document's date) and the text disagree: (field, api, text)."""
    flags: list[tuple[str, str, str]] = []
    ids = [i for i in external_ids if i]
    if record.id and ids and record.id.lower() not in {i.lower() for i in ids}:
        flags.append(("id", ids[0], record.id))
    numbers = [n for n, _ in zaken if n]
    if record.zaak and numbers and record.zaak not in numbers:
        flags.append(("zaak", "; ".join(numbers), record.zaak))
    started = sorted({d for _, d in zaken if d})
    if record.submitted and started and record.submitted not in started:
        flags.append(("submitted", "; ".join(started), record.submitted))
    if record.kind == "answer" and record.received and datum and record.received != datum:
        flags.append(("received", datum, record.received))
    asking = [(naam, fractie) for relatie, naam, fractie, _ in actors if relatie in ASKING and naam]
    if asking and record.askers:
        matched = [
            (a, t) for a in asking for t in record.askers if a[0] and _same_person(a[0], t.name)
        ]
        unmatched_api = {a for a in asking if all(m[0] != a for m in matched)}
        unmatched_text = [t for t in record.askers if all(m[1] is not t for m in matched)]
        if unmatched_api or unmatched_text:
            flags.append(
                (
                    "askers",
                    "; ".join(surname(n or "") for n, _ in asking),
                    "; ".join(t.name for t in record.askers),
                )
            )
        for (naam, fractie), asker in matched:
            if fractie and asker.party and name_key(fractie) != name_key(asker.party):
                flags.append(("party", f"{naam}: {fractie}", f"{asker.name}: {asker.party}"))
    offices = [functie for relatie, _, _, functie in actors if relatie == ADDRESSED and functie]
    if (
        offices
        and record.addressees
        and {name_key(o) for o in offices} != {name_key(o) for o in record.addressees}
    ):
        flags.append(("addressees", "; ".join(offices), "; ".join(record.addressees)))
    return flags


# --- the sync --------------------------------------------------------------------------


def _noop(phase: str, advance: int, total: int | None) -> None:
    pass


class _Sync:
    def __init__(
        self,
        store: Store,
        odata: OData,
        koop: Koop,
        window: Window,
        progress: Progress,
        max_attempts: int,
        now: dt.datetime,
    ) -> None:
        self.store = store
        self.odata = odata
        self.koop = koop
        self.window = window
        self.progress = progress
        self.max_attempts = max_attempts
        self.now = now
        self.summary = SyncSummary()
        self.touched: set[str] = set()

    # metadata

    def metadata(self) -> None:
        scope = self.window.scope
        if load_checkpoint(self.store, "Zaak", scope) is None and (
            load_checkpoint(self.store, "ZaakActor", scope) is None
        ):
            # The first sync has every actor with its case: actors from now on suffice.
            start = f"{(self.now - ACTOR_MARGIN).date().isoformat()}T00:00:00.0000000Z"
            with self.store.transaction():
                _save_checkpoint(self.store, "ZaakActor", scope, Checkpoint(cursor=start))
        for stream in STREAMS:
            self._stream(stream, scope)

    def _stream(self, stream: _Stream, scope: str) -> None:
        cp = load_checkpoint(self.store, stream.entity, scope) or Checkpoint()
        selection = f"({stream.select(self.window)}) or Verwijderd eq true"
        if cp.cursor:
            selection = f"({selection}) and ApiGewijzigdOp ge {cp.cursor}"
        query = self.odata.url(
            stream.entity,
            filter=selection,
            expand=stream.expand,
            orderby="ApiGewijzigdOp",
            count=True,
        )
        counted = False
        for page in self._pages(cp.next_link, query):
            fresh = self._fresh(page, cp)
            with self.store.transaction():
                counts = stream.write(self.store, fresh, self.touched)
                cp.next_link = page.next_link
                _save_checkpoint(self.store, stream.entity, scope, cp)
            for name, n in counts.items():
                setattr(self.summary, name, getattr(self.summary, name) + n)
            if not counted and page.count is not None:
                counted = True
                self.progress(stream.entity, 0, page.count)
            self.progress(stream.entity, len(page.records), None)

    def _pages(self, link: str | None, query: str) -> Iterator[Page]:
        """From the stored next link; if the service no longer knows it, from the cursor
        (the records stored at the cursor's stamp are known by id and skipped)."""
        if link:
            try:
                first = self.odata.page(link)
            except FetchError as exc:
                if exc.status is None or not 400 <= exc.status < 500:
                    raise
            else:
                yield first
                if first.next_link:
                    yield from self.odata.pages(first.next_link)
                return
        yield from self.odata.pages(query)

    @staticmethod
    def _fresh(page: Page, cp: Checkpoint) -> list[Raw]:
        fresh = []
        for record in page.records:
            if not isinstance(record, dict) or "Id" not in record:
                raise FetchError(page.url, "a record without Id")
            record_stamp = stamp(record["ApiGewijzigdOp"])
            if cp.seen(record["Id"], record_stamp):
                continue  # stored in the page before an interruption
            fresh.append(record)
        for record in fresh:
            cp.advance(record["Id"], stamp(record["ApiGewijzigdOp"]))
        return fresh

    # texts

    def texts(self) -> None:
        rows = sync_state.texts_to_fetch(self.store, self.max_attempts)
        self.progress("texts", 0, len(rows))
        done: set[str] = set()
        for doc_id, ids, content_type in rows:
            self._text(doc_id, json.loads(ids or "[]"), content_type)
            done.add(doc_id)
            self.progress("texts", 1, None)
        self._reflag_touched(done)

    def _text(self, doc_id: str, ids: list[str], content_type: str | None) -> None:
        errors: list[str] = []
        fetched: list[tuple[str, bytes, bytes | None]] = []  # (url, content, metadata)
        for publication_id in ids:
            try:
                publication = self.koop.fetch(publication_id)
            except FetchError as exc:
                errors.append(str(exc))
                break  # the service is down: the next id would fail the same way
            if publication is not None:
                fetched.append((publication.url, publication.xml, publication.metadata))
                break
            errors.append(f"{publication_id}: not published")
        parsed, unreadable = self._parse(fetched)
        if parsed is None and content_type is not None:
            try:
                found = self.odata.resource(doc_id)
            except FetchError as exc:
                errors.append(str(exc))
            else:
                if found is None:
                    errors.append(f"{doc_id}: no file in the API")
                else:
                    parsed, more = self._parse([(found[0], found[1], None)])
                    fetched.append((found[0], found[1], None))
                    unreadable.extend(more)
        tried = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        if parsed is not None:
            self._store_text(doc_id, parsed, fetched, tried)
        elif unreadable:
            first = unreadable[0]
            self.store.quarantine(first.source, first.content_hash, first.reason)
            self._set_status(doc_id, "unreadable", first.reason, tried, first.source)
            self.summary.unreadable.append((doc_id, f"{first.source}: {first.reason}"))
        else:
            why = "; ".join(errors) or "no publication id and no file"
            self._set_status(doc_id, "failed", why, tried, None)
            self.summary.not_fetched.append((doc_id, why))

    def _parse(
        self, fetched: list[tuple[str, bytes, bytes | None]]
    ) -> tuple[Parsed | None, list[Failed]]:
        """The first text that can be read, and those before it that could not: parsed
        as an ingest parses a file, tsvectors made here for a PostgreSQL store."""
        unreadable = []
        tsvector = self.store.dialect.name == "postgresql"
        for url, content, _ in fetched:
            result = parse_data(url, content, tsvector)
            if isinstance(result, Parsed):
                return result, unreadable
            unreadable.append(result)
        return None, unreadable

    def _store_text(
        self,
        doc_id: str,
        parsed: Parsed,
        fetched: list[tuple[str, bytes, bytes | None]],
        tried: str,
    ) -> None:
        outcome = self.store.add(parsed)
        if outcome == "unchanged":
            self.summary.unchanged += 1
        else:
            self.summary.stored += 1
        metadata = next((m for url, _, m in fetched if url == parsed.source), None)
        document_id = sync_state.stored_document_id(self.store, parsed.content_hash)
        with self.store.transaction():
            sync_state.set_text_stored(
                self.store,
                doc_id,
                parsed.source,
                tried,
                metadata.decode("utf-8", "replace") if metadata else None,
                document_id,
            )
            self._reflag(doc_id, parsed.record, document_id)

    def _set_status(
        self, doc_id: str, status: str, error: str, tried: str, source: str | None
    ) -> None:
        with self.store.transaction():
            sync_state.set_text_status(self.store, doc_id, status, error, tried, source)

    def _reflag(self, doc_id: str, record: Record, document_id: int | None) -> None:
        ids, datum = sync_state.document_facts(self.store, doc_id)
        zaken = sync_state.document_cases(self.store, doc_id)
        actors = sync_state.case_actors(self.store, [z[0] for z in zaken])
        flags = quality_flags(
            record,
            external_ids=json.loads(ids or "[]"),
            zaken=[(z[1], iso(z[2])) for z in zaken],
            actors=[tuple(a) for a in actors],
            datum=iso(datum),
        )
        zaak_id = zaken[0][0] if zaken else None
        sync_state.set_quality_flags(self.store, doc_id, zaak_id, document_id, flags)
        self.summary.flags += len(flags)

    def _reflag_touched(self, done: set[str]) -> None:
        """Stored texts whose case or actors changed in this sync are compared again."""
        if not self.touched:
            return
        rows = sync_state.stored_texts(self.store)
        again = {
            (doc_id, document_id)
            for zaak_id, doc_id, document_id in rows
            if zaak_id in self.touched and doc_id not in done
        }
        for doc_id, document_id in sorted(again):
            record = sync_state.stored_record(self.store, document_id)
            if record:
                with self.store.transaction():
                    self._reflag(doc_id, record_from_dict(json.loads(record)), document_id)


def sync(
    store: Store,
    odata: OData | None = None,
    koop: Koop | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    texts: bool = True,
    progress: Progress | None = None,
    max_attempts: int = MAX_ATTEMPTS,
    now: dt.datetime | None = None,
) -> SyncSummary:
    """Bring the store up to date with the official sources; see the module's text.

    ``since`` and ``until`` limit the sync to cases started in those days (each window
    keeps its own checkpoints). ``texts=False`` syncs the metadata only. A text that
    could not be fetched is tried again by later syncs, up to ``max_attempts`` times
    (a change of its document in the API starts the count again). Raises
    :class:`FetchError` if the API cannot be read; what was stored until then is kept
    and the next sync resumes from there.
    """
    made: list[OData | Koop] = []
    if odata is None:
        odata = OData()
        made.append(odata)
    if koop is None:
        koop = Koop()
        made.append(koop)
    run = _Sync(
        store,
        odata,
        koop,
        Window(since, until),
        progress or _noop,
        max_attempts,
        now or dt.datetime.now(dt.UTC),
    )
    try:
        run.metadata()
        if texts:
            run.texts()
    finally:
        for client in made:
            client.close()
    return run.summary
