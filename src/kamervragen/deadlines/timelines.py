"""Case timelines from the store: each case's documents, their kinds and dates.

The rows are read by :mod:`kamervragen.storage.case_rows`; the timeline model is
:mod:`kamervragen.deadlines.model`.

The dates come from the stored records: a set's ``submitted`` (the earliest its documents
give), a postponement notice's ``received`` (the "ontvangen" date of the Mededeling; a
notice that states none gives an undated notice) and an answer's ``received`` (the date it
was received, or the ministry letter's date). The answering offices and the co-signers are
mapped to their ministries by :mod:`kamervragen.deadlines.ministries` on the answer's day.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from kamervragen.dates import as_date
from kamervragen.deadlines.ministries import Ministries, load_ministries
from kamervragen.deadlines.model import AnswerEvent, CaseTimeline, Member
from kamervragen.storage import Store, case_rows

UNMAPPED = " (not in ministries.csv)"


def office_ministry(ministries: Ministries, office: str, on: dt.date | None) -> str:
    """The canonical ministry of an office, or the office itself, marked, if unknown."""
    return ministries.ministry(office, on) or office + UNMAPPED


def _answer(record: dict[str, Any], day: dt.date, ministries: Ministries) -> AnswerEvent:
    offices = [a.get("portfolio") or a.get("role") or "" for a in record.get("answered_by") or []]
    offices += record.get("co_signers") or []
    found: list[str] = []
    for office in offices:
        if office:
            ministry = office_ministry(ministries, office, day)
            if ministry not in found:
                found.append(ministry)
    ministers = tuple(
        f"{a.get('role') or ''} {a.get('name') or ''}".strip()
        for a in record.get("answered_by") or []
    )
    return AnswerEvent(day, tuple(found), ministers)


def case_timelines(store: Store, ministries: Ministries | None = None) -> list[CaseTimeline]:
    """Every stored case as a timeline, in case order."""
    ministries = ministries or load_ministries()
    cases = {int(r[0]): (r[1], r[2]) for r in case_rows.cases(store)}
    docs: dict[int, list[tuple[str, Any, Any, dict[str, Any]]]] = defaultdict(list)
    for case_id, kind, submitted, received, record in case_rows.case_documents(store):
        docs[int(case_id)].append((kind, submitted, received, json.loads(record)))
    timelines = []
    for case_id, (zaak, subject) in cases.items():
        timelines.append(_timeline(str(case_id), zaak, subject, docs.get(case_id, []), ministries))
    return timelines


def _timeline(
    key: str,
    zaak: str | None,
    subject: str | None,
    docs: list[tuple[str, Any, Any, dict[str, Any]]],
    ministries: Ministries,
) -> CaseTimeline:
    submitted = min((d for d in (as_date(s) for _, s, _, _ in docs) if d), default=None)
    # The questions document names the askers and addressees best; any other will do.
    ordered = sorted(docs, key=lambda d: {"questions": 0, "answer": 1}.get(d[0], 2))
    record = next((d[3] for d in ordered if d[3].get("askers")), ordered[0][3] if docs else {})
    askers = tuple(Member(a["name"], a.get("party")) for a in record.get("askers") or [])
    asked: list[str] = []
    for office in record.get("addressees") or []:
        ministry = office_ministry(ministries, office, submitted)
        if ministry not in asked:
            asked.append(ministry)
    notices: list[dt.date | None] = []
    answers: list[AnswerEvent] = []
    undated = False
    for kind, _, received, rec in docs:
        day = as_date(received)
        if kind == "postponement":
            notices.append(day)
        elif kind == "answer" and day is None:
            undated = True
        elif kind == "answer" and day is not None:
            answers.append(_answer(rec, day, ministries))
    return CaseTimeline(
        key=key,
        submitted=submitted,
        postponements=tuple(notices),
        answers=tuple(sorted(answers, key=lambda a: a.date)),
        zaak=zaak,
        subject=subject,
        askers=askers,
        asked=tuple(asked),
        undated_answer=undated,
    )
