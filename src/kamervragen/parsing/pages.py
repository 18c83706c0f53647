"""Text → pages of body lines, with page furniture taken out (and its facts kept)."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from kamervragen.readers import Extract
from kamervragen.text.furniture import (
    FOOTER,
    RUNNING_FOOTER,
    Furniture,
    is_furniture,
    note_furniture,
)
from kamervragen.text.normalize import clean_line, strip_markdown
from kamervragen.text.numbers import NUMBER_LIST


@dataclass
class BodyLine:
    """A line of the document's own text. ``footnote`` is set when the reader knew."""

    text: str
    page: int
    footnote: bool = False
    para_start: bool = False
    bold: bool | None = None  # None where the reader cannot tell

    @property
    def blank(self) -> bool:
        return not self.text.strip()


_HEADER_START = re.compile(r"^\s*(?:Vragen van|Antwoord van|Mededeling van|Vraag\s+\d)")
_LONE_NUMBER = re.compile(r"^\s*\d{1,5}\s*$")
# A heading as a one-line text prints it: "Vraag 2 en 3", "Antwoord op vraag 4".
_INLINE_HEADING = rf"(?:Vraag|Antwoord(?: op (?:de )?vra(?:ag|gen))?) {NUMBER_LIST}"
# Text extractions that lost every line break: split before the structure's landmarks.
_COLLAPSED_BREAKS = re.compile(
    r"\s(?=(?:Vragen van (?:het lid|de leden)|Antwoord van|Mededeling van|Zie ook Aanhangsel"
    rf"|{_INLINE_HEADING}\s"
    r"|(?:ah|kv)-tk-\S+ ISSN|ISSN 0921|[’']s-Gravenhage \d{4}|Tweede Kamer, vergaderjaar))"
)
_COLLAPSED_FOOTER = re.compile(rf"({FOOTER}\s*\d+)\s+")
_COLLAPSED_HEADING = re.compile(rf"^({_INLINE_HEADING})\s+(?=\S)")
_COLLAPSED_ID = re.compile(r"^((?:ah|kv)-tk-\S+) (?=ISSN)")


_COLLAPSED_HYPHEN = re.compile(r"([a-zà-ÿ])- (?!(?:en|of|tot|noch)\b)([a-zà-ÿ])")


def _footnote_chain(text: str, first: int) -> list[int]:
    """Where footnotes first, first+1, … start in the text that ends a collapsed page.

    The longest run of numbers counting up from ``first`` that ends the text wins, each
    number the last of its value before the next one ("… wordt 1 FD, … 2 De Telegraaf …").
    """
    for last in range(first + 15, first - 1, -1):
        end, chain = len(text), []
        for k in range(last, first - 1, -1):
            found = None
            for m in re.finditer(rf"(?:^|\s){k}\s(?=\S)", text[:end]):
                found = m.start()
            if found is None:
                break
            chain.append(found)
            end = found
        else:
            return chain[::-1]
    return []


def _split_collapsed(text: str) -> list[str]:
    """Give a one-line document its lines back at the landmarks of its structure."""
    text = _COLLAPSED_HYPHEN.sub(r"\1\2", text)
    text = _COLLAPSED_FOOTER.sub(lambda m: m.group(1) + "\n", text)
    out: list[str] = []
    for chunk in text.split("\n"):
        for part in _COLLAPSED_BREAKS.split(chunk):
            part = _COLLAPSED_HEADING.sub(lambda m: m.group(1) + "\n", part)
            part = _COLLAPSED_ID.sub(lambda m: m.group(1) + "\n", part)
            out.extend(part.split("\n"))
    # Footnotes sit just before the id that opens a page's footer.
    result: list[str] = []
    next_note = 1
    for i, part in enumerate(out):
        following = out[i + 1] if i + 1 < len(out) else ""
        if re.match(r"(?:ah|kv)-tk-\S+$", following.strip()) or (
            i + 1 == len(out) and next_note > 1
        ):
            chain = _footnote_chain(part, next_note)
            if chain:
                cuts = [0, *chain, len(part)]
                result.extend(part[a:b] for a, b in itertools.pairwise(cuts))
                next_note += len(chain)
                continue
        result.append(part)
    return result


_GLUED_FOOTER = re.compile(rf"^(.*{FOOTER}\s*\d+)\s*([^\d\s].*)$")


def _split_glued_footer(text: str) -> list[str]:
    """pypdf glues the next page's first line to the footer ("… Aanhangsel 2in Gaza")."""
    m = _GLUED_FOOTER.match(text) if "vergaderjaar" in text else None
    return [m.group(1), m.group(2)] if m else [text]


# A printout of question and answer pairs ("=== ah-tk-20142015-2458 ===", then
# "Q1      Kent u …", "A2 3    Het verkeer …"): each "Q"/"A" label is a heading.
_PRINTOUT_TITLE = re.compile(r"^===\s*(?:ah|kv)-(?:tk|ek)-\S+\s*===$")
_PRINTOUT_LABEL = re.compile(r"^([QA])(\d{1,3}[a-z]?(?: \d{1,3}[a-z]?)*)(?:\s{2,}(.*))?$")


def _is_printout(lines: list[str]) -> bool:
    first = next((t.strip() for t in lines if t.strip()), "")
    return _PRINTOUT_TITLE.match(first) is not None


def _split_printout(text: str) -> list[str]:
    """A printout's "Q2 3    text" as a heading line ("Vraag 2 en 3") and its text."""
    m = _PRINTOUT_LABEL.match(text)
    if not m:
        return [text]
    word = "Vraag" if m.group(1) == "Q" else "Antwoord"
    numbers = m.group(2).split()
    listed = f"{', '.join(numbers[:-1])} en {numbers[-1]}" if len(numbers) > 1 else numbers[0]
    return [f"{word} {listed}", m.group(3) or ""]


def _is_collapsed(lines: list[str]) -> bool:
    longest = max((len(t) for t in lines), default=0)
    return longest > 3000 and len(lines) < 40


def to_pages(extract: Extract) -> tuple[list[list[BodyLine]], Furniture]:
    """Split the extract into pages of body lines and collect what the furniture states."""
    found = Furniture()
    raw = extract.lines
    texts = [clean_line(strip_markdown(line.text)) for line in raw]
    split_collapsed = not extract.structured and _is_collapsed(texts)
    printout = not extract.structured and _is_printout(texts)
    pages: list[list[BodyLine]] = [[]]
    seen_header = False
    expect_page_number = False
    previous_page = raw[0].page if raw else 0
    for line, text in zip(raw, texts, strict=True):
        if line.page != previous_page:
            pages.append([])
            previous_page = line.page
            expect_page_number = False
        if printout:
            parts = _split_printout(text)
        elif split_collapsed:
            parts = _split_collapsed(text)
        else:
            parts = _split_glued_footer(text)
        for part in parts:
            stripped = part.strip()
            if line.role == "furniture" or is_furniture(stripped):
                note_furniture(stripped, found)
                footer = RUNNING_FOOTER.search(stripped) is not None
                found.footer = found.footer or footer
                if footer or stripped.startswith("---"):
                    # A footer without its page number has it on the next line.
                    expect_page_number = footer and not stripped[-1:].isdigit()
                    pages.append([])
                continue
            if _LONE_NUMBER.match(stripped) and (expect_page_number or not seen_header):
                # A page number under the footer, or the Aanhangsel number in the title block.
                expect_page_number = False
                continue
            if stripped:
                expect_page_number = False
            if not seen_header and _HEADER_START.match(stripped):
                seen_header = True
            pages[-1].append(
                BodyLine(
                    text=part,
                    page=len(pages) - 1,
                    footnote=line.role == "footnote",
                    para_start=line.para_start,
                    bold=line.bold,
                )
            )
    return [p for p in pages if any(not b.blank for b in p)], found
