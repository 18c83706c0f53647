"""Members as persons, not surnames: the Tweede Kamer's Persoon, Fractie and
FractieZetelPersoon records, and askers as the documents write them ("Teunissen (PvdD)",
"Van Nispen") linked to the person they are.

>>> people = read_people(persons, fracties, seats)       # OData records (dicts)
>>> people.link("Teunissen", "PvdD", dt.date(2024, 3, 1)).full_name
'Christine Teunissen'

An asker is linked by surname (with or without "van", "de", in any case and without
accents), then, where more persons share that surname, by the party they sat for on the
day of the questions, then by who sat in the Kamer that day. When that still leaves more
than one, or none, the asker is not linked and is shown as written. Pure: no store, no
network; the records come from sync or from the bundled snapshot (:func:`load_people`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from kamervragen.dates import as_date
from kamervragen.text.normalize import name_key

PERSON_PAGE = "https://www.tweedekamer.nl/kamerleden_en_commissies/alle_kamerleden/"
__all__ = ["Membership", "People", "Person", "load_people", "read_people"]


@dataclass(frozen=True)
class Membership:
    """A seat in a parliamentary party (fractie) from ``start`` to ``end`` (inclusive; None
    is open)."""

    party: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
        }


@dataclass(frozen=True)
class Person:
    """One member (or former member) of the Tweede Kamer, as its Persoon record has it."""

    id: str
    number: int | None
    first_name: str
    initials: str
    prefix: str  # tussenvoegsel: "van", "de", "van den"
    surname: str  # achternaam without the prefix
    function: str = ""
    memberships: tuple[Membership, ...] = field(default=())
    label: str | None = None  # the party the record names now (Fractielabel), if any

    @property
    def full_name(self) -> str:
        return " ".join(
            p for p in (self.first_name or self.initials, self.prefix, self.surname) if p
        )

    @property
    def surname_as_written(self) -> str:
        """As the documents write it: "Van Nispen", "Teunissen"."""
        prefix = self.prefix[:1].upper() + self.prefix[1:] if self.prefix else ""
        return f"{prefix} {self.surname}".strip()

    @property
    def page_url(self) -> str:
        return PERSON_PAGE + quote(self.id)

    def parties_on(self, day: dt.date) -> set[str]:
        return {m.party for m in self.memberships if m.covers(day)}

    def sat_on(self, day: dt.date) -> bool:
        return any(m.covers(day) for m in self.memberships)

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        starts = [m.start for m in self.memberships]
        ends = [m.end for m in self.memberships]
        first = min((d for d in starts if d), default=None)
        last = None if any(e is None for e in ends) or not ends else max(e for e in ends if e)
        return first, last

    def to_dict(self) -> dict[str, Any]:
        first, last = self.period()
        return {
            "id": self.id,
            "number": self.number,
            "name": self.full_name,
            "surname": self.surname_as_written,
            "initials": self.initials,
            "function": self.function,
            "party_now": self.label,
            "parties": [m.to_dict() for m in sorted(self.memberships, key=_by_start)],
            "from": first.isoformat() if first else None,
            "to": last.isoformat() if last else None,
            "url": self.page_url,
        }


def _by_start(m: Membership) -> dt.date:
    return m.start or dt.date.min


def _surname_keys(name: str) -> set[str]:
    """Keys an asker's written name may match: the whole ("vannispen") and without a
    leading prefix ("nispen"), initials and a party in brackets left off."""
    name = name.split("(")[0].strip()
    words = [w for w in name.replace(",", " ").split() if not w.endswith(".")]
    keys = {name_key(" ".join(words))}
    lowered = [w.lower() for w in words]
    for i, word in enumerate(lowered):
        if word not in _PREFIXES:
            keys.add(name_key(" ".join(words[i:])))
            break
    return keys - {""}


_PREFIXES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t", "la", "le", "du"}


class People:
    """Persons by surname, to link askers to."""

    def __init__(self, persons: Iterable[Person]) -> None:
        self.persons = list(persons)
        self._by_key: dict[str, list[Person]] = defaultdict(list)
        self.by_number = {p.number: p for p in self.persons if p.number is not None}
        self.by_id = {p.id: p for p in self.persons}
        for person in self.persons:
            for key in {name_key(person.surname), name_key(f"{person.prefix} {person.surname}")}:
                if key:
                    self._by_key[key].append(person)

    def named(self, name: str) -> list[Person]:
        """Everyone whose surname the written ``name`` may be."""
        found: dict[str, Person] = {}
        for key in _surname_keys(name):
            for person in self._by_key.get(key, []):
                found[person.id] = person
        return list(found.values())

    def link(
        self, name: str, party: str | None, day: dt.date | None, person_id: str | None = None
    ) -> Person | None:
        """The one person an asker written as ``name`` of ``party`` on ``day`` is, or None
        when no person or more than one fits. A ``person_id`` the source gave (the API's
        Persoon id of a ZaakActor) is taken as it is, where the person is known."""
        if person_id and person_id in self.by_id:
            return self.by_id[person_id]
        candidates = self.named(name)
        if len(candidates) > 1 and party:
            wanted = name_key(party)
            by_party = [
                p
                for p in candidates
                if any(
                    name_key(m.party) == wanted and (day is None or m.covers(day))
                    for m in p.memberships
                )
                or (not p.memberships and p.label and name_key(p.label) == wanted)
            ]
            candidates = by_party or candidates
        if len(candidates) > 1 and day is not None:
            sitting = [p for p in candidates if p.sat_on(day)]
            candidates = sitting or candidates
        return candidates[0] if len(candidates) == 1 else None


def _text(record: Mapping[str, Any], key: str) -> str:
    value = record.get(key)
    return str(value).strip() if value else ""


def read_people(
    persons: Iterable[Mapping[str, Any]],
    fracties: Iterable[Mapping[str, Any]] = (),
    seats: Iterable[Mapping[str, Any]] = (),
) -> People:
    """People from OData records: Persoon, Fractie, and FractieZetelPersoon (each with its
    ``Persoon_Id`` and the fractie by ``Fractie_Id`` or an expanded ``FractieZetel``).
    Records marked ``Verwijderd`` are left out; a seat whose fractie is unknown too."""
    party_of = {
        f["Id"]: _text(f, "Afkorting") or _text(f, "NaamNL")
        for f in fracties
        if not f.get("Verwijderd") and f.get("Id")
    }
    memberships: dict[str, list[Membership]] = defaultdict(list)
    for seat in seats:
        if seat.get("Verwijderd") or not seat.get("Persoon_Id"):
            continue
        zetel = seat.get("FractieZetel") or {}
        fractie_id = seat.get("Fractie_Id") or zetel.get("Fractie_Id")
        party = party_of.get(fractie_id) or _text(zetel.get("Fractie") or {}, "Afkorting")
        if party:
            start, end = as_date(seat.get("Van")), as_date(seat.get("TotEnMet"))
            memberships[str(seat["Persoon_Id"])].append(Membership(party, start, end))
    found = []
    for record in persons:
        if record.get("Verwijderd") or not record.get("Achternaam") or not record.get("Id"):
            continue
        pid = str(record["Id"])
        number = record.get("Nummer")
        found.append(
            Person(
                id=pid,
                number=int(number)
                if isinstance(number, int | str) and str(number).isdigit()
                else None,
                first_name=_text(record, "Roepnaam"),
                initials=_text(record, "Initialen"),
                prefix=_text(record, "Tussenvoegsel"),
                surname=_text(record, "Achternaam"),
                function=_text(record, "Functie"),
                memberships=tuple(sorted(memberships.get(pid, []), key=_by_start)),
                label=_text(record, "Fractielabel") or None,
            )
        )
    return People(found)


def read_folder(folder: str | Path) -> People:
    """People from a folder of OData pages as sync or a recording keeps them:
    ``persoon*.json``, ``fractie-*.json`` / ``fractie.json`` and ``fractiezetelpersoon*.json``
    (a JSON list of records, or an OData envelope with ``value``)."""
    root = Path(folder)

    def records(pattern: str) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for path in sorted(root.glob(pattern)):
            data = json.loads(path.read_text(encoding="utf-8"))
            out += data.get("value", []) if isinstance(data, dict) else data
        return out

    return read_people(
        records("persoon*.json"),
        [*records("fractie.json"), *records("fractie-*.json")],
        records("fractiezetelpersoon*.json"),
    )


@cache
def _bundled() -> People:
    text = resources.files("kamervragen.people").joinpath("data/persons.json").read_text("utf-8")
    data = json.loads(text)
    return read_people(data["persons"], data.get("fracties", []), data.get("seats", []))


def load_people(folder: str | Path | None = None) -> People:
    """People from ``folder`` (see :func:`read_folder`), or the bundled snapshot of the
    Kamer's Persoon records (recorded 2025; its sync keeps a store's own current)."""
    return read_folder(folder) if folder else _bundled()
