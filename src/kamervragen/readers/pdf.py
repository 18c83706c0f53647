"""PDF documents, read with pdfium: printed lines in reading order, each with a role.

How it works, per page:

1. Characters come from pdfium's text page in content-stream order. The text itself is
   fetched in one call (``get_text_range``); per character only the text matrix is asked
   for (one ctypes call), because consecutive characters with the same matrix belong to
   the same text object ("run": one font, one size, one baseline). Font size, the run's
   right edge etc. are asked once per run. This keeps the reader well above 20 PDFs/s.
2. Runs are joined into lines: same baseline, or a smaller run raised or lowered a little
   next to the line (superscript footnote markers, the raised number that starts a
   footnote). A jump back to the left, a wide horizontal gap or a new baseline starts a
   new line. Lines stay in stream order, which for the official PDFs is reading order
   (body, then the page's footnotes, then its running header/footer).
3. Roles: see :func:`_classify`. ``furniture`` = running headers/footers, page numbers,
   the title block of an Aanhangsel's first page; ``footnote`` = the small-type block at
   a page's foot that starts with a footnote number; ``body`` = the rest.

Superscript footnote markers inside a line ("radicalisering»?¹") are *dropped*: a run
counts as one when it is set smaller than the line, its baseline is raised, and it holds
only digits (or ``*``/``†``, commas, dashes); "m²"/"m³" written as a raised 2 or 3 after
a unit stay. At the start of a line such a number is kept, because that is a footnote's
own number: the line reads "1 https://nos.nl/…". Lowered small runs (the 2 of CO₂) stay.

A hyphen at a line end that pdfium reports as its soft-hyphen mark (U+0002, or U+FFFE
through ``get_text_range``) comes out as "-", as printed; the parser joins the word.
Spacing accents drawn over the letter before them ("Kostic´") are put back on it
("Kostić").
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract, Line, Role
from kamervragen.readers._layout import Cell, reading_order
from kamervragen.readers._limits import check_text_size
from kamervragen.text.furniture import is_furniture
from kamervragen.text.normalize import SPACING_ACCENTS

# Characters pdfium gives that only separate words (it generates spaces and CR/LF itself).
_SPACES = frozenset(" \t\r\n\xa0\u2002\u2003\u2009\u202f")
# Spacing accents that some PDFs draw as separate glyphs over the previous letter. The
# position tells, so this also takes the ones text alone cannot ("`", "^", "ˇ").
_ACCENTS = {**SPACING_ACCENTS, "`": "\u0300", "\u02c7": "\u030c", "^": "\u0302"}
_MARKER = re.compile(r"[\d*†‡][\d*†‡,\-–\s]*")
_UNIT = re.compile(r"(?:^|[\s\d])[kcdm]?m$")  # before a raised 2/3 it is m², not a marker
_FOOTNOTE_START = re.compile(r"(\d{1,3})(?:\s|$)")
_PAGE_NUMBER = re.compile(
    r"(?:-\s*)?\d{1,4}(?:\s*-)?|(?:pagina|page|blad)\s+\d+(?:\s+(?:van|of)\s+\d+)?|\d+\s*/\s*\d+",
    re.IGNORECASE,
)
_AH_NUMBER = re.compile(r"\bah-(?:tk|ek)-\d{8}-(\d+)\b", re.IGNORECASE)

_MAX_LAYOUT_CELLS = 400  # a page with more text cells keeps its content stream's order

_MB = 1024 * 1024
# The official Aanhangsel PDFs have 1 to 5 pages; an answer with its annexes a few dozen.
MAX_PDF_PAGES = 1_000
# Their streams (page contents, fonts) inflate to 16-40 KB. pdfium holds a page's content
# stream whole while it parses it (a 0.5 MB PDF whose stream inflates to 512 MB took
# 1.1 GB), so the streams are inflated and measured before pdfium is given the file.
MAX_PDF_INFLATED = 32 * _MB
# They draw at most 80 objects a page, 300 a document. pdfium keeps every object of a
# page (500,000 text objects: 270 MB before the text is read, 1.4 GB after), and the
# reader takes each text object in turn (100,000: 10 s).
MAX_PDF_OBJECTS = 50_000
_INFLATE_STEP = 1 * _MB  # inflated at a time: a stream is measured, never held whole
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")

_MARGIN_ZONE = 0.12  # share of the page height at top and bottom where furniture lives


@dataclass(slots=True)
class _Run:
    """Characters of one pdfium text object: one font size, one baseline."""

    chars: list[str]
    x0: float
    y: float
    size: float
    space_before: bool
    rotated: bool
    x1: float = 0.0
    # Where the last glyph's advance ends, and the advance widths of the first and last
    # glyphs: layout analysis measures cells with them.
    advance_x1: float = 0.0
    first_width: float = 0.0
    last_width: float = 0.0
    sup: bool = False  # smaller than the line it sits in, and raised above its baseline

    @property
    def text(self) -> str:
        return "".join(self.chars).strip()


@dataclass(slots=True)
class _Line:
    runs: list[_Run]
    page: int
    main: _Run  # the run whose baseline and size define the line
    text: str = ""
    size: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    numbered: bool = False  # starts with a raised/smaller number, as a footnote does
    dropped_marker: bool = False  # a raised footnote marker was taken out of the text
    role: Role = "body"
    para_start: bool = False

    @property
    def y(self) -> float:
        return self.main.y

    @property
    def rotated(self) -> bool:
        return self.main.rotated


def read_pdf(data: bytes) -> Extract:
    """Read a PDF's text layer into lines with page, font size, role and paragraph starts."""
    tail = data[-4096:].rstrip(b"\x00 \t\r\n")
    _check_streams(data)
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _open_error(exc) from None
    try:
        if b"%%EOF" not in tail:
            # pdfium repairs what it can; a cut-off file would silently lose its last pages.
            raise ParseError("damaged PDF: truncated (no %%EOF marker at the end)")
        if len(doc) > MAX_PDF_PAGES:
            raise ParseError(f"a PDF of more than {MAX_PDF_PAGES:,} pages")
        pages: list[list[_Line]] = []
        boxes: list[tuple[float, float, float, float]] = []
        objects = chars = 0
        for index in range(len(doc)):
            try:
                page = doc[index]
            except pdfium.PdfiumError:
                raise ParseError(f"damaged PDF: cannot load page {index + 1}") from None
            try:
                # Streams the measuring could not read (encrypted, packed otherwise) are
                # counted here, before the text of the page is read.
                objects += pdfium_c.FPDFPage_CountObjects(page.raw)
                if objects > MAX_PDF_OBJECTS:
                    raise ParseError(_TOO_MANY_OBJECTS)
                boxes.append(page.get_bbox())
                textpage = page.get_textpage()
                try:
                    chars += textpage.count_chars()
                    check_text_size(chars, 0)
                    pages.append(_page_lines(textpage, index))
                finally:
                    textpage.close()
            except pdfium.PdfiumError as exc:
                raise ParseError(f"damaged PDF: page {index + 1}: {exc}") from None
            finally:
                page.close()
        meta = _metadata(doc)
    finally:
        doc.close()
    if not any(line.text for lines in pages for line in lines):
        raise ParseError("no text layer (scanned image-only PDF): needs OCR")
    _classify(pages, boxes)
    for lines in pages:
        lines[:] = _read_tables(lines)
    out = [
        Line(
            text=ln.text,
            page=ln.page,
            role=ln.role,
            size=round(ln.size, 2),
            para_start=ln.para_start,
        )
        for lines in pages
        for ln in lines
        if ln.text
    ]
    meta["pages"] = str(len(pages))
    # Raised markers are out of the text already; the parser looks for markers in the text
    # only when the PDF set none raised (then "2" alone in a table could be taken for one).
    markers = not any(ln.dropped_marker for lines in pages for ln in lines)
    return Extract(lines=out, format="pdf", meta=meta, markers=markers, paragraphs=True)


_TOO_MANY_OBJECTS = f"a PDF of more than {MAX_PDF_OBJECTS:,} text or drawing objects"


def _check_streams(data: bytes) -> None:
    """Refuse a PDF whose streams inflate to more than MAX_PDF_INFLATED or show text more
    than MAX_PDF_OBJECTS times, before pdfium parses any of them.

    Every stream but an image (pdfium does not unpack images to read text) is inflated a
    step at a time and its text operators counted; one that is not Flate-packed is counted
    as it stands. Streams are never inside other objects' streams, so a look for the
    keyword finds them all."""
    view = memoryview(data)
    inflated = shown = 0
    at = data.find(b"stream")
    while at >= 0:
        following = data.find(b"stream", at + 6)
        end = following if following >= 0 else len(data)
        start = at + 6
        if data.startswith(b"\r\n", start):
            start += 2
        elif data.startswith(b"\n", start):
            start += 1
        head = max(data.rfind(b"obj", max(0, at - 2048), at), at - 2048, 0)
        if data[at - 3 : at] != b"end" and not _IMAGE.search(data, head, at):
            inflater = zlib.decompressobj()
            try:
                out = inflater.decompress(view[start:end], _INFLATE_STEP)
            except zlib.error:
                shown += data.count(b"Tj", start, end) + data.count(b"TJ", start, end)
            else:
                while True:
                    inflated += len(out)
                    shown += out.count(b"Tj") + out.count(b"TJ")
                    if inflated > MAX_PDF_INFLATED:
                        raise ParseError(
                            f"a PDF whose content unpacks to more than {MAX_PDF_INFLATED // _MB} MB"
                        )
                    if inflater.eof or not inflater.unconsumed_tail:
                        break
                    try:
                        out = inflater.decompress(inflater.unconsumed_tail, _INFLATE_STEP)
                    except zlib.error:
                        break  # damaged further on: pdfium reads what it can
            if shown > MAX_PDF_OBJECTS:
                raise ParseError(_TOO_MANY_OBJECTS)
        at = following


def _open_error(exc: pdfium.PdfiumError) -> ParseError:
    code = exc.err_code
    if code == pdfium_c.FPDF_ERR_PASSWORD:
        return ParseError("encrypted PDF: a password is needed to open it")
    if code == pdfium_c.FPDF_ERR_SECURITY:
        return ParseError("encrypted PDF: unsupported security handler")
    if code == pdfium_c.FPDF_ERR_FILE:
        return ParseError("damaged PDF: cannot be opened")
    if code == pdfium_c.FPDF_ERR_SUCCESS:
        # pdfium opened it but found no page at all.
        return ParseError("damaged PDF: no pages")
    return ParseError("damaged PDF: not a readable PDF (truncated or corrupt)")


def _metadata(doc: pdfium.PdfDocument) -> dict[str, str]:
    try:
        info = doc.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        return {}
    wanted = ("Title", "Subject", "Author")
    return {f"pdf_{k.lower()}": v for k, v in info.items() if k in wanted and v != "None"}


# --- characters to runs to lines ----------------------------------------------------------


def _page_lines(textpage: pdfium.PdfTextPage, page_no: int) -> list[_Line]:
    raw = textpage.raw
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range()
    if len(text) != count:
        # Rare: pdfium's text view differs from its char list; ask per character instead.
        text = "".join(_char(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))

    get_matrix = pdfium_c.FPDFText_GetMatrix
    matrix = pdfium_c.FS_MATRIX()
    ref = ctypes.byref(matrix)
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    box_refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))

    def right_edge(index: int) -> float:
        pdfium_c.FPDFText_GetCharBox(raw, index, *box_refs)
        return right.value

    loose = pdfium_c.FS_RECTF()

    def advance(index: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(loose))
        return loose.right, loose.right - loose.left

    def close(run: _Run) -> None:
        run.x1 = _finite(right_edge(last), run.x0)
        edge, width = advance(last)
        run.advance_x1, run.last_width = _finite(edge, run.x1), _finite(width, 0.0)

    runs: list[_Run] = []
    run: _Run | None = None
    key: tuple[float, ...] | None = None
    last = -1  # index of the last character added to ``run``
    pending_space = False
    accent_at = -1  # index of a letter an accent was just put on
    for i, ch in enumerate(text):
        if ch in _SPACES:
            pending_space = True
            continue
        if ch < " " or ch == "\ufffe":
            if ch not in "\x02\ufffe":
                continue
            ch = "-"  # pdfium's mark for a hyphen at a line end
        if (
            ch in _ACCENTS
            and run is not None
            and run.chars
            and run.chars[-1].isalpha()
            and _overlaps(raw, last, i, box_refs, left, right)
        ):
            # A spacing accent drawn over the letter before it ("Kostic´"): rejoin them.
            run.chars[-1] = _compose(run.chars[-1], ch)
            pending_space = False
            accent_at = last
            continue
        if accent_at >= 0:
            if pending_space and _overlaps(raw, accent_at, i, box_refs, left, right, slack=1.5):
                pending_space = False  # pdfium's space after the accent glyph ("Yes¸ ilgöz")
            accent_at = -1
        get_matrix(raw, i, ref)
        new_key = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        if new_key != key:
            if not all(map(math.isfinite, new_key)):
                # Placed nowhere (a damaged font's matrix gives NaN): no text of the page.
                continue
            key = new_key
            if run is not None:
                close(run)
            scale = math.hypot(matrix.c, matrix.d)
            # Font size times the text matrix's scale: these PDFs set 1 pt type scaled up.
            size = _finite(max(pdfium_c.FPDFText_GetFontSize(raw, i) * (scale or 1.0), 1.0), 1.0)
            rotated = abs(matrix.b) > 1e-3 * scale or abs(matrix.c) > 1e-3 * scale
            run = _Run([], matrix.e, matrix.f, size, pending_space, rotated)
            run.first_width = _finite(advance(i)[1], 0.0)
            runs.append(run)
            pending_space = False
        assert run is not None
        if pending_space:
            run.chars.append(" ")
            pending_space = False
        run.chars.append(ch)
        last = i
    if run is not None:
        close(run)
    return _lines_from_runs(runs, page_no)


def _finite(value: float, default: float) -> float:
    """``value``, or ``default`` where pdfium measured NaN or infinity (a damaged font)."""
    return value if math.isfinite(value) else default


def _char(code: int) -> str:
    return chr(code) if 0 < code < 0x110000 else "\ufffd"


def _overlaps(
    raw: object,
    first: int,
    second: int,
    box_refs: tuple[object, ...],
    left: ctypes.c_double,
    right: ctypes.c_double,
    slack: float = 1.0,
) -> bool:
    """Whether character ``second`` starts within the box of character ``first`` (+ slack)."""
    pdfium_c.FPDFText_GetCharBox(raw, first, *box_refs)
    first_left, first_right = left.value, right.value
    pdfium_c.FPDFText_GetCharBox(raw, second, *box_refs)
    return first_left - slack <= left.value <= first_right + slack


def _compose(letter: str, accent: str) -> str:
    joined = unicodedata.normalize("NFC", letter + _ACCENTS[accent])
    return joined if len(joined) == 1 else letter + accent


def _lines_from_runs(runs: list[_Run], page_no: int) -> list[_Line]:
    # The text column's left edge: where most of the page's text starts. A run that starts
    # there after a wide gap begins a new line even on the same baseline (margin notes such
    # as "’s-Gravenhage 2024" beside the footer); other wide gaps are table cells.
    column = _mode((round(run.x0), len(run.chars)) for run in runs)
    lines: list[_Line] = []
    line: _Line | None = None
    for run in runs:
        if not run.chars:
            continue
        if line is not None and _joins(line, run, column):
            continue
        line = _Line([run], page_no, run)
        lines.append(line)
    for ln in lines:
        _finish(ln)
    return lines


def _joins(line: _Line, run: _Run, column: int) -> bool:
    """Add ``run`` to ``line`` when it continues it on the same baseline; say whether it did."""
    main = line.main
    if run.rotated or main.rotated:
        return False
    prev = line.runs[-1]
    big = max(run.size, main.size)
    gap = run.x0 - prev.x1
    if gap < -0.6 * big or (gap > 3.0 * big and abs(run.x0 - column) < 2):
        return False
    dy = run.y - main.y
    if abs(dy) <= 0.2 * min(run.size, main.size):
        line.runs.append(run)
        if run.size > main.size and len(run.chars) > len(main.chars):
            line.main = run
        return True
    # A smaller run a little above or below: a superscript/subscript within the line.
    if run.size < 0.85 * main.size and -0.35 * main.size <= dy <= 0.75 * main.size:
        run.sup = dy > 0.1 * main.size
        line.runs.append(run)
        return True
    # The line so far is a raised small number and this run is the text it belongs to.
    if (
        main.size < 0.85 * run.size
        and -0.35 * run.size <= -dy <= 0.75 * run.size
        and sum(len(r.chars) for r in line.runs) <= 6
    ):
        for r in line.runs:
            r.sup = -dy > 0.1 * run.size
        line.runs.append(run)
        line.main = run
        return True
    return False


def _finish(line: _Line) -> None:
    """Compute the line's text, size and extent from its runs."""
    parts: list[str] = []
    sizes: Counter[float] = Counter()
    for n, run in enumerate(line.runs):
        text = run.text
        if not text:
            continue
        if run.sup and _MARKER.fullmatch(text):
            if n == 0 or not parts:
                line.numbered = True  # a footnote's own number: keep it
            elif not (text in ("2", "3") and _UNIT.search(parts[-1])):
                line.dropped_marker = True
                continue  # a footnote marker inside running text: drop it
        if parts:
            prev = line.runs[n - 1]
            gap = run.x0 - prev.x1
            after_number = n == 1 and line.numbered  # "1 NOS, …": the number stands apart
            if run.space_before or gap > 0.2 * min(run.size, prev.size) or after_number:
                parts.append(" ")
        parts.append(text)
        if not run.sup:
            sizes[round(run.size, 1)] += len(run.chars)
    line.text = "".join(parts).strip()
    line.size = sizes.most_common(1)[0][0] if sizes else line.main.size
    line.x0 = min(r.x0 for r in line.runs)
    line.x1 = max(r.x1 for r in line.runs)


# --- roles --------------------------------------------------------------------------------


def _classify(pages: list[list[_Line]], boxes: list[tuple[float, float, float, float]]) -> None:
    lines = [ln for page in pages for ln in page if ln.text]
    _mark_furniture(pages, boxes)
    sizes: Counter[float] = Counter()
    for ln in lines:
        if ln.role == "body":
            sizes[round(ln.size * 2) / 2] += len(ln.text)
    # The body type: the largest size that holds a good share of the text, so that pages
    # heavy with footnotes do not make the footnote size look like the body's.
    total = sum(sizes.values())
    common = [size for size, n in sizes.items() if n >= 0.3 * total]
    body_size = max(common) if common else sizes.most_common(1)[0][0] if sizes else 10.0
    _mark_footnotes(pages, body_size)
    _mark_paragraphs(pages, body_size)


def _mark_furniture(
    pages: list[list[_Line]], boxes: list[tuple[float, float, float, float]]
) -> None:
    ah_numbers = {m.group(1) for page in pages for ln in page for m in _AH_NUMBER.finditer(ln.text)}
    sizes = sorted(ln.size for page in pages for ln in page if ln.text)
    median = sizes[len(sizes) // 2] if sizes else 10.0
    column = _mode((round(ln.x0), len(ln.text)) for page in pages for ln in page if ln.text)

    def in_margin(ln: _Line) -> bool:
        _, bottom, _, top = boxes[ln.page]
        zone = (top - bottom) * _MARGIN_ZONE
        return ln.y > top - zone or ln.y < bottom + zone

    def in_left_column(ln: _Line) -> bool:
        # The Aanhangsel layout keeps the text column right of a wide margin, which holds
        # only the document's metadata ("Vergaderjaar …", "ah-tk-…", "ISSN …").
        left, _, right, _ = boxes[ln.page]
        return column - left > 0.25 * (right - left) and ln.x1 < column - 10

    repeated = _running_lines([[ln for ln in page if ln.text and in_margin(ln)] for page in pages])
    for page in pages:
        chars = sum(len(ln.text) for ln in page)
        rotated = sum(len(ln.text) for ln in page if ln.rotated)
        for ln in page:
            text = ln.text
            if not text:
                continue
            digits = text.isdigit()
            if (
                # Turned text beside upright text (a margin note); a wholly turned page is
                # left as body.
                (ln.rotated and 2 * rotated < chars)
                or id(ln) in repeated
                or is_furniture(text)
                or in_left_column(ln)
                or (in_margin(ln) and _PAGE_NUMBER.fullmatch(text))
                # The title block's big numbers: the Aanhangsel number and the "2" of the Kamer.
                or (digits and ln.size > 1.3 * median)
                or (digits and ln.page == 0 and text in ah_numbers)
            ):
                ln.role = "furniture"


def _mode(weighted: Iterable[tuple[int, int]]) -> int:
    counts: Counter[int] = Counter()
    for value, weight in weighted:
        counts[value] += weight
    return counts.most_common(1)[0][0] if counts else 0


def _running_lines(pages: list[list[_Line]]) -> set[int]:
    """Lines (by id) that recur on several pages: the same text, or the same text with a
    number that grows with the page number ("Aanhangsel 2", "Pagina 3 van 5")."""
    groups: dict[str, list[tuple[int, _Line]]] = {}
    for page_no, lines in enumerate(pages):
        for ln in lines:
            groups.setdefault(_repeat_key(ln.text), []).append((page_no, ln))
    found: set[int] = set()
    for items in groups.values():
        if len({page_no for page_no, _ in items}) < 2:
            continue
        numbers = [[int(d) for d in re.findall(r"\d+", ln.text)] for _, ln in items]
        if len({ln.text for _, ln in items}) > 1 and not _page_numbered(
            [page_no for page_no, _ in items], numbers
        ):
            continue
        found.update(id(ln) for _, ln in items)
    return found


def _page_numbered(page_nos: list[int], numbers: list[list[int]]) -> bool:
    """Whether the numbers agree everywhere but in one place, which follows the page."""
    width = len(numbers[0])
    if any(len(ns) != width for ns in numbers):
        return False
    varying = [j for j in range(width) if len({ns[j] for ns in numbers}) > 1]
    if len(varying) != 1:
        return False
    j = varying[0]
    return len({ns[j] - page_no for ns, page_no in zip(numbers, page_nos, strict=True)}) == 1


def _repeat_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _mark_footnotes(pages: list[list[_Line]], body_size: float) -> None:
    """Footnotes: small type below all body-size text of a page, from a numbered line on."""
    small = 0.93 * body_size
    expected = 1  # footnotes are numbered through the document
    continuing = False  # the previous page ended inside a footnote
    for page in pages:
        content = [ln for ln in page if ln.text and ln.role != "furniture"]
        # The footnote block sits below every line of body-size type on the page; small
        # type higher up (a table, a quotation) is body.
        floor = min((ln.y for ln in content if ln.size >= small), default=math.inf)
        first_start = -1
        in_notes = False
        for n, ln in enumerate(content):
            if ln.size >= small:
                in_notes = False
                continue
            if ln.y >= floor:
                continue
            match = _FOOTNOTE_START.match(ln.text)
            if match is not None and (
                ln.numbered or (int(match.group(1)) == expected and len(ln.text) > match.end())
            ):
                in_notes = True
                expected = int(match.group(1)) + 1
                if first_start < 0:
                    first_start = n
            if in_notes:
                ln.role = "footnote"
        if continuing:
            # A footnote carried over from the previous page: the small lines set tight
            # above this page's first footnote (or at the very foot of the page).
            n = (first_start if first_start >= 0 else len(content)) - 1
            while n >= 0:
                ln = content[n]
                below = content[n + 1] if n + 1 < len(content) else None
                if ln.size >= small or ln.y >= floor or ln.role != "body":
                    break
                if below is not None and not 0 < ln.y - below.y <= 2.0 * ln.size:
                    break
                ln.role = "footnote"
                n -= 1
        continuing = bool(content) and content[-1].role == "footnote"


def _mark_paragraphs(pages: list[list[_Line]], body_size: float) -> None:
    """Set ``para_start`` after a wider gap than normal leading, or after a short line."""
    body = [ln for page in pages for ln in page if ln.role == "body" and ln.text]
    if not body:
        return
    # Normal leading: the most common baseline step between body lines, per point of type.
    steps: Counter[float] = Counter()
    for a, b in itertools.pairwise(body):
        step = a.y - b.y
        if a.page == b.page and 0 < step < 3 * a.size:
            steps[round(step / a.size, 2)] += 1
    leading = steps.most_common(1)[0][0] if steps else 1.2
    # The text column's right edge and the average character width, from body-size lines.
    regular = [ln for ln in body if abs(ln.size - body_size) <= 0.6 and len(ln.text) > 20]
    rights = sorted(ln.x1 for ln in regular)
    right = rights[int(0.9 * (len(rights) - 1))] if rights else max(ln.x1 for ln in body)
    width = sum(ln.x1 - ln.x0 for ln in regular) / max(1, sum(len(ln.text) for ln in regular))
    prev: _Line | None = None
    for ln in body:
        if prev is None:
            ln.para_start = True
        else:
            size = max(ln.size, prev.size)
            step = prev.y - ln.y if ln.page == prev.page else 0.0
            gap = step > 1.35 * leading * size or step < -0.5 * size
            ln.para_start = gap or _ends_short(prev, ln, right, width)
        prev = ln


def _read_tables(lines: list[_Line]) -> list[_Line]:
    """The page's lines in the order of the published texts when the page holds a table.

    The content stream draws a table row by row; the published texts (and so the records)
    read a page with a table as layout analysis does, column blocks before rows, which can
    also move a table's columns past the text around it (see ``_layout``). Such a page is
    read that way as a whole; a page without a table keeps the content stream's order.
    """
    parts = [_cells(line) for line in lines]
    if not _has_table(lines, parts):
        return lines
    cells: list[Cell[_Line]] = []
    split: set[int] = set()  # the lines made from part of a line (one table cell each)
    for line, line_parts in zip(lines, parts, strict=True):
        if not line.text:
            continue
        for runs in line_parts:
            cell = line
            if len(line_parts) > 1:
                cell = _Line(runs, line.page, max(runs, key=lambda r: (not r.sup, len(r.chars))))
                _finish(cell)
                cell.role = line.role
                split.add(id(cell))
            if cell.text:
                bottom = cell.y - 0.2 * cell.size  # the descent below the baseline
                right = max(r.advance_x1 for r in cell.runs)
                cells.append(Cell(cell.x0, bottom, right, bottom + cell.size, cell))
    if len(cells) > _MAX_LAYOUT_CELLS:
        return lines  # the pairwise merging would take too long; keep the stream's order
    ordered = [cell for box in reading_order(cells) for cell in box]
    prev: _Line | None = None
    for line in ordered:
        if id(line) in split:
            # A table reads as one paragraph, as in the published texts.
            line.para_start = prev is None or id(prev) not in split
        if line.role == "body":
            prev = line
    return ordered


def _has_table(lines: list[_Line], parts: list[list[list[_Run]]]) -> bool:
    """Whether two body lines of several cells follow each other (single-cell rows may
    stand between them), each line close below the one before."""
    rows = 0  # lines of several cells in the current run of body lines
    for n, line in enumerate(lines):
        prev = lines[n - 1] if n else None
        if (
            line.role != "body"
            or prev is None
            or not 0 < prev.y - line.y <= 3.0 * max(line.size, prev.size)
        ):
            rows = 0  # a new run of lines starts here
        if line.role == "body" and len(parts[n]) >= 2:
            rows += 1
            if rows >= 2:
                return True
    return False


def _cells(line: _Line) -> list[list[_Run]]:
    """The line's runs split where the gap is wider than two characters (a new cell), as
    layout analysis measures it: from the advance of one glyph to the next glyph."""
    cells: list[list[_Run]] = []
    for run in line.runs:
        if cells:
            prev = cells[-1][-1]
            if run.x0 - prev.advance_x1 >= 2.0 * max(prev.last_width, run.first_width):
                cells.append([run])
                continue
            cells[-1].append(run)
        else:
            cells.append([run])
    return cells


def _ends_short(prev: _Line, line: _Line, right: float, width: float) -> bool:
    """The previous line stopped although this line's first word would have fitted after it."""
    if width <= 0 or prev.text.endswith("-") or abs(prev.size - line.size) > 0.6:
        return False
    word = line.text.split(" ", 1)[0]
    room = right - prev.x1
    return room > (len(word) + 2) * width * line.size / prev.size + 0.5 * line.size
