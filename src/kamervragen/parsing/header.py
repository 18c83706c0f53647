"""Read the heading of a document: who asked whom about what, who answered, when.

Vragen van het lid Tellegen (VVD) aan de Ministers van Sociale Zaken en
Werkgelegenheid en van Veiligheid en Justitie over … (ingezonden 15 september 2017).
Antwoord van Minister Asscher (Sociale Zaken en Werkgelegenheid), mede namens de
Minister van Veiligheid en Justitie (ontvangen 10 oktober 2017).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kamervragen.parsing.dutch_dates import DATE, parse_dutch_date
from kamervragen.parsing.portfolios import split_portfolios
from kamervragen.record import Answerer, Asker
from kamervragen.text.names import surname

_ROLE = (
    r"(?:[Mm]inister-[Pp]resident|[Mm]inisters?|[Ss]taatssecretariss?(?:en)?|"
    r"[Ss]taatsecretaris(?:sen)?|[Vv]ice-[Mm]inister-[Pp]resident)"
)
_ROLE_RE = re.compile(rf"^(?:de\s+)?({_ROLE})\b\s*(.*)$", re.S)
_DOUBLE_TITLE = re.compile(r"[Mm]inister-[Pp]resident, ?(?=[Mm]inister\b)")
# Words an extraction glued to an office: "en deStaatssecretaris", "vanOnderwijs".
_GLUED_OFFICE = re.compile(
    r"\b(de|en|aan|van|voor)(?=(?:Minister|Staatssecretaris|Staatsecretaris|Vice-M))"
)
_GLUED_PORTFOLIO = re.compile(
    r"\b((?:[Mm]inisters?|[Ss]taatssecretariss?(?:en)?)\s+(?:van|voor))(?=[A-Z][a-z])"
)


_GLUED_HINTS = tuple(
    f"{word}{office}"
    for word in ("de", "en", "aan", "van", "voor")
    for office in ("Minister", "Staatssecretaris", "Staatsecretaris", "Vice-M")
)
_GLUED_PORTFOLIO_HINT = re.compile(r"(?:van|voor)[A-Z]")


def _unglue(text: str) -> str:
    """The heading with the spaces an extraction lost around its offices put back.
    (Substring tests first: the substitutions, tried at every word, cost more.)"""
    if any(hint in text for hint in _GLUED_HINTS):
        text = _GLUED_OFFICE.sub(r"\1 ", text)
    if _GLUED_PORTFOLIO_HINT.search(text):
        text = _GLUED_PORTFOLIO.sub(r"\1 ", text)
    return text


@dataclass
class Header:
    askers: list[Asker] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    subject: str | None = None
    submitted: str | None = None
    received: str | None = None
    answered_by: list[Answerer] = field(default_factory=list)
    co_signers: list[str] = field(default_factory=list)
    kind: str | None = None  # what the heading says the document is, if it says
    cut_short: bool = False  # the heading sentence stops without its end
    zaak: str | None = None  # a ministry's letter cites it: "uw brief van …, nr. 2024Z11859"


def normalise_role(role: str) -> str:
    """'ministers' → 'Minister', 'staatssecretarissen' → 'Staatssecretaris'."""
    r = role.strip().lower()
    if r.startswith("minister-president"):
        return "Minister-President"
    if r.startswith("vice-minister-president"):
        return "Vice-Minister-President"
    if r.startswith("minister"):
        return "Minister"
    if r.startswith("staatssecretaris"):
        return "Staatssecretaris"
    if r.startswith("staatsecretaris"):
        return "Staatsecretaris"  # misspelt in the heading: kept as written
    return role[:1].upper() + role[1:]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- askers -----------------------------------------------------------------------------

_MEMBERS = r"(?:het|de)\s+(?:lid|leden)"  # "het leden" occurs, as printed
_PARTY_GROUP = re.compile(r"([^()]*?)\s*\(([^()]*)\)")
_GROUP_WORD = re.compile(r"^(?:beiden|beide|allen|alle(?:n)?)\s+", re.I)


def _split_names(text: str) -> list[str]:
    text = re.sub(r"^\s*(?:,|en\b)\s*", "", text.strip())
    parts = re.split(r"\s*,\s*|\s+en\s+", text)
    names = []
    for p in parts:
        p = re.sub(r"^(?:het lid|de leden|lid|leden)\s+", "", p.strip())
        if p:
            names.append(p)
    return names


def parse_askers(text: str) -> list[Asker]:
    """'Mutluer (GroenLinks-PvdA) en Kostić (PvdD)' or 'Bushoff en Patijn (beiden SP)'."""
    text = _squash(re.sub(rf"^{_MEMBERS}\s+", "", text.strip()))
    askers: list[Asker] = []
    pos = 0
    for m in _PARTY_GROUP.finditer(text):
        party = _GROUP_WORD.sub("", m.group(2).strip()) or None
        for name in _split_names(m.group(1)):
            askers.append(Asker(name=name, party=party))
        pos = m.end()
    for name in _split_names(text[pos:]):
        askers.append(Asker(name=name, party=None))
    return askers


# --- offices ------------------------------------------------------------------------


def expand_offices(text: str) -> list[str]:
    """'de Ministers van X en van Y' → ['Minister van X', 'Minister van Y'];
    'de Minister en de Staatssecretaris van Financiën' → both with 'van Financiën'."""
    text = _squash(text)
    text = re.sub(r"^(?:aan\s+)?(?:de\s+)?", "", text)
    # "de Minister-President, Minister van Algemene Zaken": one person's double title
    # (a comma and no "de" before the second office) is one office.
    text = _DOUBLE_TITLE.sub(lambda m: m.group(0).rstrip(), text)
    chunks = [c for c in re.split(rf"\s*(?:,|\s+en)\s+(?:de\s+)?(?={_ROLE}\b)", text) if c]
    parsed: list[tuple[str, list[str]]] = []
    for chunk in chunks:
        if _DOUBLE_TITLE.match(chunk.strip() + " "):
            first, _, second = chunk.strip().partition(",")
            office = f"{normalise_role(first)}, {second[:1].upper()}{second[1:]}"
            parsed.append((office, []))
            continue
        m = _ROLE_RE.match(chunk.strip())
        if not m:
            if parsed:
                continue
            return []
        role, rest = normalise_role(m.group(1)), m.group(2).strip()
        portfolios = [
            p.strip()
            for p in re.split(
                r"\s*(?:,\s*|\s+)en\s+(?=(?:van|voor)\s)|\s*,\s*(?=(?:van|voor)\s)", rest
            )
            if p.strip()
        ]
        if m.group(1).lower().endswith(("ers", "sen")) and len(portfolios) == 1:
            # "de ministers van Justitie en Veiligheid en Binnenlandse Zaken": several
            # offices, told apart by the ministries' names.
            head, _, names = portfolios[0].partition(" ")
            split = split_portfolios(names) if head in ("van", "voor") else None
            if split:
                portfolios = [f"{head} {name}" for name in split]
        parsed.append((role, portfolios))
    offices: list[str] = []
    for i, (role, portfolios) in enumerate(parsed):
        if role.startswith("Minister-President, "):
            offices.append(role)  # a double title: one office, as written
            continue
        if not portfolios and role != "Minister-President":
            later = next((p for _, p in parsed[i + 1 :] if p), [])
            portfolios = later[:1]
        if not portfolios:
            offices.append(role)
        for p in portfolios:
            offices.append(f"{role} {p}")
    return offices


# --- answerers -------------------------------------------------------------------------

_ANSWERER = re.compile(rf"({_ROLE})\s+(?!van\b|voor\b)([^(),]+?)\s*\(([^()]*)(?:\)|$)")


def parse_answerers(text: str) -> list[Answerer]:
    """'Minister Bruins Slot (BZ) van Minister Schreinemacher (BHO)' → two answerers."""
    out = []
    for m in _ANSWERER.finditer(_squash(text)):
        out.append(
            Answerer(
                role=normalise_role(m.group(1)),
                name=surname(m.group(2)),
                portfolio=_squash(m.group(3)) or None,
            )
        )
    return out


# --- the whole heading -------------------------------------------------------------------

_ASKERS = rf"(?P<askers>{_MEMBERS}\s+.+?)"
# In a sentence that is searched for in the whole document: never past its full stop.
_ASKERS_IN_SENTENCE = rf"(?P<askers>{_MEMBERS}\s+[^.]{{1,300}}?)"

_QUESTIONS = re.compile(
    r"(?:Vragen|[Ss]chriftelijke vragen|[Mm]ondelinge vragen|Kamervragen)\s+van\s+"
    rf"{_ASKERS}"
    r"\s+aan\s+(?P<addr>(?:de\s+)?(?:[Mm]inister|[Ss]taatssecretaris|[Ss]taatsecretaris|"
    r"[Vv]ice).+?)\s+over\s+(?P<subject>.+?)"
    r"(?:\s*\(ingezonden\s+(?P<date>[^)]*)\)\s*\.?|\.\s*$|$)",
    re.S,
)
_ANSWER = re.compile(
    r"Antwoord(?:en)?\s+van\s+(?P<who>.+?)\s*\(ontvangen\s+(?P<date>[^)]*)\)", re.S
)
_NOTICE = re.compile(r"Mededeling\s+van\s+(?P<who>.+?)\s*\(ontvangen\s+(?P<date>[^)]*)\)", re.S)
_NOTICE_BODY = re.compile(
    r"(?:Op\s+(?P<when>\d{1,2}\s+\w+\s+(?:\d{4}|jl\.?))\s+(?:hebben|heeft)\s+)?"
    rf"{_ASKERS}\s+(?:schriftelijke\s+)?vragen\s+gesteld\s+aan\s+"
    r"(?P<addr>.+?)\s+over\s+(?P<subject>.+?)(?:\s*\(ingezonden\s+(?P<date>[^)]*)\))?\s*\.",
    re.S,
)
_NOTICE_BODY_2 = re.compile(
    rf"De\s+vragen\s+van\s+{_ASKERS}\s+aan\s+(?P<addr>.+?)\s+"
    r"over\s+(?P<subject>.+?)\s*\(ingezonden\s+(?P<date>[^)]*)\)",
    re.S,
)
# A notice from Word puts the questions in a sentence of its own: "De vragen van het lid
# X (P) aan de minister van Y over Z (2024Z18000), ingezonden op 6 november 2024, kunnen
# niet binnen de gebruikelijke termijn worden beantwoord."
_NOTICE_BODY_3 = re.compile(
    rf"[Dd]e\s+(?:schriftelijke\s+)?vragen\s+van\s+{_ASKERS_IN_SENTENCE}"
    r"(?:\s+aan\s+(?P<addr>(?:de\s+)?" + _ROLE + r"[^.]{0,200}?))?"
    r"\s+over\s+(?P<subject>[^.]{3,400}?)\s*(?:\((?P<zaak>\d{4}Z\d{4,6})\))?\s*,?"
    r"(?:\s*\(?ingezonden(?:\s+op)?\s+(?P<date>\d{1,2}\s+\w+\s+(?:\d{4}|jl\.?))\)?,?)?"
    r"\s+(?:kunnen|kan|zullen)\s+niet\s+binnen\s+de\s+(?:gebruikelijke|gestelde|wettelijke)"
    r"\s+termijn",
    re.S,
)
_CO_SIGNERS = re.compile(r",?\s*mede\s+namens\s+(.+)$", re.S)
_LETTER_ANSWER = re.compile(
    rf"Antwoorden?\s+van\s+(?P<who>(?:de\s+)?{_ROLE}\s+(?:van|voor)\s+.+?)"
    r"(?:\s*,?\s*mede\s+namens\s+(?P<co>.+?))?\s+op\s+(?:de\s+)?(?:Kamer)?vragen\s+van\s+"
    rf"{_ASKERS}(?:\s+aan\s+(?:de\s+)?" + _ROLE + r".+?)?"
    r"\s+over\s+(?P<subject>.+?)\.?\s*$",
    re.S | re.M,
)


def _clean_subject(subject: str) -> str:
    subject = _squash(subject)
    subject = re.sub(r"\s*\(ingezonden[^)]*\)?\s*\.?$", "", subject)
    return subject.rstrip(" .")


# The heading patterns search forward from each "Vragen van" for words that may never
# come: a heading block of a megabyte took 300 s, one of 10,000 characters still 3.5 s.
# The longest heading of a real document is 1,200 characters; a document without
# headings makes its whole text the block.
_MAX_HEADER = 5_000


def parse_header(text: str, document: str = "") -> Header:
    """Parse the heading block (every line before the first question).

    ``document`` is the whole document's text, where a ministry's letter keeps its date,
    subject line and signature."""
    h = Header()
    text = text[:_MAX_HEADER]
    flat = _unglue(_squash(text))
    m = _QUESTIONS.search(flat)
    if m:
        h.askers = parse_askers(m.group("askers"))
        h.addressees = expand_offices(m.group("addr"))
        h.subject = _clean_subject(m.group("subject"))
        if m.group("date"):
            h.submitted = parse_dutch_date(m.group("date"))
        # A heading that ends the whole document without its date or full stop was cut
        # short (a Word text may print its heading without them, the questions after).
        ends = not m.group("date") and not m.group(0).rstrip().endswith((".", ")"))
        tail = m.group(0).rstrip()[-30:]
        h.cut_short = ends and _squash((document or text)[-400:]).endswith(tail)
    if h.submitted is None and (sent := re.search(r"\(ingezonden\s+([^)]*)\)", flat)):
        h.submitted = parse_dutch_date(sent.group(1))
    m = _ANSWER.search(flat)
    if m:
        _answer_line(h, m)
    m = _NOTICE.search(flat)
    if m:
        h.kind = "postponement"
        h.answered_by = parse_answerers(m.group("who"))
        h.received = parse_dutch_date(m.group("date"))
        body = _NOTICE_BODY.search(flat) or _NOTICE_BODY_2.search(flat)
        body = body or _NOTICE_BODY_3.search(_squash(document[:20_000]) if document else flat)
        if body and not h.askers:
            h.askers = parse_askers(body.group("askers"))
            h.addressees = expand_offices(body.group("addr") or "")
            h.zaak = body.groupdict().get("zaak")
            h.subject = _clean_subject(body.group("subject"))
            date_text = body.groupdict().get("date") or body.groupdict().get("when") or ""
            h.submitted = parse_dutch_date(date_text, reference=h.received)
    if not m and not h.answered_by and (letter := _LETTER_ANSWER.search(text)):
        _parse_letter(h, document or text, letter)
    # Each only where its key word stands in the document: they search all of it.
    if not h.answered_by and h.kind is None and "(ontvangen" in document:
        _displaced_answer_line(h, document)
    notice = None
    if h.kind is None and "niet binnen de" in document:
        notice = _NOTICE_BODY_3.search(_squash(document[:20_000]))
    if notice:
        _parse_word_notice(h, document, notice)
    if not h.answered_by and h.kind is None and document:
        _parse_covering_letter(h, document)
    return h


# The answer line where an extraction moved it, away from the heading (pypdf puts it
# after the first page's text): "Antwoord van Minister X (…), mede namens … (ontvangen
# 3 mei 2024)". Bounded, so that a long document is not searched from every "Antwoord".
DISPLACED_ANSWER = re.compile(
    r"^[^\S\n]*Antwoord(?:en)?\s+van\s+(?P<who>(?:de\s+)?" + _ROLE + r"[^()]{1,120}\([^()]{1,80}\)"
    r"(?:[^()]{0,200}?)?)\s*\(ontvangen\s+(?P<date>[^)]{1,40})\)\.?",
    re.M,
)


def _answer_line(h: Header, m: re.Match[str]) -> None:
    """Who answered, on whose behalf too, and when, from the answer line ``m``."""
    h.kind = "answer"
    who = _squash(m.group("who"))
    co = _CO_SIGNERS.search(who)
    if co:
        h.co_signers = expand_offices(co.group(1))
        who = who[: co.start()]
    h.answered_by = parse_answerers(who)
    h.received = parse_dutch_date(m.group("date"))


def _displaced_answer_line(h: Header, document: str) -> None:
    if m := DISPLACED_ANSWER.search(document):
        _answer_line(h, m)


# A covering letter's opening sentence: "Hierbij zend ik u, mede namens de minister van
# X, de antwoorden op de schriftelijke vragen van het lid Y (P) aan … over Z, ingezonden
# op 3 mei 2024 (kenmerk 2024Z07123)."
_COVERING_VERB = re.compile(r"(?:zend|stuur|bied|doe)\s+ik\b")
_COVERING = re.compile(
    r"(?:zend|stuur|bied|doe)\s+ik\s+(?:u\s*)?(?:hierbij\s*)?,?\s*(?:mede\s+namens\s+"
    r"(?P<co>[^.]{5,160}?),\s*)?(?:u\s+)?(?:hierbij\s+)?de\s+antwoorden?\s+(?:toe\s+)?"
    r"(?:op|van)\s+de\s+(?:schriftelijke\s+|mondelinge\s+)?(?:Kamer)?vragen\s+(?:gesteld\s+)?"
    rf"(?:door|van)\s+{_ASKERS_IN_SENTENCE}"
    r"(?:\s+aan\s+(?P<addr>(?:de\s+)?" + _ROLE + r"[^.]{0,200}?))?"
    r"\s+over\s+(?P<subject>[^.]{3,400}?)"
    r"(?=\s*(?:\(|,\s*(?:ingezonden|die|welke|zoals|met)\b|\.\s|\.$|$))",
    re.S,
)
_SIGNATURE = re.compile(
    r"^[^\S\n]*(?:De|de)\s+(?P<office>" + _ROLE + r"(?:\s+(?:van|voor)\s+[^,\n]{3,80})?)"
    r",?[^\S\n]*\n(?:[^\S\n]*\n){0,6}[^\S\n]*(?P<name>[A-Z][^\n]{1,60}?)[^\S\n]*$",
    re.M,
)
_DATED = re.compile(
    r"^[^\S\n]*(?:Datum\s*\|?|(?:Den Haag|[’']s-Gravenhage),?)\s*(?P<date>\d{1,2}\s+\w+\s+\d{4})",
    re.M,
)
_SENT = re.compile(r"(?:uw brief van|ingezonden(?: op)?)\s+(\d{1,2}\s+\w+\s+\d{4})")
_KENMERK = re.compile(r"(?:[Uu]w kenmerk|[Kk]enmerk|nr\.|vraagnummer)\s*\|?\s*(\d{4}Z\d{4,6})")
_GIVEN_NAME = re.compile(r"^[A-Z][a-zà-ÿ]+\s+(?=(?:van|de|der|den|ter|ten|te|het|in)\b|[A-Z])")


def signer_name(name: str) -> str:
    """A signature's surname: "D.M. van Weel" gives "Van Weel", "Hugo de Jonge" gives
    "De Jonge"; a surname alone stays as it is."""
    name = _squash(name)
    plain = surname(name)
    if plain != name:
        return plain
    if len(name.split()) > 1 and (m := _GIVEN_NAME.match(name)):
        rest = name[m.end() :]
        return rest[:1].upper() + rest[1:]
    return name


def _parse_word_notice(h: Header, document: str, m: re.Match[str]) -> None:
    """A postponement notice whose questions stand in a sentence, signed as a letter."""
    h.kind = "postponement"
    if not h.askers:
        h.askers = parse_askers(m.group("askers"))
        h.subject = _clean_subject(m.group("subject"))
        if m.group("addr"):
            h.addressees = expand_offices(m.group("addr"))
    h.zaak = h.zaak or m.group("zaak")
    _signed_and_dated(h, document)
    if m.group("date"):
        h.submitted = parse_dutch_date(m.group("date"), reference=h.received)


def _signed_and_dated(h: Header, document: str) -> None:
    """The signature (office and name) and the date of a letter, where it has them."""
    signed = _SIGNATURE.search(document)
    if signed and not h.answered_by:
        office = expand_offices(signed.group("office"))
        if office:
            role, _, portfolio = office[0].partition(" ")
            portfolio = re.sub(r"^(?:van|voor)\s+", "", portfolio) or None
            name = signer_name(signed.group("name"))
            h.answered_by = [Answerer(role=role, name=name, portfolio=portfolio)]
    if h.received is None and (dated := _DATED.search(document)):
        h.received = parse_dutch_date(dated.group("date"))


def _parse_covering_letter(h: Header, document: str) -> None:
    """A ministry's covering letter that names the questions in its opening sentence,
    signs with the office and a name, and keeps its date and the Kamer's reference in
    the letterhead."""
    if not _COVERING_VERB.search(document):
        return
    flat = _squash(document[:20_000])
    m = _COVERING.search(flat)
    if not m:
        return
    h.kind = "answer"
    h.askers = parse_askers(m.group("askers"))
    h.subject = _clean_subject(m.group("subject"))
    if m.group("addr"):
        h.addressees = expand_offices(m.group("addr"))
    if m.group("co"):
        h.co_signers = expand_offices(m.group("co"))
    _signed_and_dated(h, document)
    if sent := _SENT.search(flat):
        h.submitted = parse_dutch_date(sent.group(1))
    if kenmerk := _KENMERK.search(flat):
        h.zaak = kenmerk.group(1)


def _parse_letter(h: Header, text: str, m: re.Match[str]) -> None:
    """A ministry's answer letter: 'Antwoorden van de minister van X mede namens … op
    Kamervragen van het lid Y (P) over Z', signed by name, dated 'Datum | …'.

    ``text`` is the whole document: a line's leading space is [^\\S\\n]*, not \\s*, which
    from every line start would read on over all the blank lines after it."""
    h.kind = "answer"
    office = expand_offices(m.group("who"))
    if m.group("co"):
        h.co_signers = expand_offices(m.group("co"))
    if not h.askers:
        h.askers = parse_askers(m.group("askers"))
    if not h.subject:
        h.subject = _clean_subject(m.group("subject"))
    signer = re.search(
        r"^[^\S\n]*((?:[A-Z][a-z]?\.){1,4}\s*(?:[a-z]+\s+){0,3}[A-Z][\w'-]+)\s*$", text, re.M
    )
    if office:
        role, _, portfolio = office[0].partition(" ")
        portfolio = re.sub(r"^(?:van|voor)\s+", "", portfolio)
        name = surname(signer.group(1)) if signer else ""
        h.answered_by = [Answerer(role=role, name=name, portfolio=portfolio or None)]
    brief = re.search(
        r"uw brief van\s+(\d{1,2}\s+\w+\s+\d{4})(?:,\s*nr\.\s*(\d{4}Z\d{4,6}))?", text
    )
    if brief:
        h.submitted = h.submitted or parse_dutch_date(brief.group(1))
        h.zaak = brief.group(2)
    dated = re.search(r"^[^\S\n]*Datum\s*\|?\s*(.+)$", text, re.M)
    if dated and DATE.search(dated.group(1)):
        h.received = parse_dutch_date(dated.group(1))
    subject_line = re.search(
        r"^[^\S\n]*Onderwerp\s*\|?\s*.*?\baan\s+(?P<addr>(?:de\s+)?" + _ROLE + r".+?)\s+over\s",
        text,
        re.M,
    )
    if subject_line and not h.addressees:
        h.addressees = expand_offices(subject_line.group("addr"))
    # The covering sentence: "… dat de vragen van de leden X en Y (P) aan de ministers van
    # A en B over Z worden beantwoord …".
    sentence = re.search(
        r"\bvragen\s+van\s+(?:het\s+lid|de\s+leden)\s+[^.]{1,200}?\s+aan\s+"
        r"(?P<addr>(?:de\s+)?" + _ROLE + r"[^.]+?)\s+over\s",
        _squash(text),
    )
    if sentence and not h.addressees:
        h.addressees = expand_offices(sentence.group("addr"))
