"""The HTML reader on constructed pages of zoek.officielebekendmakingen.nl, and on bad pages.

No real HTML page of the site was available: the fixtures in tests/data/html are
constructed from the structure that public scrapers and converters of these pages document
(see tests/data/html/README.md for the sources), with the real text of dev documents. Each
fixture ``NAME.html`` has its expected record in ``NAME.expected.json``.
"""

from __future__ import annotations

import html
import json
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import kamervragen
from kamervragen.errors import ParseError
from kamervragen.parsing import parse_extract
from kamervragen.readers._base import Extract
from kamervragen.readers._detect import read_bytes
from kamervragen.readers.html import MAX_HTML_ELEMENTS, read_html
from scoring import compare, explain, norm

DATA = Path(__file__).resolve().parent.parent / "data" / "html"
PAGES = sorted(DATA.glob("*.html"))
# Text of the site around the document in the fixtures: none of it is document text.
CHROME = (
    "Terug naar zoekresultaten",
    "Snelzoeken",
    "Overheid.nl",
    "Officiële bekendmakingen",
    "Authentieke versie",
    "inhoudsopgave",
    "Particulieren",
    "Sitemap",
    "E-overheid",
    "Privacy",
    "Kruimelpad",
    "Zoekresultaten",
    "Relaties",
    "Downloads",
    "Deel deze pagina",
    "cookies",
    "Noot",
    "↩",
    "SuperNote",
    "NREUMQ",
    "dataLayer",
    "Vraag 99",
    "Start van deze pagina",
    "Datum publicatie",
)


def expected(page: Path) -> dict[str, Any]:
    return json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))


def record(page: Path) -> dict[str, Any]:
    return parse_extract(read_html(page.read_bytes())).to_dict()


def texts(rec: dict[str, Any]) -> list[str]:
    """Every string of the record that holds document text."""
    out = [rec.get("subject") or ""]
    out += [item["text"] for key in ("questions", "answers", "footnotes") for item in rec[key]]
    return out


def page_named(stem: str) -> Path:
    (page,) = (p for p in PAGES if p.stem == stem)
    return page


def test_fixtures_are_present() -> None:
    assert len(PAGES) >= 3
    for page in PAGES:
        assert page.with_suffix(".expected.json").is_file(), page.name
    kinds = {expected(p)["kind"] for p in PAGES}
    assert kinds == {"answer", "questions", "postponement"}


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_page_gives_its_expected_record(page: Path) -> None:
    wrong = compare(expected(page), record(page))
    assert not wrong, f"{page.name}\n{explain(wrong)}"


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_footnotes_are_whole_and_exact(page: Path) -> None:
    """The scorer counts footnotes only; the reader gives their text exactly."""
    got = [(n["number"], norm(n["text"])) for n in record(page)["footnotes"]]
    assert got == [(n["number"], norm(n["text"])) for n in expected(page)["footnotes"]]


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_no_site_chrome_in_any_text(page: Path) -> None:
    rec = record(page)
    for text in texts(rec):
        for chrome in CHROME:
            assert chrome.lower() not in text.lower(), f"{chrome!r} in {text[:80]!r}"
    body = " ".join(line.text for line in read_html(page.read_bytes()).lines)
    for chrome in CHROME:
        assert chrome not in body, chrome


def test_grouped_answer_covers_every_number() -> None:
    rec = record(page_named("ah-tk-20232024-1108"))
    groups = [a["questions"] for a in rec["answers"]]
    assert ["4", "5"] in groups
    assert ["7", "8"] in groups
    numbers = [q["number"] for q in rec["questions"]]
    assert numbers == [str(n) for n in range(1, 10)]
    rec = record(page_named("antwoord-tellegen-radicalisering"))
    assert [a["questions"] for a in rec["answers"]] == [["1"], ["2", "3", "4"], ["5"]]


def test_markers_are_taken_out_by_the_reader() -> None:
    ex = read_html(page_named("ah-tk-20232024-1108").read_bytes())
    assert ex.format == "html"
    assert ex.markers is False
    body = [line.text for line in ex.lines if line.role == "body"]
    assert any(t.endswith("over netcongestie?") for t in body)
    assert any("plan achter zit. Ik bezie" in t for t in body)
    assert any("Zo publiceren Stedin, Enexis en Liander actuele data" in t for t in body)
    notes = [line.text for line in ex.lines if line.role == "footnote"]
    assert [n.split(" ", 1)[0] for n in notes] == [str(n) for n in range(1, 8)]
    assert notes[5] == "6 1823021 ENE N Landkaart wachtlijsten_TOTAAL (adobe.com)"
    # The notes come after the body.
    first_note = next(i for i, line in enumerate(ex.lines) if line.role == "footnote")
    assert all(line.role == "footnote" for line in ex.lines[first_note:])


def test_meta_tags_state_the_facts() -> None:
    meta = read_html(page_named("ah-tk-20232024-1108").read_bytes()).meta
    assert meta == {
        "id": "ah-tk-20232024-1108",
        "session_year": "2023-2024",
        "submitted": "2024-02-06",
        "received": "2024-02-27",
    }
    meta = read_html(page_named("kv-tk-2024Z18794").read_bytes()).meta
    assert meta["id"] == "kv-tk-2024Z18794"
    assert meta["zaak"] == "2024Z18794"
    # An en dash in the vergaderjaar, and a page without an id.
    meta = read_html(page_named("mededeling-2024Z17538").read_bytes()).meta
    assert meta["session_year"] == "2024-2025"
    assert "id" not in meta


def test_uncertain_meta_is_left_out() -> None:
    page = (
        "<html><head>"
        '<meta name="DC.identifier" content="ah-tk-20232024-1108">'
        '<meta name="DC.identifier" content="ah-tk-20232024-1109">'
        '<meta name="OVERHEIDop.datumIndiening" content="6 februari 2024">'
        '<meta name="OVERHEIDop.datumOntvangst" content="2024-02-31">'
        '<meta name="OVERHEIDop.vergaderjaar" content="2023-2025">'
        "</head><body><p>Tekst.</p></body></html>"
    )
    assert read_html(page.encode()).meta == {}
    page = '<html><head><meta name="dc.identifier" content="KV-TK-2024z18794"></head><body>x</body>'
    assert read_html(page.encode()).meta == {"id": "kv-tk-2024Z18794", "zaak": "2024Z18794"}


def test_postponement_in_windows_1252_keeps_its_diacritics() -> None:
    page = page_named("mededeling-2024Z17538")
    assert "Gabriëls".encode("cp1252") in page.read_bytes()
    assert record(page)["askers"][0]["name"] == "Gabriëls"


# --- how paragraphs and inline elements come out ------------------------------------------


def lines_of(body: str, head: str = '<meta charset="utf-8">') -> Extract:
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"
    return read_html(page.encode("utf-8"))


def test_inline_elements_keep_their_text_in_place() -> None:
    ex = lines_of(
        '<div class="vraag"><h2 class="stuktitel">Vraag 1</h2>'
        "<p>Bent u bekend met <em>het bericht</em> «<a href='https://nos.nl/x'>Helft"
        "</a> gemeenten»<sup><a class='nootnum' href='#n1'>1</a></sup>? Zo <strong>ja</strong>"
        "<span>,</span> waarom&nbsp;niet?</p></div>"
        '<div class="voet noot" id="n1"><sup><span class="nootnum">1</span></sup>'
        "<p>https://nos.nl/x</p></div>"
    )
    body = [(line.text, line.para_start) for line in ex.lines if line.role == "body" and line.text]
    assert body == [
        ("Vraag 1", True),
        ("Bent u bekend met het bericht «Helft gemeenten»? Zo ja, waarom\u00a0niet?", True),
    ]


def test_a_break_is_a_new_line_in_the_same_paragraph() -> None:
    ex = lines_of(
        '<div class="antwoord"><h2>Antwoord 2</h2><p>Eerste regel<br>tweede regel</p>'
        "<p>Nieuwe alinea.</p><ul><li>punt een</li><li>punt twee</li></ul></div>"
    )
    body = [(line.text, line.para_start) for line in ex.lines if line.text]
    assert body == [
        ("Antwoord 2", True),
        ("Eerste regel", True),
        ("tweede regel", False),
        ("Nieuwe alinea.", True),
        ("punt een", True),
        ("punt twee", True),
    ]
    blank = [line for line in ex.lines if not line.text]
    assert blank, "blocks are separated by a blank line"


def test_a_table_is_read_row_by_row() -> None:
    ex = lines_of(
        '<div class="antwoord"><p class="nummer">3</p><table><tr><th>Jaar</th><th>Aantal</th>'
        "</tr><tr><td>2023</td><td>9.400</td></tr></table></div>"
    )
    assert [line.text for line in ex.lines if line.text] == [
        "Antwoord 3",
        "Jaar Aantal",
        "2023 9.400",
    ]


def test_blocks_without_headings_are_numbered() -> None:
    ex = lines_of(
        '<p class="kamervraagomschrijving">Vragen van het lid X (SP) aan de Minister van Y over'
        " Z (ingezonden 1 mei 2024).</p>"
        '<div class="vraag"><p>Eerste vraag?</p></div><div class="vraag"><p>Tweede?</p></div>'
    )
    assert [line.text for line in ex.lines if line.text][1:] == [
        "Vraag 1",
        "Eerste vraag?",
        "Vraag 2",
        "Tweede?",
    ]


def test_an_inline_note_becomes_a_footnote() -> None:
    ex = lines_of(
        '<div class="vraag"><h2>Vraag 1</h2><p>Kent u het bericht?<a class="noot">[1]'
        '<span class="noottekst">NOS, 1 mei 2024.</span></a> Zo ja?</p></div>'
    )
    assert [line.text for line in ex.lines if line.text and line.role == "body"][1] == (
        "Kent u het bericht? Zo ja?"
    )
    assert [line.text for line in ex.lines if line.role == "footnote"] == ["1 NOS, 1 mei 2024."]


def test_a_superscript_that_is_not_a_marker_stays() -> None:
    ex = lines_of('<div class="antwoord"><h2>Antwoord 1</h2><p>Om 40 m<sup>2</sup>.</p></div>')
    assert "Om 40 m2." in [line.text for line in ex.lines]


def test_a_page_without_the_structure_is_read_as_text() -> None:
    """No vraag/antwoord markup (a ministry's page, say): the main content as plain text,
    and the parser looks for the headings and the footnote markers itself."""
    ex = lines_of(
        "<header><nav><a href='/'>Home</a></nav></header><main>"
        "<p>Vragen van het lid Tellegen (VVD) aan de Minister van Sociale Zaken en"
        " Werkgelegenheid over radicalisering (ingezonden 15 september 2017).</p>"
        "<h3>Vraag 1</h3><p>Bent u bekend met het bericht?</p></main>"
        "<footer>Privacy</footer>"
    )
    assert ex.markers is True
    texts_ = [line.text for line in ex.lines if line.text]
    assert texts_[1:] == ["Vraag 1", "Bent u bekend met het bericht?"]
    rec = parse_extract(ex).to_dict()
    assert rec["questions"] == [{"number": "1", "text": "Bent u bekend met het bericht?"}]


def test_a_text_document_in_pre_keeps_its_lines() -> None:
    """A text extraction saved as a web page: the parser reads it as it reads the text."""
    dev = Path(__file__).resolve().parent.parent / "data" / "dev"
    source = dev / "seed__000_316d3c91a035becd.txt"
    text = source.read_text(encoding="utf-8")
    ex = lines_of(f"<pre>{html.escape(text)}</pre>")
    assert ex.markers is True
    assert [line.text for line in ex.lines][:3] == [
        "Vragen van het lid Tellegen (VVD) aan de Ministers van Sociale Zaken en",
        "Werkgelegenheid en van Veiligheid en Justitie over het bericht dat de helft van",
        "de gemeenten nauwelijks iets doet tegen radicalisering (ingezonden",
    ]
    gold = json.loads(source.with_name(source.name + ".gold.json").read_text(encoding="utf-8"))
    wrong = compare(gold, parse_extract(ex).to_dict())
    assert not wrong, explain(wrong)


def test_a_very_long_paragraph_is_cut_between_sentences() -> None:
    sentence = "Dit is een zin over netcongestie en de wachtrij voor aansluitingen. "
    ex = lines_of(f'<div class="antwoord"><h2>Antwoord 1</h2><p>{sentence * 80}</p></div>')
    parts = [line for line in ex.lines if line.text.startswith("Dit")]
    assert len(parts) > 1
    assert all(len(line.text) <= 1200 for line in parts)
    assert parts[0].para_start and not any(line.para_start for line in parts[1:])
    assert " ".join(line.text for line in parts) == (sentence * 80).strip()


def test_a_last_paragraph_starting_with_a_number_is_text_on_a_page_without_notes() -> None:
    ex = lines_of(
        '<p class="kamervraagomschrijving">Vragen van het lid X (SP) aan de Minister van'
        " Financiën over de wet (ingezonden 1 mei 2024).</p>"
        '<div class="vraag"><h2>Vraag 1</h2><p>Wanneer gaat de wet in?</p></div>'
        '<div class="antwoord"><h2>Antwoord 1</h2><p>Later.</p>'
        "<p>1 januari 2025 is de datum.</p></div>"
    )
    assert [line.text for line in ex.lines if line.role == "footnote"] == []
    rec = parse_extract(ex).to_dict()
    assert rec["footnotes"] == []
    assert rec["answers"][0]["text"] == "Later.\n\n1 januari 2025 is de datum."


@pytest.mark.parametrize("where", ["after", "alone"])
def test_a_class_that_only_contains_a_heading_class_is_no_heading(where: str) -> None:
    """The selector matched "x-kamervraagomschrijving" (it contains a known class) but the
    reader's test did not (it does not start with one): a StopIteration stopped the read."""
    other = '<p class="x-kamervraagomschrijving">Deel deze pagina</p>'
    question = '<div class="vraag"><h2>Vraag 1</h2><p>Waarom?</p></div>'
    ex = lines_of(question + other if where == "after" else other)
    texts = [line.text for line in ex.lines if line.text]
    if where == "after":
        assert texts == ["Vraag 1", "Waarom?"] and ex.structured
    else:
        assert texts == ["Deel deze pagina"] and not ex.structured


# --- bad pages ------------------------------------------------------------------------------

NOT_FOUND = (
    "<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>"
    "<title>Pagina niet gevonden | Officiële bekendmakingen</title></head><body>"
    "<header><nav><a href='/'>Home</a><a href='/zoeken'>Zoeken</a></nav></header>"
    "<main><h1>Pagina niet gevonden (404)</h1><p>De pagina die u zoekt bestaat niet"
    " (meer). Controleer het adres of zoek de publicatie opnieuw.</p>"
    "<p><a href='/'>Naar de startpagina</a></p></main>"
    "<footer><p>Overheid.nl</p></footer></body></html>"
)
BAD = {
    "empty page": (
        b"<!DOCTYPE html><html><head><title>Leeg</title></head><body> </body></html>",
        "empty HTML page",
    ),
    "only a doctype": (b"<!doctype html>", "empty HTML page"),
    "only chrome": (
        b"<html><body><nav><a href='/'>Home</a></nav><footer>Privacy</footer></body></html>",
        "empty HTML page",
    ),
    "404 page": (NOT_FOUND.encode(), "not a Kamervragen document"),
    "binary junk after a doctype": (
        b"<!DOCTYPE html>\n" + bytes(range(256)) * 16,
        "damaged HTML page",
    ),
    "binary junk without NUL bytes": (
        b"<!DOCTYPE html><html><body>" + bytes(range(1, 256)) * 16,
        "damaged HTML page",
    ),
}


def nested(depth: int, open_tag: str = '<div class="vraag">Vraag 1 Waarom?') -> bytes:
    close = "</" + open_tag[1:].split()[0].rstrip(">") + ">"
    return f"<html><body>{open_tag * depth}{close * depth}</body></html>".encode()


def test_question_blocks_nested_500_deep_are_refused() -> None:
    """Each nested block was read by a call within the one around it: RecursionError."""
    with pytest.raises(ParseError, match="nested more than 256 deep") as caught:
        kamervragen.parse_bytes(nested(500))
    assert caught.value.unexpected is None


def test_question_blocks_nested_within_the_limit_are_read() -> None:
    texts = [line.text for line in read_html(nested(250)).lines if line.text]
    assert texts == ["Vraag 1 Waarom?"] * 250


def test_a_page_nested_100_000_deep_is_refused_at_once() -> None:
    """100,000 nested divs (1 MB) took 29 s before anything was refused."""
    started = time.perf_counter()
    with pytest.raises(ParseError, match="nested more than 256 deep"):
        read_html(nested(100_000, "<div>"))
    assert time.perf_counter() - started < 5


def test_many_paragraphs_left_open_are_no_deep_nesting() -> None:
    """An end tag HTML lets one leave out (</p>, </li>, </td>) nests nothing."""
    soup = "<p>Waarom?<br>" * 5000 + "<ul>" + "<li>punt" * 5000 + "</ul>"
    ex = lines_of(f'<div class="vraag"><h2>Vraag 1</h2>{soup}</div>')
    assert len([line for line in ex.lines if line.text == "punt"]) == 5000


def test_a_page_of_too_many_elements_is_refused() -> None:
    page = "<html><body>" + "<p>Waarom?</p>" * (MAX_HTML_ELEMENTS + 1) + "</body></html>"
    with pytest.raises(ParseError, match="more than 50,000 elements"):
        read_html(page.encode())


@pytest.mark.parametrize(("data", "reason"), BAD.values(), ids=BAD.keys())
def test_bad_page_gives_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason) as caught:
        parse_extract(read_html(data))
    assert "\n" not in str(caught.value)


def test_pages_with_a_doctype_reach_the_html_reader() -> None:
    page = page_named("kv-tk-2024Z18794")
    assert read_bytes(page.read_bytes()).format == "html"


def test_cli_names_a_bad_page_and_goes_on(tmp_path: Path) -> None:
    from kamervragen.cli import app

    good = tmp_path / "kv-tk-2024Z18794.html"
    good.write_bytes(page_named("kv-tk-2024Z18794").read_bytes())
    bad = tmp_path / "niet-gevonden.html"
    bad.write_text(NOT_FOUND, encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(bad), str(good), "--json"])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 1, result.stderr
    assert str(bad) in errors[0]
    assert "not a Kamervragen document" in errors[0]
    assert "Traceback" not in result.stderr
    (line,) = result.stdout.splitlines()
    got = json.loads(line)
    assert not compare(expected(page_named("kv-tk-2024Z18794")), got)
