"""Cut the body into the heading block, questions and answers, and pair them up."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kamervragen.parsing.headings import Heading, match_heading
from kamervragen.parsing.pages import BodyLine


@dataclass
class Segment:
    """The lines under one heading ("Vraag 4 en 5", "Antwoord 2, 3 en 4")."""

    heading: Heading
    lines: list[BodyLine] = field(default_factory=list)


def cut_segments(body: list[BodyLine]) -> tuple[list[BodyLine], list[Segment]]:
    """Split the body at its headings: (the lines before the first heading, the segments)."""
    preamble: list[BodyLine] = []
    segments: list[Segment] = []
    for line in body:
        heading = match_heading(line.text)
        if heading is not None and (heading.numbers or segments):
            segments.append(Segment(heading))
            if heading.rest:
                segments[-1].lines.append(BodyLine(heading.rest, line.page))
            continue
        (segments[-1].lines if segments else preamble).append(line)
    return preamble, segments


_NUMBERED_ITEM = re.compile(r"^\s*(\d{1,2})[.)]\s+(\S.*)$")


def numbered_items(lines: list[BodyLine]) -> list[Segment] | None:
    """Questions printed as a numbered list ("1. Bent u …"), counting up from 1."""
    segments: list[Segment] = []
    for line in lines:
        m = _NUMBERED_ITEM.match(line.text)
        if m and int(m.group(1)) == len(segments) + 1:
            segments.append(Segment(Heading("vraag", [m.group(1)], "")))
            segments[-1].lines.append(BodyLine(m.group(2), line.page))
        elif segments:
            segments[-1].lines.append(line)
    return segments if len(segments) >= 1 else None


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
    for seg in segments:
        if seg.heading.kind == "vraag":
            pending.extend(n for n in seg.heading.numbers if n not in pending)
            continue
        numbers = list(seg.heading.numbers)
        if not numbers:
            numbers = list(pending)
        else:
            earlier = [n for n in pending if n not in numbers]
            if earlier and pending and pending[-1] in numbers:
                numbers = earlier + numbers
        out.append((numbers, seg))
        pending = []
    return out
