"""Property tests: on any input, parsing returns a record or raises ParseError, nothing else.

Arbitrary text and bytes find the crashes nobody thought of; text built from the
pieces of real documents (headings, question and answer numbers, footnote lines,
form feeds, hyphens at line ends) gets past the first checks and into the parser.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kamervragen

T = TypeVar("T", str, bytes)

KINDS = {"answer", "questions", "postponement"}

SETTINGS = settings(
    max_examples=150,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)

HEADERS = [
    "Tweede Kamer der Staten-Generaal",
    "Vergaderjaar 2023–2024",
    "Aanhangsel van de Handelingen",
    "Vragen gesteld door de leden der Kamer, met de daarop door de regering gegeven antwoorden",
    "ah-tk-20232024-1314",
    "kv-tk-2024Z18435",
    "2024Z18294",
    "AH 614",
    "ISSN 0921 - 7398",
    "’s-Gravenhage 2024",
    "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1",
    "Vragen van het lid Tellegen (VVD) aan de Minister van Sociale Zaken en Werkgelegenheid "
    "over het bericht dat de helft van de gemeenten niets doet (ingezonden 3 maart 2024).",
    "Vragen van de leden Van Nispen en Inge van Dijk (beiden SP) aan de Ministers van "
    "Financiën en van Justitie en Veiligheid over Z (ingezonden 31 februari 2024).",
    "Vragen van het lid",
    "aan de Minister en de Staatssecretaris van Financiën over",
    "(ingezonden 15 september 2017).",
    "(ingezonden",
    "Antwoord van Minister De Jonge (Binnenlandse Zaken en Koninkrijksrelaties), mede namens "
    "de Minister van Veiligheid en Justitie (ontvangen 10 oktober 2017).",
    "Antwoord van staatssecretaris Karremans (Volksgezondheid, Welzijn en Sport (ontvangen",
    "Mededeling",
    "Uitstel beantwoording",
    "Op 6 november jl. hebben de leden X en Y (beiden GroenLinks-PvdA) schriftelijke vragen "
    "gesteld aan de minister van Z over iets.",
    "In antwoord op uw brief van 5 juli 2024, nr. 2024Z11859, deel ik u mede",
    "Datum 26 augustus 2024",
    "Zie ook Aanhangsel Handelingen, vergaderjaar 2023–2024, nr. 1283.",
]

HEADINGS = [
    "Vraag 1",
    "Vraag 2",
    "Vraag 3a",
    "Vraag 4 en 5",
    "Vraag 8, 9, 10 en 11",
    "Vraag",
    "Vraag 0",
    "Vraag 99999999999999999999",
    "Antwoord 1",
    "Antwoord 2, 3 en 4",
    "Antwoord op vragen 2 tot en met 4",
    "Antwoord 2 t/m 4",
    "Antwoord 2-4",
    "Antwoord 4-2",
    "Antwoord 1-100000000",
    "Antwoord op vraag 4:",
    "Antwoord",
    "Antwoord en",
    "Antwoord 3 t/m",
    "1.",
    "2)",
    "Q1",
    "A1",
]

BODY = [
    "Bent u bekend met het bericht «Helft gemeenten doet nauwelijks iets»?1",
    "Zo ja, waar baseert u dat op? Zo nee, wat gaat u hieraan doen?",
    "Ja",
    "Erkent u het belang van radicalise-",
    "ring?",
    "woningzoeken-",
    "den",
    "Midden-Oosten en paspoort- en verblijfsstatushouders",
    "–",
    "-",
    "– Op 3 maart 2024 is gesproken.",
    "Kostic ´",
    "Yes¸ ilgöz",
    "»?",
    "?",
    "(",
    ")",
    "1 2",
    "[1]",
    "1)",
]

FOOTNOTES = [
    "1 https://nos.nl/artikel/2192834-helft-gemeenten.html",
    "2 Kamerstuk 29 754, nr. 430",
    "3",
    "4 https://www.rijksoverheid.nl/",
    "1«Sudan",
    "61823021 ENE N Landkaart",
]

SEPARATORS = ["\n", "\n\n", " ", "", "\f", "\r\n", "-\n", "\n\f\n", "\t"]

fragment = st.one_of(
    st.sampled_from(HEADERS + HEADINGS + BODY + FOOTNOTES),
    st.integers(min_value=0, max_value=10**6).map(str),
    st.text(max_size=12),
)


@st.composite
def realistic_text(draw: st.DrawFn) -> str:
    """A shuffle of real document pieces, joined by line breaks, form feeds and the like."""
    pieces = draw(st.lists(fragment, max_size=40))
    glue = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + g for p, g in zip(pieces, glue, strict=True))


@st.composite
def document_like_text(draw: st.DrawFn) -> str:
    """A heading, then question and answer blocks whose numbers may not agree."""
    lines = [draw(st.sampled_from(HEADERS)) for _ in range(draw(st.integers(0, 4)))]
    for _ in range(draw(st.integers(0, 6))):
        lines.append(draw(st.sampled_from(HEADINGS)))
        lines.extend(draw(st.lists(st.sampled_from(BODY + FOOTNOTES) | fragment, max_size=4)))
    page_break = draw(st.sampled_from(["\n", "\f", "\n\f"]))
    cut = draw(st.integers(0, len(lines)))
    return "\n".join(lines[:cut]) + page_break + "\n".join(lines[cut:])


def check_record(record: kamervragen.Record) -> None:
    assert isinstance(record, kamervragen.Record)
    data = record.to_dict()
    json.dumps(data, ensure_ascii=False)  # the contract's output is always possible
    assert data["kind"] in KINDS


def parse_or_error(parse: Callable[[T], kamervragen.Record], document: T) -> None:
    """A record, or the project's own error with a one-line reason; nothing else."""
    try:
        record = parse(document)
    except kamervragen.ParseError as error:
        assert str(error).strip(), "a ParseError says why"
        assert "\n" not in str(error).strip(), "the reason is one line"
        return
    check_record(record)


@SETTINGS
@given(st.text())
def test_parse_text_on_any_text(text: str) -> None:
    parse_or_error(kamervragen.parse_text, text)


@SETTINGS
@given(realistic_text())
def test_parse_text_on_pieces_of_documents(text: str) -> None:
    parse_or_error(kamervragen.parse_text, text)


@SETTINGS
@given(document_like_text())
def test_parse_text_on_document_like_text(text: str) -> None:
    parse_or_error(kamervragen.parse_text, text)


@SETTINGS
@given(st.binary())
def test_parse_bytes_on_any_bytes(data: bytes) -> None:
    parse_or_error(kamervragen.parse_bytes, data)


@settings(SETTINGS, max_examples=60)
@given(
    st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b""]),
    st.binary(max_size=2000),
)
def test_parse_bytes_on_damaged_files(magic: bytes, rest: bytes) -> None:
    parse_or_error(kamervragen.parse_bytes, magic + rest)


@settings(SETTINGS, max_examples=60)
@given(realistic_text(), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_parse_bytes_on_encoded_text(text: str, encoding: str) -> None:
    parse_or_error(kamervragen.parse_bytes, text.encode(encoding, errors="replace"))
