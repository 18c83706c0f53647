import time

import pytest

from kamervragen import parse_text
from kamervragen.errors import ParseError
from kamervragen.parsing.dutch_dates import parse_dutch_date
from kamervragen.parsing.header import (
    expand_offices,
    parse_answerers,
    parse_askers,
    parse_header,
)
from kamervragen.record import Answerer, Asker

SEED_HEADER = """Vragen van het lid Tellegen (VVD) aan de Ministers van Sociale Zaken en
Werkgelegenheid en van Veiligheid en Justitie over het bericht dat de helft van
de gemeenten nauwelijks iets doet tegen radicalisering (ingezonden
15 september 2017).

Antwoord van Minister Asscher (Sociale Zaken en Werkgelegenheid), mede
namens de Minister van Veiligheid en Justitie (ontvangen 10 oktober 2017)."""


def test_seed_header() -> None:
    h = parse_header(SEED_HEADER)
    assert h.askers == [Asker("Tellegen", "VVD")]
    assert h.addressees == [
        "Minister van Sociale Zaken en Werkgelegenheid",
        "Minister van Veiligheid en Justitie",
    ]
    assert h.subject == (
        "het bericht dat de helft van de gemeenten nauwelijks iets doet tegen radicalisering"
    )
    assert (h.submitted, h.received) == ("2017-09-15", "2017-10-10")
    assert h.answered_by == [Answerer("Minister", "Asscher", "Sociale Zaken en Werkgelegenheid")]
    assert h.co_signers == ["Minister van Veiligheid en Justitie"]
    assert h.kind == "answer"


def test_askers_with_shared_party() -> None:
    assert parse_askers("de leden Bushoff en Patijn(beiden GroenLinks-PvdA)") == [
        Asker("Bushoff", "GroenLinks-PvdA"),
        Asker("Patijn", "GroenLinks-PvdA"),
    ]


def test_askers_each_with_party_and_first_names() -> None:
    got = parse_askers("de leden Inge van Dijk (CDA), Dijk (SP) en Ergin (DENK)")
    assert got == [Asker("Inge van Dijk", "CDA"), Asker("Dijk", "SP"), Asker("Ergin", "DENK")]


def test_asker_without_party() -> None:
    assert parse_askers("het lid Omtzigt") == [Asker("Omtzigt", None)]


def test_offices_expanded() -> None:
    assert expand_offices("de Minister en de Staatssecretaris van Financiën") == [
        "Minister van Financiën",
        "Staatssecretaris van Financiën",
    ]
    assert expand_offices(
        "de Ministers van Buitenlandse Zaken en voor Buitenlandse Handel en "
        "Ontwikkelingssamenwerking"
    ) == [
        "Minister van Buitenlandse Zaken",
        "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking",
    ]
    assert expand_offices(
        "de Staatssecretarissen van Volksgezondheid, Welzijn en Sport en van Justitie en Veiligheid"
    ) == [
        "Staatssecretaris van Volksgezondheid, Welzijn en Sport",
        "Staatssecretaris van Justitie en Veiligheid",
    ]
    assert expand_offices("de minister-president") == ["Minister-President"]
    assert expand_offices(
        "de minister van Landbouw, Visserij, Voedselzekerheid en Natuur en de "
        "staatssecretaris van Infrastructuur en Waterstaat"
    ) == [
        "Minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
        "Staatssecretaris van Infrastructuur en Waterstaat",
    ]


def test_two_answerers_and_unclosed_bracket() -> None:
    assert parse_answerers(
        "Minister Bruins Slot (BZ) van Minister Schreinemacher (Buitenlandse Handel en "
        "Ontwikkelingssamenwerking)"
    ) == [
        Answerer("Minister", "Bruins Slot", "BZ"),
        Answerer("Minister", "Schreinemacher", "Buitenlandse Handel en Ontwikkelingssamenwerking"),
    ]
    assert parse_answerers("staatssecretaris Karremans (Volksgezondheid, Welzijn en Sport") == [
        Answerer("Staatssecretaris", "Karremans", "Volksgezondheid, Welzijn en Sport")
    ]


def test_postponement_notice() -> None:
    h = parse_header(
        "Mededeling van staatssecretaris Rummenie (Landbouw, Visserij, Voedselzekerheid en "
        "Natuur) (ontvangen 20 november 2024)\n\nOp 6 november jl. hebben de leden Gabriëls en "
        "Bromet (beiden GroenLinks-PvdA) schriftelijke vragen gesteld aan de minister van "
        "Landbouw, Visserij, Voedselzekerheid en Natuur en de staatssecretaris van "
        "Infrastructuur en Waterstaat over de berichten dat Zeeuwse buffels te veel PFAS "
        "binnenkrijgen.\n"
    )
    assert h.kind == "postponement"
    assert h.submitted == "2024-11-06"
    assert h.received == "2024-11-20"
    assert [a.name for a in h.askers] == ["Gabriëls", "Bromet"]
    assert h.subject == "de berichten dat Zeeuwse buffels te veel PFAS binnenkrijgen"


def test_ministry_letter_signature_and_date() -> None:
    letter = (
        "D.M. van Weel\n\nAntwoorden van de minister van Justitie en Veiligheid mede namens de "
        "minister van Landbouw, Visserij, Voedselzekerheid en Natuur op Kamervragen van het "
        "lid Teunissen (PvdD) over ernstig dierenleed.\n"
    )
    h = parse_header(letter, letter + "\nDatum | 26 augustus 2024\n")
    assert h.answered_by == [Answerer("Minister", "Van Weel", "Justitie en Veiligheid")]
    assert h.co_signers == ["Minister van Landbouw, Visserij, Voedselzekerheid en Natuur"]
    assert h.received == "2024-08-26"
    assert h.subject == "ernstig dierenleed"


def test_dutch_dates() -> None:
    assert parse_dutch_date("(ingezonden 6 maart\n2024)") == "2024-03-06"
    assert parse_dutch_date("15 september 2017") == "2017-09-15"
    assert parse_dutch_date("6 november jl.", reference="2024-11-20") == "2024-11-06"
    assert parse_dutch_date("20 december jl.", reference="2025-01-10") == "2024-12-20"
    assert parse_dutch_date("31 februari 2024") is None
    assert parse_dutch_date("geen datum") is None


def test_ministers_of_two_ministries_are_told_apart_by_their_names() -> None:
    from kamervragen.parsing.header import expand_offices

    assert expand_offices(
        "de ministers van Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijkrelaties"
    ) == [
        "Minister van Justitie en Veiligheid",
        "Minister van Binnenlandse Zaken en Koninkrijkrelaties",
    ]
    assert expand_offices(
        "de staatssecretarissen van Financiën en Infrastructuur en Waterstaat"
    ) == [
        "Staatssecretaris van Financiën",
        "Staatssecretaris van Infrastructuur en Waterstaat",
    ]
    # One minister: the name is one office, however many "en" it holds.
    assert expand_offices("de Minister van Sociale Zaken en Werkgelegenheid") == [
        "Minister van Sociale Zaken en Werkgelegenheid"
    ]
    # Names not all known: left as written rather than cut at a guess.
    assert expand_offices("de ministers van Justitie en Onbekende Zaken") == [
        "Minister van Justitie en Onbekende Zaken"
    ]


# --- time -------------------------------------------------------------------------------------


def test_a_heading_block_of_a_megabyte_is_read_in_little_time() -> None:
    """The heading patterns searched on from each "Vragen van" for words that never came:
    a one-line document of a megabyte without headings took 300 s (0.9 MB here)."""
    text = "Vragen van het lid Jansen over de nieuwe regeling voor kinderopvang in 2024. "
    started = time.perf_counter()
    with pytest.raises(ParseError, match="not a Kamervragen document"):
        parse_text(text * (900_000 // len(text)))
    assert time.perf_counter() - started < 10


def test_a_letter_followed_by_many_blank_lines_is_read_in_little_time() -> None:
    """Its date and signature were looked for from every line start on over the blank
    lines after it: 40,000 blank lines took 41 s."""
    head = "Antwoorden van de minister van Financiën op vragen van het lid Jansen (PVV) over X.\n"
    started = time.perf_counter()
    record = parse_text(head + "\n" * 40_000 + "Vraag 1\nWaarom?\n")
    assert time.perf_counter() - started < 5
    assert record.answered_by[0].portfolio == "Financiën"
