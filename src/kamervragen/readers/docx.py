"""Word (.docx) documents, read from their structure: paragraphs, tables, footnotes.

A .docx is a zip of XML parts. The body (``word/document.xml``) is walked in document
order:

* every paragraph (``w:p``) gives one line, marked as a paragraph start; its text is that
  of its ``w:t`` elements, ``w:tab`` as a tab, and a ``w:br`` line break starts a new line
  within the paragraph (a page break also starts a new page). An empty paragraph gives a
  blank line, as Word shows one. Automatic list numbers ("1.", "a)", bullets) are written
  out from ``word/numbering.xml``, since a reader sees them;
* a table row whose cells hold one line each gives one line, the cells joined by " | "
  ("Datum | 26 augustus 2024", as text extractions of these letters print it); other rows
  give their cells' lines one after the other (nested tables, address blocks);
* text boxes give their lines after the paragraph that holds them; the VML copy of a text
  box that Word keeps for old readers (``mc:Fallback``) is skipped, as are deleted
  (tracked) text, hidden text and field codes;
* each line says whether it is bold (most of its letters, from the runs' own formatting,
  their character style, the paragraph's style and the document defaults): ministries
  print a question in bold and its answer plain, which is how a reader tells them apart
  where an answer has no "Antwoord" heading.

A ministry's letter lays out its first page in tables before any running text: return
address, addressee, "Datum | …", "Onderwerp | …", the sender's column, sometimes the
covering sentence itself. Such leading tables (unless one holds a "Vraag"/"Antwoord"
heading: then the document itself is a table) are the letterhead, and their lines are
furniture, as the title block of an Aanhangsel is in a PDF: the parser reads the letter's
date, subject line and "uw brief van" from the whole text, while the "Onderwerp" line
stays out of the heading it reads the askers and subject from.

Footnotes and endnotes come from their own parts: a reference (``w:footnoteReference``)
is left out of the body text, and the notes follow the body on a page of their own, one
line "N text" each, numbered 1, 2, … in the order they are referred to. The markers being
out already, the extract says so (``markers=False``) whenever the body refers to a note;
a file without Word footnotes may still have notes typed in by hand ("[1]", "1)"), and
then the parser looks for their markers as in any text.

The running headers of the Word file (the letterhead with "Datum" and "Betreft") are not
body text: their lines come last, marked as furniture, so that they never enter a question
or answer, while a letter whose date is printed only there still has it. Footers (page
numbers) are not read. Document properties are not trusted for any record field: their
"datum" is the template's, not always the letter's.

Safety: the archive's declared sizes are checked before anything is unpacked (a zip bomb
is refused), every part is unpacked with a size limit, and every XML part goes through
the project's safe XML parser (no DOCTYPE, no entities, no network).
"""

from __future__ import annotations

import dataclasses
import lzma
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract, Line, Role
from kamervragen.readers._limits import MAX_LINES, MAX_MARKUP_BYTES, check_markup_size
from kamervragen.readers._xml import local_name, parse_xml
from kamervragen.text.headings import is_heading

MAX_UNPACKED = 100 * 1024 * 1024  # all parts of the archive together, as declared
MAX_RATIO = 200  # a part that unpacks to more than this many times its packed size …
_RATIO_FLOOR = 1024 * 1024  # … and to more than this is a zip bomb
MAX_PARTS = 10_000
# What zipfile raises on damaged bytes besides BadZipFile: a directory that points past
# the data ("negative seek value"), a bad deflate or LZMA stream, a cut-off record, an
# encrypted member, a name that is not UTF-8.
ZIP_ERRORS = (
    zipfile.BadZipFile, zlib.error, lzma.LZMAError, struct.error, EOFError, OSError,
    ValueError, OverflowError, RuntimeError,
)  # fmt: skip

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT = "word/document.xml"


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


_VAL = _w("val")
_ID = _w("id")
_TYPE = _w("type")
_OFF = {"0", "false", "off", "none"}

# Elements whose text a reader does not see: deleted or moved-away text, field codes, the
# VML copy of a drawing, and parts of a paragraph or run that only hold properties.
_SKIP = {"del", "moveFrom", "instrText", "delText", "delInstrText", "Fallback", "rPr", "pPr"}
# Characters Word writes that are no text: soft hyphens and zero-width marks.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\ufeff"))


# --- the archive --------------------------------------------------------------------------


class _Archive:
    """The parts of a .docx, unpacked one at a time within the limits."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(BytesIO(data))
            infos = self._zip.infolist()
        except ZIP_ERRORS:
            raise ParseError("a damaged or truncated zip file (Word .docx?)") from None
        if len(infos) > MAX_PARTS:
            raise ParseError(f"a zip file with more than {MAX_PARTS} parts (zip bomb?)")
        total = sum(info.file_size for info in infos)
        if total > MAX_UNPACKED:
            raise ParseError(
                f"a zip bomb: the Word file would unpack to more than "
                f"{MAX_UNPACKED // (1024 * 1024)} MB"
            )
        self._infos = {info.filename: info for info in infos}
        if _DOCUMENT not in self._infos:
            raise ParseError("a zip file without a Word document in it")
        self._markup = 0  # bytes of XML read so far: all parts together stay within a limit

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        info = self._infos[name]
        if info.flag_bits & 0x1:
            raise ParseError("an encrypted (password-protected) zip file")
        packed = max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * packed:
            raise ParseError(f"a zip bomb: {name} is packed more than {MAX_RATIO} to 1")
        room = MAX_MARKUP_BYTES - self._markup
        check_markup_size(self._markup + info.file_size, "the Word file's XML")
        try:
            with self._zip.open(info) as part:
                data = part.read(room + 1)
        except NotImplementedError:
            raise ParseError(f"a Word file packed in an unknown way ({name})") from None
        except ZIP_ERRORS:
            raise ParseError(f"a damaged Word file: {name} cannot be unpacked") from None
        if len(data) > room:
            raise ParseError(f"a zip bomb: {name} unpacks to more than its declared size")
        self._markup += len(data)
        return data

    def xml(self, name: str) -> etree._Element | None:
        """The root of XML part ``name``, or None when the archive has no such part."""
        if not self.has(name):
            return None
        return parse_xml(self.read(name), name)

    def related(self, source: str, kind: str) -> list[tuple[str, str]]:
        """(relationship id, part name) of ``source``'s relationships of type ``…/kind``."""
        folder, base = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if rels is None:
            return []
        out = []
        for rel in rels.iter(f"{{{_REL}}}Relationship"):
            if rel.get("Type", "").rsplit("/", 1)[-1] != kind or rel.get("TargetMode"):
                continue
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out.append((rel.get("Id", ""), posixpath.normpath(path)))
        return out


def is_word(data: bytes) -> bool:
    """Whether the zip file ``data`` holds a Word document."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return _DOCUMENT in archive.namelist()
    except ZIP_ERRORS:
        raise ParseError("a damaged or truncated zip file (Word .docx?)") from None


# --- list numbering -----------------------------------------------------------------------


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    """Word's automatic list numbers: which label each numbered paragraph shows."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstract id → levels
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstract id
    starts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → restarts
    style_nums: dict[str, tuple[str, int]] = field(default_factory=dict)  # style → numbering
    counters: dict[str, list[int]] = field(default_factory=dict)
    restarted: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, numbering: etree._Element | None, styles: etree._Element | None) -> _Numbering:
        self = cls()
        if numbering is not None:
            for abstract in numbering.iter(_w("abstractNum")):
                levels: dict[int, _Level] = {}
                for lvl in abstract.iter(_w("lvl")):
                    level = _Level()
                    for child, attr in (("numFmt", "fmt"), ("lvlText", "text")):
                        el = lvl.find(_w(child))
                        if el is not None and el.get(_VAL) is not None:
                            setattr(level, attr, el.get(_VAL))
                    level.start = _int(lvl.find(_w("start")), 1)
                    levels[_int_attr(lvl, _w("ilvl"), 0)] = level
                self.levels[abstract.get(_w("abstractNumId"), "")] = levels
            for num in numbering.iter(_w("num")):
                num_id = num.get(_w("numId"), "")
                self.nums[num_id] = _val(num.find(_w("abstractNumId"))) or ""
                for override in num.iter(_w("lvlOverride")):
                    start = override.find(_w("startOverride"))
                    if start is not None:
                        restarts = self.starts.setdefault(num_id, {})
                        restarts[_int_attr(override, _w("ilvl"), 0)] = _int(start, 1)
        if styles is not None:
            self._read_styles(styles)
        return self

    def _read_styles(self, styles: etree._Element) -> None:
        own: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for style in styles.iter(_w("style")):
            if style.get(_TYPE) != "paragraph":
                continue
            style_id = style.get(_w("styleId"), "")
            parent = _val(style.find(_w("basedOn")))
            if parent:
                based[style_id] = parent
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                own[style_id] = (_val(num_pr.find(_w("numId"))), _ilvl(num_pr))
        for style_id in {*own, *based}:
            num_id, ilvl, seen = None, None, set()
            current: str | None = style_id
            while current and current not in seen and (num_id is None or ilvl is None):
                seen.add(current)
                got_id, got_lvl = own.get(current, (None, None))
                num_id = num_id if num_id is not None else got_id
                ilvl = ilvl if ilvl is not None else got_lvl
                current = based.get(current)
            if num_id:
                self.style_nums[style_id] = (num_id, ilvl or 0)

    def label(self, p_pr: etree._Element | None) -> str:
        """The list label the paragraph shows ("1.", "•"), or ""."""
        if p_pr is None:
            return ""
        num_pr = p_pr.find(_w("numPr"))
        style = _val(p_pr.find(_w("pStyle")))
        num_id, ilvl = self.style_nums.get(style or "", (None, 0))
        if num_pr is not None:
            num_id = _val(num_pr.find(_w("numId"))) or num_id
            own_lvl = _ilvl(num_pr)
            ilvl = own_lvl if own_lvl is not None else ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract = self.nums[num_id]
        levels = self.levels.get(abstract, {})
        ilvl = min(max(ilvl, 0), 8)
        counters = self.counters.setdefault(abstract, [0] * 9)
        restarts = self.starts.get(num_id, {})
        if num_id not in self.restarted and restarts:
            self.restarted.add(num_id)
            for lvl, start in restarts.items():
                if 0 <= lvl < 9:
                    counters[lvl] = start - 1
        start = levels.get(ilvl, _Level()).start
        counters[ilvl] = max(counters[ilvl], start - 1) + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        level = levels.get(ilvl, _Level())
        if level.fmt == "bullet":
            return "•"
        if level.fmt == "none":
            return ""

        def number(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            shown = levels.get(k, _Level())
            value = counters[k] or shown.start
            return _format_number(value, shown.fmt)

        return re.sub(r"%([1-9])", number, level.text).strip()


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)  # Word itself has no Roman numerals past 3999
    out = ""
    for number, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while value >= number:
            out += letters
            value -= number
    return out


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(_VAL)


def _int(element: etree._Element | None, default: int) -> int:
    return _to_int(_val(element), default)


def _int_attr(element: etree._Element, name: str, default: int) -> int:
    return _to_int(element.get(name), default)


def _to_int(text: str | None, default: int, base: int = 10) -> int:
    try:
        return int(text, base) if text is not None else default
    except ValueError:
        return default


def _ilvl(num_pr: etree._Element) -> int | None:
    el = num_pr.find(_w("ilvl"))
    return None if el is None else _to_int(el.get(_VAL), 0)


# --- bold -------------------------------------------------------------------------------


@dataclass
class _Bold:
    """Which paragraph and character styles are bold, and the document default."""

    default: bool = False
    paragraph_styles: dict[str, bool] = field(default_factory=dict)
    character_styles: dict[str, bool] = field(default_factory=dict)
    default_paragraph: str = ""

    @classmethod
    def read(cls, styles: etree._Element | None) -> _Bold:
        self = cls()
        if styles is None:
            return self
        default = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}/{_w('b')}")
        self.default = _on(default)
        own: dict[str, dict[str, bool]] = {"paragraph": {}, "character": {}}
        based: dict[str, dict[str, str]] = {"paragraph": {}, "character": {}}
        for style in styles.iter(_w("style")):
            kind = style.get(_TYPE)
            if kind not in own:
                continue
            style_id = style.get(_w("styleId"), "")
            if kind == "paragraph" and style.get(_w("default")) in ("1", "true", "on"):
                self.default_paragraph = style_id
            parent = _val(style.find(_w("basedOn")))
            if parent:
                based[kind][style_id] = parent
            b = style.find(f"{_w('rPr')}/{_w('b')}")
            if b is not None:
                own[kind][style_id] = _on(b)
        for kind, out in (
            ("paragraph", self.paragraph_styles),
            ("character", self.character_styles),
        ):
            for style_id in {*own[kind], *based[kind]}:
                current: str | None = style_id
                seen: set[str] = set()
                while current and current not in seen and current not in own[kind]:
                    seen.add(current)
                    current = based[kind].get(current)
                if current in own[kind]:
                    out[style_id] = own[kind][current]
        return self

    def paragraph(self, p_pr: etree._Element | None) -> bool:
        """Whether the paragraph's style makes its text bold."""
        style = _val(p_pr.find(_w("pStyle"))) if p_pr is not None else None
        return self.paragraph_styles.get(style or self.default_paragraph, self.default)

    def run(self, run: etree._Element, paragraph: bool) -> bool:
        """Whether the run is bold: its own formatting, else its character style."""
        r_pr = run.find(_w("rPr"))
        if r_pr is None:
            return paragraph
        b = r_pr.find(_w("b"))
        if b is not None:
            return _on(b)
        style = _val(r_pr.find(_w("rStyle")))
        return self.character_styles.get(style or "", paragraph)


# --- the body -----------------------------------------------------------------------------


@dataclass
class _Walker:
    """Walks block content in document order and collects its lines."""

    numbering: _Numbering
    bold: _Bold = field(default_factory=_Bold)
    lines: list[Line] = field(default_factory=list)
    page: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)  # (kind, id) by first reference
    role: Role = "body"
    started: bool = False  # a paragraph of running text has been seen at the top level

    def blocks(self, parent: etree._Element, top: bool = False) -> None:
        """The block content of the body, a table cell, a text box or a content control."""
        for child in parent:
            name = local_name(child)
            if name == "p":
                before = len(self.lines)
                self.paragraph(child)
                if top and not self.started:
                    self.started = any(ln.text.strip() for ln in self.lines[before:])
            elif name == "tbl":
                self.table(child, letterhead=top and not self.started)
            elif name not in _SKIP and name not in ("sectPr", "tblPr"):
                self.blocks(child, top)  # sdt, sdtContent, customXml, ins, AlternateContent …

    def _sub(self) -> _Walker:
        return _Walker(self.numbering, self.bold, page=self.page, notes=self.notes, role=self.role)

    def paragraph(self, p: etree._Element) -> None:
        p_pr = p.find(_w("pPr"))
        if p_pr is not None and _on(p_pr.find(_w("pageBreakBefore"))):
            self.page += 1
        parts: list[str] = []
        label = self.numbering.label(p_pr)
        if label:
            parts.append(label + " ")
        boxes: list[etree._Element] = []
        first = True
        letters = [0, 0]  # plain, bold
        for piece, bold in self._pieces(p, boxes, self.bold.paragraph(p_pr)):
            if piece in ("\n", "\f"):
                self._add("".join(parts), first, letters)
                first, parts, letters = False, [], [0, 0]
                if piece == "\f":
                    self.page += 1
            else:
                parts.append(piece)
                letters[bold] += sum(c.isalnum() for c in piece)
        self._add("".join(parts), first, letters)
        for box in boxes:
            self.blocks(box)
        if p_pr is not None and p_pr.find(_w("sectPr")) is not None:
            kind = _val(p_pr.find(f"{_w('sectPr')}/{_w('type')}"))
            if kind != "continuous":
                self.page += 1  # a section break starts a new page unless continuous

    def _add(self, text: str, para_start: bool, letters: list[int]) -> None:
        text = text.translate(_INVISIBLE).rstrip()
        plain, bold = letters
        self.lines.append(
            Line(
                text=text,
                page=self.page,
                role=self.role,
                para_start=para_start,
                bold=bold > plain if plain or bold else None,
            )
        )

    def _pieces(
        self, element: etree._Element, boxes: list[etree._Element], bold: bool
    ) -> Iterator[tuple[str, bool]]:
        """The paragraph's text in order, each piece with whether it is bold: strings,
        "\\n" for a line break, "\\f" for a page."""
        for child in element:
            name = local_name(child)
            if name in _SKIP or not name:
                continue
            if name == "t":
                yield child.text or "", bold
            elif name in ("tab", "ptab"):
                yield "\t", bold
            elif name in ("br", "cr"):
                yield ("\f" if child.get(_TYPE) == "page" else "\n"), bold
            elif name == "noBreakHyphen":
                yield "-", bold
            elif name == "sym":
                code = _to_int(child.get(_w("char")), 0, base=16)
                yield (chr(code) if 0x20 <= code < 0xE000 else ""), bold
            elif name in ("footnoteReference", "endnoteReference"):
                note = (name[: -len("Reference")], child.get(_ID, ""))
                if note not in self.notes:
                    self.notes.append(note)
            elif name == "txbxContent":
                boxes.append(child)
            elif name == "r":
                if not _hidden(child):
                    yield from self._pieces(child, boxes, self.bold.run(child, bold))
            else:
                yield from self._pieces(child, boxes, bold)

    def table(self, tbl: etree._Element, letterhead: bool = False) -> None:
        """A table's rows. One that stands before the text begins is the letterhead."""
        lines: list[Line] = []
        for row in _children(tbl, "tr"):
            cells: list[list[Line]] = []
            for cell in _children(row, "tc"):
                sub = self._sub()
                sub.blocks(cell)
                self.page = sub.page
                cells.append(sub.lines)
            texts = [[ln for ln in cell if ln.text.strip()] for cell in cells]
            if sum(1 for t in texts if t) >= 2 and all(len(t) <= 1 for t in texts):
                joined = " | ".join(t[0].text.strip() for t in texts if t)
                bolds = {t[0].bold for t in texts if t}
                bold = bolds.pop() if len(bolds) == 1 else None
                lines.append(
                    Line(joined, page=self.page, role=self.role, para_start=True, bold=bold)
                )
            else:
                lines.extend(ln for cell in cells for ln in cell)
        if letterhead and not any(is_heading(ln.text) for ln in lines):
            lines = [dataclasses.replace(ln, role="furniture") for ln in lines]
        self.lines.extend(lines)


def _children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """The children called ``name`` (rows of a table, cells of a row), also those wrapped
    in content controls, not those of a nested table."""
    for child in element:
        tag = local_name(child)
        if tag == name:
            yield child
        elif tag in ("sdt", "sdtContent", "customXml"):
            yield from _children(child, name)


def _on(element: etree._Element | None) -> bool:
    return element is not None and element.get(_VAL, "true") not in _OFF


def _hidden(run: etree._Element) -> bool:
    r_pr = run.find(_w("rPr"))
    return r_pr is not None and _on(r_pr.find(_w("vanish")))


# --- notes and headers --------------------------------------------------------------------


def _note_texts(root: etree._Element | None, kind: str, numbering: _Numbering) -> dict[str, str]:
    """The text of each real note in a notes part (not its separators), by id."""
    out: dict[str, str] = {}
    if root is None:
        return out
    for note in root.iter(_w(kind)):
        if note.get(_TYPE) not in (None, "normal"):
            continue  # separator, continuationSeparator, continuationNotice
        walker = _Walker(numbering)
        walker.blocks(note)
        text = " ".join(ln.text.strip() for ln in walker.lines if ln.text.strip())
        out[note.get(_ID, "")] = re.sub(r"\s+", " ", text).strip()
    return out


def _header_names(archive: _Archive, body: etree._Element) -> list[str]:
    """The header parts the document's sections use, the first page's first, each once."""
    by_id = dict(archive.related(_DOCUMENT, "header"))
    names: list[str] = []
    # The first page's header holds the letterhead; the others may carry a stale date.
    refs = sorted(body.iter(_w("headerReference")), key=lambda r: r.get(_TYPE) != "first")
    for ref in refs:
        name = by_id.get(ref.get(f"{{{_R}}}id", ""))
        if name and name not in names and archive.has(name):
            names.append(name)
    return names


def read_docx(data: bytes) -> Extract:
    """Read a Word .docx file into lines: body paragraphs and tables, then its notes."""
    archive = _Archive(data)
    root = archive.xml(_DOCUMENT)
    assert root is not None  # _Archive checked it is there
    body = root.find(_w("body"))
    if body is None:
        raise ParseError("a Word file without a document body")
    # Each paragraph and line break is a line: a body of many more than a document has is
    # refused before its lines are made.
    breaks = sum(1 for _ in body.iter(_w("p"), _w("br"), _w("cr")))
    if breaks > MAX_LINES:
        raise ParseError(f"a Word file of more than {MAX_LINES:,} paragraphs and line breaks")
    styles = archive.xml("word/styles.xml")
    numbering = _Numbering.read(archive.xml("word/numbering.xml"), styles)
    walker = _Walker(numbering, _Bold.read(styles))
    walker.blocks(body, top=True)
    lines = walker.lines
    if not any(ln.text.strip() for ln in lines):
        raise ParseError("a Word file without any text")

    page = walker.page + 1
    if walker.notes:
        texts = {
            kind: _note_texts(archive.xml(f"word/{kind}s.xml"), kind, numbering)
            for kind in ("footnote", "endnote")
        }
        number = 0
        for kind, note_id in walker.notes:
            text = texts[kind].get(note_id)
            if text is None:
                continue
            number += 1
            lines.append(Line(f"{number} {text}", page=page, role="footnote", para_start=True))
    role: Role = "furniture"
    for name in _header_names(archive, body):
        header = archive.xml(name)
        if header is None:
            continue
        part = _Walker(numbering, page=page + 1)
        part.blocks(header)
        lines.extend(
            Line(ln.text, page=page + 1, role=role) for ln in part.lines if ln.text.strip()
        )
    return Extract(lines=lines, format="docx", markers=not walker.notes)
