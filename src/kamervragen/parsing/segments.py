"""Cut the body into the heading block, questions and answers, and pair them up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kamervragen.parsing.pages import BodyLine
from kamervragen.text.headings import Heading, match_heading


@dataclass
class Segment:
    """The lines under one heading ("Vraag 4 en 5", "Antwoord 2, 3 en 4")."""

    heading: Heading
    lines: list[BodyLine] = field(default_factory=list)


# A question numbered without the word "Vraag": "1" on its own line, or "1. Bent u …".
# Word's "1)" too: alone on its line, before the text, or glued to it ("3)Kunt u").
_NUMBERED_QUESTION = re.compile(
    r"^\s*(\d{1,2}[a-z]?)(?:[.)]?\s*$|[.)]\s+(\S.*)$|\)(?=[A-Z])(\S.*)$)"
)


def cut_segments(body: list[BodyLine]) -> tuple[list[BodyLine], list[Segment]]:
    """Split the body at its headings: (the lines before the first heading, the segments).

    Where answers have headings but questions do not, a question starts at a line with
    the next question number ("1", "2." …), as ministries' Word versions print them.
    """
    headings = [match_heading(line.text) for line in body]
    preamble, segments = _cut(body, headings, numbered=False)
    has_answers = any(h is not None and h.kind == "antwoord" for h in headings)
    if has_answers and not any(s.heading.kind == "vraag" for s in segments):
        preamble, segments = _cut(body, headings, numbered=True)
    return preamble, segments


def numbered_questions(lines: list[BodyLine]) -> list[Segment]:
    """Questions printed as a numbered list ("1. Bent u …"), counting up from 1."""
    return _cut(lines, [match_heading(line.text) for line in lines], numbered=True)[1]


def _cut(
    body: list[BodyLine], headings: list[Heading | None], *, numbered: bool
) -> tuple[list[BodyLine], list[Segment]]:
    preamble: list[BodyLine] = []
    segments: list[Segment] = []
    expected = 1
    for line, heading in zip(body, headings, strict=True):
        if heading is None and numbered and (m := _NUMBERED_QUESTION.match(line.text)):
            digits = re.match(r"\d+", m.group(1))
            if digits and int(digits.group(0)) == expected:
                rest = (m.group(2) or m.group(3) or "").strip()
                heading = Heading("vraag", [m.group(1)], rest)
        if heading is not None and (heading.numbers or segments):
            if heading.kind == "vraag":
                last = re.match(r"\d+", heading.numbers[-1])
                expected = int(last.group(0)) + 1 if last else expected
            segments.append(Segment(heading))
            if heading.rest:
                segments[-1].lines.append(BodyLine(heading.rest, line.page, bold=line.bold))
            continue
        (segments[-1].lines if segments else preamble).append(line)
    return preamble, segments


def answers_without_headings(segments: list[Segment]) -> list[Segment]:
    """Answers printed straight after their question, without an "Antwoord" heading.

    Where the reader knows which lines are bold (Word), a question printed in bold and
    followed by plain paragraphs holds its answer: the plain paragraphs, as a reader
    sees them. Only for a question that no answer heading names and that no answer
    heading follows, whose lines are bold first and plain to the end of it.
    """
    named = {n for seg in segments if seg.heading.kind == "antwoord" for n in seg.heading.numbers}
    out: list[Segment] = []
    for i, seg in enumerate(segments):
        out.append(seg)
        if seg.heading.kind != "vraag" or any(n in named for n in seg.heading.numbers):
            continue
        if i + 1 < len(segments) and segments[i + 1].heading.kind != "vraag":
            continue  # an answer heading (or a notice) follows: the usual case
        split = _plain_after_bold(seg.lines)
        if split is None and named:
            split = _after_the_question(seg.lines)
        if split is not None:
            out[-1] = Segment(seg.heading, seg.lines[:split])
            answer = Heading("antwoord", list(seg.heading.numbers), "")
            out.append(Segment(answer, seg.lines[split:]))
    return out


_ASKS = re.compile(r"\?[\s\d)\]»”’'\"]*$")


def _after_the_question(lines: list[BodyLine]) -> int | None:
    """Where the answer starts in a question's lines that hold it too, for a reader that
    cannot tell bold (plain text) in a document whose other answers have headings: after
    the paragraph that asks last, if paragraphs that ask nothing follow it."""
    paras: list[tuple[int, str]] = []  # (first line, text) of each paragraph
    for k, line in enumerate(lines):
        if line.blank:
            continue
        if not paras or lines[k - 1].blank or line.para_start:
            paras.append((k, line.text))
        else:
            paras[-1] = (paras[-1][0], paras[-1][1] + " " + line.text)
    asking = [i for i, (_, text) in enumerate(paras) if _ASKS.search(text)]
    if not asking or asking[-1] == len(paras) - 1:
        return None
    if any(line.bold is not None for line in lines):
        return None  # the reader knew bold, and bold said no
    return paras[asking[-1] + 1][0]


def _plain_after_bold(lines: list[BodyLine]) -> int | None:
    """Where bold lines give way to plain ones for good, at a paragraph start."""
    text = [(k, line.bold) for k, line in enumerate(lines) if not line.blank]
    if not text or any(bold is None for _, bold in text):
        return None  # the reader does not know, or not for every line
    flags = [bold for _, bold in text]
    first_plain = flags.index(False) if False in flags else 0
    if first_plain == 0 or any(flags[first_plain:]):
        return None
    split = text[first_plain][0]
    return split if lines[split].para_start else None


# The member's note after the last question ("Toelichting: Deze vragen dienen ter
# aanvulling op eerdere vragen …"): it belongs to no question and no answer.
_NOTE = re.compile(r"^\s*Toelichting\s*:")


def is_member_note(text: str) -> bool:
    return _NOTE.match(text) is not None


def without_member_note(segments: list[Segment]) -> list[Segment]:
    """The segments with the last one cut before a "Toelichting:" line, if it holds one."""
    if not segments:
        return segments
    last = segments[-1]
    cut = next((i for i, b in enumerate(last.lines) if is_member_note(b.text)), None)
    if cut is None:
        return segments
    return [*segments[:-1], Segment(last.heading, last.lines[:cut])]


def paragraphs(lines: list[BodyLine]) -> list[list[BodyLine]]:
    """Lines grouped into paragraphs at blank lines."""
    out: list[list[BodyLine]] = []
    current: list[BodyLine] = []
    for line in lines:
        if line.blank:
            if current:
                out.append(current)
                current = []
        else:
            current.append(line)
    if current:
        out.append(current)
    return out


def group_answers(segments: list[Segment]) -> list[tuple[list[str], Segment]]:
    """Each answer with the questions it answers.

    A question without an answer of its own that is directly followed by another
    question is answered by the next answer (Vraag 3, Vraag 4, "Antwoord 4" → 3 and 4).
    """
    out: list[tuple[list[str], Segment]] = []
    pending: list[str] = []
    # A question that a later heading answers by name is not answered implicitly.
    named = {n for seg in segments if seg.heading.kind == "antwoord" for n in seg.heading.numbers}
    for seg in segments:
        if seg.heading.kind == "vraag":
            pending.extend(n for n in seg.heading.numbers if n not in pending)
            continue
        if seg.heading.kind != "antwoord":
            pending = []  # a notice ends the questions; it answers none of them
            continue
        numbers = list(seg.heading.numbers)
        if not numbers:
            numbers = list(pending)
        else:
            earlier = [n for n in pending if n not in numbers and n not in named]
            if earlier and pending and pending[-1] in numbers:
                numbers = earlier + numbers
        out.append((numbers, seg))
        pending = []
    return out
