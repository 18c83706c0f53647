"""``/docs``: the API described from its OpenAPI schema (``/openapi.json``), served as a
plain page of this site, so no script or style comes from elsewhere."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from kamervragen.web.deps import RendererDep

router = APIRouter(tags=["docs"])


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            out.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                }
            )
    return out


@router.get("/docs", summary="Deze documentatie", include_in_schema=False)
def docs_page(request: Request, render: RendererDep) -> Response:
    schema = request.app.openapi()
    data = {
        "title": schema["info"]["title"],
        "version": schema["info"]["version"],
        "description": schema["info"].get("description", ""),
        "openapi": "/openapi.json",
        "operations": operations(schema),
    }
    return render.respond(request, "docs.html", data)
