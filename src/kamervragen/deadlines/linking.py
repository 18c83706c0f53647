"""OData Document records linked to their Zaak: case timelines from the Tweede Kamer's
open data.

A Zaak of Soort "Schriftelijke vragen" is one set of questions: its number (2024Z18794),
subject (Onderwerp), submission day (GestartOp) and whether it is settled (Afgedaan). The
Document records (the questions, "Antwoord schriftelijke vragen", "Mededeling (uitstel
antwoord)", a "nader" answer) come without their relation to the Zaak, so they are linked
here as the case linker does where no zaak number is at hand: by subject, dates and
members. Their Onderwerp reads "Antwoord op vragen van het lid X over <subject>",
"Uitstel beantwoording vragen van de leden X en Y over <subject>", "Op verzoek van het lid
X zijn de schriftelijke vragen over <subject> ingetrokken".

How a document is linked, surest first (``Link.method``):

- ``same-subject``: its subject is the subject of exactly one zaak started on or before
  the document's day (within ``window_days``); for a questions document, on that day;
- ``same-subject, chosen``: several such zaken share the subject (two members asked
  about the same news on one day, or one member twice): of those without a document of
  this role yet, the one holding a document of the same members, else the latest;
- ``similar-subject``: no zaak has the same subject; the one whose subject shares most
  words (Dice coefficient, or word containment for a shortened subject) is taken when
  the score reaches ``threshold`` (``Link.score``);

A zaak that already holds documents of other members only is not taken at any step: a
set's documents all name the same members, so it is another set on the same news.
- not linked.

:func:`LinkReport.agreement` measures how sure the similar-subject step is: it links the
documents that have an exact zaak as if they had none, and counts how often it finds the
same zaak.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gzip
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamervragen.dates import as_date
from kamervragen.deadlines.model import AnswerEvent, CaseTimeline, Member
from kamervragen.errors import KamervragenError
from kamervragen.text.names import standing_alone
from kamervragen.text.normalize import name_key

ZAAK_FILE = "zaak-schriftelijke-vragen.jsonl.gz"
DOCUMENT_FILE = "document-kamervragen.json"

QUESTIONS = "questions"
ANSWER = "answer"
FURTHER = "further answer"
POSTPONEMENT = "postponement"
TRANSFER = "transfer"  # "Overdragen beantwoording": another minister will answer
WITHDRAWAL = "withdrawal"

_SOORT = {
    "Schriftelijke vragen": QUESTIONS,
    "Antwoord schriftelijke vragen": ANSWER,
    "Antwoord schriftelijke vragen (nader)": FURTHER,
    "Mededeling (uitstel antwoord)": POSTPONEMENT,
}

_ROLE_WORDS = (
    (re.compile(r"^(?:rectificatie|nader)\b|^antwoord op de nog openstaande", re.I), FURTHER),
    (re.compile(r"^overdragen\s+beantwoording\b", re.I), TRANSFER),
    (re.compile(r"^uitstel(?:bericht)?\b", re.I), POSTPONEMENT),
    (re.compile(r"^(?:de\s+)?(?:antwoord(?:en)?|beantwoording)\b", re.I), ANSWER),
)
_MEMBERS = r"\b(?:kamer)?(?:lid|leden)\s+(?P<members>.+?)"
_SUBJECT = (
    r"\s+(?:heeft\s+gesteld\s+)?(?:over|ver|inzake|naar\s+aanleiding\s+van)\s+(?P<subject>.+)$"
)
_HEADING = re.compile(_MEMBERS + _SUBJECT, re.IGNORECASE | re.DOTALL)
_AFTER_ROLE = re.compile(
    r"^\S+(?:\s+(?:beantwoording|antwoord|op|de|het|vragen|van|aan|die))*\s+", re.I
)
_WITHDRAWN = re.compile(
    r"^op\s+verzoek\s+van\s+(?:het|de)\s+" + _MEMBERS + r"\s+(?:zijn|is)\s+de\s+"
    r"(?:schriftelijke\s+)?vragen.*?\s+over\s+(?P<subject>.+?)\s*ingetrokken\.?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_WORD = re.compile(r"\w+")
_STOP = frozenset(
    {"de", "het", "een", "van", "en", "in", "op", "over", "dat", "die", "met", "voor", "aan"}
    | {"te", "bij", "door", "naar", "om", "uit", "als", "of", "is", "zijn", "wordt", "niet"}
)
_COMMON = 1500  # a word in more zaken than this does not propose candidates


@dataclass(frozen=True)
class Zaak:
    number: str
    subject: str
    started: dt.date
    settled: bool


@dataclass(frozen=True)
class OdataDocument:
    number: str
    soort: str
    day: dt.date
    subject: str


@dataclass(frozen=True)
class Heading:
    """What a document's Onderwerp says: its role, the members, the subject."""

    role: str
    members: tuple[str, ...]
    subject: str


@dataclass(frozen=True)
class Link:
    document: OdataDocument
    role: str
    members: tuple[str, ...]
    zaak: str | None
    method: str
    score: float


@dataclass
class LinkReport:
    """How many documents of each role were linked, and how."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    # The similar-subject step tried on reworded exact links: right, wrong, not linked.
    agreement: tuple[int, int, int] = (0, 0, 0)
    coverage_from: dt.date | None = None
    snapshot: dt.date | None = None

    def linked(self, role: str | None = None) -> int:
        return sum(
            n
            for (r, m), n in self.counts.items()
            if not m.startswith("not linked") and role in (None, r)
        )

    def total(self, role: str | None = None) -> int:
        return sum(n for (r, _), n in self.counts.items() if role in (None, r))

    def to_dict(self) -> dict[str, Any]:
        roles = sorted({r for r, _ in self.counts})
        right, wrong, missed = self.agreement
        return {
            "documents": self.total(),
            "linked": self.linked(),
            "by_role": {
                r: {m: n for (rr, m), n in sorted(self.counts.items()) if rr == r} for r in roles
            },
            "skipped": dict(self.skipped),
            "similar_subject_check": {"right": right, "wrong": wrong, "not_linked": missed},
            "coverage_from": self.coverage_from.isoformat() if self.coverage_from else None,
            "snapshot": self.snapshot.isoformat() if self.snapshot else None,
        }

    def lines(self) -> list[str]:
        out = [f"{self.linked()} of {self.total()} documents linked to a zaak"]
        for role in sorted({r for r, _ in self.counts}):
            parts = ", ".join(f"{m} {n}" for (r, m), n in sorted(self.counts.items()) if r == role)
            out.append(f"  {role}: {self.linked(role)}/{self.total(role)} ({parts})")
        if self.skipped:
            out.append(
                "  not written-question documents: "
                + ", ".join(f"{s} {n}" for s, n in sorted(self.skipped.items()))
            )
        right, wrong, missed = self.agreement
        if right + wrong + missed:
            tried = right + wrong + missed
            out.append(
                f"  similar-subject step tried on {tried} exact links with their subject"
                f" reworded: right zaak {right} ({100 * right / tried:.1f}%), wrong zaak"
                f" {wrong} ({100 * wrong / tried:.1f}%), not linked {missed}"
            )
        if self.coverage_from:
            out.append(
                f"  answer documents cover {self.coverage_from} to {self.snapshot}: sets"
                " submitted earlier mostly lack theirs"
            )
        return out


@dataclass
class Linked:
    cases: list[CaseTimeline]
    links: list[Link]
    report: LinkReport


# --- reading --------------------------------------------------------------------------


def _records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON list, an OData envelope (``value``) or JSON Lines (.gz)."""
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
            text = f.read()
    except (OSError, EOFError) as exc:
        raise KamervragenError(f"{path}: cannot read: {exc}") from None
    try:
        whole: Any = json.loads(text)
    except ValueError:
        whole = None  # JSON Lines: one record a line
    try:
        if isinstance(whole, list):
            yield from whole
        elif isinstance(whole, dict) and isinstance(whole.get("value"), list):
            yield from whole["value"]
        elif isinstance(whole, dict):
            yield whole
        else:
            for line in text.splitlines():
                if line.strip():
                    yield json.loads(line)
    except ValueError as exc:
        raise KamervragenError(f"{path}: not OData records: {exc}") from None


def read_zaken(path: str | Path) -> list[Zaak]:
    """Zaak records of written questions (other Soorten and deleted ones left out)."""
    zaken = []
    for r in _records(Path(path)):
        started = as_date(r.get("GestartOp"))
        if r.get("Verwijderd") or started is None or not r.get("Nummer"):
            continue
        if r.get("Soort", "Schriftelijke vragen") != "Schriftelijke vragen":
            continue
        zaken.append(
            Zaak(r["Nummer"], (r.get("Onderwerp") or "").strip(), started, bool(r.get("Afgedaan")))
        )
    return zaken


def read_documents(path: str | Path) -> list[OdataDocument]:
    """Document records (deleted ones left out), with the Soort as given."""
    documents = []
    for r in _records(Path(path)):
        day = as_date(r.get("Datum"))
        if r.get("Verwijderd") or day is None:
            continue
        documents.append(
            OdataDocument(
                r.get("DocumentNummer") or r.get("Id") or "",
                r.get("Soort") or "",
                day,
                (r.get("Onderwerp") or "").strip(),
            )
        )
    return documents


def snapshot_date(path: str | Path) -> dt.date | None:
    """The latest change date in a file of records: the day the data were taken."""
    days = [as_date(r.get("GewijzigdOp")) for r in _records(Path(path))]
    return max((d for d in days if d), default=None)


def _members(text: str) -> tuple[str, ...]:
    text = re.sub(r"\s+c\.s\.?$", "", text.strip())
    names = re.split(r",\s*|\s+en\s+", text)
    # "het lid van Nispen" and "het lid Van Nispen" occur: written as the records write a
    # surname standing alone.
    return tuple(standing_alone(n.strip()) for n in names if n.strip())


def parse_heading(document: OdataDocument) -> Heading | None:
    """The role, members and subject of a document; None if it is no written-question
    document. A questions document's Onderwerp is its subject; other headings are read
    leniently ("Antwoord opvragen van lid X ver het bericht …" happens)."""
    soort = _SOORT.get(document.soort)
    text = " ".join(document.subject.split())
    if soort == QUESTIONS:
        return Heading(QUESTIONS, (), text)
    withdrawn = _WITHDRAWN.match(text)
    if withdrawn and soort in (ANSWER, POSTPONEMENT, FURTHER):
        return Heading(WITHDRAWAL, _members(withdrawn["members"]), withdrawn["subject"])
    role = next((r for pattern, r in _ROLE_WORDS if pattern.search(text)), None)
    if role is None or (soort is None and role not in (POSTPONEMENT, TRANSFER)):
        return None  # "Mededeling inzake een vertrouwelijke brief", oral questions, …
    if role == ANSWER and soort == FURTHER:
        role = FURTHER
    found = _HEADING.search(text)
    if found:
        return Heading(role, _members(found["members"]), found["subject"])
    # No members or no "over": the words after the role words are the subject.
    return Heading(role, (), _AFTER_ROLE.sub("", text, count=1))


# --- linking --------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in (name_key(x) for x in _WORD.findall(text)) if w and w not in _STOP)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two word sets; a shortened subject (one set mostly inside the
    other, at least four words) scores by containment, a little lower."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    dice = 2 * shared / (len(a) + len(b))
    small = min(len(a), len(b))
    contained = 0.9 * shared / small if small >= 4 else 0.0
    return max(dice, contained)


class _ZaakIndex:
    def __init__(self, zaken: list[Zaak], window_days: int) -> None:
        self.zaken = sorted(zaken, key=lambda z: z.started)
        self.starts = [z.started for z in self.zaken]
        self.window = dt.timedelta(days=window_days)
        self.by_subject: dict[str, list[int]] = defaultdict(list)
        self.words = [_words(z.subject) for z in self.zaken]
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for i, z in enumerate(self.zaken):
            self.by_subject[name_key(z.subject)].append(i)
            for w in self.words[i]:
                self.by_word[w].append(i)

    def _in_window(self, i: int, day: dt.date, same_day: bool) -> bool:
        started = self.zaken[i].started
        if same_day:
            return abs((started - day).days) <= 3  # registration can lag a day or two
        return started <= day and day - started <= self.window

    def exact(self, subject: str, day: dt.date, same_day: bool) -> list[int]:
        found = self.by_subject.get(name_key(subject), ())
        return [i for i in found if self._in_window(i, day, same_day)]

    def similar(
        self, subject: str, day: dt.date, same_day: bool, skip: frozenset[int] = frozenset()
    ) -> tuple[int, float] | None:
        words = _words(subject)
        low = bisect.bisect_left(self.starts, day - (dt.timedelta(3) if same_day else self.window))
        high = bisect.bisect_right(self.starts, day + dt.timedelta(3 if same_day else 0))
        candidates: set[int] = set()
        for w in words:
            postings = self.by_word.get(w, ())
            if len(postings) <= _COMMON:
                candidates.update(i for i in postings if low <= i < high)
        best: tuple[int, float] | None = None
        for i in sorted(candidates - skip):
            score = similarity(words, self.words[i])
            if best is None or score > best[1] or (score == best[1] and i > best[0]):
                best = (i, score)
        return best


def link_records(
    zaken: list[Zaak],
    documents: Iterable[OdataDocument],
    *,
    window_days: int = 400,
    threshold: float = 0.6,
) -> Linked:
    """Link the documents to the zaken and build one timeline per zaak."""
    index = _ZaakIndex(zaken, window_days)
    report = LinkReport()
    links: list[Link] = []
    members_of: dict[int, set[str]] = defaultdict(set)
    roles_of: dict[int, set[str]] = defaultdict(set)
    for document in sorted(documents, key=lambda d: (d.day, d.number)):
        heading = parse_heading(document)
        if heading is None:
            report.skipped[document.soort or "(no Soort)"] += 1
            continue
        same_day = heading.role == QUESTIONS
        folded_members = {name_key(m) for m in heading.members}
        exact = index.exact(heading.subject, document.day, same_day)
        # A set's documents name the same members: a zaak holding documents of other
        # members only is another set on the same news.
        other_members = frozenset(
            i
            for i in exact
            if folded_members and members_of[i] and not folded_members & members_of[i]
        )
        conflicts = bool(other_members)
        exact = [i for i in exact if i not in other_members]
        chosen: int | None = None
        score = 0.0
        if len(exact) == 1 and not conflicts:
            chosen, method, score = exact[0], "same-subject", 1.0
        elif exact:
            # Twins (one subject, several sets): of those without a document of this role
            # yet, the one with these members, else the latest started.
            chosen = max(
                exact,
                key=lambda i: (
                    heading.role not in roles_of[i],
                    bool(folded_members & members_of[i]),
                    index.zaken[i].started,
                    -i,
                ),
            )
            method, score = "same-subject, chosen", 1.0
        else:
            skip = frozenset(
                i
                for i, held in members_of.items()
                if folded_members and held and not folded_members & held
            )
            found = index.similar(heading.subject, document.day, same_day, skip | other_members)
            if found and found[1] >= threshold:
                chosen, score = found
                method = "similar-subject"
            elif conflicts:
                method = "not linked: its zaak has other members"
            else:
                method = "not linked"
        if chosen is not None:
            members_of[chosen].update(folded_members)
            roles_of[chosen].add(heading.role)
            if method == "same-subject":
                _check_agreement(
                    index, report, heading.subject, document.day, same_day, chosen, threshold
                )
        report.counts[(heading.role, method)] += 1
        links.append(
            Link(
                document,
                heading.role,
                heading.members,
                index.zaken[chosen].number if chosen is not None else None,
                method,
                round(score, 3),
            )
        )
    answer_days = [link.document.day for link in links if link.role == ANSWER]
    report.coverage_from = coverage_start(answer_days)
    report.snapshot = max((link.document.day for link in links), default=None)
    return Linked(_timelines(index.zaken, links), links, report)


def _check_agreement(
    index: _ZaakIndex,
    report: LinkReport,
    subject: str,
    day: dt.date,
    same_day: bool,
    exact: int,
    threshold: float,
) -> None:
    """Would the similar-subject step have found this exact link, had the subject been
    worded differently? It is tried on the subject shortened as headings shorten it."""
    found = index.similar(reword(subject), day, same_day)
    right, wrong, missed = report.agreement
    if found is None or found[1] < threshold:
        missed += 1
    elif found[0] == exact:
        right += 1
    else:
        wrong += 1
    report.agreement = (right, wrong, missed)


def reword(subject: str) -> str:
    """A subject worded differently, for testing the similar-subject step: every fifth
    word left out, and the last quarter of what remains cut off."""
    words = [w for i, w in enumerate(subject.split()) if i % 5 != 3]
    keep = max(3, -(-3 * len(words) // 4))
    return " ".join(words[:keep])


def coverage_start(days: list[dt.date], share: float = 0.25) -> dt.date | None:
    """The first day of the run of months, up to the last full month, each holding at
    least ``share`` of the median month's documents: before it the records are too
    sparse to count. (The last month may be cut short by the day the data were taken.)"""
    if not days:
        return None
    months = Counter(d.replace(day=1) for d in days)
    ordered = sorted(months)
    full = sorted(months.values())[len(months) // 2] * share
    start = ordered[-1]
    for month in reversed(ordered[:-1]):
        if months[month] < full:
            break
        start = month
    return start


def _timelines(zaken: list[Zaak], links: list[Link]) -> list[CaseTimeline]:
    by_zaak: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        if link.zaak is not None:
            by_zaak[link.zaak].append(link)
    cases = []
    for z in zaken:
        linked = sorted(by_zaak.get(z.number, ()), key=lambda link: link.document.day)
        answers = tuple(
            AnswerEvent(link.document.day, further=link.role == FURTHER)
            for link in linked
            if link.role in (ANSWER, FURTHER)
        )
        notices = tuple(link.document.day for link in linked if link.role == POSTPONEMENT)
        withdrawn = next((link.document.day for link in linked if link.role == WITHDRAWAL), None)
        # One member, however written ("Kostić", "Kostic"): the first spelling is kept.
        names: dict[str, str] = {}
        for link in linked:
            for member in link.members:
                names.setdefault(name_key(member), member)
        cases.append(
            CaseTimeline(
                key=z.number,
                submitted=z.started,
                postponements=notices,
                answers=answers,
                withdrawn=withdrawn,
                zaak=z.number,
                subject=z.subject,
                askers=tuple(Member(n) for n in names.values()),
                undated_answer=z.settled and not answers and withdrawn is None,
            )
        )
    return cases


def load_odata(folder: str | Path, **options: Any) -> Linked:
    """Read the Zaak records (``zaak-schriftelijke-vragen.jsonl.gz``, or ``.jsonl``) and
    the Document records (``document-kamervragen.json``) in ``folder`` and link them
    (options as for :func:`link_records`)."""
    folder = Path(folder)
    zaak_file = next(
        (folder / n for n in (ZAAK_FILE, ZAAK_FILE.removesuffix(".gz")) if (folder / n).is_file()),
        None,
    )
    if zaak_file is None:
        raise KamervragenError(f"{folder}: no {ZAAK_FILE} in this folder")
    if not (folder / DOCUMENT_FILE).is_file():
        raise KamervragenError(f"{folder}: no {DOCUMENT_FILE} in this folder")
    linked = link_records(read_zaken(zaak_file), read_documents(folder / DOCUMENT_FILE), **options)
    linked.report.snapshot = snapshot_date(folder / DOCUMENT_FILE) or linked.report.snapshot
    return linked
