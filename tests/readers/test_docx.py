"""The Word (.docx) reader on five ministry answer letters, on made-up Word files, and on
broken, unsafe and encrypted ones.

The five letters in tests/data/docx are public documents of the Ministry of Justice and
Security, copied from the project corpus. Only the Teunissen letter (…8e4671) has a gold
record (tests/data/dev, made from a text extraction of the same file); what the tests
expect of the other four was established by reading the documents themselves.
``versleuteld.docx`` is the Mutluer letter (…ddb8d5) saved with the password "geheim" by
msoffcrypto-tool: a real encrypted Word file. Everything else is built here.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
import zipfile
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import kamervragen
from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract
from kamervragen.readers._detect import read_bytes
from kamervragen.readers.docx import MAX_UNPACKED, read_docx

TESTS = Path(__file__).resolve().parent.parent
DATA = TESTS / "data" / "docx"
GOLD = TESTS / "data" / "dev"
LETTERS = sorted(p for p in DATA.glob("jenv__*.docx"))


def letter(tag: str) -> Path:
    (path,) = (p for p in LETTERS if p.stem.endswith(tag))
    return path


@cache
def extract(path: Path) -> Extract:
    return read_docx(path.read_bytes())


@cache
def record(path: Path) -> dict[str, Any]:
    return kamervragen.parse_file(path).to_dict()


@cache
def scoring() -> ModuleType:
    """tests/scoring.py, the comparison test_gold.py uses (loaded by path)."""
    if "scoring" in sys.modules:  # already imported by test_gold.py
        return sys.modules["scoring"]
    spec = importlib.util.spec_from_file_location("scoring", TESTS / "scoring.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["scoring"] = module
    spec.loader.exec_module(module)
    return module


def norm(text: str) -> str:
    return " ".join(text.split())


def groups(rec: dict[str, Any]) -> list[list[str]]:
    return [a["questions"] for a in rec["answers"]]


def numbers(rec: dict[str, Any]) -> list[str]:
    return [q["number"] for q in rec["questions"]]


def people(rec: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [(a["name"], a["party"]) for a in rec["askers"]]


def test_data_is_present() -> None:
    assert len(LETTERS) == 5
    assert (DATA / "versleuteld.docx").is_file()
    for path in LETTERS:
        assert path.read_bytes().startswith(b"PK\x03\x04")


# --- made-up Word files -------------------------------------------------------------------

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
)


def part(root: str, inner: str) -> str:
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return f"{head}<w:{root} {_NS}>{inner}</w:{root}>"


def body(inner: str) -> str:
    return part("document", f"<w:body>{inner}</w:body>")


def p(*runs: str, ppr: str = "") -> str:
    """A paragraph; a plain string is a run of text, one starting with "<" is XML."""
    inner = "".join(
        r if r.startswith("<") else f'<w:r><w:t xml:space="preserve">{r}</w:t></w:r>' for r in runs
    )
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{inner}</w:p>"


def row(*cells: str) -> str:
    return "<w:tr>" + "".join(f"<w:tc>{c}</w:tc>" for c in cells) + "</w:tr>"


def docx(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return out.getvalue()


def texts(ex: Extract, role: str = "body") -> list[str]:
    return [ln.text for ln in ex.lines if ln.role == role and ln.text.strip()]


def test_paragraphs_breaks_tabs_and_what_a_reader_does_not_see() -> None:
    ex = read_docx(
        docx(
            {
                "word/document.xml": body(
                    p("Vraag 1")
                    + p("Kent u het ", "<w:r><w:t>bericht</w:t></w:r>", "?")
                    + p()
                    + p("Antwoord 1", "<w:r><w:br/><w:t>Ja</w:t><w:tab/><w:t>zeker.</w:t></w:r>")
                    # deleted text, hidden text, field codes and a soft hyphen are not read
                    + p(
                        '<w:del w:id="1"><w:r><w:delText>weg </w:delText></w:r></w:del>',
                        '<w:ins w:id="2"><w:r><w:t xml:space="preserve">Nieuw </w:t></w:r></w:ins>',
                        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>verborgen </w:t></w:r>",
                        "<w:r><w:instrText> DOCPROPERTY datum </w:instrText></w:r>",
                        "woning\u00adzoekenden",
                        "<w:r><w:noBreakHyphen/><w:t>x</w:t></w:r>",
                    )
                    + p('<w:r><w:br w:type="page"/></w:r>', "Na de pagina.")
                ),
            }
        )
    )
    assert ex.format == "docx"
    assert ex.markers, "no Word footnotes: the parser must still look for typed markers"
    assert ex.meta == {}
    lines = [(ln.text, ln.para_start, ln.page) for ln in ex.lines]
    assert lines == [
        ("Vraag 1", True, 0),
        ("Kent u het bericht?", True, 0),
        ("", True, 0),
        ("Antwoord 1", True, 0),
        ("Ja\tzeker.", False, 0),
        ("Nieuw woningzoekenden-x", True, 0),
        ("", True, 0),
        ("Na de pagina.", False, 1),
    ]
    assert all(ln.role == "body" for ln in ex.lines)


def test_tables_rows_cells_and_text_boxes() -> None:
    box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        + p("In het kader")
        + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        + p("In het kader")
        + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    table = (
        "<w:tbl>"
        + row(p("Datum"), p("3 mei 2024"))
        + row(p("Postbus 20018") + p("2500 EA Den Haag"), p())
        + row(p("buiten") + "<w:tbl>" + row(p("genest")) + "</w:tbl>", p("rechts"))
        + "</w:tbl>"
    )
    ex = read_docx(docx({"word/document.xml": body(p("Vragen van het lid X", box) + table)}))
    assert texts(ex) == [
        "Vragen van het lid X",
        "In het kader",  # the text box once: its VML copy (mc:Fallback) is skipped
        "Datum | 3 mei 2024",  # one line for a row of one-line cells
        "Postbus 20018",
        "2500 EA Den Haag",
        "buiten",
        "genest",
        "rechts",
    ]


def test_a_table_before_the_text_is_letterhead_furniture() -> None:
    letterhead = (
        "<w:tbl>" + row(p("Onderwerp"), p("Beantwoording Kamervragen van het lid X")) + "</w:tbl>"
    )
    qa_table = "<w:tbl>" + row(p("Vraag 1")) + row(p("Kunt u dat?")) + "</w:tbl>"
    ex = read_docx(
        docx(
            {
                "word/document.xml": body(
                    p() + letterhead + p("Antwoorden van de minister") + qa_table
                )
            }
        )
    )
    assert texts(ex, "furniture") == ["Onderwerp | Beantwoording Kamervragen van het lid X"]
    assert texts(ex) == ["Antwoorden van de minister", "Vraag 1", "Kunt u dat?"]
    # A leading table that holds a heading is the document itself, not its letterhead.
    ex = read_docx(docx({"word/document.xml": body(qa_table)}))
    assert texts(ex) == ["Vraag 1", "Kunt u dat?"]


def test_list_numbers_are_written_out() -> None:
    numbering = part(
        "numbering",
        '<w:abstractNum w:abstractNumId="7">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1)"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%1%2."/></w:lvl>'
        "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="8"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="\uf0b7"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>',
    )
    styles = part(
        "styles",
        '<w:style w:type="paragraph" w:styleId="Opsomming"><w:pPr><w:numPr><w:numId w:val="2"/>'
        '</w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Opsomming2">'
        '<w:basedOn w:val="Opsomming"/></w:style>',
    )

    def item(text: str, level: int) -> str:
        return p(text, ppr=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>')

    document = body(
        item("eerste", 0)
        + item("onder", 1)
        + item("nog een", 1)
        + item("tweede", 0)
        + item("weer onder", 1)
        + p("punt", ppr='<w:pStyle w:val="Opsomming2"/>')
    )
    ex = read_docx(
        docx(
            {
                "word/document.xml": document,
                "word/numbering.xml": numbering,
                "word/styles.xml": styles,
            }
        )
    )
    assert texts(ex) == [
        "1) eerste",
        "1a. onder",
        "1b. nog een",
        "2) tweede",
        "2a. weer onder",
        "• punt",
    ]


FOOTNOTES = part(
    "footnotes",
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> Kamerstuk 36 410,'
    "</w:t></w:r></w:p><w:p><w:r><w:t>nr. 5.</w:t></w:r></w:p></w:footnote>"
    '<w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> NOS, 3 mei 2024.'
    "</w:t></w:r></w:p></w:footnote>"
    '<w:footnote w:id="9"><w:p><w:r><w:t>Nergens naar verwezen.</w:t></w:r></w:p></w:footnote>',
)


def ref(note_id: int) -> str:
    style = '<w:rPr><w:rStyle w:val="Voetnootmarkering"/></w:rPr>'
    return f'<w:r>{style}<w:footnoteReference w:id="{note_id}"/></w:r>'


def test_footnotes_numbered_in_the_order_they_are_referred_to() -> None:
    document = body(
        p("Vraag 1")
        + p("Kent u het bericht", ref(5), "?")
        + p("Antwoord 1")
        + p("Ja, zie de brief", ref(2), ". En nogmaals het bericht", ref(5), ".")
    )
    ex = read_docx(docx({"word/document.xml": document, "word/footnotes.xml": FOOTNOTES}))
    assert not ex.markers, "the reader took the markers out itself"
    assert texts(ex) == [
        "Vraag 1",
        "Kent u het bericht?",
        "Antwoord 1",
        "Ja, zie de brief. En nogmaals het bericht.",
    ]
    notes = [ln for ln in ex.lines if ln.role == "footnote"]
    # Separators and a note nobody refers to are left out; a note's paragraphs make one line.
    assert [ln.text for ln in notes] == ["1 NOS, 3 mei 2024.", "2 Kamerstuk 36 410, nr. 5."]
    assert min(ln.page for ln in notes) > max(ln.page for ln in ex.lines if ln.role == "body")


def test_headers_are_furniture_at_the_end_the_first_page_header_first() -> None:
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" '
        'Target="header2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>'
    )
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId1"/>'
        '<w:headerReference w:type="first" r:id="rId2"/>'
        '<w:footerReference w:type="default" r:id="rId3"/>'
        "<w:titlePg/></w:sectPr>"
    )
    ex = read_docx(
        docx(
            {
                "word/document.xml": body(p("Vraag 1") + p("Waarom?") + sect),
                "word/_rels/document.xml.rels": rels,
                "word/header1.xml": part("hdr", p("Datum") + p("1 april 2024")),
                "word/header2.xml": part("hdr", p("Datum") + p("3 mei 2024")),
                "word/footer1.xml": part("ftr", p("Pagina 1 van 2")),
            }
        )
    )
    assert texts(ex) == ["Vraag 1", "Waarom?"]
    assert texts(ex, "furniture") == ["Datum", "3 mei 2024", "Datum", "1 april 2024"]
    assert ex.lines[-1].text == "1 april 2024", "headers come after the body"


def run(text: str, rpr: str = "") -> str:
    """A run of text with run properties (``<w:b/>`` for bold)."""
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def bold(text: str) -> str:
    return run(text, "<w:b/>")


def answered(question: str, *answer: str, parts: dict[str, str] | None = None) -> dict[str, Any]:
    """The record of a letter of one bold question and its answer (paragraphs)."""
    heading = p(bold("Vraag 1")) + p(bold(question)) + p(bold("Antwoord op vraag 1"))
    document = body(heading + "".join(answer))
    return kamervragen.parse_bytes(docx({"word/document.xml": document, **(parts or {})})).to_dict()


def test_bold_from_runs_character_styles_paragraph_styles_and_defaults() -> None:
    styles = part(
        "styles",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Standaard"/>'
        '<w:style w:type="paragraph" w:styleId="Kop"><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Kop2"><w:basedOn w:val="Kop"/></w:style>'
        '<w:style w:type="character" w:styleId="Sterk"><w:rPr><w:b/></w:rPr></w:style>',
    )
    document = body(
        p(bold("Vraag 1"))
        + p(run("Kent u het bericht?", '<w:rStyle w:val="Sterk"/>'))
        + p("Een kop", ppr='<w:pStyle w:val="Kop2"/>')  # bold by the style it is based on
        + p(run("niet vet", '<w:b w:val="0"/>'), ppr='<w:pStyle w:val="Kop"/>')
        # The paragraph mark's properties (pPr/rPr) format no text.
        + p("gewoon", ppr="<w:rPr><w:b/></w:rPr>")
        + p(bold("Ja"), ", dat is zo.")  # the most letters decide
        + p()
        + "<w:tbl>" + row(p(bold("Vraag")), p(bold("2"))) + "</w:tbl>"
    )  # fmt: skip
    ex = read_docx(docx({"word/document.xml": document, "word/styles.xml": styles}))
    assert [(ln.text, ln.bold) for ln in ex.lines] == [
        ("Vraag 1", True),
        ("Kent u het bericht?", True),
        ("Een kop", True),
        ("niet vet", False),
        ("gewoon", False),
        ("Ja, dat is zo.", False),
        ("", None),  # no letters: the reader cannot tell
        ("Vraag | 2", True),
    ]
    defaults = part(
        "styles",
        "<w:docDefaults><w:rPrDefault><w:rPr><w:b/></w:rPr></w:rPrDefault></w:docDefaults>",
    )
    ex = read_docx(docx({"word/document.xml": body(p("alles vet")), "word/styles.xml": defaults}))
    assert [ln.bold for ln in ex.lines] == [True]


def _letter(*paragraphs: str) -> bytes:
    heading = p(bold("Antwoorden op vragen van het lid Jansen (SP) over de oude brug."))
    return docx({"word/document.xml": body(heading + "".join(paragraphs))})


def test_an_answer_without_heading_is_the_plain_text_after_a_bold_question() -> None:
    rec = kamervragen.parse_bytes(
        _letter(
            p(bold("Vraag 1")),
            p(bold("Is de brug dicht?")),
            p(bold("Antwoord op vraag 1")),
            p("Ja."),
            p(bold("Vraag 2")),
            p(bold("Waarom is de brug dicht?")),
            p("Omdat hij oud is."),
            p("Hij wordt vernieuwd."),
            p(bold("Vraag 3")),
            p(bold("Wanneer gaat hij open?")),
            p("In mei."),
        )
    ).to_dict()
    assert groups(rec) == [["1"], ["2"], ["3"]]
    assert [q["text"] for q in rec["questions"]] == [
        "Is de brug dicht?",
        "Waarom is de brug dicht?",
        "Wanneer gaat hij open?",
    ]
    assert [a["text"] for a in rec["answers"]] == [
        "Ja.",
        "Omdat hij oud is.\n\nHij wordt vernieuwd.",
        "In mei.",
    ]


def test_plain_text_in_a_question_is_no_answer_where_the_letter_says_otherwise() -> None:
    rec = kamervragen.parse_bytes(
        _letter(
            # Plain text between bold parts of a question is a quotation, not an answer.
            p(bold("Vraag 1")),
            p(bold("Kent u het bericht:")),
            p("“De brug blijft dicht.”"),
            p(bold("Klopt dat?")),
            # Question 2 is answered by name further on: its plain text is its own.
            p(bold("Vraag 2")),
            p(bold("Waarom?")),
            p("Toelichting van de vragensteller."),
            p(bold("Vraag 3")),
            p(bold("Wanneer?")),
            p(bold("Antwoord op vragen 1, 2 en 3")),
            p("Dat is onbekend."),
        )
    ).to_dict()
    assert groups(rec) == [["1", "2", "3"]]
    assert rec["questions"][0]["text"].count("\n\n") == 2
    assert rec["questions"][1]["text"] == "Waarom?\n\nToelichting van de vragensteller."
    # Text without the Word structure knows no bold: no answer is read into it.
    text = "\n\n".join(["Vraag 1", "Waarom is de brug dicht?", "Omdat hij oud is.", "Vraag 2"])
    rec = kamervragen.parse_text(text + "\n\nWanneer?").to_dict()
    assert rec["answers"] == []


def test_typed_notes_and_word_footnotes_are_two_series() -> None:
    rec = answered(
        "Kent u het bericht?[1]",
        p("Ja, zie de brief", ref(2), " en het bericht 2) van gisteren."),
        p("[1] NOS, 2 mei 2024."),
        p("[2] NRC, 3 mei 2024."),
        parts={"word/footnotes.xml": FOOTNOTES},
    )
    assert [(n["number"], n["text"]) for n in rec["footnotes"]] == [
        ("1", "NOS, 2 mei 2024."),
        ("2", "NRC, 3 mei 2024."),
        ("1", "Kamerstuk 36 410, nr. 5."),
    ]
    assert rec["questions"][0]["text"] == "Kent u het bericht?"
    assert rec["answers"][0]["text"] == "Ja, zie de brief en het bericht van gisteren."


def test_numbered_lines_without_markers_stay_text_beside_word_footnotes() -> None:
    rec = answered(
        "Wat gaat u doen?",
        p("Twee dingen, zie de brief", ref(5), ":"),
        p("1) meer agenten;"),
        p("2) meer geld."),
        parts={"word/footnotes.xml": FOOTNOTES},
    )
    assert [n["text"] for n in rec["footnotes"]] == ["NOS, 3 mei 2024."]
    assert rec["answers"][0]["text"].endswith("1) meer agenten;\n\n2) meer geld.")


def test_typed_notes_as_a_numbered_list_at_the_end() -> None:
    numbering = part(
        "numbering",
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>',
    )

    def item(*runs: str) -> str:
        return p(*runs, ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>')

    parts = {"word/numbering.xml": numbering}
    notes = [item("Argos, 27 september 2023."), item("vng.nl/handelingskader.pdf")]
    answer = p("Ja, het handelingskader2) ken ik.")
    rec = answered("Kent u Argos? 1)", answer, *notes, parts=parts)
    assert [(n["number"], n["text"]) for n in rec["footnotes"]] == [
        ("1", "Argos, 27 september 2023."),
        ("2", "vng.nl/handelingskader.pdf"),
    ]
    assert rec["questions"][0]["text"] == "Kent u Argos?"
    assert rec["answers"][0]["text"] == "Ja, het handelingskader ken ik."
    # Without markers in the text, a numbered list that ends the letter is its text.
    items = [item("meer agenten;"), item("meer geld.")]
    rec = answered("Wat gaat u doen?", p("Twee dingen:"), *items, parts=parts)
    assert rec["footnotes"] == []
    assert rec["answers"][0]["text"] == "Twee dingen:\n\n1. meer agenten;\n\n2. meer geld."


# --- the gold document: the Teunissen letter (8e4671) ----------------------------------------

TEUNISSEN = "8e4671"


def gold_of(path: Path) -> dict[str, Any]:
    return json.loads((GOLD / f"{path.name}.txt.gold.json").read_text(encoding="utf-8"))


def test_gold_document_matches_its_gold_record() -> None:
    """The gold record was made from a text extraction of this file that lost the letter's
    first paragraph, which sits in a table: "In antwoord op uw brief van 8 juli 2024, nr.
    2024Z11889". The Word file states both, so the record must have them (contract:
    ``submitted`` of a ministry's letter is the date of "uw brief van …"). That extraction
    also lost the two real Word footnotes, which follow the three typed ones."""
    path = letter(TEUNISSEN)
    gold = gold_of(path)
    word_notes = [{"number": str(k), "text": t} for k, t in enumerate(WORD_NOTES_8E4671, 1)]
    expected = {
        **gold,
        "submitted": "2024-07-08",
        "zaak": "2024Z11889",
        "footnotes": gold["footnotes"] + word_notes,
    }
    score = scoring()
    wrong = score.compare(expected, record(path))
    assert not wrong, score.explain(wrong)


def test_gold_document_lines() -> None:
    path = letter(TEUNISSEN)
    ex = extract(path)
    assert ex.format == "docx" and not ex.markers
    furniture = texts(ex, "furniture")
    assert "Datum | 26 augustus 2024" in furniture  # the letterhead table, one line per row
    assert any(
        t.startswith("In antwoord op uw brief van 8 juli 2024, nr. 2024Z11889") for t in furniture
    )
    body_lines = texts(ex)
    assert body_lines[:3] == [
        "D.M. van Weel",
        "Antwoorden van de minister van Justitie en Veiligheid mede namens de minister van "
        "Landbouw, Visserij, Voedselzekerheid en Natuur op Kamervragen van het lid Teunissen "
        "(PvdD) over ernstig dierenleed bij de training en inzet van politiehonden.",
        "Vraag 1",
    ]
    assert all(ln.para_start for ln in ex.lines if ln.text.strip() and ln.role == "body")
    # Every question and answer of the gold record is in the body, as written.
    text = norm(" ".join(body_lines))
    gold = gold_of(path)
    for item in gold["questions"] + gold["answers"]:
        for paragraph in item["text"].split("\n\n"):
            assert norm(paragraph) in text.replace("[1] [2]", "").replace(" [3]", "")
    # Word's own footnotes (in answers 20 and 21), their references out of the text.
    assert "huisvesting van werkhonden. De politie werkt" in text
    assert "hondengeleiders. Dierenwelzijn" in text
    notes = texts(ex, "footnote")
    assert len(notes) == 2
    assert notes[0].startswith("1 Zie ook de Verzamelbrief dierenwelzijn gezelschapsdieren")
    assert notes[1].startswith("2 De Koers Politiehonden is nader besproken door Minister Yeşilgöz")


# The letter has two kinds of notes: three typed in by hand ("[1]" in the text, "[1] NOS, …"
# as paragraphs at the end) and two real Word footnotes. Read as a reader sees the page,
# each series numbered as printed: the typed ones first, where they stand in the text.
WORD_NOTES_8E4671 = [
    "Zie ook de Verzamelbrief dierenwelzijn gezelschapsdieren van Minister Adema van Landbouw, "
    "Natuur en Voedselkwaliteit van 24 januari 2024 (Kamerstuk 28 286, nr. 1255).",
    "De Koers Politiehonden is nader besproken door Minister Yeşilgöz-Zegerius (JenV) en minister "
    "Adema (LNV) in onder meer Antwoorden op Kamervragen van Tweede Kamerlid Wassenberg (PvdD) "
    "naar "
    "aanleiding van het bericht ‘Politiehond Rebel mag alleen nog maar bijten als het moet’ van 26 "
    "september 2023.",
]


def test_gold_document_has_all_five_footnotes() -> None:
    rec = record(letter(TEUNISSEN))
    typed = [n["text"] for n in gold_of(letter(TEUNISSEN))["footnotes"]]
    assert [n["text"] for n in rec["footnotes"]] == [*typed, *WORD_NOTES_8E4671]
    assert [n["number"] for n in rec["footnotes"]] == ["1", "2", "3", "1", "2"]
    # The typed markers are out of the text: "[1] [2]" after question 1, "[3]" after 10.
    assert rec["questions"][0]["text"].endswith("in Dalfsen keerde overleden’?")
    assert rec["questions"][9]["text"].endswith("van illegale trainingsmiddelen?")
    assert not any("[" in item["text"] for item in rec["questions"] + rec["answers"])


def test_gold_document_typed_footnotes_come_first() -> None:
    rec = record(letter(TEUNISSEN))
    gold = gold_of(letter(TEUNISSEN))["footnotes"]
    got = rec["footnotes"]
    assert [n["text"] for n in got[:2]] == [n["text"] for n in gold[:2]]
    assert got[2]["text"].startswith(gold[2]["text"])


# --- the four letters without gold, as read by hand ----------------------------------------


def test_mutluer_wolvega_letter() -> None:
    """…ddb8d5: the letterhead (date, "Betreft") is in the first page's Word header only."""
    rec = record(letter("ddb8d5"))
    assert rec["kind"] == "answer"
    assert people(rec) == [
        ("Mutluer", "GroenLinks-PvdA"),
        ("Lahlah", "GroenLinks-PvdA"),
        ("Boswijk", "CDA"),
        ("Helder", "BBB"),
    ]
    assert rec["subject"] == "de voorgenomen sluiting van het politiebureau in Wolvega"
    assert rec["addressees"] == []  # neither the letter nor the annex says to whom
    assert (rec["submitted"], rec["zaak"]) == ("2024-07-05", "2024Z11859")
    assert rec["received"] == "2024-07-25"  # "Datum 25 juli 2024" in the first-page header
    assert [(a["role"], a["name"]) for a in rec["answered_by"]] == [("Minister", "Van Weel")]
    assert numbers(rec) == [str(n) for n in range(1, 9)]
    # Question 3 is answered together with 8 at the end ("Antwoord op vraag 3 en 8").
    assert groups(rec) == [["1"], ["2"], ["4"], ["5"], ["6"], ["7"], ["3", "8"]]
    assert rec["footnotes"] == []
    assert rec["answers"][2]["text"].count("\n\n") == 2  # three paragraphs
    assert "Hooflijnenakkoord" in rec["questions"][2]["text"]
    for item in rec["questions"] + rec["answers"]:
        assert "Retouradres" not in item["text"] and "Pagina" not in item["text"]


def test_lahlah_chakor_boa_letter() -> None:
    """…329109: letter of 16 mei 2024 answering the Kamer's letter of 8 maart 2024."""
    rec = record(letter("329109"))
    assert rec["kind"] == "answer"
    assert people(rec) == [("Lahlah", "GroenLinks-PvdA"), ("Chakor", "GroenLinks-PvdA")]
    assert rec["subject"] == "verbieden van hoofddoekjes en andere religieuze uitingen bij boa’s"
    # The letter cites "nr. 5293107", which is not a Tweede Kamer zaak number.
    assert (rec["submitted"], rec["zaak"]) == ("2024-03-08", None)
    assert rec["received"] == "2024-05-16"  # not the stale "11 april 2024" of the page header
    assert [(a["role"], a["name"]) for a in rec["answered_by"]] == [
        ("Minister", "Yeşilgöz-Zegerius")
    ]
    assert rec["co_signers"] == ["Minister van Binnenlandse Zaken en Koninkrijksrelaties"]
    assert numbers(rec) == [str(n) for n in range(1, 10)]
    assert groups(rec) == [["1"], ["2"], ["3"], ["4", "5", "6", "7"], ["8"], ["9"]]
    answer_3 = rec["answers"][2]["text"]
    assert "zoals door de meerderheid van uw Kamer verzocht. Deze richtlijn" in answer_3


def test_lahlah_chakor_boa_letter_footnotes() -> None:
    """Typed notes "1)", "2)" at the end of the text, and two Word footnotes."""
    rec = record(letter("329109"))
    assert [n["text"][:25] for n in rec["footnotes"]] == [
        "NOS, 6 maart 2024 (nos.nl",
        "Kamerstuk 33047, nr. 25, ",
        "Kamerstukken II 2021/22, ",
        "Zie hiervoor onder andere",
    ]
    # Their markers out: "…(nos.nl)”1)?" and "Verhoudingen 2), met name".
    assert rec["questions"][0]["text"].endswith("hoofddoek bij boa's (nos.nl)”?")
    assert "Code Interbestuurlijke Verhoudingen, met name" in rec["questions"][3]["text"]


def test_lahlah_chakor_boa_letter_addressees() -> None:
    rec = record(letter("329109"))
    assert rec["addressees"] == [
        "Minister van Justitie en Veiligheid",
        "Minister van Binnenlandse Zaken en Koninkrijkrelaties",
    ]


def test_mutluer_ellemeet_argos_letter() -> None:
    """…4a1e1d: questions 5 and 6 are answered without an "Antwoord" heading."""
    path = letter("4a1e1d")
    rec = record(path)
    assert rec["kind"] == "answer"
    assert people(rec) == [("Mutluer", "PvdA"), ("Ellemeet", "GroenLinks")]
    assert rec["subject"] == "een uitzending van Argos over de dood van Sammy Baker"
    assert (rec["submitted"], rec["zaak"], rec["received"]) == (
        "2023-10-10",
        "2023Z16994",
        "2023-11-07",
    )
    assert numbers(rec) == [str(n) for n in range(1, 7)]
    assert groups(rec)[:3] == [["1"], ["2"], ["3", "4"]]
    # The typed notes at the end are a Word numbered list: the reader writes the numbers out.
    assert texts(extract(path))[-3:] == [
        "1. Argos, 27 september, 2023, www.vpro.nl/argos/media/kijk/kort/algemeen/2023/"
        "het-laatste-kwartier-van-sammy.html",
        "2. vng.nl/sites/default/files/2021-09/handelingskader-aanpak-personen-verward-gedrag.pdf",
        "3. Bureau Beke, februari 2022, Fatale politie-incidenten, patronen bij fatale incidenten "
        "binnen de context van politieoptreden, p. 55, bureaubeke.nl/wp-content/uploads/2022/02/"
        "Download_Bekereeks_Fatale_politie_incidenten.pdf",
    ]


def test_mutluer_ellemeet_argos_letter_unheaded_answers() -> None:
    """Questions 5 and 6 are bold and their answers plain, without an "Antwoord" heading."""
    rec = record(letter("4a1e1d"))
    assert groups(rec) == [["1"], ["2"], ["3", "4"], ["5"], ["6"]]
    assert rec["questions"][4]["text"].endswith(
        "waarom bent u niet bereid tot een dergelijk onderzoek?"
    )
    assert rec["questions"][5]["text"].endswith(
        "Zo ja, wat is er tot op heden met dit rapport gedaan?"
    )
    answer_5, answer_6 = rec["answers"][3]["text"], rec["answers"][4]["text"]
    assert answer_5.startswith("Er wordt middels het Handelingskader primair ingezet op zorg")
    assert answer_5.count("\n\n") == 1
    assert answer_6.startswith("Ik ben bekend met dit rapport.")
    # The typed notes after the last answer are footnotes, not part of the answer.
    assert answer_6.endswith("voor en na psychiatrische beoordeling.")


def test_mutluer_ellemeet_argos_letter_footnotes() -> None:
    """Three typed notes as a Word numbered list ("1. Argos …"), one Word footnote."""
    rec = record(letter("4a1e1d"))
    assert [(n["number"], n["text"][:20]) for n in rec["footnotes"]] == [
        ("1", "Argos, 27 september,"),
        ("2", "vng.nl/sites/default"),
        ("3", "Bureau Beke, februar"),
        ("1", "Kamerstuk 25424, nr."),
    ]
    # Their markers out: "Sammy'? 1)", "verward gedrag2) waarin", "Bureau Beke3) ,".
    questions = [q["text"] for q in rec["questions"]]
    assert questions[0].endswith("'Het laatste kwartier van Sammy'?")
    assert "aanpak personen verward gedrag waarin op pagina 21" in questions[2]
    assert "“Fatale incidenten” van Bureau Beke , waarin" in questions[5]


def test_beckerman_milieu_letter() -> None:
    """…5fd6dd: five Word footnotes, questions answered out of order."""
    rec = record(letter("5fd6dd"))
    assert rec["kind"] == "answer"
    assert people(rec) == [("Beckerman", "SP")]
    assert rec["addressees"] == [
        "Staatssecretaris van Infrastructuur",
        "Minister van Justitie en Veiligheid",
    ]
    assert rec["co_signers"] == ["Staatssecretaris van Infrastructuur en Waterstaat"]
    assert (rec["submitted"], rec["zaak"], rec["received"]) == (
        "2023-11-09",
        "2023Z19006",
        "2023-12-04",
    )
    assert numbers(rec) == ["1", "2", "3", "4", "5", "9", "10", "6", "7", "8", "11", "12"]
    assert groups(rec) == [
        ["1"],
        ["2"],
        ["3", "4", "5", "9", "10"],
        ["6"],
        ["7"],
        ["8"],
        ["11"],
        ["12"],
    ]
    assert [n["text"] for n in rec["footnotes"]] == [
        "Voortgangsrapportage IBP VTH juni 2023",
        "Kamerstukken II 2022/23, 29628, nr. 1139.",
        "Kamerstukken II 2022/23, 22343, nr. 344.",
        "Kamerstukken II 2020/21, 35690, nr. 3",
        "Aanhangsel van de Handelingen II, 2022/-23, nr. 1823.",
    ]
    assert "de ontbrekende misdaad tegen de vrede”, hierna" in rec["answers"][3]["text"]
    assert "Veiligheidsagenda 2023-2026. Het OM" in rec["answers"][2]["text"].replace("\n\n", " ")


def test_read_bytes_dispatches_to_the_docx_reader() -> None:
    data = letter("5fd6dd").read_bytes()
    assert read_bytes(data) == read_docx(data)


# --- bad input ------------------------------------------------------------------------------

GOOD = docx({"word/document.xml": body(p("Vraag 1") + p("Waarom?"))})


def reason(data: bytes) -> str:
    with pytest.raises(ParseError) as caught:
        kamervragen.parse_bytes(data)
    message = str(caught.value)
    assert "\n" not in message and len(message) < 120
    return message


def test_truncated_docx() -> None:
    data = letter("ddb8d5").read_bytes()
    assert "truncated" in reason(data[: len(data) // 2])
    with pytest.raises(ParseError, match="truncated"):
        read_docx(data[: len(data) // 2])


def test_damaged_part() -> None:
    data = bytearray(docx({"word/document.xml": body(p("Vraag 1 " * 200))}))
    start = data.index(b"word/document.xml") + len("word/document.xml")
    data[start + 20 : start + 40] = b"\xff" * 20  # inside the packed document
    assert "damaged" in reason(bytes(data))


def cut(data: bytes, size: int = 2000) -> bytes:
    """``data`` with ``size`` bytes taken out of its middle, as a damaged download has."""
    middle = len(data) // 2
    return data[:middle] + data[middle + size :]


@pytest.mark.parametrize("path", LETTERS, ids=[p.stem[-6:] for p in LETTERS])
def test_a_word_file_with_bytes_cut_out_of_its_middle_is_refused(path: Path) -> None:
    """The zip's directory then points past the end of what it packed: zipfile raised
    ValueError ("negative seek value"), which stopped every batch at this file."""
    assert "damaged" in reason(cut(path.read_bytes()))


@pytest.mark.parametrize(
    "parts",
    [{"leesmij.txt": "geen Word"}, {"word/styles.xml": part("styles", "")}],
    ids=["zip of a text file", "Word parts without the document"],
)
def test_zip_without_word_document(parts: dict[str, str]) -> None:
    data = docx(parts)
    assert "without a Word document" in reason(data)
    with pytest.raises(ParseError, match="without a Word document"):
        read_docx(data)


def test_empty_zip() -> None:
    data = docx({})
    assert data.startswith(b"PK\x05\x06"), "an empty zip is its end record alone"
    # The dispatcher knows an empty zip by its end record and names what is missing.
    assert "without a Word document" in reason(data)
    with pytest.raises(ParseError, match="without a Word document"):
        read_docx(data)


def test_zip_bomb_by_size() -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("word/document.xml", "w", force_zip64=True) as document,
    ):
        chunk = b" " * (1024 * 1024)
        for _ in range(MAX_UNPACKED // len(chunk) + 1):
            document.write(chunk)
    data = out.getvalue()
    assert len(data) < 1024 * 1024, "a small file …"
    assert "zip bomb" in reason(data)  # … refused before anything is unpacked


def test_zip_bomb_by_ratio() -> None:
    document = body(p("Vraag 1") + p("Waarom?")) + " " * (8 * 1024 * 1024)
    assert "zip bomb" in reason(docx({"word/document.xml": document}))


def test_xml_parts_of_more_than_4_mb_together_are_refused() -> None:
    """lxml needs about 35 bytes of memory a byte of dense XML: a limit on all parts read,
    not on each, as the document, its styles, numbering and notes are held together."""
    words = " ".join(f"woord{n}" for n in range(300_000))  # packs about 4 to 1
    document = body(p("Vraag 1") + p(words[: 3 * 1024 * 1024]))
    styles = part("styles", f"<!-- {words[: 2 * 1024 * 1024]} -->")
    assert "Vraag 1" in texts(read_docx(docx({"word/document.xml": document})))
    message = reason(docx({"word/document.xml": document, "word/styles.xml": styles}))
    assert message == "the Word file's XML is larger than 4 MB"


def test_a_word_file_of_more_than_50_000_paragraphs_is_refused() -> None:
    many = docx({"word/document.xml": body(p("Vraag 1") + "<w:p/>" * 50_000)})
    assert reason(many) == "a Word file of more than 50,000 paragraphs and line breaks"


XXE = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    f"<w:document {_NS}><w:body><w:p><w:r><w:t>Vraag 1 &e;</w:t></w:r></w:p></w:body></w:document>"
)
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + f"]><w:document {_NS}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.mark.parametrize("xml", [XXE, LAUGHS], ids=["XXE", "billion laughs"])
def test_unsafe_xml_is_refused(xml: str) -> None:
    message = reason(docx({"word/document.xml": xml}))
    assert "word/document.xml" in message and "DOCTYPE" in message
    assert "root:" not in message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_unsafe_xml_in_utf_16_is_refused(codec: str) -> None:
    """The check looked for the bytes of "<!DOCTYPE", which UTF-16 writes otherwise."""
    xml = XXE.replace('"1.0"', f'"1.0" encoding="{codec.upper()}"').encode(codec)
    message = reason(docx({"word/document.xml": xml}))
    assert "word/document.xml" in message and "DOCTYPE" in message


def test_unsafe_xml_in_the_footnotes_is_refused() -> None:
    footnotes = XXE.replace("w:document", "w:footnotes").replace(
        "<w:body>", '<w:footnote w:id="1">'
    )
    footnotes = footnotes.replace("</w:body>", "</w:footnote>")
    document = body(p("Vraag 1", ref(1)))
    message = reason(docx({"word/document.xml": document, "word/footnotes.xml": footnotes}))
    assert "word/footnotes.xml" in message and "DOCTYPE" in message


def test_broken_xml() -> None:
    assert "not well-formed" in reason(docx({"word/document.xml": "<w:document><w:body>"}))


def test_word_file_without_text() -> None:
    assert "without any text" in reason(docx({"word/document.xml": body(p() + p())}))


def test_encrypted_word_file() -> None:
    """A real password-protected .docx: an OLE compound file holding an EncryptedPackage."""
    data = (DATA / "versleuteld.docx").read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    assert reason(data) == "an encrypted (password-protected) Word file"


def _ole(stream: str) -> bytes:
    """A minimal OLE-like byte string: the compound file signature and one directory entry
    name in UTF-16, as Word writes them (not a complete compound file)."""
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + stream.encode("utf-16-le")
        + b"\x00" * 64
    )


def test_old_doc_file() -> None:
    assert "old Word 97-2003 .doc" in reason(_ole("WordDocument"))
    assert "encrypted" in reason(_ole("EncryptedPackage"))


# --- the command line ---------------------------------------------------------------------


def test_cli_reports_a_bad_docx_on_one_line_and_goes_on(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kamervragen.cli import app

    bad = tmp_path / "afgebroken.docx"
    data = letter("ddb8d5").read_bytes()
    bad.write_bytes(data[: len(data) // 3])
    good = letter("5fd6dd")
    result = CliRunner().invoke(app, ["parse", str(bad), str(good), "--json"])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 1, result.stderr
    assert str(bad) in errors[0] and "truncated" in errors[0]
    assert "Traceback" not in result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [record(good)]
