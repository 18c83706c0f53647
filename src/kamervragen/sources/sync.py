"""Sync from the official sources: the Tweede Kamer's records, then the texts they point to.

    >>> from kamervragen.sources import sync
    >>> from kamervragen.storage import open_store
    >>> with open_store("kamervragen.db") as store:
    ...     print(sync(store).line())

First the metadata, in streams of the Gegevensmagazijn: the cases (``Zaak`` of Soort
"Schriftelijke vragen", with their actors), the actors changed since (``ZaakActor``), the
documents (questions, answers, later answers, postponement notices, with their cases and
publications), then of each entity what left: deleted records (tombstones) and records
whose Soort is no longer one synced. Each stream is read in (``ApiGewijzigdOp``, ``Id``)
order, every page asked for as "after the last record read" (never by ``$skip``: a
record changed meanwhile moves to the end of the order, and a page by position would
skip another). Every page is stored in one transaction with the stream's cursor (the
stamp and id of its last record), so a sync stopped at any moment resumes from the
cursor, and a later sync asks only for what changed since, reading again a window of
:data:`OVERLAP` before the cursor. A record read again is known by its id and stamp and
counted once. A record the API deletes, or whose Soort changes, is marked gone (its last
known values kept); a gone document loses its cases. ``full=True`` reads every record
again and marks gone what the store holds but the API no longer gives.

Then the texts: for every document not yet stored, the official XML (and its metadata)
from KOOP by the document's publication id, else the file the API holds (PDF, Word),
parsed as an ingest parses a file (:func:`kamervragen.ingest.parse_data`) and stored with
:meth:`Store.add`. A text that cannot be fetched leaves its document as metadata only,
tried again by a later sync after a wait that doubles with each failure (the texts are a
queue: a run asks only for those due); one that cannot be read goes to the quarantine. Where the
API and the text differ (dates, zaak, askers, parties, addressees, id), ``quality_flags``
records both values; names are compared by their key, so capitals and accents never
count (:mod:`kamervragen.text.names`).

This module decides what to store; the statements that store it, and read it back, are
:mod:`kamervragen.storage.sync_state`'s.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from kamervragen.dates import iso
from kamervragen.ingest import Failed, Limits, LocalRunner, parse_data
from kamervragen.record import Record, record_from_dict
from kamervragen.sources._cases import make_cases
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
# Actors come with their case at first, and a first sync has nothing to delete: the actor
# stream and the streams of what leaves start at the midnight (UTC) this long before the
# first sync began, so that a clock ahead of the service's loses nothing.
ACTOR_MARGIN = dt.timedelta(days=1)
# Each run reads again what changed this long before its cursor: a record the service
# stamped before the last one read, but committed after it was read, is read then.
OVERLAP = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 10
TEXT_BATCH = 32  # texts fetched, then parsed by one set of workers
LIMITS = Limits()  # what one text may take to parse, as in an ingest
# A text that failed waits this long before its next try, twice as long after each
# further failure, at most RETRY_MAX: a service that is down, or a text not published
# yet, costs a request now and then, not one every run.
RETRY_DELAY = dt.timedelta(hours=1)
RETRY_MAX = dt.timedelta(days=30)

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
    touched: list[str] = field(default_factory=list)  # the Zaak ids whose records changed

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


def _case_row(r: Raw) -> sync_state.CaseRow:
    return sync_state.CaseRow(
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


def _document_row(r: Raw, zaken: list[Raw]) -> sync_state.DocumentRow:
    ids = publication_ids(r, [z.get("Nummer") or "" for z in zaken])
    return sync_state.DocumentRow(
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


def _key(record: Raw) -> tuple[str, str]:
    """Where a record stands in the order the streams are read in."""
    return stamp(record["ApiGewijzigdOp"]), str(record["Id"]).lower()


@dataclass(frozen=True)
class _Stream:
    name: str  # its checkpoint's
    entity: str
    select: Callable[[Window], str]  # which records
    expand: str | None
    fields: str | None  # $select: a leaving record's id and stamp suffice
    write: Callable[[_Sync, list[Raw]], None]  # stores a page's records
    full: bool  # read again by a full pass


_OF_CASES = f"z/Soort eq '{CASE_SOORT}'"
_GONE = "Id,ApiGewijzigdOp,Verwijderd"


def _any_other(soorten: Sequence[str]) -> str:
    """A record deleted, or of another Soort than these (a tombstone has no Soort)."""
    return "Verwijderd eq true or (" + " and ".join(f"Soort ne '{s}'" for s in soorten) + ")"


# The order matters: a case before its actors and documents, what arrives before what
# leaves (a record deleted after it changed is marked gone after it was stored).
STREAMS = (
    _Stream(
        "Zaak",
        "Zaak",
        lambda w: _both(f"Soort eq '{CASE_SOORT}'", w.clause("GestartOp")),
        "ZaakActor",
        None,
        lambda run, records: run.write_cases(records),
        True,
    ),
    _Stream(
        "ZaakActor",
        "ZaakActor",
        lambda w: _both(f"Zaak/Soort eq '{CASE_SOORT}'", w.clause("Zaak/GestartOp")),
        None,
        None,
        lambda run, records: run.write_zaak_actors(records),
        False,  # a full pass reads every actor with its case
    ),
    _Stream(
        "Document",
        "Document",
        lambda w: _both(
            " or ".join(f"Soort eq '{s}'" for s in DOCUMENT_SOORTEN),
            f"Zaak/any(z: {_both(_OF_CASES, w.clause('z/GestartOp'))})" if w.scope else "",
        ),
        "Zaak($select=Id,Nummer),HuidigeDocumentVersie($expand=DocumentPublicatie)",
        None,
        lambda run, records: run.write_documents(records),
        True,
    ),
    _Stream(
        "Zaak/leaving",
        "Zaak",
        lambda w: _any_other([CASE_SOORT]),
        None,
        _GONE + ",Soort",
        lambda run, records: run.write_leaving("api_cases", records),
        False,
    ),
    _Stream(
        "ZaakActor/leaving",
        "ZaakActor",
        lambda w: "Verwijderd eq true",
        None,
        _GONE,
        lambda run, records: run.write_leaving("api_actors", records),
        False,
    ),
    _Stream(
        "Document/leaving",
        "Document",
        lambda w: _any_other(DOCUMENT_SOORTEN),
        None,
        _GONE + ",Soort",
        lambda run, records: run.write_leaving("api_documents", records),
        False,
    ),
)


# The streams a first sync starts a day before it began (see ACTOR_MARGIN).
_LATE_STARTERS = ("ZaakActor", "Zaak/leaving", "ZaakActor/leaving", "Document/leaving")


# --- checkpoints ---------------------------------------------------------------------


def _stamp_of(moment: dt.datetime) -> str:
    return stamp(moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))


@dataclass
class Checkpoint:
    """Where a stream stands: the (``ApiGewijzigdOp``, ``Id``) of the last record stored;
    without an id, the stream goes on from that stamp on, inclusive."""

    cursor: str | None = None
    cursor_id: str | None = None
    full_token: str | None = None

    def clause(self) -> str:
        """The records after the cursor, as a ``$filter``."""
        if not self.cursor:
            return ""
        if not self.cursor_id:
            return f"ApiGewijzigdOp ge {self.cursor}"
        return (
            f"ApiGewijzigdOp ge {self.cursor} and (ApiGewijzigdOp gt {self.cursor}"
            f" or Id gt {self.cursor_id})"
        )

    def overlapped(self) -> Checkpoint:
        """The cursor moved back by :data:`OVERLAP`, inclusive."""
        if not self.cursor:
            return Checkpoint()
        moment = dt.datetime.fromisoformat(self.cursor[:26] + "+00:00")
        return Checkpoint(_stamp_of(moment - OVERLAP))

    def advance(self, record_stamp: str, record_id: str) -> None:
        """To the last record of a page. Ids are compared by the service alone: its order
        of guids (SQL Server's, say) need not be the order of their text."""
        if self.cursor is None or record_stamp >= self.cursor:
            self.cursor, self.cursor_id = record_stamp, record_id


def load_checkpoint(store: Store, entity: str, scope: str = "") -> Checkpoint | None:
    row = sync_state.load_checkpoint(store, SOURCE, entity, scope)
    return Checkpoint(*row) if row else None


def _save_checkpoint(store: Store, entity: str, scope: str, cp: Checkpoint) -> None:
    row = sync_state.CheckpointRow(cp.cursor, cp.cursor_id, cp.full_token)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    sync_state.save_checkpoint(store, SOURCE, entity, scope, row, now)


def _checked(page: Page, after: Checkpoint) -> list[Raw]:
    """The page's records, each with an id and a stamp, in stamp order after the cursor:
    a service that ignored the cursor would have the sync read the same page forever.
    (Ids that share a stamp come in the service's order of guids, not checked here.)"""
    records = page.records
    for record in records:
        if not isinstance(record, dict) or "Id" not in record or "ApiGewijzigdOp" not in record:
            raise FetchError(page.url, "a record without Id or ApiGewijzigdOp")
    stamps = [stamp(r["ApiGewijzigdOp"]) for r in records]
    first = (stamps[0], str(records[0]["Id"]).lower()) if records else None
    if stamps != sorted(stamps) or (
        first and (first[0] < (after.cursor or "") or first == (after.cursor, after.cursor_id))
    ):
        raise FetchError(page.url, "the records are not in ApiGewijzigdOp order after the cursor")
    return records


@dataclass
class _TextJob:
    """One document's text being fetched: what was fetched, read, and why not."""

    doc_id: str
    ids: list[str]  # the publication ids to try, the likeliest first
    content_type: str | None  # of the file the API holds, if it holds one
    attempts: int  # tries before this one
    fetched: list[tuple[str, bytes, bytes | None]] = field(default_factory=list)
    parsed_count: int = 0  # of ``fetched``, how many were parsed
    parsed: Parsed | None = None
    unreadable: list[Failed] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    tried_resource: bool = False


class _Sync:
    """One run: the streams, then the texts; what it did in :attr:`summary`."""

    def __init__(
        self,
        store: Store,
        odata: OData,
        koop: Koop,
        window: Window,
        progress: Progress,
        max_attempts: int,
        now: dt.datetime,
        limits: Limits | None = None,
    ) -> None:
        self.store = store
        self.limits = limits
        self.odata = odata
        self.koop = koop
        self.window = window
        self.progress = progress
        self.max_attempts = max_attempts
        self.now = now
        self.summary = SyncSummary()
        self.touched: set[str] = set()  # cases whose records changed in this run
        self.kept: set[str] = set()  # those of them written to the pending list
        # Distinct records stored (new or changed) and marked gone in this run: a record
        # read twice (changed while the run read on) counts once.
        self.changed: dict[str, set[str]] = {k: set() for k in ("cases", "actors", "documents")}
        self.gone: set[tuple[str, str]] = set()
        self.full_token: str | None = None  # in a full pass: its token

    # --- counting ---

    def _newer(self, table: sync_state.ApiTable, records: list[Raw]) -> list[Raw]:
        """Those of ``records`` the store does not hold as they are (the overlap of the
        window and a record read again after a resume are no news)."""
        stored = sync_state.stored_stamps(self.store, table, [r["Id"] for r in records])
        newer = []
        for record in records:
            known = stored.get(record["Id"])
            if known is None or known[0] < stamp(record["ApiGewijzigdOp"]) or known[1]:
                newer.append(record)
        return newer

    def _count(self) -> None:
        self.summary.cases = len(self.changed["cases"])
        self.summary.actors = len(self.changed["actors"])
        self.summary.documents = len(self.changed["documents"])
        self.summary.deleted = len(self.gone)
        self.summary.touched = sorted(self.touched)

    # --- writing pages (one transaction each, with the stream's cursor) ---

    def _write_actors(self, pairs: list[tuple[Raw, str]]) -> None:
        actors = [a for a, _ in pairs]
        newer = {r["Id"] for r in self._newer("api_actors", actors)}
        sync_state.upsert_actors(self.store, [_actor_row(a, z) for a, z in pairs])
        self.changed["actors"].update(newer)
        self.touched.update(z for a, z in pairs if a["Id"] in newer)
        if self.full_token:
            sync_state.mark_checked(
                self.store, "api_actors", [a["Id"] for a in actors], self.full_token
            )

    def write_cases(self, records: list[Raw]) -> None:
        live = [r for r in records if not r.get("Verwijderd") and r.get("Soort") == CASE_SOORT]
        newer = {r["Id"] for r in self._newer("api_cases", live)}
        sync_state.upsert_cases(self.store, [_case_row(r) for r in live])
        self.changed["cases"].update(newer)
        self.touched.update(newer)
        self._write_actors([(a, r["Id"]) for r in live for a in r.get("ZaakActor") or []])
        if self.full_token:
            sync_state.mark_checked(
                self.store, "api_cases", [r["Id"] for r in live], self.full_token
            )

    def write_zaak_actors(self, records: list[Raw]) -> None:
        self._write_actors(
            [(r, r["Zaak_Id"]) for r in records if not r.get("Verwijderd") and r.get("Zaak_Id")]
        )

    def write_documents(self, records: list[Raw]) -> None:
        live = [
            r for r in records if not r.get("Verwijderd") and r.get("Soort") in DOCUMENT_SOORTEN
        ]
        newer = {r["Id"] for r in self._newer("api_documents", live)}
        rows = []
        for r in live:
            zaken = [z for z in r.get("Zaak") or [] if isinstance(z, dict) and z.get("Id")]
            rows.append(_document_row(r, zaken))
            if "Zaak" in r:  # expanded: the links as they are now
                before = {z for (z,) in sync_state.document_zaak_ids(self.store, r["Id"])}
                sync_state.set_document_cases(self.store, r["Id"], [z["Id"] for z in zaken])
                if r["Id"] in newer:
                    self.touched.update(before | {z["Id"] for z in zaken})
        sync_state.upsert_documents(self.store, rows)
        self.changed["documents"].update(newer)
        if self.full_token:
            sync_state.mark_checked(
                self.store, "api_documents", [r["Id"] for r in live], self.full_token
            )

    def write_leaving(self, table: sync_state.ApiTable, records: list[Raw]) -> None:
        """Records deleted, or no longer of the kind synced: those the store holds live
        are marked gone (their last known values kept)."""
        known = sync_state.stored_stamps(self.store, table, [r["Id"] for r in records])
        leaving = [
            r
            for r in records
            if r["Id"] in known
            and not known[r["Id"]][1]
            and known[r["Id"]][0] <= stamp(r["ApiGewijzigdOp"])
        ]
        self._mark_gone(
            table, [(stamp(r["ApiGewijzigdOp"]), r.get("Soort"), r["Id"]) for r in leaving]
        )

    def _mark_gone(
        self, table: sync_state.ApiTable, rows: list[tuple[str, str | None, str]]
    ) -> None:
        if not rows:
            return
        ids = [i for _, _, i in rows]
        if table == "api_cases":
            sync_state.leave_cases(self.store, rows)
            self.touched.update(ids)
        else:
            sync_state.mark_deleted(self.store, table, [(s, i) for s, _, i in rows])
        if table == "api_actors":
            self.touched.update(z for (z,) in sync_state.actor_zaak_ids(self.store, ids))
        if table == "api_documents":
            for doc_id in ids:
                self.touched.update(z for (z,) in sync_state.document_zaak_ids(self.store, doc_id))
            sync_state.unlink_documents(self.store, ids)
        self.gone.update((table, i) for i in ids)

    def _keep_touched(self) -> None:
        """Within a page's transaction: the cases it changed go on the pending list, so
        that a run stopped before it makes them again leaves them to the next."""
        new = self.touched - self.kept
        sync_state.add_pending_cases(self.store, sorted(new))
        self.kept |= new

    # --- reading the streams ---

    def metadata(self, full: bool = False) -> None:
        scope = self.window.scope
        if load_checkpoint(self.store, "Zaak", scope) is None:
            # The first sync has every actor with its case, and no record to delete: the
            # other streams start at the midnight (UTC) a day before it began.
            start = Checkpoint(f"{(self.now - ACTOR_MARGIN).date().isoformat()}T00:00:00.0000000Z")
            with self.store.transaction():
                for stream in STREAMS:
                    if (
                        stream.name in _LATE_STARTERS
                        and load_checkpoint(self.store, stream.name, scope) is None
                    ):
                        _save_checkpoint(self.store, stream.name, scope, start)
        if full:
            self._full(scope)
        for stream in STREAMS:
            self._stream(stream, scope)
        self._count()

    def _full(self, scope: str) -> None:
        """Every record of the main streams read again; what the store holds live that
        the pass did not see (a tombstone missed, a change of Soort) is marked gone."""
        names = [f"{s.name}/full" for s in STREAMS if s.full]
        first = load_checkpoint(self.store, names[0], scope)
        token = first.full_token if first and first.full_token else _stamp_of(self.now)
        self.full_token = token
        try:
            for stream in STREAMS:
                if stream.full:
                    self._stream(stream, scope, full=True)
        finally:
            self.full_token = None
        days = (
            (
                (self.window.since or dt.date.min).isoformat(),
                (self.window.until or dt.date.max).isoformat(),
            )
            if scope
            else None
        )
        with self.store.transaction():
            for table in ("api_cases", "api_documents", "api_actors"):
                gone = sync_state.unchecked(self.store, table, token, token, days)
                # Marked gone at the stamp they had: should the service give one again
                # as it was, it is live again.
                stamps = sync_state.stored_stamps(self.store, table, gone)
                self._mark_gone(table, [(stamps[i][0], None, i) for i in gone])
            self._keep_touched()
            sync_state.drop_checkpoints(self.store, SOURCE, names, scope)

    def _stream(self, stream: _Stream, scope: str, full: bool = False) -> None:
        name = f"{stream.name}/full" if full else stream.name
        cp = load_checkpoint(self.store, name, scope) or Checkpoint()
        if full:
            cp.full_token = self.full_token
        selection = stream.select(self.window)
        # The first request goes back OVERLAP before the cursor: a record the service
        # stamped before it but committed after it was read is read then.
        query_cursor = cp.overlapped() if not full else cp
        counted = False
        while True:
            query = self.odata.url(
                stream.entity,
                filter=_both(selection, query_cursor.clause()),
                expand=stream.expand,
                orderby="ApiGewijzigdOp,Id",
                select=stream.fields,
                count=not counted,
            )
            page = self.odata.page(query)
            records = _checked(page, query_cursor)
            with self.store.transaction():
                stream.write(self, records)
                self._keep_touched()
                if records:
                    cp.advance(*_key(records[-1]))
                    _save_checkpoint(self.store, name, scope, cp)
            if not counted and page.count is not None:
                self.progress(stream.name, 0, page.count)
            counted = True
            self.progress(stream.name, len(records), None)
            if not records or not page.next_link:
                return
            query_cursor = Checkpoint(*_key(records[-1]))

    # cases

    def cases(self) -> None:
        """Every live case that changed (or has no case yet) made a case of its records."""
        todo = (
            self.touched
            | set(sync_state.pending_cases(self.store))
            | set(sync_state.cases_without_placeholders(self.store))
        )
        self.progress("linking", 0, len(todo))
        make_cases(self.store, sorted(todo), self.odata.base_url)
        self.progress("linking", len(todo), None)

    # texts

    def texts(self) -> None:
        rows = sync_state.texts_to_fetch(self.store, self.max_attempts, self.now.isoformat())
        self.progress("texts", 0, len(rows))
        done: set[str] = set()
        with tempfile.TemporaryDirectory(prefix="kamervragen-texts-") as folder:
            for start in range(0, len(rows), TEXT_BATCH):
                jobs = [
                    _TextJob(doc_id, json.loads(ids or "[]"), content_type, int(attempts))
                    for doc_id, ids, content_type, attempts in rows[start : start + TEXT_BATCH]
                ]
                for job in jobs:
                    self._fetch_publication(job)
                    if not job.fetched:
                        self._fetch_resource(job)
                self._parse(jobs, folder)
                # An official text that cannot be read: the file the API holds, if any.
                again = [j for j in jobs if j.parsed is None and not j.tried_resource]
                for job in again:
                    self._fetch_resource(job)
                self._parse(again, folder)
                for job in jobs:
                    self._finish(job)
                    done.add(job.doc_id)
                    self.progress("texts", 1, None)
        self._reflag_touched(done)

    def _fetch_publication(self, job: _TextJob) -> None:
        for publication_id in job.ids:
            try:
                publication = self.koop.fetch(publication_id)
            except FetchError as exc:
                job.errors.append(str(exc))
                return  # the service is down: the next id would fail the same way
            if publication is not None:
                job.fetched.append((publication.url, publication.xml, publication.metadata))
                return
            job.errors.append(f"{publication_id}: not published")

    def _fetch_resource(self, job: _TextJob) -> None:
        if job.content_type is None:
            return
        job.tried_resource = True
        try:
            found = self.odata.resource(job.doc_id)
        except FetchError as exc:
            job.errors.append(str(exc))
            return
        if found is None:
            job.errors.append(f"{job.doc_id}: no file in the API")
        else:
            job.fetched.append((found[0], found[1], None))

    def _parse(self, jobs: list[_TextJob], folder: str) -> None:
        """Each job's last text fetched, parsed as an ingest parses a file: in a worker
        process held to the ingest's limits (:class:`~kamervragen.ingest.Limits`), or
        here if the sync has none; tsvectors made there for a PostgreSQL store."""
        todo = [j for j in jobs if j.fetched and j.parsed_count < len(j.fetched)]
        if not todo:
            return
        tsvector = self.store.dialect.name == "postgresql"
        urls = [j.fetched[-1][0] for j in todo]
        if self.limits is None:
            results: list[Parsed | Failed] = [
                parse_data(url, j.fetched[-1][1], tsvector)
                for url, j in zip(urls, todo, strict=True)
            ]
        else:
            paths = []
            for i, job in enumerate(todo):
                path = Path(folder) / f"{i}"
                path.write_bytes(job.fetched[-1][1])
                paths.append(str(path))
            # Two workers at most (one is started only for one text): a sync waits on
            # the network far more than on parsing.
            runner = LocalRunner(processes=2, limits=self.limits)
            results = list(runner.map(paths, tsvector))
        for url, job, result in zip(urls, todo, results, strict=True):
            job.parsed_count = len(job.fetched)
            # Named by where it came from, not by the file it was handed over in.
            if isinstance(result, Parsed):
                job.parsed = dataclasses.replace(result, source=url)
            else:
                job.unreadable.append(Failed(url, result.content_hash, result.reason))

    def _finish(self, job: _TextJob) -> None:
        tried = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        if job.parsed is not None:
            self._store_text(job.doc_id, job.parsed, job.fetched, tried)
        elif job.unreadable:
            first = job.unreadable[0]
            self.store.quarantine(first.source, first.content_hash, first.reason)
            self._set_status(job.doc_id, "unreadable", first.reason, tried, first.source)
            self.summary.unreadable.append((job.doc_id, f"{first.source}: {first.reason}"))
        else:
            why = "; ".join(job.errors) or "no publication id and no file"
            wait = min(RETRY_DELAY * 2**job.attempts, RETRY_MAX)
            self._set_status(job.doc_id, "failed", why, tried, None, (self.now + wait).isoformat())
            self.summary.not_fetched.append((job.doc_id, why))

    def _store_text(
        self,
        doc_id: str,
        parsed: Parsed,
        fetched: list[tuple[str, bytes, bytes | None]],
        tried: str,
    ) -> None:
        zaken = sync_state.document_cases(self.store, doc_id)
        numbers = [z[1] for z in zaken if z[1]]
        if not parsed.record.zaak and numbers:
            # The API knows the case (a PDF seldom names its zaak): the text joins it.
            record = dataclasses.replace(parsed.record, zaak=numbers[0])
            parsed = dataclasses.replace(parsed, record=record, record_json=None)
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
            sync_state.add_pending_cases(self.store, [z[0] for z in zaken])
        # The text takes its placeholder's place.
        make_cases(self.store, [z[0] for z in zaken], self.odata.base_url)

    def _set_status(
        self,
        doc_id: str,
        status: str,
        error: str,
        tried: str,
        source: str | None,
        next_at: str | None = None,
    ) -> None:
        with self.store.transaction():
            sync_state.set_text_status(self.store, doc_id, status, error, tried, source, next_at)

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


def sync(
    store: Store,
    odata: OData | None = None,
    koop: Koop | None = None,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    texts: bool = True,
    metadata: bool = True,
    full: bool = False,
    progress: Progress | None = None,
    after: Callable[[Store, SyncSummary], None] | None = None,
    limits: Limits | None = LIMITS,
    max_attempts: int = MAX_ATTEMPTS,
    now: dt.datetime | None = None,
) -> SyncSummary:
    """Bring the store up to date with the official sources; see the module's text.

    ``since`` and ``until`` limit the sync to cases started in those days (each window
    keeps its own checkpoints). ``texts=False`` syncs the metadata only. ``full`` reads
    every record again first and marks gone what the store holds live but the API no
    longer gives (a deletion or a change of Soort an increment missed). A text that
    could not be fetched is tried again by later syncs, up to ``max_attempts`` times
    (a change of its document in the API starts the count again), each time after a
    longer wait (:data:`RETRY_DELAY`, doubled after each failure, ``now`` being the
    clock). ``metadata=False`` fetches the texts due only. ``after`` is called with the
    store and the summary once everything is stored (not if the sync fails). Texts are
    parsed in worker processes held to ``limits`` (an ingest's: 30 s, 512 MB a text), or
    in this process if None. Raises
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
        limits,
    )
    try:
        if metadata:
            run.metadata(full)
            run.cases()
        if texts:
            run.texts()
        if after is not None:
            # The one place for what follows a sync (alerts, say): all is committed.
            after(store, run.summary)
    finally:
        for client in made:
            client.close()
    return run.summary
