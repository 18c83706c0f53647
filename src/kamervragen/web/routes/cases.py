"""``/zaak/{ref}``: one set of questions with its answers, status and documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from starlette.requests import Request
from starlette.responses import Response

from kamervragen.web.case_page import answer_blocks, case_title, case_view
from kamervragen.web.commitment_view import case_commitments
from kamervragen.web.deps import (
    AsOfParam,
    DeadlinesDep,
    EarlierDep,
    RendererDep,
    StoreDep,
    today,
)
from kamervragen.web.feeds import document_entry, feed_response
from kamervragen.web.people import asker_person, people_of
from kamervragen.web.timeline import case_timeline, official_links

router = APIRouter(tags=["cases"])


@router.get(
    "/zaak/{ref}",
    summary="Een zaak: vragen en antwoorden naast elkaar",
    description="`ref` is het zaaknummer (2024Z18794) of het zaaknummer van de store."
    " Elke vraag heeft een permalink (#vraag-2). Ook als Atom-feed (.atom): een bericht"
    " bij elk document van de zaak, dus ook zodra het antwoord er is. Per vraag onder"
    " `earlier` de drie vragen uit eerdere zaken die er het meest op lijken.",
)
def case_page(
    request: Request,
    store: StoreDep,
    deadlines: DeadlinesDep,
    earlier: EarlierDep,
    render: RendererDep,
    ref: Annotated[
        str,
        Path(
            max_length=40,
            pattern=r"^[0-9A-Za-z-]+$",
            description="Zaaknummer (2024Z18794) of het nummer van de zaak in de opslag",
        ),
    ],
    as_of: AsOfParam = None,
) -> Response:
    found = store.case(ref)
    if found is None:
        return render.error(request, 404, f"geen zaak {ref}")
    day = as_of or today(request)
    status = deadlines.status(store, found["case"], day)
    view = case_view(store, ref, status)
    if view is None:
        return render.error(request, 404, f"geen zaak {ref}")
    # "Eerder gevraagd": per question, the closest pairs of earlier cases.
    view["earlier"] = earlier.of_case(store, found["case"])
    view["commitments"] = case_commitments(store, found["case"], day, view["shown_document"])
    view["timeline"] = case_timeline(status, deadlines.rule) if status else []
    view["official_links"] = official_links(view["zaak"], view["documents"])
    people = people_of(request)
    for asker in view["askers"]:
        person = asker_person(people, asker, view["submitted"])
        asker["person"] = person.to_dict() if person else None

    def feed() -> Response:
        entries = [document_entry(view, d) for d in view["documents"]]
        title = f"Zaak {view['zaak'] or view['case']}: {view['subject'] or 'Kamervragen'}"
        return feed_response(render.env, request, title, entries)

    extra = {"blocks": answer_blocks(view["pairs"]), "title": case_title(view)}
    return render.respond(request, "case.html", view, extra, feed=feed)
