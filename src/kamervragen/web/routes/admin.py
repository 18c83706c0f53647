"""Writing, for the operator only: ``POST /beheer/documenten`` stores one document.

The site is read-only unless the operator configures an admin token
(``KAMERVRAGEN_ADMIN_TOKEN`` or ``kamervragen serve --admin-token``); then a request with
``Authorization: Bearer <token>`` may add a document, sent as the request body.
"""

from __future__ import annotations

import hmac
import re
from typing import Annotated

from fastapi import APIRouter, Header, Query
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from kamervragen.ingest import Failed, parse_data
from kamervragen.web.deps import StoreDep
from kamervragen.web.rendering import PrettyJSON

router = APIRouter(tags=["admin"])
MAX_UPLOAD = 20 * 1024 * 1024
_UNSAFE_NAME = re.compile(r"[^0-9A-Za-z._-]+")


def authorised(request: Request, authorization: str | None) -> str | None:
    """Why this request may not write, or None if it may."""
    token: str | None = request.app.state.admin_token
    if not token:
        return "alleen-lezen: de beheerder heeft geen admin-token ingesteld"
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
        return "geen geldig admin-token (Authorization: Bearer …)"
    return None


@router.post(
    "/beheer/documenten",
    summary="Een document opslaan (alleen met het admin-token)",
    description="De inhoud is de body van het verzoek (PDF, Word, XML, HTML of tekst, ten"
    " hoogste 20 MB). Zonder ingesteld admin-token is de site alleen-lezen: 403.",
)
async def add_document(
    request: Request,
    store: StoreDep,
    naam: Annotated[
        str, Query(min_length=1, max_length=200, description="Bestandsnaam van het document")
    ] = "upload",
    authorization: Annotated[
        str | None, Header(description="Bearer gevolgd door het admin-token")
    ] = None,
) -> Response:
    refusal = authorised(request, authorization)
    if refusal:
        status = 403 if not request.app.state.admin_token else 401
        return PrettyJSON({"error": refusal, "status": status}, status_code=status)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_UPLOAD:
            return PrettyJSON({"error": "te groot (max 20 MB)", "status": 413}, status_code=413)
    name = _UNSAFE_NAME.sub("_", naam)[:100] or "upload"
    result = await run_in_threadpool(parse_data, f"upload:{name}", bytes(body))
    if isinstance(result, Failed):
        return PrettyJSON({"error": result.reason, "status": 422}, status_code=422)
    outcome = await run_in_threadpool(store.add, result)
    found = await run_in_threadpool(store.document, result.content_hash)
    return PrettyJSON(
        {
            "outcome": outcome,
            "document": found["document"] if found else None,
            "case": found["case"] if found else None,
        },
        status_code=201 if outcome == "added" else 200,
    )
