"""Find the footnotes printed at a page's foot, and the markers that point to them.

Footnotes are numbered 1, 2, 3 … through a document, so the next footnote's number is
always known. On each page the footnote block is the run of lines at the page's foot
that starts with that number and counts up; it may interrupt a question or answer in
mid-sentence, so taking it out stitches the text back together. Markers ("»?1",
"wetenschappers2", a lone "1 2" line, "[1]", " 1)") are then removed in order.

A Word letter can have two series: its real footnotes, which the reader marks and whose
markers it has taken out, and notes typed in by hand at the end of the text ("[1] NOS …",
"1) Kamerstuk …", or a numbered list "1. Argos …"), whose markers are still in the text.
The typed series is then only believed where its markers stand in the text, in order.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kamervragen.parsing.pages import BodyLine
from kamervragen.text.headings import is_heading


@dataclass
class FoundFootnote:
    number: int
    lines: list[str]
    marked: bool = False  # the reader marked it as a footnote (not found in the text)


_BARE_NUMBERS = re.compile(r"[\d\s,.]*")


@functools.lru_cache(maxsize=256)
def _start_pattern(n: int, listed: bool) -> re.Pattern[str]:
    # "1. Bent u …" is a numbered item, not a footnote, unless ``listed``: then the notes
    # may be a numbered list ("1. Argos, 27 september 2023, www…").
    item = rf"|{n}\.\s+" if listed else ""
    return re.compile(rf"\[{n}\]\s*|{n}\)\s*|{n}(?![\d.])\s*|{n}(?=\d{{5}}){item}")


def _start(text: str, n: int, listed: bool = False) -> str | None:
    """The text after footnote number ``n`` if this line starts footnote ``n``."""
    s = text.strip()
    if not s[:1].isdigit() and not s.startswith("["):
        return None
    m = _start_pattern(n, listed).match(s)
    if not m:
        return None
    rest = s[m.end() :]
    if not rest or _BARE_NUMBERS.fullmatch(rest):
        return None  # a line of bare numbers is a marker line or a table
    return rest


def _block_at_foot(
    lines: list[BodyLine], first: int, listed: bool = False
) -> tuple[int, list[FoundFootnote]] | None:
    """The footnote block that ends the page, starting with footnote ``first``.

    Only the last line that starts footnote ``first`` can open it, and no heading may
    stand between that line and the page's end. ``listed``: the notes may be numbered
    "1.", "2." (typed notes at the end of a letter)."""
    start = next(
        (
            i
            for i in range(len(lines) - 1, -1, -1)
            if _start(lines[i].text, first, listed) is not None
        ),
        None,
    )
    if start is None:
        return None
    notes: list[FoundFootnote] = []
    for line in lines[start:]:
        if line.blank:
            continue
        if is_heading(line.text):
            return None
        rest = _start(line.text, first + len(notes), listed)
        if rest is not None:
            notes.append(FoundFootnote(first + len(notes), [rest]))
        else:
            notes[-1].lines.append(line.text.strip())
    return start, notes


def _islands(lines: list[BodyLine], first: int, end: int) -> list[tuple[int, FoundFootnote]]:
    """Footnotes that an extraction left mid-page, after a blank line, each one line long."""
    found: list[tuple[int, FoundFootnote]] = []
    n = first
    for i in range(end):
        line = lines[i]
        if line.blank:
            continue
        prev_blank = i == 0 or lines[i - 1].blank or bool(found and found[-1][0] == i - 1)
        rest = _start(line.text, n)
        if rest is None or not prev_blank:
            continue
        if not has_marker([b.text for b in lines[:i]], n):
            continue
        found.append((i, FoundFootnote(n, [rest])))
        n += 1
    return found


def _stray_note(lines: list[BodyLine], number: int) -> tuple[list[BodyLine], list[FoundFootnote]]:
    """A footnote the extraction moved up the page, above the notes at its foot (pypdf
    puts a table's note under the table): the lines, and the note, if one stands there.

    Only a note numbered on from the foot's notes, starting its line with a capital
    ("5 Alleen mbo …", "6Zie bijvoorbeeld …"), ending at a blank line or a heading, and
    whose number stands glued to a word above it ("Mbo5613")."""
    start_re = re.compile(rf"^\s*{number}\s?(?=[A-Z])")
    for i, line in enumerate(lines):
        if not start_re.match(line.text) or is_heading(line.text):
            continue
        end = i + 1
        while end < len(lines) and not lines[end].blank and not is_heading(lines[end].text):
            end += 1
        if end - i > 3 or (
            end < len(lines) and not (lines[end].blank or is_heading(lines[end].text))
        ):
            continue
        above = " ".join(b.text for b in lines[:i])
        if not re.search(rf"[A-Za-zà-ÿ]{number}(?!\d{{0,1}}\b)", above):
            continue
        text = start_re.sub("", lines[i].text, count=1)
        note = FoundFootnote(number, [text, *(b.text.strip() for b in lines[i + 1 : end])])
        return lines[:i] + lines[end:], [note]
    return lines, []


def _marked_notes(lines: list[BodyLine], notes: list[FoundFootnote]) -> None:
    """The footnotes of lines the reader marked as such, numbered on from ``notes``."""
    for b in lines:
        rest = _start(b.text, len(notes) + 1)
        if rest is not None or not notes:
            notes.append(FoundFootnote(len(notes) + 1, [rest or b.text.strip()], marked=True))
        else:
            notes[-1].lines.append(b.text.strip())


def split_footnotes(
    pages: list[list[BodyLine]], by_role_only: bool = False, marked_apart: bool = False
) -> tuple[list[BodyLine], list[FoundFootnote]]:
    """Take every footnote out of the pages; return the body lines and the footnotes.

    ``by_role_only``: the reader marked every footnote line, so a page without such a
    line has no footnotes, whatever its last lines look like. ``marked_apart``: the
    notes the reader marked are a series of their own, their markers already out of the
    text (Word's footnotes); notes typed into the text are looked for as well, numbered
    from 1, and only believed where their markers stand in the text. The typed notes
    come first in the result."""
    body: list[BodyLine] = []
    notes: list[FoundFootnote] = []
    apart: list[FoundFootnote] = []
    if marked_apart and not by_role_only:
        _marked_notes([b for page in pages for b in page if b.footnote], apart)
        pages = [[b for b in page if not b.footnote] for page in pages]
    # Typed notes numbered as a list ("1.") can only end the text: on its last page.
    last = max((i for i, page in enumerate(pages) if any(not b.blank for b in page)), default=-1)
    for index, page in enumerate(pages):
        next_number = len(notes) + 1
        if by_role_only or any(b.footnote for b in page):
            # The reader knew which lines are footnotes (PDF font sizes).
            body.extend(b for b in page if not b.footnote)
            _marked_notes([b for b in page if b.footnote], notes)
            continue
        block = _block_at_foot(page, next_number)
        if block is None and index == last:
            block = _listed(body, page, next_number)
        if block and marked_apart:
            start, found = block
            before = [b.text for b in body] + [b.text for b in page[:start]]
            if not markers_in_order(before, next_number, len(found)):
                block = None  # no markers for them: these lines are no footnotes
        if block:
            start, found = block
            kept, stray = _stray_note(page[:start], next_number + len(found))
            body.extend(kept)
            notes.extend(found)
            notes.extend(stray)
            continue
        # No block ends the page: footnotes can only stand mid-page, one line each.
        islands = _islands(page, next_number, len(page))
        skip = {i for i, _ in islands}
        notes.extend(note for _, note in islands)
        body.extend(b for i, b in enumerate(page) if i not in skip)
    return body, notes + apart


# --- markers -------------------------------------------------------------------------

_AFTER = r"(?=$|[\s,.;:!?)»”’\]])"
_NOT_A_NUMBER = "".join(
    rf"(?<!{label}(?:19|20)\d\d)" for label in ("Postbus ", "nr. ", "nr.", "nummer ", "nr ")
)


@functools.lru_cache(maxsize=256)
def _marker_patterns(n: int) -> list[re.Pattern[str]]:
    return [
        re.compile(
            rf"^\s*(?:\[?{n}\]?(?:(?:\s*,\s*|\s+en\s+|\s+)\[?\d{{1,3}}\]?)*)\s*$"
        ),  # lone marker line
        re.compile(rf"\s?\[{n}\s*\]"),  # [1]
        # Glued: "»?1"; not the end of a range ("Antwoord 3-5", "2–4").
        re.compile(rf"(?<=[^\s\d(])(?<![A-Z][A-Z])(?<!\b[A-Z])(?<!\d[-–]){n}{_AFTER}"),
        # Glued to a year: "in 20235". Not in a number that only looks like one: a
        # PO box ("Postbus 20301") or a document number ("nr. 20331").
        re.compile(rf"{_NOT_A_NUMBER}(?<=\b(?:19|20)\d\d){n}{_AFTER}"),
        # Between a sentence's end and the next one: "gesproken.3Toekomstige".
        re.compile(rf"(?<=[a-zà-ÿ][.?!]){n}(?=[A-Z])"),
        # At a line start: "3 Het verschil", or before the sign it came after ("1? ").
        re.compile(rf"^\s*{n}(?=[ .,;:?!]|$)"),
    ]


@functools.lru_cache(maxsize=256)
def _word_marker(n: int) -> re.Pattern[str]:
    """Word's " 1)" marker, also glued to a word ("gedrag2)"); it must not close a bracket
    ("(zie bijlage 1)")."""
    return re.compile(rf"(?:(?<=[\s?.!»”’'])\s?|(?<=[a-zà-ÿ])){n}\)(?=[\s,.;:!?]|$)")


def _find(text: str, n: int, line_start: bool = True) -> re.Match[str] | None:
    if str(n) not in text:
        return None
    patterns = _marker_patterns(n) if line_start else _marker_patterns(n)[:-1]
    matches = [m for p in patterns if (m := p.search(text))]
    for m in _word_marker(n).finditer(text):
        before = text[: m.start()]
        if before.count("(") <= before.count(")"):
            matches.append(m)
            break
    # Of two markers found at one place, the longer: "”1)" is a marker "1)", not "1".
    return min(matches, key=lambda m: (m.start(), m.start() - m.end()), default=None)


def _listed(
    body: list[BodyLine], page: list[BodyLine], first: int
) -> tuple[int, list[FoundFootnote]] | None:
    """Typed notes numbered as a list ("1. Argos …") at the end of the text, believed only
    when the text before them has the markers of all of them, in order."""
    block = _block_at_foot(page, first, listed=True)
    if block is None:
        return None
    start, found = block
    before = [b.text for b in body] + [b.text for b in page[:start]]
    return block if markers_in_order(before, first, len(found)) else None


def markers_in_order(texts: list[str], first: int, count: int) -> bool:
    """Whether markers first … first+count-1 stand in the texts, one after the other (a
    number that starts a line is a numbered item, not a marker)."""
    row, col = 0, 0
    for n in range(first, first + count):
        for r in range(row, len(texts)):
            start = col if r == row else 0
            m = _find(texts[r][start:], n, line_start=False)
            if m:
                row, col = r, start + m.end()
                break
        else:
            return False
    return True


def unnumbered_notes(body: list[BodyLine]) -> tuple[list[BodyLine], list[FoundFootnote]]:
    """Notes whose numbers the extraction lost, ending a letter's text: where markers
    " 1)", "gedrag2)" … stand in the text in order and as many one-line paragraphs end
    it, after a blank line, those lines are the notes (a Word letter's footnotes as
    plain text)."""
    texts = [b.text for b in body]
    count = 0
    row, col = 0, 0
    while count < 30:
        found = None
        for r in range(row, len(texts)):
            start = col if r == row else 0
            if m := _word_marker(count + 1).search(texts[r], start):
                found = (r, m.end())
                break
        if found is None:
            break
        row, col = found
        count += 1
    if not count:
        return body, []
    lines = [k for k, b in enumerate(body) if not b.blank]
    last = lines[-count:]
    if len(last) < count or last[0] <= row:
        return body, []  # the notes must follow the last marker
    if not body[last[0] - 1].blank:
        return body, []  # the notes stand apart from the answer before them
    for k in last:
        text = body[k].text.strip()
        if is_heading(text) or text.endswith("?"):
            return body, []
    notes = [FoundFootnote(n + 1, [body[k].text.strip()]) for n, k in enumerate(last)]
    return body[: last[0]], notes


def has_marker(texts: list[str], n: int) -> bool:
    return any(_find(t, n) is not None and not re.match(rf"^\s*{n}(?=[ .,;:]|$)", t) for t in texts)


def _numbered_item(body: list[BodyLine], row: int, n: int) -> bool:
    """Whether line ``row``, "n." alone, numbers the item that follows (a question "1."
    after a heading that ended its sentence) rather than being a marker with the period
    of the sentence it closes ("… keten" / "2.")."""
    if not re.fullmatch(rf"\s*{n}\.\s*", body[row].text):
        return False
    before = next((b.text.rstrip() for b in reversed(body[:row]) if not b.blank), "")
    return not before or before.endswith((".", "?", "!", ":"))


def _glued_to_a_figure(
    body: list[BodyLine], row: int, col: int, n: int
) -> tuple[int, int, int] | None:
    """Marker ``n`` between a lower-case word and a figure of two or more digits, where
    pypdf glued a table's cells ("Mbo5613": the row "Mbo", note 5, the figure 613); only
    looked for once the usual forms are not found."""
    pattern = re.compile(rf"(?<=[a-z]){n}(?=\d{{2,}}\b)")
    for r in range(row, len(body)):
        start = col if r == row else 0
        if m := pattern.search(body[r].text, start):
            return r, m.start(), m.end()
    return None


def remove_markers(body: list[BodyLine], count: int) -> int:
    """Remove the markers of footnotes 1..count from the body text, in order; how many
    of them were not found."""
    row, col = 0, 0
    n = 1
    missing = 0
    emptied: set[int] = set()
    while n <= count and row < len(body):
        found = None
        for r in range(row, len(body)):
            text = body[r].text
            start_col = col if r == row else 0
            m = _find(text[start_col:], n)
            if m and _numbered_item(body, r, n):
                continue
            if m:
                found = (r, start_col + m.start(), start_col + m.end())
                break
        if found is None:
            found = _glued_to_a_figure(body, row, col, n)
        if found is None:
            n += 1
            missing += 1
            continue
        r, s, e = found
        text = body[r].text
        segment = text[s:e]
        n += max(1, len(re.findall(r"\d+", segment)))  # a line of several markers: "1 2"
        # A list of markers: "?1, 2" or "[1] [2]".
        while n <= count:
            m2 = re.match(rf"\s*,\s*{n}{_AFTER}|\s?\[{n}\s*\]", text[e:])
            if not m2:
                break
            e += m2.end()
            n += 1
        if segment.isdigit() and s > 0 and text[s - 1].isalpha() and text[e : e + 1].isdigit():
            # A marker between a word and a figure ("Mbo5613"): the two stay apart.
            body[r].text = text[:s] + " " + text[e:]
            row, col = r, s + 1
            continue
        head = text[:s]
        if head.endswith(" ") and text[e : e + 1] in tuple(",.;:!?"):
            head = head.rstrip(" ")  # "Verhoudingen 2), met" gives "Verhoudingen, met"
        rest = head + text[e:]
        if s == 0:
            rest = rest.lstrip(" ")
        body[r].text = rest
        if not rest.strip():
            emptied.add(r)  # a line that held only markers
        row, col = r, s
    body[:] = [b for i, b in enumerate(body) if i not in emptied]
    return missing + max(0, count - n + 1)


def _continues_word(text: str, part: str) -> bool:
    """A URL or a hyphenated word broken over lines goes on without a space."""
    in_url = re.search(r"(?:https?://|www\.)\S*$", text) and not re.match(r"^[A-Z][a-z]+\s", part)
    return bool(in_url) or (text.endswith("-") and part[:1].islower())


def footnote_text(note: FoundFootnote) -> str:
    """A footnote's lines as one string; URLs broken over lines are joined without a space."""
    out = ""
    for part in note.lines:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
        elif _continues_word(out, part):
            out += part
        else:
            out += " " + part
    return out
