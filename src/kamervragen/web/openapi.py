"""The OpenAPI schema as the API really answers: invalid input is 400 (not FastAPI's 422),
with the one error shape every error has, and pages that name something can be 404."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

ERROR_SCHEMA = {
    "title": "Fout",
    "type": "object",
    "required": ["error", "status"],
    "properties": {
        "error": {"type": "string", "description": "Wat er mis is, in één regel"},
        "status": {"type": "integer", "description": "De HTTP-status (400, 404, …)"},
    },
}
PAGE_SCHEMA = {
    "title": "Pagina",
    "type": "object",
    "description": "De gegevens van de HTML-pagina (zie de voorbeelden in docs/API.md).",
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}},
    }


def openapi_schema(app: FastAPI) -> dict[str, Any]:
    """The schema of ``app`` with 400/404 answers in place of 422, made once."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title, version=app.version, description=app.description, routes=app.routes
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Fout"] = ERROR_SCHEMA
    for schema_name in ("HTTPValidationError", "ValidationError"):
        components.pop(schema_name, None)
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            if operation.get("parameters"):
                responses["400"] = _error("Ongeldige invoer: de reden, in één regel")
            if "{" in path:
                responses["404"] = _error("Niet gevonden")
            ok = responses.get("200", {})
            json_body = ok.get("content", {}).get("application/json")
            if json_body is not None and json_body.get("schema") in ({}, None):
                json_body["schema"] = PAGE_SCHEMA
                ok.setdefault("content", {})["text/html"] = {"schema": {"type": "string"}}
    app.openapi_schema = schema
    return schema
