"""The recorded Tweede Kamer and KOOP answers the sync tests replay, and a store's sync tables.

``tests/data/odata/`` holds real Zaak records and constructed actors and documents in the
API's shapes (see its README); the texts are the XML test documents of
``tests/data/xml/`` and one official PDF of ``tests/data/pdf/``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from lxml import etree

from kamervragen.sources import Http, Koop, OData, Retry
from kamervragen.sources.replay import ReplayServer
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
                "SELECT source, entity, scope, cursor, cursor_ids, next_link FROM sync_checkpoints"
            ),
            "quality_flags": rows(
                "SELECT q.api_document_id, q.zaak_id, d.content_hash, q.field, q.api_value,"
                " q.text_value FROM quality_flags q LEFT JOIN documents d ON d.id = q.document_id"
            ),
        }
