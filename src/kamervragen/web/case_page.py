"""A case as the case page shows it: question beside answer, each grouped answer once."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any

from kamervragen.deadlines import CaseStatus
from kamervragen.parsing.quality import reasons
from kamervragen.storage import Store
from kamervragen.web.links import anchor, case_path, reference_url

KIND_ORDER = {"answer": 0, "questions": 1, "postponement": 2}


def _latest_text(documents: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The document whose questions and answers the case shows: the latest answer, else
    the questions (as :meth:`Store.pairs` does); a postponement notice only if alone."""
    ranked = sorted(
        documents,
        key=lambda d: (KIND_ORDER.get(d["kind"], 3), -(d["received_ord"]), -d["document"]),
    )
    return ranked[0] if ranked else None


def _pairs(record: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The questions with their answers, and any answers to no known question."""
    numbers = [q["number"] for q in record.get("questions") or []]
    answer_of: dict[str, dict[str, Any]] = {}
    unlinked = []
    for answer in record.get("answers") or []:
        covered = [n for n in answer.get("questions") or [] if n in numbers]
        if not covered:
            unlinked.append({"text": answer["text"], "questions": answer.get("questions") or []})
        for number in covered:
            answer_of.setdefault(number, answer)
    pairs = []
    shown: set[int] = set()
    used: set[str] = set()
    for question in record.get("questions") or []:
        number = question["number"]
        question_anchor = anchor("vraag", number)
        while question_anchor in used:
            question_anchor += "-b"
        used.add(question_anchor)
        answer = answer_of.get(number)
        pair: dict[str, Any] = {
            "number": number,
            "anchor": question_anchor,
            "question": question["text"],
            "answer": None,
        }
        if answer is not None:
            together = [n for n in answer["questions"] if n in numbers]
            first_time = id(answer) not in shown
            shown.add(id(answer))
            pair["answer"] = {
                "anchor": anchor("antwoord", "-".join(together)),
                "questions": together,
                "grouped": len(together) > 1,
                "shown_here": first_time,
                "text": answer["text"],
            }
        pairs.append(pair)
    return pairs, unlinked


def answer_blocks(pairs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pairs as the page lays them out: the questions one answer covers together, then
    (beside them on a desk, below them on a phone) that answer once. A grouped answer to
    questions that do not follow each other keeps a link from the later ones."""
    blocks: list[dict[str, Any]] = []
    for pair in pairs:
        answer = pair["answer"]
        last = blocks[-1] if blocks else None
        if (
            answer is not None
            and not answer["shown_here"]
            and last is not None
            and last["answer"] is not None
            and last["answer"]["anchor"] == answer["anchor"]
        ):
            last["questions"].append(pair)
            continue
        blocks.append({"questions": [pair], "answer": answer})
    return blocks


def case_title(view: dict[str, Any]) -> str:
    """The case's subject, or when the documents state none, what it is about in the words
    of its first question (cut at a word), so that no two cases are just "Kamervragen"."""
    if view.get("subject"):
        return str(view["subject"])
    first = next((p["question"] for p in view.get("pairs") or [] if p.get("question")), "")
    words = " ".join(first.split())
    if len(words) > 90:
        words = words[:90].rsplit(" ", 1)[0] + " …"
    name = f"Kamervragen {view.get('zaak') or view.get('case')}"
    return f"{name}: {words}" if words else name


def _document(store: Store, summary: dict[str, Any]) -> dict[str, Any]:
    found = store.document(str(summary["document"]))
    record = found["record"] if found else {}
    received = summary.get("received") or ""
    official = summary.get("official_id")
    return {
        "document": summary["document"],
        "official_id": official,
        "url": reference_url(official),
        "kind": summary["kind"],
        "submitted": summary.get("submitted"),
        "received": summary.get("received"),
        "received_ord": dt.date.fromisoformat(received).toordinal() if received else 0,
        "file": PurePath(summary.get("source") or "").name,
        "source_format": found["source_format"] if found else None,
        "record": record,
    }


def case_view(store: Store, ref: str, status: CaseStatus | None = None) -> dict[str, Any] | None:
    """Everything the case page shows, as plain data (its JSON twin)."""
    case = store.case(ref)
    if case is None:
        return None
    documents = [_document(store, d) for d in case["documents"]]
    main = _latest_text(documents)
    record = main["record"] if main else {}
    pairs, unlinked = _pairs(record)
    references = [
        {**r, "url": reference_url(r.get("target"))} for r in record.get("references") or []
    ]
    ministries = sorted(status.case.asked) if status else []
    return {
        "case": case["case"],
        "zaak": case["zaak"],
        "path": case_path(case["case"], case["zaak"]),
        "subject": case["subject"],
        "submitted": case["submitted"],
        "askers": record.get("askers") or [],
        "addressees": record.get("addressees") or [],
        "answered_by": record.get("answered_by") or [],
        "ministries": ministries,
        "status": status.to_dict() if status else None,
        "shown_document": main["document"] if main else None,
        "pairs": pairs,
        "unlinked_answers": unlinked,
        "footnotes": record.get("footnotes") or [],
        # The checks the shown document failed, and why, in Dutch.
        "quality": record.get("quality") or [],
        "quality_reasons": reasons(record.get("quality") or []),
        "references": references,
        "documents": [
            {k: v for k, v in d.items() if k not in ("record", "received_ord")} for d in documents
        ],
    }
