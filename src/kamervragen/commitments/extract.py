"""A record's commitments: every answer sentence that promises a future act."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from kamervragen.commitments.due import Due, find_dues, may_have_a_date
from kamervragen.commitments.rules import (
    Trigger,
    Words,
    clauses,
    find_trigger,
    hedged,
    may_promise,
    needed_words,
)
from kamervragen.commitments.sentences import line_spans
from kamervragen.record import Record


@dataclass(frozen=True)
class Commitment:
    """One promise (toezegging) as the commitments contract gives it."""

    questions: list[str]
    text: str
    due_text: str | None
    due: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def answer_date(record: Record) -> str | None:
    """The date the answer's time words are resolved against: received, else submitted."""
    return record.received or record.submitted


def _due_of(dues: list[Due], sentence: str, trigger: Trigger) -> Due | None:
    """The time words of the promise: those of its own clause, else the first of the
    sentence outside clauses that are hedged (another party's expected work)."""
    own = [d for d in dues if trigger.start <= d.start < trigger.end]
    if own:
        return own[0]
    open_clauses = [(s, e) for s, e in clauses(sentence) if not hedged(sentence[s:e])]
    for due in dues:
        if any(s <= due.start < e for s, e in open_clauses):
            return due
    return None


def sentence_commitment(
    sentence: str, questions: list[str], reference: str | None, words: Words | None = None
) -> Commitment | None:
    """The commitment ``sentence`` makes, or None (``words``: its needed words, if known)."""
    dues: list[Due] | None = None

    def time_words() -> list[Due]:
        nonlocal dues
        if dues is None:  # found once, and only for a sentence that may be a promise
            dues = find_dues(sentence, reference)
        return dues

    def to_come() -> list[tuple[int, int]]:
        if not may_have_a_date(sentence):
            return []
        return [
            (d.start, d.end) for d in time_words() if d.date and reference and d.date >= reference
        ]

    trigger = find_trigger(sentence, to_come, words)
    if trigger is None:
        return None
    due = _due_of(time_words(), sentence, trigger)
    return Commitment(
        questions=list(questions),
        text=sentence,
        due_text=due.text if due else None,
        due=due.date if due else None,
    )


def answer_commitments(record: Record) -> list[tuple[int, Commitment]]:
    """The commitments of ``record`` with the position of the answer each stands in."""
    reference = answer_date(record)
    found = []
    for position, answer in enumerate(record.answers):
        # Most lines hold no word a promise needs: they are not cut into sentences at all
        # (a sentence never runs over a line break).
        for line in answer.text.splitlines():
            in_line = needed_words(line)
            if not may_promise(in_line):
                continue
            for start, end in line_spans(line):
                sentence = line[start:end]
                words = needed_words(sentence, in_line)
                if not may_promise(words):
                    continue
                commitment = sentence_commitment(sentence, answer.questions, reference, words)
                if commitment is not None:
                    found.append((position, commitment))
    return found


def extract_commitments(record: Record) -> list[Commitment]:
    """The commitments in the answers of ``record``, in the order of the text."""
    return [commitment for _, commitment in answer_commitments(record)]
