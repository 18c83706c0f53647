"""The parser: extract → pages → footnotes out → segments → record."""

from __future__ import annotations

import dataclasses
import re
import statistics
from collections.abc import Container

from kamervragen.errors import ParseError
from kamervragen.parsing.footnotes import (
    footnote_text,
    remove_markers,
    split_footnotes,
    unnumbered_notes,
)
from kamervragen.parsing.header import Header, parse_header
from kamervragen.parsing.letters import cut_letter_tail
from kamervragen.parsing.pages import BodyLine, to_pages
from kamervragen.parsing.quality import assess
from kamervragen.parsing.references import find_references
from kamervragen.parsing.segments import (
    Segment,
    answers_without_headings,
    cut_segments,
    group_answers,
    is_member_note,
    numbered_questions,
    paragraphs,
    without_member_note,
)
from kamervragen.parsing.text import join_broken_hyphens, join_lines
from kamervragen.readers import Extract, check_text_size
from kamervragen.record import Answer, Footnote, Question, Record
from kamervragen.text.furniture import OFFICIAL_ID, SESSION, ZAAK
from kamervragen.text.headings import Heading, match_heading
from kamervragen.text.normalize import CONTROL

_WORD = re.compile(r"[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*")
_SESSION_IN_ID = re.compile(r"ah-(?:tk|ek)-(\d{4})(\d{4})-")
_HEADER_END = re.compile(r"\(ingezonden[^)]*\)\.?\s*$|\(ontvangen[^)]*\)\.?\s*$")


def _usual_width(body: list[BodyLine]) -> int:
    lengths = [len(b.text.rstrip()) for b in body if len(b.text.strip()) > 20]
    if len(lengths) < 5:
        return 0
    width = int(statistics.quantiles(lengths, n=10)[7])  # the 80th percentile
    return width if 40 <= width <= 110 else 0


class _Vocabulary:
    """The document's own words, collected only when a hyphen needs judging."""

    def __init__(self, body: list[BodyLine]) -> None:
        self._body = body
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = {w.lower() for b in self._body for w in _WORD.findall(b.text)}
        return word in self._words


def _text(
    lines: list[BodyLine], width: int, vocabulary: Container[str], hyphens: bool = True
) -> str:
    text = join_lines(
        [b.text for b in lines], wide=width, para_starts=[b.para_start for b in lines]
    )
    return join_broken_hyphens(text, vocabulary) if hyphens else text


def _split_header(preamble: list[BodyLine]) -> tuple[list[BodyLine], list[BodyLine]]:
    """For documents without headings: the heading paragraph, and the body after it."""
    start = next((i for i, b in enumerate(preamble) if re.search(r"[Vv]ragen van", b.text)), None)
    if start is None:
        return preamble, []
    for i in range(start, len(preamble)):
        if preamble[i].blank:
            return preamble[:i], preamble[i:]
        if _HEADER_END.search(preamble[i].text):
            return preamble[: i + 1], preamble[i + 1 :]
    return preamble, []


def parse_extract(extract: Extract) -> Record:
    """Parse what a reader extracted into the record of the parse contract."""
    check_text_size(sum(len(line.text) for line in extract.lines), len(extract.lines))
    all_text = "\n".join(line.text for line in extract.lines)
    if CONTROL.search(all_text):
        extract = _without_controls(extract)
        all_text = "\n".join(line.text for line in extract.lines)
    pages, furniture = to_pages(extract)
    if not pages:
        raise ParseError("no text in the document")
    letter = False
    if not extract.structured:
        pages, letter = cut_letter_tail(pages)
    body, found_notes = split_footnotes(
        pages, by_role_only=extract.structured, marked_apart=not extract.markers
    )
    if letter and not found_notes:
        body, found_notes = unnumbered_notes(body)
    # Markers out: of every note, or where the reader took its own out, of typed ones.
    typed = [n for n in found_notes if not (n.marked and not extract.markers)]
    unmarked = remove_markers(body, len(typed))
    body = _without_displaced_answer_line(body)
    preamble, segments = cut_segments(body)
    segments = answers_without_headings(without_member_note(segments))

    question_segments = [s for s in segments if s.heading.kind == "vraag"]
    header_lines, after_header = preamble, []
    if not question_segments:
        header_lines, after_header = _split_header(preamble)
    header: Header = parse_header("\n".join(b.text for b in header_lines), all_text)

    if not question_segments and after_header and not segments:
        segments = without_member_note(numbered_questions(after_header))
        if not segments and header.kind != "postponement":
            # Unnumbered questions, one per paragraph: number them 1, 2, … in order.
            own = paragraphs(after_header)
            note = next((k for k, p in enumerate(own) if is_member_note(p[0].text)), len(own))
            segments = [
                Segment(heading=Heading("vraag", [str(k + 1)], ""), lines=para)
                for k, para in enumerate(p for p in own[:note] if _is_question(p))
            ]
        question_segments = [s for s in segments if s.heading.kind == "vraag"]

    if not segments and not header.askers and not header.answered_by:
        raise ParseError("not a Kamervragen document: no questions, answers or heading found")

    width = 0 if extract.paragraphs else _usual_width(body)
    vocabulary = _Vocabulary(body)
    hyphens = not extract.structured  # only printed lines break words
    record = Record(kind="questions")
    for seg in question_segments:
        text = _text(seg.lines, width, vocabulary, hyphens)
        for number in seg.heading.numbers:
            record.questions.append(Question(number=number, text=text))
    for numbers, seg in group_answers(segments):
        text = _text(seg.lines, width, vocabulary, hyphens)
        record.answers.append(Answer(questions=numbers, text=text))
    record.footnotes = [Footnote(number=str(n.number), text=footnote_text(n)) for n in found_notes]

    if header.kind == "postponement":
        record.kind = "postponement"
    elif record.answers or header.kind == "answer":
        record.kind = "answer"
    record.askers = header.askers
    record.addressees = header.addressees
    record.subject = header.subject
    record.submitted = header.submitted
    record.received = header.received if record.kind != "questions" else None
    record.answered_by = header.answered_by if record.kind != "questions" else []
    record.co_signers = header.co_signers if record.kind != "questions" else []
    record.id = furniture.official_id
    record.session_year = furniture.session_year
    record.zaak = furniture.zaak
    if record.id is None:
        m = OFFICIAL_ID.search("\n".join(b.text for b in preamble[:3]))
        record.id = m.group(1) if m else None
    if record.zaak is None:
        m = ZAAK.search(record.id or "")
        record.zaak = m.group(1) if m else header.zaak
    if record.session_year is None:
        # "Zie ook Aanhangsel Handelingen, vergaderjaar 2024-2025, nr. 376" under the answer line.
        m = SESSION.search("\n".join(b.text for b in header_lines))
        if m and record.kind != "questions":
            record.session_year = f"{m.group(1)}-{m.group(2)}"
    if record.session_year is None and (m := _SESSION_IN_ID.match(record.id or "")):
        # "ah-tk-20142015-2458" names its vergaderjaar where nothing else does.
        record.session_year = f"{m.group(1)}-{m.group(2)}"
    _apply_meta(record, extract.meta)
    record.quality = assess(
        record,
        glyph_codes="(cid:" in all_text,
        unmarked_notes=unmarked,
        heading_cut=header.cut_short,
        printed=furniture.footer,
    )
    record.references = find_references(
        [q.text for q in record.questions]
        + [a.text for a in record.answers]
        + [f.text for f in record.footnotes],
        own=(record.id, record.zaak),
    )
    return record


_ANSWER_LINE_START = re.compile(r"^\s*Antwoord(?:en)?\s+van\s+(?:de\s+)?[A-Z]?[a-z]*\b")
_RECEIVED = re.compile(r"\(ontvangen\s+[^)]{1,40}\)\.?\s*$")


def _without_displaced_answer_line(body: list[BodyLine]) -> list[BodyLine]:
    """The body without the answer line ("Antwoord van Minister X (…) (ontvangen …)")
    where an extraction moved it among the questions; the header reads it from there."""
    first = next((k for k, b in enumerate(body) if match_heading(b.text)), None)
    if first is None:
        return body
    for k in range(first, len(body)):
        if not _ANSWER_LINE_START.match(body[k].text) or match_heading(body[k].text):
            continue
        for end in range(k, min(k + 4, len(body))):
            if _RECEIVED.search(body[end].text):
                return body[:k] + body[end + 1 :]
    return body


def _without_controls(extract: Extract) -> Extract:
    """The extract without control characters: no record text, JSON or database row
    should hold a NUL or an escape (a damaged file, a PDF's odd character map)."""
    lines = [
        dataclasses.replace(line, text=CONTROL.sub("", line.text))
        if CONTROL.search(line.text)
        else line
        for line in extract.lines
    ]
    return dataclasses.replace(extract, lines=lines)


_META_FIELDS = ("id", "zaak", "session_year", "submitted", "received")


def _apply_meta(record: Record, meta: dict[str, str]) -> None:
    """What the format states outright wins over what the text was read to say."""
    for name in _META_FIELDS:
        value = meta.get(name)
        if value and not (name == "received" and record.kind == "questions"):
            setattr(record, name, value)


def _is_question(para: list[BodyLine]) -> bool:
    text = " ".join(b.text for b in para)
    return "?" in text or len(text) > 40
