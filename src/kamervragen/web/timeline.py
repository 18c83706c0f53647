"""A case as a timeline: ingediend → termijn → uitstel (new due date) → antwoord / nader
antwoord, each with the days since submission; and the official publications a case has,
derived from its zaak number and document ids.

The events come from the case's deadline status (what the rule and the stored documents
say), so the line agrees with the status badge, the late list and the statistics.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from kamervragen.deadlines import CaseStatus, Rule
from kamervragen.web.dutch import long_date
from kamervragen.web.links import OFFICIAL, reference_url

TWEEDE_KAMER = "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id="


def _event(
    kind: str, day: dt.date | None, label: str, submitted: dt.date | None, note: str = ""
) -> dict[str, Any]:
    return {
        "kind": kind,
        "date": day.isoformat() if day else None,
        "label": label,
        "days": (day - submitted).days if day and submitted else None,
        "note": note,
    }


def case_timeline(status: CaseStatus, rule: Rule) -> list[dict[str, Any]]:
    """The dated events of the case as the page draws them, in order of date; a due date
    still to come is marked ``coming``."""
    case, as_of = status.case, status.as_of
    submitted = case.submitted
    if submitted is None:
        # No date of submission, so no due date: what was answered when, still.
        return [
            _event("answer", a.date, "Antwoord", None, ", ".join(a.ministries)) | {"coming": False}
            for a in sorted(case.answers, key=lambda a: a.date)
            if a.date <= as_of
        ]
    events = [_event("submitted", submitted, "Ingediend", submitted)]
    first_due = rule.due(submitted)
    events.append(
        _event(
            "due",
            first_due,
            "Oorspronkelijke termijn" if status.postponed else "Termijn",
            submitted,
            f"antwoord binnen {rule.answer_days} dagen",
        )
    )
    for notice in case.postponements:
        if notice is None or notice > as_of:
            continue
        if rule.notice_in_time(submitted, notice):
            note = f"nieuwe termijn {long_date(rule.postponed_due(submitted))}"
        else:
            note = "na de termijn verstuurd: de termijn blijft staan"
        events.append(_event("postponement", notice, "Uitstelbericht", submitted, note))
    if status.postponed:
        new_due = rule.postponed_due(submitted)
        events.append(
            _event(
                "due",
                new_due,
                "Nieuwe termijn",
                submitted,
                f"na uitstel, {rule.postponed_days} dagen",
            )
        )
    answers = sorted((a for a in case.answers if a.date <= as_of), key=lambda a: a.date)
    for number, answer in enumerate(answers):
        further = number > 0 and (answer.further or answer.date in status.further_answers)
        late = (answer.date - status.due).days if status.due else None
        note = ", ".join(answer.ministries)
        if late is not None and not further:
            timing = "op tijd" if late <= 0 else f"{late} dagen te laat"
            note = f"{timing}; {note}" if note else timing
        label = "Nader antwoord" if further else "Antwoord"
        events.append(_event("answer", answer.date, label, submitted, note))
    if status.status.is_open:
        late = status.days_late or 0
        note = f"nog open, {late} dagen te laat" if late > 0 else "nog open"
        events.append(_event("today", as_of, "Peildatum", submitted, note))
    if status.status.value == "withdrawn" and case.withdrawn:
        events.append(_event("withdrawn", case.withdrawn, "Ingetrokken", submitted))
    events.sort(key=lambda e: (e["date"] or "", e["kind"] == "today"))
    for event in events:
        event["coming"] = event["date"] is not None and event["date"] > as_of.isoformat()
    return events


def official_links(zaak: str | None, documents: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Where the case is published: the questions on officielebekendmakingen.nl (``kv-tk-``
    and the zaak number), the zaak on tweedekamer.nl, and each document's own id."""
    links: list[dict[str, str]] = []
    if zaak:
        links.append(
            {
                "label": f"Vragen {zaak} op officielebekendmakingen.nl",
                "url": f"{OFFICIAL}kv-tk-{quote(zaak)}",
            }
        )
        links.append({"label": f"Zaak {zaak} op tweedekamer.nl", "url": TWEEDE_KAMER + quote(zaak)})
    seen = {link["url"] for link in links}
    for document in documents:
        url = reference_url(document.get("official_id"))
        if url and url not in seen:
            seen.add(url)
            links.append(
                {"label": f"{document['official_id']} op officielebekendmakingen.nl", "url": url}
            )
    return links
