"""``/eerder``: paste a new question (or a numbered set): what was asked and answered before."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import Response

from kamervragen.errors import KamervragenError
from kamervragen.search.similar import similar_many
from kamervragen.web.deps import RendererDep, StoreDep
from kamervragen.web.earlier import result_view, split_questions

router = APIRouter(tags=["earlier"])
MAX_TEXT = 20_000  # characters: a set of questions, not a document
PER_QUESTION = 5


@router.get(
    "/eerder",
    summary="Eerder gevraagd: wat werd er al gevraagd en geantwoord?",
    description="Plak een nieuwe vraag, of een genummerde reeks vragen (1. …, 2. …): per"
    " vraag de opgeslagen vragen die er het meest op lijken, met het antwoord van toen,"
    " op woorden en (waar de opslag vectoren heeft) op betekenis.",
)
def earlier_page(
    request: Request,
    store: StoreDep,
    render: RendererDep,
    tekst: Annotated[str, Query(max_length=MAX_TEXT, description="De nieuwe vraag of vragen")] = "",
    aantal: Annotated[
        int, Query(ge=1, le=20, description="Hoeveel eerdere vragen per vraag")
    ] = PER_QUESTION,
) -> Response:
    data: dict[str, Any] = {"text": tekst, "questions": []}
    if tekst.strip():
        questions = split_questions(tekst)
        try:
            results = similar_many(store, [q for _, q in questions], limit=aantal)
        except KamervragenError as exc:
            return render.error(request, 400, f"ongeldige invoer: {exc}")
        data["questions"] = [
            {"number": number, "text": text, **result_view(store, result)}
            for (number, text), result in zip(questions, results, strict=True)
        ]
    return render.respond(request, "earlier.html", data)
