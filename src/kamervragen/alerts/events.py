"""Events: what happened since the last run, derived from the store, each once.

An event is a fact with a key that says what it is about (``doc:ah-tk-20242025-559``,
``overdue:17:2024-11-05``, ``late:Financiën:2026-W50``), so deriving it again (a run
killed before its end, then run again) adds nothing: the events table refuses a key it
holds. A document counts once it is in ``alert_seen``; both are written in the same
transaction as the events and the outbox rows made of them (:func:`collect`).

Event types (schema version 1, ``docs/ALERTS.md``):

- ``case.questions`` a new set of questions; ``case.postponed`` a postponement notice;
  ``case.answered`` an answer (a part of the set); ``case.further_answer`` a nader
  antwoord; ``case.overdue`` the set passed its due date unanswered;
- ``search.match`` a new question–answer pair that a saved search finds;
- ``commitment.new`` a commitment in a new answer; ``commitment.overdue`` its date passed;
- ``late_list`` a ministry's overdue sets, once a week.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from kamervragen.alerts.subscriptions import Subscription, now_text, start_following
from kamervragen.commitments import extract_commitments
from kamervragen.dates import iso
from kamervragen.deadlines import (
    CaseStatus,
    Rule,
    Status,
    assess_all,
    case_timelines,
    late_list,
    load_rule,
)
from kamervragen.record import record_from_dict
from kamervragen.search import search
from kamervragen.storage import Store
from kamervragen.storage import alerts as sql
from kamervragen.text.analysis import fold

SCHEMA = "kamervragen.alert.v1"
LOCAL = ZoneInfo("Europe/Amsterdam")
# Which events reach which kinds of subscription.
CASE_EVENTS = {"case.postponed", "case.answered", "case.further_answer", "case.overdue"}
GROUP_EVENTS = {"case.questions", "case.answered", "case.further_answer", "case.overdue"}
# A saved search looks at this many new matches a run at most.
SEARCH_LIMIT = 1000
# The week's late list is made from this hour on Monday (local time).
LATE_LIST_HOUR = 7

# An answer's text in an event is cut here: a long answer is read on the website.
ANSWER_CHARS = 2000

NewEvent = tuple[str, str, str | None, dict[str, Any]]  # key, type, due, payload


@dataclass(frozen=True)
class Collected:
    """What one :func:`collect` did."""

    documents: int  # documents seen for the first time
    events: int  # new events
    queued: int  # (subscription, event) pairs put in the outbox
    started: bool = False  # the store's first alerts: what it held counts as seen


def case_path(case_id: int | str, zaak: str | None) -> str:
    """The case's page on the website (as the web's links give it)."""
    return "/zaak/" + quote(zaak or str(case_id), safe="")


def case_payload(status: CaseStatus) -> dict[str, Any]:
    data = status.to_dict()
    return {
        "id": int(status.case.key) if status.case.key.isdigit() else status.case.key,
        "zaak": data["zaak"],
        "subject": data["subject"],
        "askers": data["askers"],
        "ministries": data["ministries"],
        "submitted": data["submitted"],
        "status": data["status"],
        "due": data["due"],
        "answered": data["answered"],
        "days_late": data["days_late"],
        "path": case_path(status.case.key, status.case.zaak),
    }


def event_keys(kind: str, payload: dict[str, Any]) -> set[tuple[str, str]]:
    """The (subscription kind, match key) pairs an event reaches."""
    keys: set[tuple[str, str]] = set()
    case = payload.get("case") or {}
    if kind in CASE_EVENTS and case:
        keys.add(("case", str(case.get("zaak") or case.get("id"))))
        keys.add(("case", str(case.get("id"))))
    if kind in GROUP_EVENTS and case:
        for asker in case.get("askers") or []:
            keys.add(("member", fold(asker["name"])))
            if asker.get("party"):
                keys.add(("party", fold(asker["party"])))
        keys.update(("ministry", fold(m)) for m in case.get("ministries") or [])
    if kind.startswith("commitment.") and case:
        keys.update(("commitments", fold(m)) for m in case.get("ministries") or [])
    if kind == "late_list":
        keys.add(("late", fold(payload["ministry"])))
    if kind == "search.match":
        keys.add(("search", payload["search"]["key"]))
    return keys


def _document_events(
    docs: list[Any], by_case: dict[int, CaseStatus]
) -> tuple[list[NewEvent], dict[int, dict[str, Any]]]:
    """The events of new documents; and each document's (id, key) for a search's hits."""
    events: list[NewEvent] = []
    seen: dict[int, dict[str, Any]] = {}
    for doc_id, official_id, content_hash, kind, case_id, received, record_json in docs:
        status = by_case.get(int(case_id)) if case_id is not None else None
        if status is None:
            continue  # a document without a case (or of a case not yet submitted)
        key = official_id or content_hash
        document = {"id": official_id or int(doc_id), "kind": kind, "received": iso(received)}
        seen[int(doc_id)] = {"key": key, "document": document, "case": int(case_id)}
        day = iso(received)
        if kind == "questions":
            kind_of_event = "case.questions"
        elif kind == "postponement":
            kind_of_event = "case.postponed"
        elif day and day in {d.isoformat() for d in status.further_answers}:
            kind_of_event = "case.further_answer"
        else:
            kind_of_event = "case.answered"
        payload = {"case": case_payload(status), "document": document}
        events.append((f"doc:{key}", kind_of_event, None, payload))
        if kind == "answer":
            record = record_from_dict(json.loads(record_json))
            for n, commitment in enumerate(extract_commitments(record)):
                events.append(
                    (
                        f"commitment:{key}:{n}",
                        "commitment.new",
                        commitment.due,
                        {**payload, "commitment": commitment.to_dict()},
                    )
                )
    return events, seen


def _overdue_events(statuses: Iterable[CaseStatus], since: dt.date) -> list[NewEvent]:
    """Sets that passed their due date unanswered after ``since`` (on ``since`` or later:
    a set is overdue the day after its due date)."""
    return [
        (f"overdue:{s.case.key}:{s.due}", "case.overdue", None, {"case": case_payload(s)})
        for s in statuses
        if s.status is Status.OPEN_OVERDUE and s.due is not None and s.due >= since
    ]


def _commitment_overdue(store: Store, since: dt.date, today: dt.date) -> list[NewEvent]:
    return [
        (f"overdue:{e.key}", "commitment.overdue", None, e.payload)
        for e in sql.events_due(store, "commitment.new", since.isoformat(), today.isoformat())
    ]


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def late_week(now: dt.datetime) -> str | None:
    """The ISO week whose late list is due at ``now``: from Monday 07:00 local time."""
    local = now.astimezone(LOCAL)
    year, week, weekday = local.isocalendar()
    if weekday == 1 and local.hour < LATE_LIST_HOUR:
        return None  # the Monday list is not made before the working day starts
    return f"{year}-W{week:02d}"


def _late_events(
    store: Store, subscribers: list[Subscription], statuses: list[CaseStatus], now: dt.datetime
) -> list[NewEvent]:
    week = late_week(now)
    if week is None:
        return []
    late = late_list(statuses)
    events: list[NewEvent] = []
    for ministry in sorted({s.target for s in subscribers if s.kind == "late"}):
        key = f"late:{fold(ministry)}:{week}"
        if sql.event_exists(store, key):
            continue
        mine = [
            e
            for e in late
            if fold(ministry) in {fold(m) for m in e.status.to_dict()["ministries"]}  # type: ignore[union-attr]
        ]
        cases = [{**case_payload(e.status), "new_this_week": e.new_this_week} for e in mine]
        payload = {
            "ministry": ministry,
            "week": week,
            "as_of": statuses_day(statuses),
            "cases": cases,
        }
        events.append((key, "late_list", None, payload))
    return events


def statuses_day(statuses: list[CaseStatus]) -> str | None:
    return statuses[0].as_of.isoformat() if statuses else None


def _search_events(
    store: Store,
    subscribers: list[Subscription],
    seen: dict[int, dict[str, Any]],
    by_case: dict[int, CaseStatus],
    statuses: list[CaseStatus],
) -> list[NewEvent]:
    """New pairs found by each saved search: one search per distinct query and filters,
    only over the cases of the new documents."""
    if not seen:
        return []
    cases = {doc["case"] for doc in seen.values()}
    new_docs = {doc["document"]["id"]: doc for doc in seen.values()}
    searches: dict[str, Subscription] = {}
    for s in subscribers:
        if s.kind == "search":
            searches.setdefault(s.match_key()[1], s)
    events: list[NewEvent] = []
    for key, s in searches.items():
        wanted = s.search_filters()
        kept = cases if wanted.cases is None else cases & set(wanted.cases)
        found = search(
            store,
            s.target,
            replace(wanted, cases=kept),
            limit=SEARCH_LIMIT,
            facets=False,
            statuses=statuses,
            snippets=False,
        )
        for hit in found.hits:
            doc = new_docs.get(hit.document)
            if doc is None or hit.case is None or hit.case not in by_case:
                continue
            payload = {
                "search": {"key": key, "query": s.target, "filters": s.filters},
                "pair": {
                    "document": hit.document,
                    "question": hit.question,
                    "question_text": hit.question_text,
                    "answer_text": _cut(hit.answer_text, ANSWER_CHARS),
                },
                "case": case_payload(by_case[hit.case]),
                "document": doc["document"],
            }
            event_key = f"search:{key}:{doc['key']}:{hit.question}"
            events.append((event_key, "search.match", None, payload))
    return events


def collect(store: Store, now: dt.datetime | None = None, rule: Rule | None = None) -> Collected:
    """Derive the events of what changed since the last run and put them in the outbox of
    every subscription they reach, all in one transaction."""
    now = now or dt.datetime.now(dt.UTC)
    today = now.astimezone(LOCAL).date()
    with store.transaction():
        sql.lock(store)
        if sql.state(store, "started") is None:
            start_following(store, now)
            sql.set_state(store, "last_day", today.isoformat())
            return Collected(0, 0, 0, started=True)
        last_day = dt.date.fromisoformat(sql.state(store, "last_day") or today.isoformat())
        active = [Subscription.from_row(r) for r in sql.subscriptions(store, active=True)]
        docs = sql.unseen_documents(store)
        statuses = assess_all(case_timelines(store), rule or load_rule(), today)
        by_case = {int(s.case.key): s for s in statuses if s.case.key.isdigit()}
        events, seen = _document_events(docs, by_case)
        events += _overdue_events(statuses, last_day)
        events += _commitment_overdue(store, last_day, today)
        events += _late_events(store, active, statuses, now)
        events += _search_events(store, active, seen, by_case, statuses)
        stored = sql.insert_events(store, events, now_text(now))
        sql.mark_seen(store, [str(d[2]) for d in docs])
        sql.set_state(store, "last_day", max(today, last_day).isoformat())
        queued = match(store, stored, active)
    return Collected(len(docs), len(stored), queued)


def match(store: Store, events: list[sql.EventRow], active: list[Subscription]) -> int:
    """Put each event in the outbox of every active subscription it reaches that existed
    (confirmed) before it."""
    reached: dict[tuple[str, str], list[Subscription]] = defaultdict(list)
    for s in active:
        reached[s.match_key()].append(s)
    rows = []
    for event in events:
        for key in event_keys(event.kind, event.payload):
            rows += [(s.id, event.id) for s in reached.get(key, ()) if s.after_event < event.id]
    rows = sorted(set(rows))
    sql.add_to_outbox(store, rows)
    return len(rows)
