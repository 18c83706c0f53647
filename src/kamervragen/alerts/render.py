"""An alert as a reader sees it: its subject line, plain text and simple HTML (Dutch)."""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any

from kamervragen.alerts.subscriptions import DELIVERY_LABELS, Subscription

if TYPE_CHECKING:
    from kamervragen.alerts.outbox import Message
    from kamervragen.storage.alerts import EventRow

SHORT = 400  # characters of a question or answer shown

TITLES = {
    "case.questions": "Nieuwe vragen",
    "case.postponed": "Uitstel gemeld",
    "case.answered": "Beantwoord",
    "case.further_answer": "Nader antwoord",
    "case.overdue": "Termijn verstreken",
    "search.match": "Nieuw gevonden",
    "commitment.new": "Nieuwe toezegging",
    "commitment.overdue": "Datum toezegging verstreken",
    "late_list": "Te-laatlijst",
}

# The site's colours (web/static/style.css), inline: mail programs drop style sheets.
_STYLE = "font-family:system-ui,sans-serif;color:#1b1b1b;max-width:40em;line-height:1.45"
_LINK = "color:#154273"
_MUTED = "color:#5c5c5c;font-size:0.9em"


def _short(text: str | None, size: int = SHORT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _askers(case: dict[str, Any]) -> str:
    people = [
        f"{a['name']} ({a['party']})" if a.get("party") else a["name"]
        for a in case.get("askers") or []
    ]
    return ", ".join(people) or "onbekend"


def headline(event: EventRow) -> str:
    """One line: what happened, to what."""
    p = event.payload
    title = TITLES.get(event.kind, event.kind)
    if event.kind == "late_list":
        return f"{title} {p['ministry']}, week {p['week']}: {len(p['cases'])} te laat"
    case = p.get("case") or {}
    subject = _short(case.get("subject") or "Kamervragen", 120)
    return f"{title}: {subject}"


def details(event: EventRow) -> list[str]:
    """The lines under the headline (plain text)."""
    p = event.payload
    case = p.get("case") or {}
    lines: list[str] = []
    if event.kind == "late_list":
        for c in p["cases"]:
            new = " (nieuw deze week)" if c.get("new_this_week") else ""
            lines.append(
                f"- {c.get('zaak') or c['id']}: {_short(c.get('subject'), 120)},"
                f" {c.get('days_late')} dagen te laat{new}"
            )
        return lines or ["Geen vragen te laat."]
    if case:
        lines.append(
            f"Zaak {case.get('zaak') or case.get('id')}, gesteld door {_askers(case)}"
            f" op {case.get('submitted') or 'onbekende datum'}"
        )
    document = p.get("document") or {}
    if event.kind in ("case.answered", "case.further_answer") and document:
        lines.append(f"Antwoord ontvangen op {document.get('received') or 'onbekende datum'}.")
    if event.kind == "case.postponed":
        lines.append(f"Nieuwe uiterste datum: {case.get('due') or 'onbekend'}.")
    if event.kind == "case.overdue":
        lines.append(f"Had uiterlijk {case.get('due')} beantwoord moeten zijn.")
    if event.kind == "search.match":
        pair = p["pair"]
        lines.append(f'Zoekvraag "{p["search"]["query"]}", vraag {pair["question"]}:')
        lines.append(_short(pair["question_text"]))
        if pair.get("answer_text"):
            lines.append("Antwoord: " + _short(pair["answer_text"]))
    if event.kind.startswith("commitment."):
        c = p["commitment"]
        lines.append(_short(c["text"]))
        lines.append(f"Uiterlijk: {c.get('due') or c.get('due_text') or 'niet genoemd'}.")
    return lines


def _case_url(message: Message, event: EventRow) -> str | None:
    case = event.payload.get("case")
    return message.link(case["path"]) if isinstance(case, dict) and case.get("path") else None


def subject(message: Message) -> str:
    if message.digest or len(message.events) > 1:
        s = message.subscription
        label = DELIVERY_LABELS.get(s.delivery, "")
        return f"Kamervragen ({label}): {len(message.events)} nieuw bij {s.describe()}"
    return "Kamervragen: " + headline(message.events[0])


def _footer_text(message: Message) -> str:
    return (
        f"U ontvangt dit bericht omdat u {message.subscription.describe()} volgt.\n"
        f"Uw meldingen beheren: {message.manage_url}\n"
        f"Afmelden met één klik: {message.unsubscribe_url}\n"
    )


def _cached(kind: str, message: Message, event: EventRow, make: Any) -> str:
    """What an event looks like is the same in every message of a run that holds it (a
    party's followers all get its new sets): made once, kept in the run's cache."""
    key = (kind, event.id)
    found = message.cache.get(key)
    if found is None:
        found = message.cache[key] = make(message, event)
    return str(found)


def _text_block(message: Message, event: EventRow) -> str:
    block = [headline(event), *details(event)]
    url = _case_url(message, event)
    if url:
        block.append(url)
    return "\n".join(block)


def _html_block(message: Message, event: EventRow) -> str:
    url = _case_url(message, event)
    title = escape(headline(event))
    if url:
        title = f'<a href="{escape(url)}" style="{_LINK}">{title}</a>'
    lines = "".join(f'<p style="margin:0.3em 0">{escape(line)}</p>' for line in details(event))
    return f'<h2 style="font-size:1.1em;margin:1.2em 0 0.3em">{title}</h2>{lines}'


def text(message: Message) -> str:
    parts = [_cached("text", message, e, _text_block) for e in message.events]
    return "\n\n".join(parts) + "\n\n-- \n" + _footer_text(message)


def html(message: Message) -> str:
    blocks = [_cached("html", message, e, _html_block) for e in message.events]
    s = message.subscription
    footer = (
        f'<p style="{_MUTED}">U ontvangt dit bericht omdat u {escape(s.describe())} volgt.'
        f' <a href="{escape(message.manage_url)}" style="{_LINK}">Meldingen beheren</a> ·'
        f' <a href="{escape(message.unsubscribe_url)}" style="{_LINK}">Afmelden</a></p>'
    )
    return (
        f'<!doctype html><html lang="nl"><body style="{_STYLE}">'
        f"{''.join(blocks)}<hr>{footer}</body></html>"
    )


def event_json(message: Message, event: EventRow) -> str:
    """The event as the webhook's JSON has it (``docs/ALERTS.md``), serialised once."""
    return _cached("json", message, event, _event_json)


def _event_json(message: Message, event: EventRow) -> str:
    return json.dumps(message.event_dict(event), ensure_ascii=False)


def confirmation_text(subscription: Subscription, link: str) -> str:
    return (
        f"Iemand, hopelijk u, wil met dit adres {subscription.describe()} volgen"
        f" ({DELIVERY_LABELS[subscription.delivery]}).\n\n"
        f"Bevestig met deze link:\n{link}\n\n"
        "Was u dit niet? Dan hoeft u niets te doen: zonder bevestiging sturen wij niets.\n"
    )


def confirmation_html(subscription: Subscription, link: str) -> str:
    return (
        f'<!doctype html><html lang="nl"><body style="{_STYLE}">'
        f"<p>Iemand, hopelijk u, wil met dit adres {escape(subscription.describe())} volgen"
        f" ({escape(DELIVERY_LABELS[subscription.delivery])}).</p>"
        f'<p><a href="{escape(link)}" style="{_LINK}">Bevestig dat u dit wilt volgen</a></p>'
        f'<p style="{_MUTED}">Was u dit niet? Dan hoeft u niets te doen: zonder bevestiging'
        " sturen wij niets.</p></body></html>"
    )
