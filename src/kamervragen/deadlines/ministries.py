"""Which ministry an office belongs to, on a given day, across renames and reorganisations.

The mapping is data (``data/ministries.csv``, documented in ``data/ministries.md``): an
office as written ("Veiligheid en Justitie", "Klimaat en Energie", "BZ") gives its
canonical ministry ("Justitie en Veiligheid", "Economische Zaken", "Buitenlandse Zaken")
for the period in which the name meant that ministry.

>>> ministries = load_ministries()
>>> ministries.ministry("Minister van Veiligheid en Justitie", dt.date(2017, 9, 15))
'Justitie en Veiligheid'
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kamervragen.dates import parse_date
from kamervragen.errors import KamervragenError
from kamervragen.text.normalize import name_key

_ROLE = re.compile(
    r"^\s*(?:de\s+)?(?:vice-?minister-?president|minister|staats?secretaris)"
    r"(?:\s+(?:van|voor))?\b\s*",
    re.IGNORECASE,
)
_PRIME_MINISTER = re.compile(r"^\s*(?:de\s+)?minister-?president\b", re.IGNORECASE)


def portfolio_of(office: str) -> str:
    """The office without its role: "Minister voor Klimaat en Energie" gives "Klimaat en
    Energie"; the Minister-President is "Minister-President"."""
    if _PRIME_MINISTER.match(office):
        return "Minister-President"
    return _ROLE.sub("", office, count=1).strip() or office.strip()


@dataclass(frozen=True)
class OfficeRow:
    """One row of ministries.csv."""

    office: str
    ministry: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    kind: str
    source: str
    note: str

    def valid_on(self, day: dt.date) -> bool:
        after_start = self.valid_from is None or self.valid_from <= day
        return after_start and (self.valid_to is None or day < self.valid_to)

    def distance(self, day: dt.date) -> int:
        """How many days ``day`` lies outside this row's period (0 inside it)."""
        if self.valid_from is not None and day < self.valid_from:
            return (self.valid_from - day).days
        if self.valid_to is not None and day >= self.valid_to:
            return (day - self.valid_to).days + 1
        return 0


@dataclass(frozen=True)
class OfficeMatch:
    """The ministry found for an office: ``in_period`` is False when the name was used
    outside the period the file gives for it (the nearest period's row was taken)."""

    office: str
    ministry: str
    row: OfficeRow
    in_period: bool


class Ministries:
    """The office → ministry table; look-ups by office and day."""

    def __init__(self, rows: list[OfficeRow]) -> None:
        self.rows = rows
        self._by_office: dict[str, list[OfficeRow]] = defaultdict(list)
        for row in rows:
            self._by_office[name_key(row.office)].append(row)

    def match(self, office: str, on: dt.date | None = None) -> OfficeMatch | None:
        """The row for ``office`` (with or without its role) valid on ``on``; without a
        row valid that day, the row of the nearest period; None for an unknown office."""
        by_office = self._by_office
        rows = by_office.get(name_key(portfolio_of(office))) or by_office.get(name_key(office))
        if not rows:
            return None
        if on is None:
            current = [r for r in rows if r.valid_to is None] or rows
            return OfficeMatch(office, current[-1].ministry, current[-1], True)
        best = min(rows, key=lambda r: r.distance(on))
        return OfficeMatch(office, best.ministry, best, best.valid_on(on))

    def ministry(self, office: str, on: dt.date | None = None) -> str | None:
        """The canonical ministry of ``office`` on ``on``, or None if the office is unknown."""
        found = self.match(office, on)
        return found.ministry if found else None

    def names(self) -> list[str]:
        """Every canonical ministry, sorted."""
        return sorted({row.ministry for row in self.rows})


def read_ministries(text: str, name: str = "ministries.csv") -> Ministries:
    """The table from CSV text (columns as in ``data/ministries.csv``)."""
    rows: list[OfficeRow] = []
    reader = csv.DictReader(io.StringIO(text))
    need = {"office", "ministry", "valid_from", "valid_to", "kind", "source", "note"}
    if not need <= set(reader.fieldnames or ()):
        raise KamervragenError(f"{name}: need the columns {', '.join(sorted(need))}")
    for number, raw in enumerate(reader, start=2):
        where = f"{name}, line {number}"
        if not raw["office"].strip() or not raw["ministry"].strip():
            raise KamervragenError(f"{where}: office and ministry must be given")
        row = OfficeRow(
            office=raw["office"].strip(),
            ministry=raw["ministry"].strip(),
            valid_from=parse_date(raw["valid_from"].strip() or None, where),
            valid_to=parse_date(raw["valid_to"].strip() or None, where),
            kind=raw["kind"].strip(),
            source=raw["source"].strip(),
            note=raw["note"].strip(),
        )
        if row.valid_from and row.valid_to and row.valid_from >= row.valid_to:
            raise KamervragenError(f"{where}: valid_from is not before valid_to")
        rows.append(row)
    return Ministries(rows)


@cache
def _bundled() -> Ministries:
    data = resources.files("kamervragen.deadlines").joinpath("data/ministries.csv")
    return read_ministries(data.read_text("utf-8"))


def load_ministries(path: str | Path | None = None) -> Ministries:
    """The bundled table, or the one in ``path``."""
    if path is None:
        return _bundled()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise KamervragenError(f"{path}: cannot read: {exc.strerror}") from None
    return read_ministries(text, str(path))
