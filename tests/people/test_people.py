"""Persons from the Kamer's records, and askers linked to them by surname, party and date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from kamervragen.people import load_people, read_folder, read_people

RECORDS = Path(__file__).parents[1] / "data" / "odata" / "people"

# Two fictional members of one surname, in the API's shape: FractieZetelPersoon names the
# person and (through FractieZetel) the fractie.
PERSONS = [
    {"Id": "p-anna", "Nummer": 1, "Roepnaam": "Anna", "Initialen": "A.", "Tussenvoegsel": "de",
     "Achternaam": "Vries", "Functie": "Oud Kamerlid", "Verwijderd": False},
    {"Id": "p-bert", "Nummer": 2, "Roepnaam": "Bert", "Initialen": "B.J.", "Tussenvoegsel": "de",
     "Achternaam": "Vries", "Functie": "Tweede Kamerlid", "Verwijderd": False},
    {"Id": "p-gone", "Nummer": 3, "Roepnaam": "Cor", "Initialen": "C.", "Tussenvoegsel": None,
     "Achternaam": "Weg", "Verwijderd": True},
]  # fmt: skip
FRACTIES = [
    {"Id": "f-a", "Afkorting": "Partij A", "NaamNL": "Partij A"},
    {"Id": "f-b", "Afkorting": "Partij B", "NaamNL": "Partij B"},
]
SEATS = [
    {"Persoon_Id": "p-anna", "Fractie_Id": "f-a", "Van": "2010-06-17T00:00:00+02:00",
     "TotEnMet": "2017-03-22T00:00:00+01:00"},
    {"Persoon_Id": "p-bert", "FractieZetel": {"Fractie_Id": "f-b"}, "Van": "2012-09-20",
     "TotEnMet": "2021-03-30"},
    {"Persoon_Id": "p-bert", "FractieZetel": {"Fractie": {"Afkorting": "Partij A"}},
     "Van": "2021-03-31", "TotEnMet": None},
]  # fmt: skip


def test_persons_with_names_and_party_history() -> None:
    people = read_people(PERSONS, FRACTIES, SEATS)
    assert {p.id for p in people.persons} == {"p-anna", "p-bert"}  # removed records left out
    bert = people.by_id["p-bert"]
    assert bert.full_name == "Bert de Vries" and bert.surname_as_written == "De Vries"
    assert [m.party for m in bert.memberships] == ["Partij B", "Partij A"]
    assert bert.period() == (dt.date(2012, 9, 20), None)
    data = bert.to_dict()
    assert data["parties"][0] == {"party": "Partij B", "from": "2012-09-20", "to": "2021-03-30"}
    assert data["url"].endswith("/alle_kamerleden/p-bert")


def test_two_members_of_one_surname_told_apart_by_party_and_date() -> None:
    people = read_people(PERSONS, FRACTIES, SEATS)
    # Partij A had Anna until 2017 and Bert from 2021: the date decides.
    assert people.link("De Vries", "Partij A", dt.date(2015, 1, 5)).id == "p-anna"  # type: ignore[union-attr]
    assert people.link("de Vries", "Partij A", dt.date(2023, 1, 5)).id == "p-bert"  # type: ignore[union-attr]
    assert people.link("Vries", "Partij B", dt.date(2015, 1, 5)).id == "p-bert"  # type: ignore[union-attr]
    # Without a party: whoever sat that day, when only one did.
    assert people.link("B.J. de Vries", None, dt.date(2022, 1, 1)).id == "p-bert"  # type: ignore[union-attr]
    # Both sat in 2015 and no party is given: not linked, shown as written.
    assert people.link("De Vries", None, dt.date(2015, 1, 1)) is None
    assert people.link("Onbekend", "Partij A", dt.date(2015, 1, 1)) is None
    assert people.link("De Vries", None, None, person_id="p-anna").id == "p-anna"  # type: ignore[union-attr]


def test_real_records_link_prefixed_and_accented_surnames() -> None:
    people = read_folder(RECORDS)
    nispen = people.link("Van Nispen", "SP", dt.date(2024, 11, 19))
    assert nispen is not None and nispen.full_name == "Michiel van Nispen"
    kostic = people.link("Kostic", "PvdD", dt.date(2024, 2, 29))
    assert kostic is not None and kostic.full_name == "Ines Kostić"
    # Two Teunissens in the records and no seats to tell them apart: not linked.
    assert len(people.named("Teunissen")) == 2
    assert people.link("Teunissen", "PvdD", dt.date(2024, 5, 1)) is None
    # Five members called Dijk or Van Dijk, any of whom "Van Dijk" may be: not linked.
    assert len(people.named("Van Dijk")) == 5 and people.link("Van Dijk", None, None) is None


def test_the_bundled_snapshot_holds_the_recorded_persons() -> None:
    people = load_people()
    recorded = json.loads((RECORDS / "persoon-page.json").read_text(encoding="utf-8"))
    assert all(r["Id"] in people.by_id for r in recorded)
    assert len(people.persons) > 200
