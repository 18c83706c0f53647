"""Office as written → canonical ministry, by date, from the bundled data file."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from kamervragen.deadlines.ministries import load_ministries, portfolio_of, read_ministries
from kamervragen.errors import KamervragenError
from kamervragen.text.normalize import name_key

DEV = Path(__file__).parent.parent / "data" / "dev"
MINISTRIES = load_ministries()


@pytest.mark.parametrize(
    ("office", "day", "ministry"),
    [
        ("Minister van Justitie", "2005-03-01", "Justitie en Veiligheid"),
        ("Minister van Veiligheid en Justitie", "2017-09-15", "Justitie en Veiligheid"),
        ("Minister van Justitie en Veiligheid", "2024-08-26", "Justitie en Veiligheid"),
        ("Minister voor Klimaat en Energie", "2024-02-06", "Economische Zaken"),
        ("Minister van Klimaat en Groene Groei", "2024-10-16", "Klimaat en Groene Groei"),
        (
            "Minister voor Primair en Voortgezet Onderwijs",
            "2023-05-01",
            "Onderwijs, Cultuur en Wetenschap",
        ),
        (
            "Minister voor Natuur en Stikstof",
            "2024-02-29",
            "Landbouw, Visserij, Voedselzekerheid en Natuur",
        ),
        (
            "Minister van Landbouw, Natuur en Voedselkwaliteit",
            "2019-01-01",
            "Landbouw, Visserij, Voedselzekerheid en Natuur",
        ),
        (
            "Minister voor Volkshuisvesting en Ruimtelijke Ordening",
            "2023-01-01",
            "Binnenlandse Zaken en Koninkrijksrelaties",
        ),
        (
            "Minister van Volkshuisvesting en Ruimtelijke Ordening",
            "2025-01-01",
            "Volkshuisvesting en Ruimtelijke Ordening",
        ),
        ("Minister van Verkeer en Waterstaat", "2008-01-01", "Infrastructuur en Waterstaat"),
        ("Minister van Infrastructuur en Milieu", "2014-01-01", "Infrastructuur en Waterstaat"),
        ("Minister voor Jeugd en Gezin", "2008-01-01", "Volksgezondheid, Welzijn en Sport"),
        (
            "Minister voor Wonen en Rijksdienst",
            "2014-01-01",
            "Binnenlandse Zaken en Koninkrijksrelaties",
        ),
        ("Minister van Asiel en Migratie", "2024-11-19", "Asiel en Migratie"),
        ("Staatssecretaris van Justitie en Veiligheid", "2023-01-01", "Justitie en Veiligheid"),
        (
            "Staatsecretaris van Volksgezondheid, Welzijn en Sport",
            "2024-10-02",
            "Volksgezondheid, Welzijn en Sport",
        ),
        (
            "Staatssecretaris van Volksgezondheid Welzijn en Sport",
            "2024-08-15",
            "Volksgezondheid, Welzijn en Sport",
        ),
        ("Minister-President", "2024-11-20", "Algemene Zaken"),
        ("BZ", "2024-06-05", "Buitenlandse Zaken"),
        ("Ministerie van Toverkunst", "2024-01-01", None),
    ],
)
def test_an_office_maps_to_its_ministry_on_the_day(
    office: str, day: str, ministry: str | None
) -> None:
    assert MINISTRIES.ministry(office, dt.date.fromisoformat(day)) == ministry


def test_a_name_used_outside_its_period_is_mapped_and_marked() -> None:
    inside = MINISTRIES.match("Veiligheid en Justitie", dt.date(2015, 1, 1))
    outside = MINISTRIES.match("Veiligheid en Justitie", dt.date(2019, 1, 1))
    assert inside is not None and outside is not None
    assert inside.in_period and not outside.in_period
    assert outside.ministry == "Justitie en Veiligheid"


def test_the_role_is_taken_off_the_office() -> None:
    assert portfolio_of("Minister voor Klimaat en Energie") == "Klimaat en Energie"
    assert portfolio_of("Staatssecretaris van Financiën") == "Financiën"
    assert portfolio_of("Minister-President") == "Minister-President"
    assert portfolio_of("minister van Defensie") == "Defensie"


def test_every_office_in_the_dev_corpus_has_a_ministry() -> None:
    unmapped = []
    for gold in sorted(DEV.glob("*.gold.json")):
        record = json.loads(gold.read_text())
        day = dt.date.fromisoformat(record["received"] or record["submitted"] or "2024-01-01")
        offices = record["addressees"] + record["co_signers"]
        offices += [a["portfolio"] or a["role"] for a in record["answered_by"]]
        unmapped += [(gold.name, o) for o in offices if MINISTRIES.ministry(o, day) is None]
    assert unmapped == []


def test_no_office_means_two_ministries_on_one_day() -> None:
    by_office = defaultdict(list)
    for row in MINISTRIES.rows:
        by_office[name_key(row.office)].append(row)
    far_past, far_future = dt.date(1900, 1, 1), dt.date(2100, 1, 1)
    for rows in by_office.values():
        for a, b in combinations(rows, 2):
            overlap = max(a.valid_from or far_past, b.valid_from or far_past) < min(
                a.valid_to or far_future, b.valid_to or far_future
            )
            assert not overlap or a.ministry == b.ministry, (a, b)


def test_every_row_names_its_kind_and_source() -> None:
    assert len(MINISTRIES.rows) > 60
    for row in MINISTRIES.rows:
        assert row.kind in {"ministry", "portfolio", "abbreviation"}, row
        assert set(row.source.split(";")) <= {"S", "P", "R"} and row.source, row
    assert "Asiel en Migratie" in MINISTRIES.names()
    assert len(MINISTRIES.names()) == 16


def test_a_bad_table_is_refused_with_the_line() -> None:
    head = "office,ministry,valid_from,valid_to,kind,source,note\n"
    with pytest.raises(KamervragenError, match="line 2: '14-10-2010' is not a date"):
        read_ministries(head + "Justitie,Justitie en Veiligheid,14-10-2010,,ministry,S,\n")
    with pytest.raises(KamervragenError, match="line 2: valid_from is not before valid_to"):
        read_ministries(head + "X,Y,2020-01-01,2019-01-01,ministry,S,\n")
    with pytest.raises(KamervragenError, match="need the columns"):
        read_ministries("office,ministry\nX,Y\n")
