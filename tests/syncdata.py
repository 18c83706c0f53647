"""The recorded Tweede Kamer and KOOP answers the sync tests replay, and a store's sync tables.

``tests/data/odata/`` holds real Zaak records and constructed actors and documents in the
API's shapes (see its README); the texts are the XML test documents of
``tests/data/xml/`` and one official PDF of ``tests/data/pdf/``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from lxml import etree

import kamervragen
from kamervragen.sources import Http, Koop, OData, Retry
from kamervragen.sources.odata import stamp
from kamervragen.sources.replay import ReplayServer
from kamervragen.sources.sync import CASE_SOORT, DOCUMENT_SOORTEN
from kamervragen.storage import open_store

DATA = Path(__file__).parent / "data"
ODATA = DATA / "odata"
XML_TEXTS = ("ah-tk-20172018-1547", "ah-tk-20182019-3616", "ah-tk-20192020-2197")
PDF = DATA / "pdf" / "ah-tk-20232024-1314__00fe7edd-24c8-4857-98da-774ed3b06836.pdf"
PDF_DOCUMENT = "00000000-0000-4000-d000-000000000004"  # its answer, not published as XML
UNFETCHABLE = "00000000-0000-4000-d000-000000000005"  # kv-tk-2024Z18794: no text anywhere
NOW = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def records(name: str) -> list[dict[str, Any]]:
    return json.loads((ODATA / f"{name}.json").read_text(encoding="utf-8"))


def cases() -> list[dict[str, Any]]:
    """The Zaak records as ``$expand=ZaakActor`` gives them."""
    actors = records("zaakactor")
    found = records("zaak")
    for case in found:
        case["ZaakActor"] = [a for a in actors if a["Zaak_Id"] == case["Id"]]
    return found


def metadata_xml(xml: bytes) -> bytes:
    """A metadata.xml made of the publication's own metadata block (``meta`` elements)."""
    root = etree.fromstring(xml)
    out = etree.Element("metadata_gegevens")
    for meta in root.iter("meta"):
        etree.SubElement(
            out, "metadata", name=meta.get("name", ""), content=meta.get("content", "")
        )
    return etree.tostring(out, xml_declaration=True, encoding="UTF-8")


def fill(server: ReplayServer) -> ReplayServer:
    server.add("Zaak", cases())
    server.add("ZaakActor", [])
    server.add("Document", records("document"))
    for name in XML_TEXTS:
        xml = (DATA / "xml" / f"{name}.xml").read_bytes()
        server.add_file(f"/koop/{name}.xml", xml)
        server.add_file(f"/koop/{name}/metadata.xml", metadata_xml(xml))
    server.add_file(
        f"/odata/Document({PDF_DOCUMENT})/resource", PDF.read_bytes(), "application/pdf"
    )
    return server


def clients(server: ReplayServer, attempts: int = 3, timeout: float = 5.0) -> tuple[OData, Koop]:
    """Clients of the replay server that retry at once and do not wait for a rate."""

    def http() -> Http:
        return Http(rate=None, retry=Retry(attempts=attempts, backoff=0), timeout=timeout)

    return OData(server.odata_url, http()), Koop(server.koop_url, http())


def sync_tables(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """The sync's tables without clock times, retry counts and row numbers."""
    with open_store(url) as s:

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return sorted(
                tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row)
                for row in s.query(sql)
            )

        return {
            "api_cases": rows("SELECT * FROM api_cases"),
            "api_actors": rows("SELECT * FROM api_actors"),
            "api_documents": rows(
                "SELECT a.id, a.soort, a.nummer, a.datum, a.onderwerp, a.external_id,"
                " a.external_ids, a.api_gewijzigd_op, a.verwijderd, a.raw, a.content_status,"
                " a.content_source, a.koop_metadata, d.content_hash"
                " FROM api_documents a LEFT JOIN documents d ON d.id = a.document_id"
            ),
            "api_document_cases": rows("SELECT * FROM api_document_cases"),
            "sync_checkpoints": rows(
                "SELECT source, entity, scope, cursor, cursor_id, full_token FROM sync_checkpoints"
            ),
            "quality_flags": rows(
                "SELECT q.api_document_id, q.zaak_id, d.content_hash, q.field, q.api_value,"
                " q.text_value FROM quality_flags q LEFT JOIN documents d ON d.id = q.document_id"
            ),
        }


def later(record: dict[str, Any], when: str, **changes: Any) -> dict[str, Any]:
    """The record as the API gives it after a change at ``when``."""
    return {**record, "ApiGewijzigdOp": when, **changes}


def tombstone(record: dict[str, Any], when: str) -> dict[str, Any]:
    """The record as the API gives it once deleted: its id and stamps, nothing else."""
    gone = {k: None for k in record if k not in ("Id", "GewijzigdOp")}
    return {**gone, "Id": record["Id"], "ApiGewijzigdOp": when, "Verwijderd": True}


def ordered(server: ReplayServer, entity: str) -> list[dict[str, Any]]:
    """The server's records in the order it pages them."""
    return sorted(server.records(entity), key=lambda r: (stamp(r["ApiGewijzigdOp"]), r["Id"]))


def source_state(server: ReplayServer) -> dict[str, set[tuple[Any, ...]]]:
    """What a sync should hold of the server's records now: the live cases, their live
    actors, the live documents and their links, each with its stamp."""
    cases = {
        r["Id"]: r
        for r in server.records("Zaak")
        if not r.get("Verwijderd") and r.get("Soort") == CASE_SOORT
    }
    actors: dict[str, dict[str, Any]] = {}
    for case in cases.values():
        for actor in case.get("ZaakActor") or []:
            actors[actor["Id"]] = actor
    for actor in server.records("ZaakActor"):  # newer than what the cases were read with
        if actor["Id"] not in actors or stamp(actor["ApiGewijzigdOp"]) > stamp(
            actors[actor["Id"]]["ApiGewijzigdOp"]
        ):
            actors[actor["Id"]] = actor
    documents = {
        r["Id"]: r
        for r in server.records("Document")
        if not r.get("Verwijderd") and r.get("Soort") in DOCUMENT_SOORTEN
    }
    return {
        "cases": {
            (i, r["Nummer"], r["Onderwerp"], stamp(r["ApiGewijzigdOp"])) for i, r in cases.items()
        },
        "actors": {
            (i, a["Zaak_Id"], a["ActorNaam"], a["ActorFractie"], stamp(a["ApiGewijzigdOp"]))
            for i, a in actors.items()
            if not a.get("Verwijderd") and a.get("Zaak_Id") in cases
        },
        "documents": {(i, r["Soort"], stamp(r["ApiGewijzigdOp"])) for i, r in documents.items()},
        "links": {(i, z["Id"]) for i, r in documents.items() for z in r.get("Zaak") or []},
    }


def store_state(url: str) -> dict[str, set[tuple[Any, ...]]]:
    """What the store holds live of the API's records, as :func:`source_state` says it."""
    with open_store(url) as s:
        live_cases = "SELECT id FROM api_cases WHERE verwijderd = 0"
        return {
            "cases": set(
                s.query(
                    "SELECT id, nummer, onderwerp, api_gewijzigd_op FROM api_cases"
                    " WHERE verwijderd = 0"
                )
            ),
            "actors": set(
                s.query(
                    "SELECT id, zaak_id, naam, fractie, api_gewijzigd_op FROM api_actors"
                    f" WHERE verwijderd = 0 AND zaak_id IN ({live_cases})"
                )
            ),
            "documents": set(
                s.query(
                    "SELECT id, soort, api_gewijzigd_op FROM api_documents WHERE verwijderd = 0"
                )
            ),
            "links": set(s.query("SELECT api_document_id, zaak_id FROM api_document_cases")),
        }


def sync_command(server: ReplayServer, db: str, *extra: str) -> list[str]:
    """``kamervragen sync`` against the server, with no rate limit."""
    urls = ["--odata-url", server.odata_url, "--koop-url", server.koop_url, "--rate", "0"]
    return [sys.executable, "-m", "kamervragen", "sync", *urls, "--db", db, *extra]


def command_env() -> dict[str, str]:
    """The environment of a command that runs the package the tests import."""
    return {**os.environ, "PYTHONPATH": str(Path(kamervragen.__file__).parents[1])}


def start_sync(server: ReplayServer, db: str, *extra: str) -> subprocess.Popen[bytes]:
    """The command started in its own process, to be killed."""
    return subprocess.Popen(
        sync_command(server, db, *extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=command_env(),
    )
