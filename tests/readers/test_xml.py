"""The XML reader on official publications (KOOP ``officiele-publicatie``) and on bad XML.

tests/data/xml holds the documents and, beside each ``X.xml``, its expected record
``X.expected.json``; tests/data/xml/README.md says how they were made (six real
question/answer fragments in constructed envelopes, three wholly constructed documents,
and two real KOOP files that are not Kamervragen).
"""

from __future__ import annotations

import json
import random
import re
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import kamervragen
import kamervragen.readers._xml as safe_xml
from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract
from kamervragen.readers._detect import read_bytes
from kamervragen.readers.xml import read_xml
from scoring import compare, explain, norm

DATA = Path(__file__).resolve().parent.parent / "data" / "xml"
EXPECTED = sorted(DATA.glob("*.expected.json"))
MOTIE = DATA / "officiele-publicatie-kst-34104-439-motie.motiematcher.xml"
SRU = DATA / "sru-record-gmb-example.wetsuite.xml"


def document_of(expected: Path) -> Path:
    return expected.with_name(expected.name.removesuffix(".expected.json") + ".xml")


def load(expected: Path) -> dict[str, Any]:
    return json.loads(expected.read_text(encoding="utf-8"))


def parse(data: bytes) -> dict[str, Any]:
    return kamervragen.parse_bytes(data).to_dict()


def kamervragen_xml(body: str, header: str | None = None) -> bytes:
    """A bare ``<kamervragen>`` document (no envelope) with a heading block and ``body``."""
    if header is None:
        header = (
            "<kamervraagomschrijving>Vragen van het lid Bakker (SP) aan de Minister van "
            "Financiën over de belastingtelefoon (ingezonden 10 januari 2025)."
            "</kamervraagomschrijving><kamervraagmededeling>Antwoord van Minister Jansen "
            "(Financiën) (ontvangen 31 januari 2025).</kamervraagmededeling>"
        )
    return f"<kamervragen>{header}{body}</kamervragen>".encode()


QA = (
    "<vraag><nr>Vraag 1</nr><al>Is dat zo?</al></vraag>"
    "<antwoord><nr>Antwoord 1</nr><al>Ja.</al></antwoord>"
)


def test_data_is_present() -> None:
    names = [document_of(e).name for e in EXPECTED]
    assert len([n for n in names if n.startswith("ah-tk-")]) == 6
    assert len([n for n in names if n.startswith("constructed-")]) == 3
    for expected in EXPECTED:
        assert document_of(expected).is_file()
    assert MOTIE.is_file() and SRU.is_file()
    assert (DATA / "README.md").is_file()


# --- every document gives its expected record ---------------------------------------------


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: document_of(p).stem)
def test_document_gives_expected_record(expected: Path) -> None:
    gold = load(expected)
    got = parse(document_of(expected).read_bytes())
    wrong = compare(gold, got)
    assert not wrong, f"{document_of(expected).name}\n{explain(wrong)}"


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: document_of(p).stem)
def test_texts_are_exact(expected: Path) -> None:
    """XML has no extraction noise: texts, footnotes and portfolios agree to the letter
    (white space aside), beyond the scorer's tolerance."""
    gold = load(expected)
    got = parse(document_of(expected).read_bytes())
    for field in ("questions", "answers", "footnotes"):
        assert len(got[field]) == len(gold[field]), field
        for want, have in zip(gold[field], got[field], strict=True):
            assert norm(have["text"]) == norm(want["text"]), (field, want, have)
            assert {k: v for k, v in have.items() if k != "text"} == {
                k: v for k, v in want.items() if k != "text"
            }
    assert got["subject"] == gold["subject"]
    assert got["answered_by"] == gold["answered_by"]


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: document_of(p).stem)
def test_extract_lines_roles_and_facts(expected: Path) -> None:
    gold = load(expected)
    data = document_of(expected).read_bytes()
    ex = read_xml(data)
    assert ex.format == "xml"
    assert read_bytes(data).format == "xml", "found by content"
    assert ex.markers is False, "notes are taken out where they are anchored"
    notes = [ln.text for ln in ex.lines if ln.role == "footnote"]
    assert [n.split(" ", 1)[0] for n in notes] == [f["number"] for f in gold["footnotes"]]
    body = [ln for ln in ex.lines if ln.role == "body"]
    assert all(ln.para_start for ln in body if ln.text)
    for line in body:
        assert "  " not in line.text and line.text == line.text.strip()
        assert not re.search(r"Aanhangsel van de Handelingen|Tweede Kamer der", line.text)
    for key, value in ex.meta.items():
        assert gold[key] == value, key
    assert set(ex.meta) >= {"id", "session_year"}


def test_real_fragments_are_in_document_order_and_verbatim() -> None:
    """The envelopes hold the fragments of the corpus unchanged, in numeric order."""
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "formats" / "xml"
    fragments = sorted(corpus.glob("ah-tk-*.xmlfrag"))
    if not fragments:
        pytest.skip("the shared corpus is not beside this checkout")
    for path in fragments:
        ident = path.name.split(".")[0]
        document = (DATA / f"{ident}.xml").read_text(encoding="utf-8")
        source = path.read_text(encoding="utf-8")
        pieces = re.split(r"(?m)^(?=<(?:vraag|antwoord)\b)", source)
        for piece in (p.rstrip() for p in pieces if p.strip()):
            assert piece in document, (ident, piece[:80])
        numbers = [int(n) for n in re.findall(r"<nr[^>]*>(?:Vraag|Antwoord) (\d+)", document)]
        assert numbers == sorted(numbers)


# --- structure ------------------------------------------------------------------------------


def test_bare_kamervragen_root_without_envelope() -> None:
    record = parse(kamervragen_xml(QA))
    assert record["kind"] == "answer"
    assert record["submitted"] == "2025-01-10" and record["received"] == "2025-01-31"
    assert record["questions"] == [{"number": "1", "text": "Is dat zo?"}]
    assert record["answers"] == [{"questions": ["1"], "text": "Ja."}]


def test_namespaced_elements_are_read_by_local_name() -> None:
    data = kamervragen_xml(QA).replace(b"<kamervragen>", b'<kamervragen xmlns="urn:x">')
    assert parse(data)["answers"] == [{"questions": ["1"], "text": "Ja."}]


def test_bare_numbers_get_the_word_and_missing_numbers_count_on() -> None:
    body = (
        "<vraag><nummer>1</nummer><al>Eerste vraag?</al></vraag>"
        "<vraag><al>Tweede vraag zonder nummer?</al></vraag>"
        "<antwoord><al>Een antwoord zonder nummer.</al></antwoord>"
    )
    record = parse(kamervragen_xml(body))
    assert [q["number"] for q in record["questions"]] == ["1", "2"]
    assert record["answers"] == [{"questions": ["1", "2"], "text": "Een antwoord zonder nummer."}]


def test_loose_heading_paragraphs_outside_vraag_elements() -> None:
    body = "<al>Vraag 1</al><al>Is dat zo?</al><al>Antwoord 1</al><al>Ja.</al><al>Nee.</al>"
    record = parse(kamervragen_xml(body))
    assert record["questions"] == [{"number": "1", "text": "Is dat zo?"}]
    assert record["answers"] == [{"questions": ["1"], "text": "Ja.\n\nNee."}]


def test_footnote_in_the_heading_leaves_the_subject_clean() -> None:
    header = (
        "<kamervraagomschrijving>Vragen van het lid Bakker (SP) aan de Minister van Financiën "
        "over het bericht «Lang wachten»<noot id='n1' type='voet'><noot.nr>1</noot.nr>"
        "<noot.al>De Krant, 2 januari 2025.</noot.al></noot> (ingezonden <datum "
        "isodatum='2025-01-10'>10 januari 2025</datum>).</kamervraagomschrijving>"
    )
    record = parse(kamervragen_xml(QA, header))
    assert record["subject"] == "het bericht «Lang wachten»"
    assert record["footnotes"] == [{"number": "1", "text": "De Krant, 2 januari 2025."}]


def test_a_note_referred_to_twice_is_given_once() -> None:
    body = (
        "<vraag><nr>Vraag 1</nr><al>Kent u dit?<nootref refid='a'/></al></vraag>"
        "<vraag><nr>Vraag 2</nr><al>En dit?<nootref refid='a'/><nootref refid='gone'/></al></vraag>"
        "<noot id='a'><noot.nr>1</noot.nr><noot.al>Bron.</noot.al></noot>"
    )
    record = parse(kamervragen_xml(body))
    assert record["footnotes"] == [{"number": "1", "text": "Bron."}]
    assert [q["text"] for q in record["questions"]] == ["Kent u dit?", "En dit?"]


def test_isodatum_in_the_text_wins_over_metadata_and_bad_values_are_left_out() -> None:
    data = (
        "<officiele-publicatie><metadata>"
        "<meta name='DC.identifier' content='AH-TK-20242025-12'/>"
        "<meta name='OVERHEIDop.datumIndiening' content='2025-01-01'/>"
        "<meta name='OVERHEIDop.datumOntvangst' content='2025-02-31'/>"
        "<meta name='OVERHEIDop.vergaderjaar' content='2024-2026'/>"
        "<meta name='OVERHEIDop.vraagnummer' content='geen zaak'/>"
        "</metadata><kamervragen><kamervraagnummer>12</kamervraagnummer>"
        "<kamervraagomschrijving>Vragen van het lid Bakker (SP) aan de Minister van Financiën "
        "over iets (ingezonden <datum isodatum='2025-01-10'>10 januari 2025</datum>)."
        "</kamervraagomschrijving>" + QA + "</kamervragen></officiele-publicatie>"
    ).encode()
    ex = read_xml(data)
    assert ex.meta == {"id": "ah-tk-20242025-12", "submitted": "2025-01-10"}


def test_notice_without_questions_keeps_its_heading_together() -> None:
    header = (
        "<kamervraagomschrijving>Vragen van het lid Bakker (SP) aan de Minister van Financiën "
        "over iets (ingezonden 10 januari 2025).</kamervraagomschrijving>"
        "<kamervraagmededeling>Mededeling van Minister Jansen (Financiën) (ontvangen "
        "31 januari 2025).</kamervraagmededeling><kamervraagopmerking><al>De vragen kunnen "
        "niet binnen de termijn worden beantwoord.</al></kamervraagopmerking>"
    )
    record = parse(kamervragen_xml("", header))
    assert record["kind"] == "postponement"
    assert record["answered_by"] == [
        {"role": "Minister", "name": "Jansen", "portfolio": "Financiën"}
    ]
    assert record["questions"] == [] and record["received"] == "2025-01-31"


def test_one_very_long_paragraph_is_not_taken_for_a_collapsed_text() -> None:
    """The parser re-splits a short document with a line over 3000 characters at its
    landmarks ("Vraag 2 …" mid-sentence); the reader keeps it from doing so."""
    long = "Dit staat in Vraag 2 hierboven al beschreven. " * 80
    body = (
        "<vraag><nr>Vraag 1</nr><al>Is dat zo?</al></vraag>"
        f"<antwoord><nr>Antwoord 1</nr><al>{long}</al></antwoord>"
    )
    record = parse(kamervragen_xml(body))
    assert [q["number"] for q in record["questions"]] == ["1"]
    assert norm(record["answers"][0]["text"]) == norm(long)


@pytest.mark.parametrize(
    "last",
    [
        "<al>1 juni 2020 is het gestart.</al>",
        "<lijst><li><li.nr>1)</li.nr><al>het eerste.</al></li></lijst>",
    ],
    ids=["date", "numbered-item"],
)
def test_paragraph_starting_with_1_at_the_end_without_notes(last: str) -> None:
    # The reader marks every note, so the parser does not look for notes in the text.
    body = (
        "<vraag><nr>Vraag 1</nr><al>Wat gebeurde er?</al></vraag>"
        f"<antwoord><nr>Antwoord 1</nr><al>Dit:</al>{last}</antwoord>"
    )
    record = parse(kamervragen_xml(body))
    assert record["footnotes"] == []
    assert record["answers"][0]["text"].count("\n\n") == 1


# --- bad input: a clear ParseError, nothing read -------------------------------------------

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<kamervragen><vraag><nr>Vraag 1</nr><al>&lol9;</al></vraag></kamervragen>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE kamervragen [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<kamervragen><vraag><nr>Vraag 1</nr><al>&xxe;</al></vraag></kamervragen>
"""
EXTERNAL_DTD = (
    b"""<?xml version="1.0"?>
<!DOCTYPE officiele-publicatie SYSTEM "http://example.org/op.dtd">
<officiele-publicatie><kamervragen>"""
    + QA.encode()
    + b"</kamervragen></officiele-publicatie>"
)

BAD: dict[str, tuple[bytes, str]] = {
    "billion laughs": (BOMB, "DOCTYPE"),
    "external entity (XXE)": (XXE, "DOCTYPE"),
    "external DTD": (EXTERNAL_DTD, "DOCTYPE"),
    "not well-formed": (
        b"<kamervragen><vraag><al>Is dat zo?</vraag></kamervragen>",
        "not well-formed",
    ),
    "truncated": (
        (DATA / "ah-tk-20192020-2197.xml").read_bytes()[:3000],
        "not well-formed",
    ),
    "motie, not kamervragen": (
        MOTIE.read_bytes(),
        r"not a Kamervragen document: kst-34104-439 \(Motie",
    ),
    "SRU record, not kamervragen": (SRU.read_bytes(), "not a Kamervragen document"),
    "nested too deep": (
        b"<kamervragen><vraag>" + b"<al>" * 300 + b"x" + b"</al>" * 300 + b"</vraag></kamervragen>",
        "not well-formed: Excessive depth",
    ),
    "other XML": (
        b"<?xml version='1.0'?><recept><stap>Bak de taart.</stap></recept>",
        "not a Kamervragen document",
    ),
    # The check looked for the bytes of "<!DOCTYPE": in UTF-16 they are other bytes.
    "XXE in UTF-16 with a byte-order mark": (
        XXE.decode().replace('"1.0"', '"1.0" encoding="UTF-16"').encode("utf-16"),
        "DOCTYPE",
    ),
    "billion laughs in UTF-16 big-endian without a mark": (
        BOMB.decode().replace('"1.0"', '"1.0" encoding="UTF-16BE"').encode("utf-16-be"),
        "DOCTYPE",
    ),
}


def _one_line_reason(error: ParseError) -> str:
    reason = str(error)
    assert reason.strip() and "\n" not in reason
    return reason


@pytest.mark.parametrize("data,reason", BAD.values(), ids=BAD.keys())
def test_bad_xml_gives_parse_error_and_reads_nothing(data: bytes, reason: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ParseError) as caught:
        read_xml(data)
    assert time.perf_counter() - start < 1, "refused before any expansion"
    assert re.search(reason, _one_line_reason(caught.value))
    assert "root:" not in str(caught.value), "nothing of /etc/passwd in the message"
    with pytest.raises(ParseError):
        kamervragen.parse_bytes(data)  # the same through format detection and the parser


@pytest.mark.parametrize("data", [XXE, BOMB, EXTERNAL_DTD], ids=["XXE", "bomb", "external DTD"])
def test_a_doctype_the_check_of_the_bytes_misses_is_refused_once_parsed(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever encoding lxml reads (and the byte check does not know), the parsed
    document is refused when it declares a DOCTYPE; lxml resolves no entity meanwhile
    (libxml2 itself stops the bomb's expansion)."""
    monkeypatch.setattr(safe_xml, "_declares_doctype", lambda data: False)
    start = time.perf_counter()
    with pytest.raises(ParseError, match=r"DOCTYPE|entity amplification") as caught:
        read_xml(data)
    assert time.perf_counter() - start < 1
    assert "root:" not in str(caught.value)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-16-le"])
def test_a_publication_in_utf_16_is_read(codec: str) -> None:
    expected = EXPECTED[0]
    text = document_of(expected).read_bytes().decode("utf-8")
    declared = re.sub(r'encoding="[^"]*"', f'encoding="{codec.upper()}"', text, count=1)
    data = declared.encode(codec)
    assert kamervragen.readers.read_bytes(data).format == "xml"
    assert parse(data) == parse(text.encode())


def test_a_syntax_error_is_one_line() -> None:
    """libxml2 ends its message with "\\n, line 231, column 518" (found by the fuzzer)."""
    data = kamervragen_xml(QA).replace(b"Is dat", b"Is\x00dat")
    with pytest.raises(ParseError) as caught:
        read_xml(data)
    reason = _one_line_reason(caught.value)
    assert re.search(r"not well-formed: .*, line 1, column \d+$", reason), reason


@pytest.mark.parametrize("seed", range(10))
def test_corrupted_xml_gives_parse_error_or_a_record(seed: int) -> None:
    """Bytes changed or cut off anywhere: the project's own error, or a record; nothing else."""
    rnd = random.Random(seed)
    for expected in EXPECTED:
        data = bytearray(document_of(expected).read_bytes())
        for _ in range(rnd.randint(1, 4)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        if rnd.random() < 0.3:
            data = data[: rnd.randrange(len(data))]
        try:
            record = kamervragen.parse_bytes(bytes(data))
        except ParseError as error:
            _one_line_reason(error)
        else:
            assert record.kind in ("answer", "questions", "postponement")


def test_xml_over_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (DATA / "ah-tk-20182019-3616.xml").read_bytes()
    monkeypatch.setattr(safe_xml, "MAX_XML_BYTES", len(data) - 1)
    with pytest.raises(ParseError, match="larger than"):
        read_xml(data)
    monkeypatch.setattr(safe_xml, "MAX_XML_BYTES", len(data))
    assert isinstance(read_xml(data), Extract)


def test_cli_bomb_is_one_error_line_and_the_good_file_still_parses(tmp_path: Path) -> None:
    from kamervragen.cli import app

    bomb = tmp_path / "bom.xml"
    bomb.write_bytes(BOMB)
    good = DATA / "ah-tk-20192020-2197.xml"
    result = CliRunner().invoke(app, ["parse", str(bomb), str(good), "--json"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and str(bomb) in lines[0] and "DOCTYPE" in lines[0], result.stderr
    assert "Traceback" not in result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 1
    assert not compare(load(DATA / "ah-tk-20192020-2197.expected.json"), out[0])
