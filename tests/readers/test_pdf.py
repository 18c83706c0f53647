"""The PDF reader on the official Aanhangsel PDFs in tests/data/pdf, and on broken PDFs.

The five PDFs and their gold records are public Tweede Kamer documents copied from the
project corpus; the broken PDFs are made here.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import zlib
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from kamervragen import parse_bytes
from kamervragen.errors import ParseError
from kamervragen.readers import pdf as pdf_reader
from kamervragen.readers._base import Extract, Line
from kamervragen.readers._detect import read_bytes
from kamervragen.readers.pdf import read_pdf
from madeuppdf import add_text, deflated, raw_pdf, save, text_objects
from peakmemory import parse_in_a_process

DATA = Path(__file__).resolve().parent.parent / "data" / "pdf"
PDFS = sorted(DATA.glob("*.pdf"))
FURNITURE = re.compile(
    r"ISSN \d|ah-tk-\d|Tweede Kamer, vergaderjaar|[’']s-Gravenhage \d{4}"
    r"|Aanhangsel van de Handelingen|Tweede Kamer der Staten-Generaal"
)


def pdf_named(number: str) -> Path:
    (path,) = (p for p in PDFS if p.name.startswith(f"ah-tk-20232024-{number}__"))
    return path


@cache
def extract(path: Path) -> Extract:
    return read_pdf(path.read_bytes())


def gold(path: Path) -> dict[str, Any]:
    return json.loads(path.with_name(path.name + ".gold.json").read_text(encoding="utf-8"))


def norm(text: str) -> str:
    return " ".join(text.split())


def body_text(ex: Extract) -> str:
    """Body lines joined as the parser would: hyphen at a line end joins the word."""
    out = ""
    for line in ex.lines:
        if line.role != "body":
            continue
        if out.endswith("-"):
            out = out[:-1] + line.text
        else:
            out = f"{out} {line.text}" if out else line.text
    return norm(out)


def test_data_is_present() -> None:
    assert len(PDFS) == 5
    for path in PDFS:
        assert path.with_name(path.name + ".gold.json").is_file()


# --- lines and roles on the real PDFs -----------------------------------------------------


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:19])
def test_every_line_has_page_size_and_role(path: Path) -> None:
    ex = extract(path)
    assert ex.format == "pdf"
    pages = int(ex.meta["pages"])
    assert pages >= 1
    assert [ln.page for ln in ex.lines] == sorted(ln.page for ln in ex.lines)
    assert {ln.page for ln in ex.lines} == set(range(pages))
    for line in ex.lines:
        assert line.text and line.text == line.text.strip()
        assert "  " not in line.text
        assert line.role in ("body", "footnote", "furniture")
        assert line.size is not None and 4 < line.size < 60


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:19])
def test_furniture_is_never_body(path: Path) -> None:
    ex = extract(path)
    for line in ex.lines:
        if FURNITURE.search(line.text):
            assert line.role == "furniture", line
    furniture = [ln.text for ln in ex.lines if ln.role == "furniture"]
    # The running footer is on every page; the first page has the title block.
    pages = int(ex.meta["pages"])
    footers = [t for t in furniture if t.startswith("Tweede Kamer, vergaderjaar 2023–2024")]
    assert len(footers) == pages
    assert "ISSN 0921 - 7398" in furniture
    assert "’s-Gravenhage 2024" in furniture
    assert "Aanhangsel van de Handelingen" in furniture
    assert gold(path)["id"] in furniture
    # The Aanhangsel number in big type on page 1, and the "2" beside the Kamer's name.
    assert gold(path)["id"].rsplit("-", 1)[1] in furniture
    assert "2" in furniture


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:19])
def test_every_gold_footnote_starts_a_footnote_line(path: Path) -> None:
    ex = extract(path)
    notes = [ln for ln in ex.lines if ln.role == "footnote"]
    starts = [ln.text for ln in notes if re.match(r"\d+ ", ln.text)]
    footnotes = gold(path)["footnotes"]
    assert len(starts) == len(footnotes)
    for note, start in zip(footnotes, starts, strict=True):
        first_words = " ".join(note["text"].split()[:3])
        assert start.startswith(f"{note['number']} {first_words}"), (start, note)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:19])
def test_footnote_lines_hold_only_footnote_text(path: Path) -> None:
    ex = extract(path)
    all_notes = norm(" ".join(f"{n['number']} {n['text']}" for n in gold(path)["footnotes"]))
    for line in ex.lines:
        if line.role == "footnote":
            text = re.sub(r"^\d+ ", "", line.text)
            # Start of the line (a line-end hyphen may split a word across lines).
            assert text[:20] in all_notes, line


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:19])
def test_footnotes_are_smaller_than_body(path: Path) -> None:
    ex = extract(path)
    body = Counter(ln.size for ln in ex.lines if ln.role == "body")
    notes = {ln.size for ln in ex.lines if ln.role == "footnote"}
    assert body.most_common(1)[0][0] == 8.5  # the Aanhangsel body type is 8.5 pt
    assert notes and max(notes) < 8.5


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:19])
def test_gold_questions_and_answers_are_in_body_text(path: Path) -> None:
    text = body_text(extract(path))
    record = gold(path)
    for item in record["questions"] + record["answers"]:
        for paragraph in item["text"].split("\n\n"):
            start = norm(paragraph)[:60]
            if "Meldingen" in start or "Grond" in start:
                continue  # a table: pdfminer (the gold's source) reads it by columns
            assert start in text, start


def test_footnote_between_page_end_and_next_page() -> None:
    """The sentence "… Mensen | moeten daarop …" is broken by footnotes and the footer."""
    lines = extract(pdf_named("2313")).lines
    end = next(
        i for i, ln in enumerate(lines) if ln.text.endswith("belangrijk en bepalend. Mensen")
    )
    resume = next(i for i, ln in enumerate(lines) if ln.text.startswith("moeten daarop kunnen"))
    between = lines[end + 1 : resume]
    assert [ln.role for ln in between[:2]] == ["footnote", "footnote"]
    assert between[0].text.startswith("1 EenVandaag, 1 juli 2024")
    assert {ln.role for ln in between} == {"footnote", "furniture"}
    assert lines[end].page + 1 == lines[resume].page
    assert not lines[resume].para_start


def test_footnote_markers_are_dropped_from_body_lines() -> None:
    body = [ln.text for ln in extract(pdf_named("1314")).lines if ln.role == "body"]
    assert "tegen actief regenboogbeleid»?" in body
    assert any(
        t.startswith("Kent u de Inventarisatie Regenboogbeleid Regenboogprovincies? Zo ja")
        for t in body
    )
    # "… d.d. 14 juli 2023⁵": the marker would otherwise read as "20235".
    text = body_text(extract(pdf_named("2129")))
    assert "20235" not in text


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name[:19])
def test_no_marker_glued_to_body_words(path: Path) -> None:
    for line in extract(path).lines:
        if line.role == "body":
            assert not re.search(r"[a-zé][?!.»]+\d{1,2}(?:\s|$)", line.text), line


def test_words_hyphens_and_accents() -> None:
    lines = [ln.text for ln in extract(pdf_named("1314")).lines]
    # A split diacritic ("Kostic´") is put back on its letter.
    assert any("en Kostić (PvdD) aan de" in t for t in lines)
    # A hyphen at a line end is kept as printed; the parser joins the word.
    i = next(i for i, t in enumerate(lines) if t.endswith("om zich regen-"))
    assert lines[i + 1].startswith("boogprovincie te mogen noemen")
    # Footnote text keeps its number, separated by a space.
    assert (
        "1 NOS, d.d. 1 maart 2024, «Kritiek op besluit provincie Friesland tegen actief "
        "regenboogbeleid»," in lines
    )


def test_a_table_is_read_in_the_order_of_the_published_text() -> None:
    # 1314 answers with two small tables. The content stream draws them row by row; the
    # published text (and its gold record) reads the rows' labels, then each column.
    lines = extract(pdf_named("1314")).lines
    start = next(n for n, ln in enumerate(lines) if ln.text == "Grond")
    cells = [ln.text for ln in lines[start : start + 16]]
    assert cells == [
        "Grond", "Meldingen in 2021", "Meldingen in 2022", "Meldingen in 2023",
        "Geslacht(Trans)", "Seksuele gerichtheid", "TOTAAL",
        "2", "10", "12", "3", "14", "17", "6", "34", "40",
    ]  # fmt: skip
    assert {ln.role for ln in lines[start : start + 16]} == {"body"}
    # One paragraph: the cells after the first do not start paragraphs.
    assert lines[start].para_start
    assert not any(ln.para_start for ln in lines[start + 1 : start + 16])
    # The text before and after the tables keeps its order.
    texts = [ln.text for ln in lines]
    before = "Bijgaande cijfers zijn aangeleverd door Discriminatie.nl/Fryslân/Tumba:"
    assert texts.index(before) < start


def test_paragraph_starts() -> None:
    lines = [ln for ln in extract(pdf_named("2313")).lines if ln.role == "body"]
    by_text = {ln.text: ln for ln in lines}
    assert lines[0].para_start  # the heading "Vragen van de leden …"
    assert by_text["Vraag 1"].para_start  # after a wider gap
    assert by_text["Antwoord 1"].para_start
    # A paragraph after a short last line, with no extra space between.
    assert by_text["COVID. Het onderzoek is dan ook niet representatief."].para_start is False
    after = next(ln for ln in lines if ln.text.startswith("Uit het vooronderzoek blijkt dat de"))
    assert after.para_start
    # Lines inside a paragraph.
    assert not by_text[
        "onzekerheid over hun gezondheid, over hun financiële situatie en over de"
    ].para_start


def test_read_bytes_dispatches_to_the_pdf_reader() -> None:
    ex = read_bytes(pdf_named("2395").read_bytes())
    assert ex.format == "pdf"
    assert isinstance(ex.lines[0], Line)


# --- made-up PDFs: one feature at a time ------------------------------------------------

Item = tuple[float | None, float, float, str]  # x (None: right after the previous), y, size


def make_pdf(pages: list[list[Item]], width: float = 595, height: float = 842) -> bytes:
    """A PDF with one Helvetica text object per item."""
    doc = pdfium.PdfDocument.new()
    made = []
    for items in pages:
        page = doc.new_page(width, height)
        made.append(page)
        right = 0.0
        for x, y, size, text in items:
            right = add_text(doc, page, right if x is None else x, y, size, text)
    return save(doc, made)


def roles(data: bytes) -> list[tuple[int, str | None, str]]:
    return [(ln.page, ln.role, ln.text) for ln in read_pdf(data).lines]


def test_superscripts_subscripts_and_units() -> None:
    page: list[Item] = [
        (72, 700, 10, "De uitstoot van CO"),
        (None, 697, 7, "2"),  # subscript: stays
        (None, 700, 10, " in 100 m"),
        (None, 704, 7, "2"),  # m²: stays
        (None, 700, 10, " woningen, zie het bericht van 14 juli 2023"),
        (None, 704, 7, "5"),  # footnote marker: dropped
        (None, 700, 10, " en verder."),
        (72, 150, 6, "5"),
        (79, 147, 8, "https://example.org/bericht"),
    ]
    assert roles(make_pdf([page])) == [
        (
            0,
            "body",
            "De uitstoot van CO2 in 100 m2 woningen, zie het bericht van 14 juli 2023 en verder.",
        ),
        (0, "footnote", "5 https://example.org/bericht"),
    ]


def test_running_header_page_numbers_and_headings_at_page_tops() -> None:
    pages: list[list[Item]] = []
    questions = ["Wat is de stand van zaken?", "Hoe staat het ervoor?", "Wat volgt?"]
    for n, heading in enumerate(["Vraag 2", "Vraag 5", "Vraag 9"]):
        pages.append(
            [
                (72, 800, 8, "Ministerie van Financiën"),
                (72, 760, 10, heading),  # top of the page, but not a running header
                (72, 746, 10, questions[n]),
                (72, 400, 10, "Ja."),
                (280, 40, 9, f"Pagina {n + 1} van 3"),
            ]
        )
    got = roles(make_pdf(pages))
    assert [text for _, role, text in got if role == "body"] == [
        "Vraag 2", "Wat is de stand van zaken?", "Ja.",
        "Vraag 5", "Hoe staat het ervoor?", "Ja.",
        "Vraag 9", "Wat volgt?", "Ja.",
    ]  # fmt: skip
    furniture = [text for _, role, text in got if role == "furniture"]
    assert furniture.count("Ministerie van Financiën") == 3
    assert "Pagina 2 van 3" in furniture


def test_small_type_above_the_body_is_not_a_footnote() -> None:
    page: list[Item] = [
        (72, 700, 10, "Bijgaande cijfers:"),
        (72, 680, 7, "Grond"),
        (200, 680, 7, "2021"),
        (72, 670, 7, "1"),
        (200, 670, 7, "12"),
        (72, 640, 10, "Dat is de tabel."),
        (72, 150, 6, "1"),
        (79, 147, 8, "Kamerstuk 36 410, nr. 15."),
    ]
    got = roles(make_pdf([page]))
    assert got == [
        (0, "body", "Bijgaande cijfers:"),
        # A table: read column by column, as the published texts read it.
        (0, "body", "Grond"),
        (0, "body", "1"),
        (0, "body", "2021"),
        (0, "body", "12"),
        (0, "body", "Dat is de tabel."),
        (0, "footnote", "1 Kamerstuk 36 410, nr. 15."),
    ]


def test_footnote_carried_over_to_the_next_page() -> None:
    text = "Tekst die de bladzijde vult, in de letter van de lopende tekst"
    first: list[Item] = [
        (72, 712, 10, text),
        (72, 700, 10, "en een voetnoot"),
        (None, 704, 7, "1"),
        (72, 130, 6, "1"),
        (79, 127, 8, "Een lange voetnoot die doorloopt op de"),
    ]
    second: list[Item] = [
        (72, 712, 10, text),
        (72, 700, 10, "zonder voetnoot."),
        (72, 127, 8, "volgende bladzijde."),
    ]
    assert roles(make_pdf([first, second])) == [
        (0, "body", text),
        (0, "body", "en een voetnoot"),
        (0, "footnote", "1 Een lange voetnoot die doorloopt op de"),
        (1, "body", text),
        (1, "body", "zonder voetnoot."),
        (1, "footnote", "volgende bladzijde."),
    ]


# --- broken PDFs ---------------------------------------------------------------------------


def _reason(data: bytes) -> str:
    with pytest.raises(ParseError) as info:
        read_pdf(data)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_truncated_pdf_is_damaged() -> None:
    data = pdf_named("1314").read_bytes()
    assert _reason(data[: len(data) // 2]).startswith("damaged PDF: ")


def test_pdf_cut_just_before_its_end_is_damaged() -> None:
    data = pdf_named("1314").read_bytes()
    assert data.rstrip().endswith(b"%%EOF")
    assert _reason(data.rstrip()[:-5]) == "damaged PDF: truncated (no %%EOF marker at the end)"


@pytest.mark.parametrize("data", [b"%PDF-1.4\n", b"%PDF-1.7\nnot a pdf at all\n%%EOF\n"])
def test_garbage_pdf_is_damaged(data: bytes) -> None:
    assert _reason(data).startswith("damaged PDF: ")


@pytest.mark.parametrize("seed", range(12))
def test_corrupted_bytes_give_parse_error_or_lines(seed: int) -> None:
    """Whatever the damage, pdfium's exceptions never escape."""
    data = bytearray(pdf_named("2129").read_bytes())
    step = len(data) // 13
    start = step * (seed + 1)
    data[start : start + 200] = bytes((b * 31 + seed) % 256 for b in range(200))
    try:
        ex = read_pdf(bytes(data))
    except ParseError as exc:
        assert str(exc)
    else:
        assert all(isinstance(ln, Line) for ln in ex.lines)


# --- limits: what a PDF may ask of memory and time ------------------------------------------


def _in_a_process(make: str) -> tuple[str, float]:
    return parse_in_a_process(make, "from madeuppdf import deflated, raw_pdf, text_objects")


def test_a_content_stream_that_inflates_to_512_mb_is_refused_in_little_memory() -> None:
    """0.5 MB of PDF whose page inflates to 512 MB: pdfium took 1.1 GB to read it."""
    make = "raw_pdf([deflated(b'BT /F1 12 Tf 72 700 Td (Vraag 1) Tj ET\\n', 512 * 2**20)])"
    reason, peak = _in_a_process(make)
    assert reason == "a PDF whose content unpacks to more than 32 MB"
    assert peak < 300  # it took 1,100-1,600 MB; the fuzzer's bound is 512


def test_half_a_million_text_objects_are_refused_in_little_memory() -> None:
    """2.8 MB of PDF drawing 500,000 letters one by one took 1.4 GB."""
    reason, peak = _in_a_process("raw_pdf([text_objects(500_000)])")
    assert reason == "a PDF of more than 50,000 text or drawing objects"
    assert peak < 300  # it took 1,100-1,600 MB; the fuzzer's bound is 512


def test_text_objects_in_a_stream_that_is_not_packed_are_counted() -> None:
    stream = b"BT /F1 1 Tf 9 9 Td (a) Tj ET\n" * 50_001
    assert _reason(raw_pdf([stream], flate=False)) == (
        "a PDF of more than 50,000 text or drawing objects"
    )


def test_objects_the_measuring_cannot_see_are_counted_page_by_page(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PDF_OBJECTS", 50)
    monkeypatch.setattr(pdf_reader, "_check_streams", lambda data: None)
    data = raw_pdf([text_objects(30)] * 2)
    assert _reason(data) == "a PDF of more than 50,000 text or drawing objects"


def test_images_are_not_inflated_to_be_measured() -> None:
    """pdfium does not unpack an image to read the text: a large one is no bomb."""
    data = raw_pdf([deflated(b"BT /F1 12 Tf 72 700 Td (Vraag 1) Tj ET\n", 2000)])
    image = b"<< /Type /XObject /Subtype /Image /Width 8000 /Height 8000 /BitsPerComponent 8"
    image += b" /ColorSpace /DeviceGray /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
    packed = deflated(b"", 64 * 2**20)
    data = data.replace(b"xref", b"9 0 obj\n" + image % (len(packed), packed) + b"\nendobj\nxref")
    assert [line.text for line in read_pdf(data).lines] == ["Vraag 1"]


def test_a_pdf_of_more_than_1000_pages_is_refused() -> None:
    page = zlib.compress(b"BT /F1 12 Tf 72 700 Td (Vraag 1) Tj ET")
    assert _reason(raw_pdf([page] * 1001)) == "a PDF of more than 1,000 pages"
    assert len(read_pdf(raw_pdf([page] * 1000)).lines) == 1000


def test_the_official_pdfs_are_within_every_limit() -> None:
    for path in PDFS:
        assert read_pdf(path.read_bytes()).lines


def test_glyphs_pdfium_measures_as_nan_or_infinite_are_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A damaged font made pdfium give glyphs a NaN matrix (found by the fuzzer): round()
    raised ValueError. Such a glyph is placed nowhere; an infinite size is no size."""
    real_matrix, real_size = pdfium_c.FPDFText_GetMatrix, pdfium_c.FPDFText_GetFontSize

    def matrix(page: Any, index: int, ref: Any) -> Any:
        done = real_matrix(page, index, ref)
        if index % 5 == 0:
            ref._obj.e = float("nan")
        return done

    def size(page: Any, index: int) -> float:
        return float("inf") if index % 5 == 1 else real_size(page, index)

    data = pdf_named("1314").read_bytes()
    whole = read_pdf(data)
    monkeypatch.setattr(pdfium_c, "FPDFText_GetMatrix", matrix)
    monkeypatch.setattr(pdfium_c, "FPDFText_GetFontSize", size)
    damaged = read_pdf(data)
    assert damaged.lines and len(body_text(damaged)) < len(body_text(whole))
    assert all(math.isfinite(line.size or 0) for line in damaged.lines)


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _encrypted_pdf(user_password: bytes, owner_password: bytes) -> bytes:
    """A one-page PDF under the standard security handler, revision 2 (40-bit RC4)."""
    pad = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
    file_id = bytes(range(16))
    permissions = -44
    owner_key = hashlib.md5((owner_password + pad)[:32]).digest()[:5]
    o_value = _rc4(owner_key, (user_password + pad)[:32])
    key = hashlib.md5(
        (user_password + pad)[:32]
        + o_value
        + permissions.to_bytes(4, "little", signed=True)
        + file_id
    ).digest()[:5]
    u_value = _rc4(key, pad)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /O <"
        + o_value.hex().encode()
        + b"> /U <"
        + u_value.hex().encode()
        + b"> /P "
        + str(permissions).encode()
        + b" >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_encrypted_pdf_is_refused() -> None:
    data = _encrypted_pdf(b"geheim", b"eigenaar")
    # The file is sound: with its password pdfium opens it.
    pdfium.PdfDocument(data, password="geheim").close()
    assert _reason(data).startswith("encrypted PDF: ")


def test_pdf_with_only_an_owner_password_is_read_as_any_other() -> None:
    """An empty user password (print/copy restrictions only) opens without asking; such a
    PDF has no text here, so the reader gets as far as the text-layer check."""
    data = _encrypted_pdf(b"", b"eigenaar")
    assert _reason(data) == "no text layer (scanned image-only PDF): needs OCR"


def _image_only_pdf() -> bytes:
    doc = pdfium.PdfDocument.new()
    try:
        for _ in range(2):
            page = doc.new_page(595, 842)
            bitmap = pdfium.PdfBitmap.new_native(64, 64, pdfium_c.FPDFBitmap_BGR)
            bitmap.fill_rect((0, 0, 0, 255), 8, 8, 32, 16)
            image = pdfium.PdfImage.new(doc)
            image.set_bitmap(bitmap)
            image.set_matrix(pdfium.PdfMatrix().scale(400, 400).translate(90, 300))
            page.insert_obj(image)
            page.gen_content()
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()
    finally:
        doc.close()


def test_image_only_pdf_needs_ocr() -> None:
    assert _reason(_image_only_pdf()) == "no text layer (scanned image-only PDF): needs OCR"


def test_errors_come_through_read_bytes() -> None:
    with pytest.raises(ParseError, match=r"^encrypted PDF: "):
        read_bytes(_encrypted_pdf(b"geheim", b"eigenaar"))


def test_a_tight_table_reads_column_by_column() -> None:
    # Rows set close together: each column's cells form one block, read after the labels.
    # The expected order is what pdfminer's layout analysis gives for this PDF.
    page: list[Item] = [(72, 700, 10, "Het aantal meldingen per jaar staat hieronder.")]
    for y, row in zip(
        (680, 668, 659, 650),
        (("Grond", "2022", "2023"), ("Leeftijd", "12", "15"), ("Handicap", "30", "41"),
         ("Totaal", "42", "56")),
        strict=True,
    ):  # fmt: skip
        page += [(72, y, 8, row[0]), (200, y, 8, row[1]), (260, y, 8, row[2])]
    page.append((72, 630, 10, "Daarna volgt de rest van het antwoord."))
    lines = read_pdf(make_pdf([page])).lines
    assert " ".join(ln.text for ln in lines) == (
        "Het aantal meldingen per jaar staat hieronder. Grond Leeftijd Handicap Totaal"
        " 2022 12 30 42 2023 15 41 56 Daarna volgt de rest van het antwoord."
    )
    starts = [ln.text for ln in lines if ln.para_start]
    assert starts == ["Het aantal meldingen per jaar staat hieronder.", "Grond",
                      "Daarna volgt de rest van het antwoord."]  # fmt: skip


def test_a_loose_table_s_columns_come_after_the_text_below_it() -> None:
    # Rows far apart: the labels join the text column, the number columns follow it (as
    # pdfminer reads this PDF, and so as published texts of such pages read).
    page: list[Item] = [(72, 700, 10, "De cijfers per regio zijn als volgt.")]
    for y, row in zip(
        (680, 660, 640),
        (("Noord", "120", "7"), ("Zuid", "98", "11"), ("Oost", "45", "3")),
        strict=True,
    ):
        page += [(72, y, 8, row[0]), (300, y, 8, row[1]), (400, y, 8, row[2])]
    page += [(72, 620, 10, "Voor de regio West zijn geen cijfers."),
             (72, 608, 10, "Dat volgt uit de rapportage.")]  # fmt: skip
    assert " ".join(ln.text for ln in read_pdf(make_pdf([page])).lines) == (
        "De cijfers per regio zijn als volgt. Noord Zuid Oost Voor de regio West zijn geen"
        " cijfers. Dat volgt uit de rapportage. 120 98 45 7 11 3"
    )


def test_text_with_a_wide_gap_in_one_line_is_no_table() -> None:
    # A single line with a gap (a label and a value) keeps the content stream's order.
    page: list[Item] = [
        (72, 700, 10, "Eerste regel van de tekst."),
        (72, 688, 10, "Kenmerk"), (300, 688, 10, "2024-0001"),
        (72, 676, 10, "Laatste regel."),
    ]  # fmt: skip
    assert [ln.text for ln in read_pdf(make_pdf([page])).lines] == [
        "Eerste regel van de tekst.", "Kenmerk 2024-0001", "Laatste regel.",
    ]  # fmt: skip


def test_a_number_alone_in_a_table_is_no_footnote_marker() -> None:
    # The body's raised marker is taken out by the reader; the parser must not take the
    # table's lone "1" for the marker of footnote 1 as well.
    page: list[Item] = [
        (72, 760, 10, "Vraag 1"),
        (72, 746, 10, "Hoeveel meldingen waren er?"),
        (None, 750, 7, "1"),
        (72, 720, 10, "Antwoord 1"),
        (72, 706, 10, "Zie de tabel."),
        (72, 690, 8, "Soort"), (200, 690, 8, "2023"),
        (72, 681, 8, "Fiets"), (200, 681, 8, "1"),
        (72, 672, 8, "Auto"), (200, 672, 8, "12"),
        (72, 150, 6, "1"),
        (79, 147, 8, "Kamerstuk 36 410, nr. 15."),
    ]  # fmt: skip
    data = make_pdf([page])
    assert not read_pdf(data).markers
    record = parse_bytes(data)
    assert record.questions[0].text == "Hoeveel meldingen waren er?"
    assert record.answers[0].text == "Zie de tabel.\n\nSoort Fiets Auto 2023 1 12"
    assert [f.text for f in record.footnotes] == ["Kamerstuk 36 410, nr. 15."]
