"""Realistic synthetic Kamervragen documents at any scale, each with the record it must parse to.

    .venv/bin/python bench/corpus.py N OUTDIR [--seed S] [--start K] [--with-expected]
                                             [--workers W] [--check]

writes documents ``K`` … ``K + N - 1`` as ``OUTDIR/NAME.txt`` (with ``--with-expected`` also
``NAME.expected.json``, the record of the parse contract); ``--check`` parses each one with
the project's parser and counts those whose record differs from the expected one.

As a library (bench/ is not a package: put it on ``sys.path``)::

    from corpus import generate
    for doc in generate(1000, seed=7):          # doc.name, doc.text, doc.expected, doc.case
        ...

Documents come in case groups: a case's questions (kv-tk, or a Word text with its zaak
number), a postponement notice and the answer share the zaak, askers, addressees, subject
and questions, as the storage layer links them. Kinds: about 60 % answers, 25 % questions,
15 % postponements. Layouts imitate the dev texts: pdfminer and pypdf extractions of the
official PDFs (title block, running footer, "ah-tk-… ISSN 0921 - 7398 ’s-Gravenhage", page
numbers, footnotes at the page foot, line-end hyphenation), the plain text of the seed
document, the Word texts of pre-publication versions ("AH 614", "2024Z14815", "1)"), and
ministries' answer letters ("Datum | …", "uw brief van …, nr. 2024Z…", "D.M. van Weel").
Sentences, subjects, names and footnotes are real (bench/material/sentences.json, built by
bench/material/build.py); offices, parties and session years follow the calendar.

Document ``i`` depends only on ``(seed, i)``: documents are laid out in blocks of
``BLOCK``, each block cut into cases by its own seeded draw, so any slice can be made alone.
Each block belongs to one session; names, ids and zaak numbers are distinct within a corpus.

Every template was checked against the parser (tests/test_corpus_generator.py, and
``--check`` on 40,000 documents): where a real layout would trip it, the template avoids
that form, and a comment at the spot says why.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import random
import re
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

MATERIAL = Path(__file__).resolve().parent / "material" / "sentences.json"
BLOCK = 20  # documents per block; a block is cut into cases on its own
CONTRACT_FIELDS = (
    "kind", "id", "zaak", "session_year", "subject", "askers", "addressees", "submitted",
    "received", "answered_by", "co_signers", "questions", "answers", "footnotes",
)  # fmt: skip

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
)  # fmt: skip

# Case patterns (Q questions, P postponement, A answer) and their weights: about 60 % of the
# documents are answers, 25 % questions, 15 % postponements.
PATTERNS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("A",), 38),
    (("Q", "A"), 12),
    (("Q", "P", "A"), 7),
    (("P", "A"), 6),
    (("Q",), 6),
    (("Q", "P"), 2),
)


@dataclass(frozen=True)
class Synthetic:
    """One generated document.

    ``name`` is its file name, ``text`` the document as an extraction prints it,
    ``expected`` the record ``kamervragen.parse_text(text).to_dict()`` must give (the
    contract's fields), ``case`` the zaak number of its case (also where the document does
    not state it), ``layout`` the template ("pdfminer", "pypdf", "plain", "word",
    "letter")."""

    name: str
    text: str
    expected: dict[str, Any]
    case: str
    layout: str


# --- the calendar: sessions, parties, offices -----------------------------------------


def session_start(year: int) -> date:
    """Prinsjesdag, the third Tuesday of September, opens the session ``year``–``year+1``."""
    first = date(year, 9, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + 14)


def session_end(year: int) -> date:
    return min(session_start(year + 1) - timedelta(days=1), date(2026, 6, 30))


def _slot_table() -> tuple[int, ...]:
    """100 slots, one session each: recent sessions hold more of the corpus."""
    slots = [y for y in range(1995, 2026) for _ in range(2 if y < 2008 else 4)]
    slots += [2023, 2024]
    random.Random(1995).shuffle(slots)
    return tuple(slots)


SLOTS = _slot_table()


def _d(text: str) -> date:
    return date.fromisoformat(text)


# Parties as headings write them: (first day, last day, weight).
PARTIES: dict[str, tuple[str, str, float]] = {
    "VVD": ("1990-01-01", "2099-01-01", 4),
    "CDA": ("1990-01-01", "2099-01-01", 3),
    "D66": ("1990-01-01", "2099-01-01", 2),
    "SP": ("1994-05-17", "2099-01-01", 3),
    "SGP": ("1990-01-01", "2099-01-01", 1),
    "PvdA": ("1990-01-01", "2023-12-05", 3),
    "GroenLinks": ("1990-01-01", "2023-12-05", 2),
    "GPV": ("1990-01-01", "1999-12-31", 1),
    "RPF": ("1990-01-01", "1999-12-31", 1),
    "CD": ("1990-01-01", "1998-05-18", 0.3),
    "ChristenUnie": ("2000-01-01", "2099-01-01", 2),
    "LPF": ("2002-05-23", "2006-11-29", 1),
    "PVV": ("2006-11-30", "2099-01-01", 2),
    "PvdD": ("2006-11-30", "2099-01-01", 2),
    "50PLUS": ("2012-09-20", "2023-12-05", 0.7),
    "DENK": ("2017-03-23", "2099-01-01", 1),
    "FvD": ("2017-03-23", "2099-01-01", 0.7),
    "JA21": ("2021-03-31", "2099-01-01", 0.7),
    "Volt": ("2021-03-31", "2099-01-01", 0.8),
    "BBB": ("2021-03-31", "2099-01-01", 1.2),
    "BIJ1": ("2021-03-31", "2023-12-05", 0.5),
    "GroenLinks-PvdA": ("2023-12-06", "2099-01-01", 5),
    "NSC": ("2023-12-06", "2099-01-01", 2),
}

# Ministries by period: (name, first day, last day, weight; staatssecretaris weight).
MINISTRIES: tuple[tuple[str, str, str, float, float], ...] = (
    ("Binnenlandse Zaken", "1990-01-01", "1998-08-02", 2, 1),
    ("Binnenlandse Zaken en Koninkrijksrelaties", "1998-08-03", "2099-01-01", 2, 1),
    ("Buitenlandse Zaken", "1990-01-01", "2099-01-01", 2, 0.5),
    ("Defensie", "1990-01-01", "2099-01-01", 1, 0.5),
    ("Economische Zaken", "1990-01-01", "2010-10-13", 2, 0.5),
    ("Economische Zaken, Landbouw en Innovatie", "2010-10-14", "2012-11-04", 2, 1),
    ("Economische Zaken", "2012-11-05", "2017-10-25", 2, 1),
    ("Economische Zaken en Klimaat", "2017-10-26", "2024-07-01", 2, 1),
    ("Economische Zaken", "2024-07-02", "2099-01-01", 2, 0.5),
    ("Financiën", "1990-01-01", "2099-01-01", 2, 2),
    ("Justitie", "1990-01-01", "2010-10-13", 3, 1),
    ("Veiligheid en Justitie", "2010-10-14", "2017-10-25", 3, 2),
    ("Justitie en Veiligheid", "2017-10-26", "2099-01-01", 3, 2),
    ("Landbouw, Natuurbeheer en Visserij", "1990-01-01", "2003-05-26", 1.5, 0.3),
    ("Landbouw, Natuur en Voedselkwaliteit", "2003-05-27", "2010-10-13", 1.5, 0.3),
    ("Landbouw, Natuur en Voedselkwaliteit", "2017-10-26", "2024-07-01", 1.5, 0.3),
    ("Landbouw, Visserij, Voedselzekerheid en Natuur", "2024-07-02", "2099-01-01", 1.5, 0.5),
    ("Onderwijs, Cultuur en Wetenschappen", "1990-01-01", "2003-05-26", 2, 1),
    ("Onderwijs, Cultuur en Wetenschap", "2003-05-27", "2099-01-01", 2, 1),
    ("Sociale Zaken en Werkgelegenheid", "1990-01-01", "2099-01-01", 2, 1),
    ("Verkeer en Waterstaat", "1990-01-01", "2010-10-13", 2, 1),
    ("Infrastructuur en Milieu", "2010-10-14", "2017-10-25", 2, 1),
    ("Infrastructuur en Waterstaat", "2017-10-26", "2099-01-01", 2, 1.5),
    (
        "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer",
        "1990-01-01",
        "2010-10-13",
        1.5,
        0.5,
    ),
    ("Volksgezondheid, Welzijn en Sport", "1990-01-01", "2099-01-01", 3, 2),
    ("Asiel en Migratie", "2024-07-02", "2099-01-01", 2, 0),
    ("Klimaat en Groene Groei", "2024-07-02", "2099-01-01", 1, 0),
    ("Volkshuisvesting en Ruimtelijke Ordening", "2024-07-02", "2099-01-01", 1, 0),
)

# Ministers without a ministry of their own ("Minister voor …").
MINISTERS_FOR: tuple[tuple[str, str, str, float], ...] = (
    ("Ontwikkelingssamenwerking", "1990-01-01", "2010-10-13", 1),
    ("Vreemdelingenzaken en Integratie", "2002-07-22", "2007-02-21", 1),
    ("Jeugd en Gezin", "2007-02-22", "2010-10-13", 1),
    ("Wonen, Wijken en Integratie", "2007-02-22", "2010-10-13", 1),
    ("Immigratie, Integratie en Asiel", "2010-10-14", "2012-11-04", 1),
    ("Buitenlandse Handel en Ontwikkelingssamenwerking", "2012-11-05", "2024-07-01", 1),
    ("Wonen en Rijksdienst", "2012-11-05", "2017-10-25", 1),
    ("Medische Zorg en Sport", "2017-10-26", "2022-01-09", 1),
    ("Rechtsbescherming", "2017-10-26", "2024-07-01", 1),
    ("Basis- en Voortgezet Onderwijs en Media", "2017-10-26", "2022-01-09", 0.5),
    ("Medische Zorg", "2022-01-10", "2024-07-01", 1),
    ("Langdurige Zorg en Sport", "2022-01-10", "2024-07-01", 0.5),
    ("Primair en Voortgezet Onderwijs", "2022-01-10", "2024-07-01", 0.5),
    ("Klimaat en Energie", "2022-01-10", "2024-07-01", 1.5),
    ("Natuur en Stikstof", "2022-01-10", "2024-07-01", 1),
    ("Armoedebeleid, Participatie en Pensioenen", "2022-01-10", "2024-07-01", 0.5),
    ("Volkshuisvesting en Ruimtelijke Ordening", "2022-01-10", "2024-07-01", 1),
    ("Buitenlandse Handel en Ontwikkelingshulp", "2024-07-02", "2099-01-01", 1),
)

# Cabinets: the same office has the same holder through one cabinet.
CABINETS = (
    "1994-08-22", "1998-08-03", "2002-07-22", "2003-05-27", "2006-07-07", "2007-02-22",
    "2010-10-14", "2012-11-05", "2017-10-26", "2022-01-10", "2024-07-02",
)  # fmt: skip


@dataclass(frozen=True)
class Office:
    role: str  # "Minister", "Staatssecretaris", "Minister-President"
    prep: str  # "van", "voor" ("" for the Minister-President)
    portfolio: str  # "Financiën"; "Algemene Zaken" for the Minister-President

    @property
    def title(self) -> str:
        """The office as the record writes it: "Minister voor Klimaat en Energie"."""
        return self.role if not self.prep else f"{self.role} {self.prep} {self.portfolio}"


@lru_cache(maxsize=4096)
def _offices_on(day: date) -> tuple[tuple[Office, ...], tuple[float, ...]]:
    """The offices that exist on ``day`` and how often questions go to each."""
    offices: list[Office] = []
    weights: list[float] = []
    for name, first, last, w_min, w_sec in MINISTRIES:
        if _d(first) <= day <= _d(last):
            offices.append(Office("Minister", "van", name))
            weights.append(w_min)
            if w_sec:
                offices.append(Office("Staatssecretaris", "van", name))
                weights.append(w_sec)
    for name, first, last, w in MINISTERS_FOR:
        if _d(first) <= day <= _d(last):
            offices.append(Office("Minister", "voor", name))
            weights.append(w)
    offices.append(Office("Minister-President", "", "Algemene Zaken"))
    weights.append(0.6)
    return tuple(offices), tuple(weights)


@lru_cache(maxsize=4096)
def _parties_on(day: date) -> tuple[tuple[str, ...], tuple[float, ...]]:
    chosen = [(name, w) for name, (a, b, w) in PARTIES.items() if _d(a) <= day <= _d(b)]
    return tuple(n for n, _ in chosen), tuple(w for _, w in chosen)


def _cabinet(day: date) -> int:
    return sum(1 for start in CABINETS if _d(start) <= day)


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


# --- material ------------------------------------------------------------------------------


_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True)
class Pool:
    """Texts with the latest year each mentions, so that a document of 1998 does not
    quote a report of 2023 (if a few draws find nothing older, the last draw is taken)."""

    items: tuple[Any, ...]
    years: tuple[int, ...]

    @classmethod
    def of(cls, items: Sequence[Any]) -> Pool:
        years = [
            max(map(int, _YEAR.findall(json.dumps(x, ensure_ascii=False))), default=0)
            for x in items
        ]
        return cls(tuple(items), tuple(years))

    def pick(self, rng: random.Random, year: int) -> Any:
        for _ in range(6):
            i = rng.randrange(len(self.items))
            if self.years[i] <= year:
                break
        return self.items[i]


@dataclass(frozen=True)
class Material:
    questions: Pool
    contexts: Pool
    answers: Pool
    short_answers: tuple[str, ...]
    pairs: Pool
    subjects: tuple[str, ...]
    subjects_by_year: dict[int, tuple[str, ...]]
    askers: tuple[str, ...]
    full_names: tuple[str, ...]
    ministers: tuple[str, ...]
    footnotes: Pool


@lru_cache(maxsize=1)
def material() -> Material:
    data = json.loads(MATERIAL.read_text(encoding="utf-8"))
    by_year = {int(y): tuple(v) for y, v in data["subjects_by_year"].items() if len(v) >= 50}
    every = tuple(s for v in data["subjects_by_year"].values() for s in v)
    return Material(
        questions=Pool.of(data["question_sentences"]),
        contexts=Pool.of(data["context_sentences"]),
        answers=Pool.of(data["answer_sentences"]),
        short_answers=tuple(data["short_answers"]),
        pairs=Pool.of([(q, a) for q, a in data["pairs"]]),
        subjects=tuple(data["subjects"]) + every,
        subjects_by_year=by_year,
        askers=tuple(sorted(set(data["askers"]) | set(data["members"]))),
        full_names=tuple(data["member_full_names"]),
        ministers=tuple(sorted(set(data["ministers"]) | set(data["members"]))),
        footnotes=Pool.of(data["footnotes"]),
    )


# --- a case: what its documents share ---------------------------------------------------

Paragraph = list[str]  # sentences
Text = list[Paragraph]


@dataclass
class Note:
    """A footnote, anchored after sentence ``sentence`` of paragraph ``paragraph`` of
    question ``item`` (where="q") or of the answer of unit ``item`` (where="a")."""

    where: str
    item: int
    paragraph: int
    sentence: int
    text: str


@dataclass
class Unit:
    """Questions answered together: "single" (Vraag 2 / Antwoord 2), "group" (Vraag 2,
    Vraag 3 / Antwoord 2 en 3), "combined" (Vraag 4 en 5 / Antwoord 4 en 5) or "implicit"
    (Vraag 3, Vraag 4 / Antwoord 4, which answers both)."""

    kind: str
    numbers: list[int]


@dataclass
class Answerer:
    office: Office
    name: str


@dataclass
class Case:
    zaak: str
    session: int
    submitted: date
    postponed: date | None
    received: date
    askers: list[tuple[str, str]]
    asker_groups: list[list[int]]  # askers printed together under one "(beiden P)"
    addressees: list[Office]
    subject: str
    questions: list[Text]
    units: list[Unit]
    answers: list[Text]
    notes: list[Note]
    answerers: list[Answerer]
    co_signers: list[Office]
    family: str  # "official" (kv-tk, ah-tk) or "word" (pre-publication Word texts)
    reason: str = ""
    numbers: dict[str, int] = field(default_factory=dict)  # Aanhangsel numbers by role


def _weekday(day: date, forward: bool = True) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1 if forward else -1)
    return day


_QUESTION_OPENERS = (
    "Bent u bekend met {s}?",
    "Kent u {s}?",
    "Heeft u kennisgenomen van {s}?",
    "Wat is uw reactie op {s}?",
)
_NEWS = (
    ("NOS", "nos.nl/artikel"),
    ("de Volkskrant", "www.volkskrant.nl/nieuws-achtergrond"),
    ("NRC", "www.nrc.nl/nieuws"),
    ("Trouw", "www.trouw.nl/binnenland"),
    ("Algemeen Dagblad", "www.ad.nl/binnenland"),
    ("RTL Nieuws", "www.rtlnieuws.nl/nieuws/nederland/artikel"),
    ("Financieele Dagblad", "fd.nl/economie"),
    ("Omroep Brabant", "www.omroepbrabant.nl/nieuws"),
)
# The reasons real postponement notices give (AH 615, ah-tk-20242025-545).
_REASONS = (
    "aangezien nog niet alle benodigde informatie is ontvangen",
    "omdat de beantwoording nog interdepartementale afstemming vergt",
    "vanwege de nodige afstemming betreffende de beantwoording",
    "omdat voor de beantwoording informatie van verschillende partijen nodig is",
)


def zaak_number(in_session: int, second_year: bool) -> int:
    """The number of a case's zaak: distinct for every case of a calendar year.

    ``in_session`` counts the cases of one session; a calendar year holds the autumn of one
    session (numbers below 50000) and the spring of the session before (50000 and up). The
    count is shuffled within runs of 49999 so that numbers do not follow the corpus order."""
    run, k = divmod(in_session, 49999)
    return run * 100000 + (50000 if second_year else 0) + (k * 7919) % 49999 + 1


def aanhangsel_number(in_session: int) -> int:
    """The Aanhangsel number of the document at ``in_session`` in its session's count.

    19000 … 20999 are skipped: "nr. 20331." reads to the parser as the year 2033 with the
    marker of footnote 1 glued to it."""
    k = in_session + 1
    return k if k < 19000 else k + 2000


def _pick_name(pool: Sequence[str], key: str) -> str:
    return pool[zlib.crc32(key.encode()) % len(pool)]


def _question_text(
    rng: random.Random, m: Material, subject: str, first: bool, year: int
) -> tuple[Text, Text | None]:
    """A question's text, and the real answer when it comes from a real pair."""
    if first and rng.random() < 0.6:
        news = re.match(r"(?:het|de) (?:bericht|berichten|artikel|uitzending)\b", subject)
        opener = rng.choice(_QUESTION_OPENERS) if news else _QUESTION_OPENERS[0]
        return [[opener.format(s=subject)]], None
    if rng.random() < 0.2:
        q, a = m.pairs.pick(rng, year)
        return [[p] for p in q.split("\n\n")], [[p] for p in a.split("\n\n")]
    paragraphs: Text = []
    for _ in range(2 if rng.random() < 0.1 else 1):
        para: Paragraph = []
        if rng.random() < 0.08:
            para.append(m.contexts.pick(rng, year))
        count = rng.choices((1, 2, 3), (6, 3, 1))[0]
        para += [m.questions.pick(rng, year) for _ in range(count)]
        paragraphs.append(para)
    return paragraphs, None


def _answer_text(rng: random.Random, m: Material, asks_known: bool, year: int) -> Text:
    if (asks_known and rng.random() < 0.6) or rng.random() < 0.08:
        return [[rng.choice(m.short_answers)]]
    count = rng.choices((1, 2, 3, 4), (5, 3, 2, 1))[0]
    sizes = rng.choices((1, 2, 3, 4, 5), (3, 4, 3, 2, 1), k=count)
    return [[m.answers.pick(rng, year) for _ in range(size)] for size in sizes]


def _units(rng: random.Random, n: int) -> list[Unit]:
    units: list[Unit] = []
    k = 1
    grouped = rng.random() < 0.45
    while k <= n:
        left = n - k + 1
        r = rng.random()
        if grouped and left >= 2 and r < 0.18:
            size = rng.choices((2, 3, 4), (6, 3, 1))[0] if left >= 3 else 2
            size = min(size, left)
            units.append(Unit("group", list(range(k, k + size))))
        elif grouped and left >= 2 and r < 0.27:
            units.append(Unit("combined", [k, k + 1]))
        elif grouped and left >= 2 and r < 0.31:
            units.append(Unit("implicit", [k, k + 1]))
        else:
            units.append(Unit("single", [k]))
        k = units[-1].numbers[-1] + 1
    return units


def _news_note(rng: random.Random, subject: str, day: date) -> str | None:
    """A news footnote for a subject that quotes a headline: «…» or ‘…’."""
    m = re.search(r"[«‘]([^»’]{8,140})[»’]", subject)
    if not m:
        return None
    title = m.group(1)
    outlet, site = rng.choice(_NEWS)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower().encode("ascii", "ignore").decode()).strip("-")
    published = day - timedelta(days=rng.randint(1, 12))
    url = f"https://{site}/{rng.randint(2000000, 2599999)}-{slug}"
    return f"{outlet}, {dutch_date(published)}, «{title}» ({url})"


@lru_cache(maxsize=256)
def make_case(
    seed: int, case_id: int, session: int, in_session: int, family: str, postponed: bool
) -> Case:
    """Everything the documents of one case share; ``postponed``: the case has a notice;
    ``in_session``: the case's place among the cases of its session."""
    rng = random.Random(f"{seed}:case:{case_id}")
    m = material()
    start, end = session_start(session), session_end(session)
    delay = int(rng.triangular(30, 80, 45) if postponed else rng.triangular(10, 80, 24))
    latest = end - timedelta(days=delay)
    submitted = _weekday(start + timedelta(days=rng.randint(0, max(0, (latest - start).days))))
    received = _weekday(submitted + timedelta(days=delay), forward=False)
    notice = None
    if postponed:
        latest_notice = min(24, (received - submitted).days - 4)
        notice = _weekday(submitted + timedelta(days=rng.randint(18, latest_notice)))
    zaak = f"{submitted.year}Z{zaak_number(in_session, submitted.year > session):05d}"

    parties, party_weights = _parties_on(submitted)
    count = rng.choices((1, 2, 3, 4), (55, 28, 12, 5))[0]
    names: list[str] = []
    while len(names) < count:
        pool = m.full_names if rng.random() < 0.08 else m.askers
        name = rng.choice(pool)
        if name not in names:
            names.append(name)
    askers: list[tuple[str, str]] = []
    groups: list[list[int]] = []
    i = 0
    while i < count:
        party = rng.choices(parties, party_weights)[0]
        size = 1
        if count - i >= 2 and rng.random() < 0.3:
            size = 2 if count - i == 2 or rng.random() < 0.8 else 3
        groups.append(list(range(i, i + size)))
        askers += [(names[j], party) for j in range(i, i + size)]
        i += size

    offices, office_weights = _offices_on(submitted)
    n_offices = rng.choices((1, 2, 3), (70, 25, 5))[0]
    addressees: list[Office] = []
    while len(addressees) < n_offices:
        office = rng.choices(offices, office_weights)[0]
        if office not in addressees and not (addressees and office.role == "Minister-President"):
            addressees.append(office)

    year_pool = m.subjects_by_year.get(submitted.year)
    subject = rng.choice(year_pool if year_pool and rng.random() < 0.85 else m.subjects)

    n = rng.choices(range(1, 13), (4, 8, 12, 14, 13, 11, 9, 8, 6, 5, 4, 3))[0]
    questions: list[Text] = []
    real_answers: list[Text | None] = []
    for k in range(n):
        text, answer = _question_text(rng, m, subject, k == 0, received.year)
        questions.append(text)
        real_answers.append(answer)
    units = _units(rng, n)
    answers: list[Text] = []
    for unit in units:
        real = real_answers[unit.numbers[0] - 1]
        if unit.kind == "single" and real is not None:
            answers.append(real)
        else:
            opener = unit.numbers[0] == 1 and questions[0][0][0].startswith(
                ("Bent u", "Kent u", "Heeft u")
            )
            answers.append(_answer_text(rng, m, opener, received.year))

    notes: list[Note] = []
    total = rng.choices(range(6), (35, 25, 15, 11, 8, 6))[0]
    for _ in range(total):
        if rng.random() < 0.6:
            item = rng.randrange(n)
            para = rng.randrange(len(questions[item]))
            where, sentence = "q", len(questions[item][para]) - 1
            text = _news_note(rng, subject, submitted) if item == 0 else None
        else:
            item = rng.randrange(len(units))
            para = rng.randrange(len(answers[item]))
            where, sentence = "a", rng.randrange(len(answers[item][para]))
            text = None
        notes.append(
            Note(where, item, para, sentence, text or m.footnotes.pick(rng, submitted.year))
        )

    cabinet = _cabinet(received)
    answerers = [
        Answerer(addressees[0], _pick_name(m.ministers, f"{seed}:{addressees[0]}:{cabinet}"))
    ]
    co_signers = addressees[1:]
    if len(addressees) == 2 and rng.random() < 0.15:
        answerers.append(
            Answerer(addressees[1], _pick_name(m.ministers, f"{seed}:{addressees[1]}:{cabinet}"))
        )
        co_signers = []
    return Case(
        zaak=zaak,
        session=session,
        submitted=submitted,
        postponed=notice,
        received=received,
        askers=askers,
        asker_groups=groups,
        addressees=addressees,
        subject=subject,
        questions=questions,
        units=units,
        answers=answers,
        notes=notes,
        answerers=answerers,
        co_signers=co_signers,
        family=family,
        reason=rng.choice(_REASONS),
    )


# --- laying text out as an extraction prints it ------------------------------------------

# Characters after which the parser may take a short line for a paragraph's end.
_END = (".", "?", "!", ":", ";", "»", "”", "’", '"', ")")
# A line may not start with what the parser reads as a marker, footnote, list item or join.
_NO_LINE_START = re.compile(r"^[\d.,;:)\]\[–•·▪-]")
# Word parts the parser keeps a line-end hyphen after (see parsing/text.py): never split there.
_HYPHEN_PREFIXES = {
    "niet", "non", "anti", "e", "ex", "oud", "vice", "pro", "co", "semi", "multi", "post",
    "pre", "ultra", "extra", "mede", "x", "op", "na", "een", "twee", "drie", "interim",
}  # fmt: skip
_VOWEL_PAIRS = {"aa", "ee", "oo", "uu", "ie", "ei", "eu", "ou", "oe", "ui", "ij", "au", "ai", "oi"}
_VOWELS = set("aeiouyàáâäèéêëìíîïòóôöùúûü")
_CONJUNCTION = re.compile(r"(?:en|of|tot|noch|als|dan)\b")
_HYPHENATABLE = re.compile(r"([A-Za-zà-þ][a-zß-öø-ÿ]{7,})([»”’\"')?!.,;:]*)")


@dataclass
class _Words:
    """A paragraph as printed: its words, and for the words that carry footnote markers
    ("bericht»?1") the word as the parser reads it once they are gone, and the numbers."""

    words: list[str]
    marks: dict[int, tuple[str, tuple[int, ...]]] = field(default_factory=dict)
    lone: list[int] = field(default_factory=list)  # markers printed on a line of their own

    @property
    def raw(self) -> str:
        return " ".join(self.words)

    @property
    def notes(self) -> tuple[int, ...]:
        return tuple(n for _, nums in self.marks.values() for n in nums)


@dataclass
class _Line:
    text: str
    kind: str  # "header", "heading", "text", "blank", "marker"
    notes: tuple[int, ...] = ()
    breakable: bool = True  # a page may end after this line


def _can_break(before: str, after: str) -> bool:
    return not (_NO_LINE_START.match(after) or before.endswith(("(", "/", "-")))


def _hyphen_split(word: str, room: int) -> tuple[str, str] | None:
    """Split a long word at a syllable so that its first part and a hyphen fit ``room``,
    where the parser joins it again."""
    m = _HYPHENATABLE.fullmatch(word)
    if not m:
        return None
    core, tail = m.groups()
    for p in range(min(len(core) - 3, room - 1), 2, -1):
        left, right = core[:p], core[p:]
        if left.lower() in _HYPHEN_PREFIXES or (left[-1] + right[0]).lower() in _VOWEL_PAIRS:
            continue
        if right[0] in _VOWELS or right[1] not in _VOWELS or left[-1] + right[0] in ("ch", "sc"):
            continue
        if not _VOWELS & set(left.lower()) or _CONJUNCTION.match(right + tail):
            continue
        return left + "-", right + tail
    return None


@lru_cache(maxsize=64)
def _line_pattern(width: int) -> re.Pattern[str]:
    return re.compile(rf"(\S.{{0,{width - 1}}}|\S+)(?: |$)")


def _fast_wrap(
    text: str, width: int, rng: random.Random | None, hyphenate: float
) -> list[tuple[str, bool, tuple[int, ...]]] | None:
    """The lines of a paragraph without markers: greedy lines found by one regular
    expression, then now and then the next line's first word hyphenated into the room left.
    None where a break breaks a rule of :func:`wrap` (which then does the work)."""
    lines = _line_pattern(width).findall(text)
    for before, after in itertools.pairwise(lines):
        if not _can_break(before[before.rfind(" ") + 1 :], after):
            return None
        if len(before) < 0.8 * width and before.endswith(_END):
            return None
    if rng is not None and hyphenate:
        for k in range(len(lines) - 1):
            if rng.random() >= hyphenate:
                continue
            word, _, rest = lines[k + 1].partition(" ")
            split = _hyphen_split(word, width - len(lines[k]) - 1)
            if not split or not rest:
                continue
            shorter = f"{split[1]} {rest}"
            last = k + 2 == len(lines)
            if not last and len(shorter) < 0.8 * width and shorter.endswith(_END):
                continue
            lines[k] = f"{lines[k]} {split[0]}"
            lines[k + 1] = shorter
    return [(line, line.endswith(_END), ()) for line in lines]


def wrap(
    para: _Words, width: int, rng: random.Random | None = None, hyphenate: float = 0.0
) -> list[tuple[str, bool, tuple[int, ...]]]:
    """Fill lines up to ``width``: (line, whether it ends a sentence as the parser reads
    it, the footnote numbers on it).

    A line never starts with a digit or punctuation the parser reads specially, and a
    line that ends a sentence well short of the width is only ever a paragraph's last (the
    parser would end the paragraph there): such a line takes the next word over the width
    instead, or the next word is hyphenated."""
    if not para.marks:
        fast = _fast_wrap(para.raw, width, rng, hyphenate)
        if fast is not None:
            return fast
    rows: list[tuple[str, bool, tuple[int, ...]]] = []
    line: list[str] = []
    length = extra = 0
    notes: list[int] = []
    last = ""
    for j, word in enumerate(para.words):
        mark = para.marks.get(j)
        if line and length + 1 + len(word) > width and _can_break(line[-1], word):
            short = length - extra < 0.8 * width and last.endswith(_END)
            room = width - length - 1
            if rng is not None and not mark and room >= 4 and (short or rng.random() < hyphenate):
                split = _hyphen_split(word, room)
                if split:
                    line.append(split[0])
                    rows.append((" ".join(line), False, tuple(notes)))
                    line, length, extra, notes, last = [split[1]], len(split[1]), 0, [], split[1]
                    continue
            if not short:
                rows.append((" ".join(line), last.endswith(_END), tuple(notes)))
                line, length, extra, notes = [], 0, 0, []
        length += len(word) + (1 if line else 0)
        line.append(word)
        last = word
        if mark:
            last = mark[0]
            extra += len(word) - len(last)
            notes += mark[1]
    if line:
        rows.append((" ".join(line), last.endswith(_END), tuple(notes)))
    return rows


def wrap_plain(text: str, width: int) -> list[str]:
    """A heading paragraph as lines (no hyphenation: the heading is read as one string)."""
    return [raw for raw, _, _ in wrap(_Words(text.split()), width)]


_URL = re.compile(r"https?://|www\.")


def _url_cut(line: str, width: int) -> int | None:
    """Where to break a long line inside a URL: after a "/" or "-" that a small letter
    follows (the parser joins such a break without a space)."""
    cuts = [
        i + 1
        for i in range(width // 2, min(len(line) - 1, width + 10))
        if line[i] in "/-"
        and line[i + 1].islower()
        and re.search(r"(?:https?://|www\.)\S*$", line[: i + 1])
    ]
    return cuts[-1] if cuts else None


def footnote_lines(number: int, text: str, width: int, glued: bool) -> list[str]:
    """A footnote as the page foot prints it: "1 text" (or "1text"), broken only where the
    parser joins it back: at a space before a word, or inside a URL before a small letter."""
    words = text.split(" ")
    lines = [f"{number}{'' if glued else ' '}{words[0]}"]
    for before, word in itertools.pairwise(words):
        breakable = word[:1].isalpha() and not (
            _URL.search(before) or before.endswith(("-", "(", "/"))
        )
        if len(lines[-1]) + 1 + len(word) > width and breakable:
            lines.append(word)
        else:
            lines[-1] += " " + word
    out: list[str] = []
    for line in lines:
        while len(line) > width + 15 and (cut := _url_cut(line, width)) is not None:
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return out


# --- the parts of a document: headings, blocks of questions and answers -------------------


@dataclass
class _Block:
    heading: str
    paragraphs: list[_Words]


def _join(text: Text) -> str:
    return "\n\n".join(" ".join(p) for p in text)


def _tokens(sentences: Paragraph, notes_at: dict[int, list[int]], style: str) -> _Words:
    """A paragraph's words with the footnote markers glued after their sentences ("»?1",
    Word's "? 1)", "? [1]"); in the "lone" style (pypdf) a marker that ends the paragraph
    is printed on a line of its own instead."""
    words: list[str] = []
    para = _Words(words)
    for si, sentence in enumerate(sentences):
        words += sentence.split()
        nums = notes_at.get(si)
        if not nums:
            continue
        if style == "lone" and si == len(sentences) - 1 and len(nums) == 1:
            para.lone = nums
            continue
        last = words[-1]
        if style == "word":
            words[-1] = last + "".join(f" {n})" for n in nums)
        elif style == "bracket":
            words[-1] = last + "".join(f" [{n}]" for n in nums)
        else:
            words[-1] = last + ", ".join(str(n) for n in nums)
        para.marks[len(words) - 1] = (last, tuple(nums))
    return para


def _numbers_text(nums: list[int], form: str) -> str:
    """ "2", "2 en 3", "2, 3 en 4", "2 tot en met 4", "2 t/m 4", "2-4"."""
    if len(nums) == 1:
        return str(nums[0])
    if len(nums) == 2 or form == "list":
        return ", ".join(str(n) for n in nums[:-1]) + f" en {nums[-1]}"
    sep = {"range": " tot en met ", "tm": " t/m ", "dash": "-"}[form]
    return f"{nums[0]}{sep}{nums[-1]}"


@dataclass
class _Body:
    blocks: list[_Block]
    notes: list[tuple[int, str]]  # (number, text) in order
    questions: list[dict[str, Any]]
    answers: list[dict[str, Any]]


def _body(case: Case, rng: random.Random, *, answered: bool, marker: str, heading: str) -> _Body:
    """The questions (and answers) of a document with its footnotes numbered in order.

    ``heading``: "plain" ("Antwoord 2 en 3"), "op" ("Antwoord op vragen 2 en 3") or "bare"
    ("Antwoord"); ``marker``: "glued", "lone", "word" or "bracket"."""
    anchors: dict[tuple[str, int, int, int], list[int]] = {}
    for k, note in enumerate(case.notes):
        if answered or note.where == "q":
            anchors.setdefault((note.where, note.item, note.paragraph, note.sentence), []).append(k)
    numbered: list[tuple[int, str]] = []

    def paragraphs(where: str, item: int, text: Text) -> list[_Words]:
        out = []
        for pi, sentences in enumerate(text):
            notes_at: dict[int, list[int]] = {}
            for si in range(len(sentences)):
                for k in anchors.get((where, item, pi, si), []):
                    numbered.append((len(numbered) + 1, case.notes[k].text))
                    notes_at.setdefault(si, []).append(len(numbered))
            out.append(_tokens(sentences, notes_at, marker))
        return out

    # "Antwoord 3-5" only without footnotes: the parser takes a digit after "-" at a line's
    # end for a glued marker ("3-5" loses its "5" when the document has a footnote 5).
    form = rng.choice(("list", "range", "tm", "list") + (() if anchors else ("dash",)))
    colon = ":" if heading == "bare" and rng.random() < 0.3 else ""  # "Vraag 3:" in Word texts
    blocks: list[_Block] = []
    questions: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    for u, unit in enumerate(case.units):
        if answered and unit.kind == "combined":
            text = [p for n in unit.numbers for p in case.questions[n - 1]]
            paras = [p for n in unit.numbers for p in paragraphs("q", n - 1, case.questions[n - 1])]
            blocks.append(_Block(f"Vraag {_numbers_text(unit.numbers, 'list')}", paras))
            questions += [{"number": str(n), "text": _join(text)} for n in unit.numbers]
        else:
            for n in unit.numbers:
                blocks.append(
                    _Block(f"Vraag {n}{colon}", paragraphs("q", n - 1, case.questions[n - 1]))
                )
                questions.append({"number": str(n), "text": _join(case.questions[n - 1])})
        if not answered:
            continue
        named = unit.numbers[-1:] if unit.kind == "implicit" else unit.numbers
        if heading == "bare":
            label = "Antwoord"
        elif heading == "op":
            label = (
                f"Antwoord op vra{'ag' if len(named) == 1 else 'gen'} {_numbers_text(named, form)}"
            )
        else:
            label = f"Antwoord {_numbers_text(named, form)}"
        blocks.append(_Block(label, paragraphs("a", u, case.answers[u])))
        answers.append(
            {"questions": [str(n) for n in unit.numbers], "text": _join(case.answers[u])}
        )
    return _Body(blocks, numbered, questions, answers)


def _flow(
    header: list[list[str]], body: _Body, flavour: str, width: int, rng: random.Random
) -> list[_Line]:
    """Header paragraphs and blocks as lines, with which lines a page may end after."""
    blank = " " if flavour == "pypdf" else ""
    lines: list[_Line] = []
    for para in header:
        lines += [_Line(t, "header", breakable=False) for t in para]
        if flavour != "pypdf":
            lines.append(_Line(blank, "blank", breakable=False))
    hyphenate = 0.0 if flavour == "word" else 0.25
    for block in body.blocks:
        if lines and (flavour != "pypdf" or rng.random() < 0.6) and lines[-1].kind != "blank":
            lines.append(_Line(blank, "blank"))
        lines.append(_Line(block.heading, "heading", breakable=False))
        for pi, para in enumerate(block.paragraphs):
            if pi:
                lines.append(_Line(blank, "blank"))
            if flavour == "word":
                lines.append(_Line(para.raw, "text", para.notes))
            else:
                rows = wrap(para, width, rng, hyphenate)
                for j, (raw, ends, notes) in enumerate(rows):
                    lines.append(
                        _Line(raw, "text", notes, breakable=j == len(rows) - 1 or not ends)
                    )
            if para.lone:
                lines[-1].breakable = False
                lines.append(_Line(f"{para.lone[0]} ", "marker", tuple(para.lone)))
    return lines


def _pages(
    lines: list[_Line], note_lines: dict[int, list[str]], first: int, rest: int, rng: random.Random
) -> list[tuple[list[_Line], list[int]]]:
    """Cut the lines into pages of about ``first`` / ``rest`` lines, footnotes included;
    a page ends only after a line that allows it."""
    pages: list[tuple[list[_Line], list[int]]] = []
    current: list[_Line] = []
    notes: list[int] = []
    capacity = first
    used = 0
    for line in lines:
        current.append(line)
        used += 1
        for n in line.notes:
            notes.append(n)
            used += len(note_lines[n])
        if used >= capacity and line.breakable:
            pages.append((current, notes))
            current, notes, used = [], [], 0
            capacity = rest + rng.randint(-4, 3)
    if current or not pages:
        pages.append((current, notes))
    return pages


# --- headings -------------------------------------------------------------------------------


def _role(role: str, caps: bool) -> str:
    return role if caps else role.lower()


def _office(office: Office, caps: bool) -> str:
    role = _role(office.role, caps)
    return role if not office.prep else f"{role} {office.prep} {office.portfolio}"


def offices_phrase(offices: list[Office], caps: bool, rng: random.Random) -> str:
    """ "de Minister van X", "de Ministers van X en voor Y", "de Minister en de
    Staatssecretaris van X", "de Minister van X en de Staatssecretaris van Y"."""
    if len(offices) == 2:
        a, b = offices
        if a.role == b.role and a.role != "Minister-President" and rng.random() < 0.7:
            plural = _role("Ministers" if a.role == "Minister" else "Staatssecretarissen", caps)
            return f"de {plural} {a.prep} {a.portfolio} en {b.prep} {b.portfolio}"
        if a.prep and (a.prep, a.portfolio) == (b.prep, b.portfolio) and rng.random() < 0.8:
            return f"de {_role(a.role, caps)} en de {_office(b, caps)}"
    parts = [f"de {_office(o, caps)}" for o in offices]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]


def askers_phrase(case: Case) -> str:
    """ "het lid X (P)", "de leden X (P) en Y (Q)", "de leden X en Y (beiden P)"."""
    groups = []
    for group in case.asker_groups:
        names = [case.askers[i][0] for i in group]
        party = case.askers[group[0]][1]
        word = {1: "", 2: "beiden ", 3: "allen "}[len(group)]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]
        groups.append(f"{listed} ({word}{party})")
    members = "het lid" if len(case.askers) == 1 else "de leden"
    joined = groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " en " + groups[-1]
    return f"{members} {joined}"


def questions_line(case: Case, caps: bool, rng: random.Random, dated: bool = True) -> str:
    addressees = offices_phrase(case.addressees, caps, rng)
    line = f"Vragen van {askers_phrase(case)} aan {addressees} over {case.subject}"
    return f"{line} (ingezonden {dutch_date(case.submitted)})." if dated else f"{line}."


def _who(answerers: list[Answerer], caps: bool) -> str:
    return " en ".join(
        f"{_role(a.office.role, caps)} {a.name} ({a.office.portfolio})" for a in answerers
    )


def answer_line(case: Case, caps: bool, rng: random.Random, see_also: bool) -> str:
    co = f", mede namens {offices_phrase(case.co_signers, caps, rng)}" if case.co_signers else ""
    line = f"Antwoord van {_who(case.answerers, caps)}{co} (ontvangen {dutch_date(case.received)})."
    if see_also and "P" in case.numbers:
        line += f" {see_also_line(case, '–')}."
    return line


def see_also_line(case: Case, dash: str) -> str:
    """The answer's pointer to the case's postponement notice."""
    session = _session(case, dash)
    return f"Zie ook Aanhangsel Handelingen, vergaderjaar {session}, nr. {case.numbers['P']}"


def _session(case: Case, dash: str = "–") -> str:
    return f"{case.session}{dash}{case.session + 1}"


def _ah_id(case: Case, role: str) -> str:
    return f"ah-tk-{case.session}{case.session + 1}-{case.numbers[role]}"


# --- expected records -----------------------------------------------------------------------


def _expected(
    case: Case,
    kind: str,
    body: _Body | None = None,
    *,
    ident: str | None = None,
    zaak: str | None = None,
    session: bool = False,
    heading: bool = True,
) -> dict[str, Any]:
    """The record of a document of ``kind``: ``heading`` whether it prints the questions'
    heading (askers, addressees, subject, date), ``session`` whether it states the year."""
    received = {"answer": case.received, "postponement": case.postponed}.get(kind)
    senders = case.answerers if kind == "answer" else case.answerers[:1]
    return {
        "kind": kind,
        "id": ident,
        "zaak": zaak,
        "session_year": _session(case, "-") if session else None,
        "subject": case.subject if heading else None,
        "askers": [{"name": n, "party": p} for n, p in case.askers] if heading else [],
        "addressees": [o.title for o in case.addressees] if heading else [],
        "submitted": case.submitted.isoformat() if heading else None,
        "received": received.isoformat() if received else None,
        "answered_by": [
            {"role": a.office.role, "name": a.name, "portfolio": a.office.portfolio}
            for a in (senders if kind != "questions" else [])
        ],
        "co_signers": [o.title for o in case.co_signers] if kind == "answer" else [],
        "questions": body.questions if body else [],
        "answers": body.answers if body else [],
        "footnotes": [{"number": str(n), "text": t} for n, t in body.notes] if body else [],
    }


def _word_lines(body: _Body, marker: str, rng: random.Random) -> list[str]:
    """Questions and answers as a Word text prints them, the footnotes at the end."""
    return [line.text for line in _flow([], body, "word", 0, rng)] + [
        *_word_notes(body.notes, marker),
        "",
    ]


# --- layouts ----------------------------------------------------------------------------------


def _official(
    case: Case, role: str, flavour: str, rng: random.Random
) -> tuple[str, dict[str, Any]]:
    """An answer or a kv-tk questions document as pdfminer or pypdf extract the PDF."""
    answered = ah = role == "A"
    width = rng.randint(74, 86) if flavour == "pdfminer" else rng.randint(80, 96)
    marker = "lone" if flavour == "pypdf" and rng.random() < 0.5 else "glued"
    body = _body(
        case, rng, answered=answered, marker=marker, heading="op" if rng.random() < 0.1 else "plain"
    )
    header = [wrap_plain(questions_line(case, True, rng), width)]
    if answered:
        header.append(wrap_plain(answer_line(case, True, rng, see_also=True), width))
    lines = _flow(header, body, flavour, width, rng)
    glued = flavour == "pypdf"
    note_lines = {n: footnote_lines(n, t, width, glued) for n, t in body.notes}
    pages = _pages(lines, note_lines, rng.randint(30, 38), rng.randint(50, 56), rng)
    session = _session(case)
    ident = _ah_id(case, role) if ah else f"kv-tk-{case.zaak}"
    day = case.received if answered else case.submitted
    footer = f"Tweede Kamer, vergaderjaar {session}, {'Aanhangsel' if ah else 'Vragen'}"
    if flavour == "pdfminer":
        title = ["Tweede Kamer der Staten-Generaal", "", f"Vergaderjaar {session}", ""]
        title += (
            [
                "Aanhangsel van de Handelingen",
                "",
                "2",
                "",
                "Vragen gesteld door de leden der Kamer, met de daarop door de",
                "regering gegeven antwoorden",
                "",
                str(case.numbers[role]),
                "",
            ]
            if ah
            else ["Vragen gesteld door de leden der Kamer", "", "2", "", case.zaak, ""]
        )
    else:
        title = ["Tweede Kamer der Staten-Generaal2"]
        title += (
            [
                f"Vergaderjaar {session} Aanhangsel van de Handelingen",
                "Vragen gesteld door de leden der Kamer, met de daarop door de",
                "regering gegeven antwoorden",
                str(case.numbers[role]),
            ]
            if ah
            else [f"Vergaderjaar {session} Vragen gesteld door de leden der Kamer", " ", case.zaak]
        )
    out = list(title)
    for p, (page_lines, notes) in enumerate(pages, start=1):
        texts = [line.text for line in page_lines]
        if p > 1 and texts:
            texts[0] = "\f" + texts[0]  # pdfminer and pypdf start a page with a form feed
        out += texts
        feet = [line for n in notes for line in note_lines[n]]
        if flavour == "pdfminer":
            out += ["", *feet] if feet else []
            if p == 1:
                out += (
                    ["", ident]
                    + (["ISSN 0921 - 7398"] if ah else [])
                    + [f"’s-Gravenhage {day.year}"]
                )
            out += ["", footer, "", str(p), ""] + ([" ", " "] if p == 1 else [])
        else:
            out += feet
            if p == 1:
                last = (
                    f"ISSN 0921 - 7398’s-Gravenhage {day.year}{footer} 1"
                    if ah
                    else f"’s-Gravenhage {day.year} {footer} 1"
                )
                out += [" ", "  ", ident, last]
            else:
                out.append(f"{footer} {p}")
    expected = _expected(
        case,
        "answer" if answered else "questions",
        body,
        ident=ident,
        zaak=None if ah else case.zaak,
        session=True,
    )
    return "\n".join(out) + "\n", expected


def _plain(case: Case, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """An answer as the seed document prints it: no furniture, footnotes where a page ended."""
    width = rng.randint(74, 82)
    body = _body(case, rng, answered=True, marker="glued", heading="plain")
    see_also = rng.random() < 0.5
    header = [
        [t + " " for t in wrap_plain(questions_line(case, True, rng), width)],
        [t + " " for t in wrap_plain(answer_line(case, True, rng, see_also=see_also), width)],
    ]
    header[0][0] = " " + header[0][0]
    lines = _flow(header, body, "plain", width, rng)
    last_heading = max(i for i, line in enumerate(lines) if line.kind == "heading")
    # A footnote after the last heading would take the rest of the document with it, and a
    # "?1, 2" marker pair lets the parser find only the first: those notes go to the end.
    paired = any(len(line.notes) > 1 for line in lines)
    for line in lines[0 if paired else last_heading :]:
        line.breakable = False
    single = {n: [f"{n} {t}"] for n, t in body.notes}
    pages = _pages(lines, single, rng.randint(40, 50), rng.randint(50, 60), rng)
    out: list[str] = []
    for page_lines, notes in pages:
        texts = [line.text for line in page_lines]
        if out and texts and texts[0]:
            texts[0] = " " + texts[0]
        out += texts
        for n in notes:
            out += ["", single[n][0]]
    expected = _expected(case, "answer", body, session=see_also and "P" in case.numbers)
    return "\n".join(out) + "\n", expected


def _word_notes(notes: list[tuple[int, str]], marker: str) -> list[str]:
    if not notes:
        return []
    return ["", ""] + [f"[{n}] {t}" if marker == "bracket" else f"{n}) {t}" for n, t in notes]


def _word_answer(case: Case, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """A ministry's pre-publication Word text of the answers ("AH 614", the zaak)."""
    marker = "bracket" if rng.random() < 0.3 else "word"
    body = _body(
        case, rng, answered=True, marker=marker, heading=rng.choice(("plain", "op", "bare"))
    )
    with_heading = rng.random() < 0.5
    out = [f"AH {case.numbers['A']}", case.zaak]
    if with_heading:
        out.append(questions_line(case, False, rng))
    out.append(answer_line(case, False, rng, see_also=False).rstrip("."))
    see_also = "P" in case.numbers and rng.random() < 0.7
    if see_also:
        out.append(see_also_line(case, "-"))
    out.append("")
    out += _word_lines(body, marker, rng)
    expected = _expected(
        case, "answer", body, zaak=case.zaak, session=see_also, heading=with_heading
    )
    return "\n".join(out) + "\n", expected


def _merge(paras: list[_Words]) -> _Words:
    """Paragraphs printed as one."""
    merged = _Words([])
    for para in paras:
        offset = len(merged.words)
        merged.words += para.words
        merged.marks.update({offset + j: mark for j, mark in para.marks.items()})
    return merged


_POSTBUS = ("20350", "20700", "16375", "90801")
_TUSSENVOEGSEL = {"van", "de", "der", "den", "ter", "ten", "het", "in", "op", "te", "’t", "'t"}


def _signature(name: str, rng: random.Random) -> str | None:
    """A minister's name as a letter is signed: "D.M. van Weel" for "Van Weel"; None where
    the parser could not read the surname back from the signature."""
    words = name.split()
    k = 0
    while k < len(words) - 1 and words[k].lower() in _TUSSENVOEGSEL:
        k += 1
    rest = " ".join(words[k:])
    if not re.fullmatch(r"[A-Z][\w'-]+", rest):
        return None
    initials = "".join(f"{c}." for c in rng.sample("ABCDEFGHIJKLMNOPRSTW", rng.randint(1, 3)))
    return " ".join([initials, *(w.lower() for w in words[:k]), rest])


def _letter(case: Case, rng: random.Random) -> tuple[str, dict[str, Any]] | None:
    """A ministry's answer letter as Word text: letterhead, "Datum | …", "Onderwerp | …", the
    covering note citing "uw brief van …, nr. 2024Z…", the signature, then the answers under
    "Antwoorden van de minister van … op Kamervragen van …". None where the case does not
    fit the form (a Minister-President, a name the signature cannot carry, a subject that
    names a minister)."""
    lead = case.answerers[0]
    signature = _signature(lead.name, rng)
    if (
        signature is None
        or any(o.role == "Minister-President" for o in case.addressees)
        or re.search(r"\baan (?:de )?(?:[Mm]inister|[Ss]taatssecretaris)", case.subject)
    ):
        return None
    marker = "bracket" if rng.random() < 0.7 else "word"
    body = _body(case, rng, answered=True, marker=marker, heading="op")
    office = _office(lead.office, False)
    co = case.addressees[1:]
    on_behalf = f" mede namens {offices_phrase(co, False, rng)}" if co else ""
    asked = askers_phrase(case)
    out = [
        # Not "Postbus 20011": the parser reads "20011" as the year 2001 with marker 1.
        f"> Retouradres Postbus {rng.choice(_POSTBUS)} 2500 EA  Den Haag",
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        "Postbus 20018",
        "2500 EA  DEN HAAG",
        "",
        f"Datum | {dutch_date(case.received)}",
        f"Onderwerp | Antwoorden op vragen van {asked} aan "
        f"{offices_phrase(case.addressees, False, rng)} over {case.subject}",
        "",
        f"Hierbij ontvangt u de antwoorden op de vragen die {asked} "
        f"{'heeft' if len(case.askers) == 1 else 'hebben'} gesteld over "
        f"{case.subject} (uw brief van {dutch_date(case.submitted)}, nr. {case.zaak}).",
        "",
        f"De {office},",
        "",
        signature,
        "",
        f"Antwoorden van de {office}{on_behalf} op Kamervragen van {asked} over {case.subject}.",
        "",
    ]
    out += _word_lines(body, marker, rng)
    expected = _expected(case, "answer", body, zaak=case.zaak)
    expected["answered_by"] = expected["answered_by"][:1]
    expected["co_signers"] = [o.title for o in co]
    return "\n".join(out) + "\n", expected


def _word_questions(case: Case, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """The Word text of the questions: zaak, "(ingezonden …)", the heading, the questions
    numbered "1." or not numbered at all."""
    body = _body(case, rng, answered=False, marker="word", heading="plain")
    # Numbered "1. …" only without footnotes: the parser takes a "1." at a line's start for
    # the marker of footnote 1.
    multi = any(len(b.paragraphs) > 1 for b in body.blocks)
    numbered = not body.notes and (multi or rng.random() < 0.5)
    if not numbered and multi:
        # Unnumbered questions are told apart by paragraphs: one paragraph each.
        for block, question in zip(body.blocks, body.questions, strict=True):
            block.paragraphs = [_merge(block.paragraphs)]
            question["text"] = question["text"].replace("\n\n", " ")
    out = [
        case.zaak,
        "",
        f"(ingezonden {dutch_date(case.submitted)})",
        "",
        questions_line(case, False, rng, dated=False),
        "",
        " ",
        "",
    ]
    for k, block in enumerate(body.blocks, start=1):
        for pi, para in enumerate(block.paragraphs):
            line = para.raw
            out += [f"{k}. {line}" if numbered and pi == 0 else line, ""]
    out += [" ", *_word_notes(body.notes, "word"), ""]
    expected = _expected(case, "questions", body, zaak=case.zaak)
    return "\n".join(out) + "\n", expected


def _notice_sentences(case: Case) -> str:
    return (
        f"De vragen kunnen niet binnen de gebruikelijke termijn van drie weken worden "
        f"beantwoord, {case.reason}. Ik zal de Kamer zo spoedig mogelijk de antwoorden op de "
        f"vragen doen toekomen."
    )


def _word_notice(case: Case, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """A postponement notice as the Word text of AH 615 prints it."""
    assert case.postponed is not None
    when = (
        f"{case.submitted.day} {MONTHS[case.submitted.month - 1]} "
        f"{'jl.' if rng.random() < 0.6 else case.submitted.year}"
    )
    verb = "heeft" if len(case.askers) == 1 else "hebben"
    out = [
        f"AH {case.numbers['P']}",
        case.zaak,
        f"Mededeling van {_who(case.answerers[:1], False)} "
        f"(ontvangen {dutch_date(case.postponed)})",
        "",
        f"Op {when} {verb} {askers_phrase(case)} schriftelijke vragen gesteld aan "
        f"{offices_phrase(case.addressees, False, rng)} over {case.subject}.",
        "",
        _notice_sentences(case),
        "",
        "",
        "",
    ]
    expected = _expected(case, "postponement", zaak=case.zaak)
    return "\n".join(out) + "\n", expected


def _official_notice(case: Case, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """A postponement notice in the Aanhangsel as pypdf extracts it: the questions' heading,
    "Mededeling van …" and the notice, without the questions."""
    assert case.postponed is not None
    width = rng.randint(80, 96)
    heading = questions_line(case, True, rng)
    day = f"(ingezonden {case.submitted.day} {MONTHS[case.submitted.month - 1]}"
    cut = heading.rindex(day) + len(day)  # "(ingezonden 30 mei" / "2024)." as in ah-tk-…-1999
    lines = wrap_plain(heading[:cut], width) + wrap_plain(heading[cut:].strip(), width)
    notice = f"Mededeling van {_who(case.answerers[:1], True)}"
    received = f"(ontvangen {dutch_date(case.postponed)})."
    if len(notice) + 1 + len(received) <= width and rng.random() < 0.6:
        lines.append(f"{notice} {received}")
    else:
        lines += [*wrap_plain(notice, width), received]
    text = (
        f"Hierbij deel ik u mede dat de schriftelijke vragen van {askers_phrase(case)} van uw "
        f"Kamer aan {offices_phrase(case.addressees, True, rng)} over {case.subject} "
        f"(ingezonden {dutch_date(case.submitted)}) niet binnen de gebruikelijke termijn kunnen "
        f"worden beantwoord, {case.reason}. Ik streef ernaar de vragen zo spoedig mogelijk te "
        f"beantwoorden."
    )
    session = _session(case)
    ident = _ah_id(case, "P")
    out = [
        "Tweede Kamer der Staten-Generaal2",
        f"Vergaderjaar {session} Aanhangsel van de Handelingen",
        "Vragen gesteld door de leden der Kamer, met de daarop door de",
        "regering gegeven antwoorden",
        str(case.numbers["P"]),
        *lines,
        "Mededeling",
        *wrap_plain(text, width),
        " ",
        "  ",
        ident,
        f"ISSN 0921 - 7398’s-Gravenhage {case.postponed.year}"
        f"Tweede Kamer, vergaderjaar {session}, Aanhangsel 1",
    ]
    expected = _expected(case, "postponement", ident=ident, session=True)
    return "\n".join(out) + "\n", expected


# --- documents ------------------------------------------------------------------------------

_SLOT_COUNT = {y: SLOTS.count(y) for y in set(SLOTS)}
_SLOT_RANK = tuple(SLOTS[:i].count(y) for i, y in enumerate(SLOTS))


@lru_cache(maxsize=64)
def plan(seed: int, block: int) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """A block cut into cases: (first position, roles) for each case."""
    rng = random.Random(f"{seed}:plan:{block}")
    patterns = [p for p, _ in PATTERNS]
    weights = [w for _, w in PATTERNS]
    out: list[tuple[int, tuple[str, ...]]] = []
    pos = 0
    while pos < BLOCK:
        roles = rng.choices(patterns, weights)[0][: BLOCK - pos]
        out.append((pos, roles))
        pos += len(roles)
    return tuple(out)


def document(seed: int, index: int) -> Synthetic:
    """Document ``index`` of the corpus ``seed``."""
    block, pos = divmod(index, BLOCK)
    first, roles = next((f, r) for f, r in plan(seed, block) if f <= pos < f + len(r))
    role = roles[pos - first]
    slot = block % len(SLOTS)
    session = SLOTS[slot]
    rank = (block // len(SLOTS)) * _SLOT_COUNT[session] + _SLOT_RANK[slot]
    case_id = block * BLOCK + first
    family = "word" if random.Random(f"{seed}:family:{case_id}").random() < 0.2 else "official"
    case = make_case(seed, case_id, session, rank * BLOCK + first, family, "P" in roles)
    case.numbers = {r: aanhangsel_number(rank * BLOCK + first + j) for j, r in enumerate(roles)}
    rng = random.Random(f"{seed}:doc:{index}")
    if role == "Q":
        if family == "word":
            layout, (text, expected) = "word", _word_questions(case, rng)
            name = f"{case.zaak}-vragen.txt"
        else:
            layout = rng.choice(("pdfminer", "pypdf"))
            text, expected = _official(case, "Q", layout, rng)
            name = f"kv-tk-{case.zaak}.txt"
    elif role == "P":
        if family == "word" or rng.random() < 0.35:
            layout, (text, expected) = "word", _word_notice(case, rng)
            name = f"{case.zaak}-uitstel.txt"
        else:
            layout, (text, expected) = "pypdf", _official_notice(case, rng)
            name = f"{_ah_id(case, 'P')}.txt"
    else:
        r = rng.random()
        letter = _letter(case, rng) if family == "word" and rng.random() < 0.4 else None
        if letter is not None:
            layout, (text, expected) = "letter", letter
            name = f"{case.zaak}-antwoord.txt"
        elif family == "word":
            layout, (text, expected) = "word", _word_answer(case, rng)
            name = f"{case.zaak}-antwoord.txt"
        elif r < 0.18:
            layout, (text, expected) = "plain", _plain(case, rng)
            name = f"{case.zaak}-antwoord.txt"
        else:
            layout = "pdfminer" if r < 0.59 else "pypdf"
            text, expected = _official(case, "A", layout, rng)
            name = f"{_ah_id(case, 'A')}.txt"
    return Synthetic(name=name, text=text, expected=expected, case=case.zaak, layout=layout)


def generate(n: int, seed: int = 0, *, start: int = 0) -> Iterator[Synthetic]:
    """Documents ``start`` … ``start + n - 1`` of the corpus ``seed``."""
    for index in range(start, start + n):
        yield document(seed, index)


# --- command line -----------------------------------------------------------------------------


def _write_slice(args: tuple[int, int, int, str, bool, bool]) -> tuple[int, list[str]]:
    start, n, seed, outdir, with_expected, check = args
    out = Path(outdir)
    wrong: list[str] = []
    parse = None
    if check:
        import kamervragen

        parse = kamervragen.parse_text
    for doc in generate(n, seed, start=start):
        (out / doc.name).write_text(doc.text, encoding="utf-8")
        if with_expected:
            stem = doc.name.removesuffix(".txt")
            (out / f"{stem}.expected.json").write_text(
                json.dumps(doc.expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        if parse is not None:
            got = parse(doc.text).to_dict()
            if {k: got[k] for k in CONTRACT_FIELDS} != doc.expected:
                wrong.append(doc.name)
    return n, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="how many documents")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="index of the first document")
    parser.add_argument("--with-expected", action="store_true", help="write NAME.expected.json too")
    parser.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    parser.add_argument("--check", action="store_true", help="parse each document and compare")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    chunk = 500
    jobs = [
        (
            s,
            min(chunk, args.start + args.n - s),
            args.seed,
            str(args.outdir),
            args.with_expected,
            args.check,
        )
        for s in range(args.start, args.start + args.n, chunk)
    ]
    began = time.perf_counter()
    done = 0
    wrong: list[str] = []
    with multiprocessing.Pool(args.workers) if args.workers > 1 else _Serial() as pool:
        for count, bad in pool.imap(_write_slice, jobs):
            done += count
            wrong += bad
            rate = done / (time.perf_counter() - began)
            print(
                f"\r{done:,}/{args.n:,} documents ({rate:,.0f}/s)",
                end="",
                file=sys.stderr,
                flush=True,
            )
    elapsed = time.perf_counter() - began
    print(
        f"\rwrote {done:,} documents to {args.outdir} in {elapsed:.1f} s "
        f"({done / elapsed:,.0f} documents/s, {args.workers} worker(s))",
        file=sys.stderr,
    )
    if args.check:
        print(
            f"checked: {done - len(wrong):,} of {done:,} parse to their expected record",
            file=sys.stderr,
        )
        for name in wrong[:20]:
            print(f"  differs: {name}", file=sys.stderr)
        return 1 if wrong else 0
    return 0


class _Serial:
    """``multiprocessing.Pool``'s ``imap`` in this process."""

    def __enter__(self) -> _Serial:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def imap(self, func: Any, jobs: list[Any]) -> Iterator[Any]:
        return map(func, jobs)


if __name__ == "__main__":
    sys.exit(main())
