"""References in a document's text: web links, Kamerstukken, motions, Aanhangsel numbers.

Every reference keeps the words as printed (``text``) and a ``target`` that identifies
what it points to, in the official form where there is one, so that a store can link
documents and a web page can build a link:

========== ========================================== ===========================
kind       printed as                                 target
========== ========================================== ===========================
url        https://nos.nl/artikel/2484088             the URL (``www.`` gets ``https://``)
kamerstuk  Kamerstuk 29 754, nr. 430                  ``kst-29754-430``
motion     motie … (Kamerstuk 36 200 VI, nr. 12)      ``kst-36200-VI-12``
aanhangsel Aanhangsel Handelingen II 2023/24, nr. 1743 ``ah-tk-20232024-1743``
handelingen Handelingen II 2023/24, nr. 12, item 5    ``h-tk-20232024-12-5``
zaak       2024Z18794                                 ``2024Z18794``
ecli       ECLI:NL:RBZWB:2014:5503                    the ECLI
staatsblad Stb. 2020, 123                             ``stb-2020-123``
staatscourant Stcrt. 2021, 12345                      ``stcrt-2021-12345``
========== ========================================== ===========================
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kamervragen.errors import ParseError
from kamervragen.record import Reference

# A document refers to a handful of others (at most 11 in the corpus): a thousand is a
# generated or damaged text, whose references would fill the store's table.
MAX_REFERENCES = 1_000
# Dossier numbers before one "nr." ("36 200 VI, 36 410, nr. 12"): a longer list is read
# no further back, so that a text of numbers alone is not read again from each number.
_MAX_DOSSIERS = 10

_YEAR = r"(\d{4})\s*[/–-]\s*(\d{2,4})"
# "29 754", "36 410 A", "36 200-VI", "21 501-02"; several dossiers may share one number.
_DOSSIER = r"\d{2}\s?\d{3}(?:\s?-\s?[0-9A-Z]{1,5}|\s[A-Z]{1,4}\b)?"
_KAMERSTUK = re.compile(
    r"(?:(?P<label>Kamerstuk(?:ken)?)(?:\s+I{1,2})?\s*,?\s*(?:vergaderjaar\s*)?(?:\d{4}\s*[/–-]\s*\d{2,4})?\s*,?\s*)?"
    rf"(?P<dossier>{_DOSSIER})(?:\s*,\s*{_DOSSIER}){{0,{_MAX_DOSSIERS}}}\s*,\s*nr\.?\s*(?P<nr>\d+)"
)
_AANHANGSEL = re.compile(
    r"Aanhangsel\s+(?:van\s+de\s+)?(?:Handelingen|Hand\.)(?:\s+(?P<chamber>I{1,2}))?\s*,?\s*"
    rf"(?:vergaderjaar\s*)?{_YEAR}\s*,?\s*nr\.?\s*(?P<nr>\d+)"
)
_HANDELINGEN = re.compile(
    rf"Handelingen\s+(?P<chamber>I{{1,2}})\s*,?\s*{_YEAR}\s*,\s*nr\.?\s*"
    r"(?P<nr>\d+)(?:\s*,\s*item\s*(?P<item>\d+))?"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”]+")
_ECLI = re.compile(r"ECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[A-Za-z0-9.]+[A-Za-z0-9]")
_ZAAK = re.compile(r"\b(?:19|20)\d{2}Z\d{5}\b")
_STB = re.compile(r"\b(?P<kind>Stb|Stcrt)\.\s*(?P<year>\d{4})\s*,\s*(?:nr\.\s*)?(?P<nr>\d+)")
_MOTION_BEFORE = re.compile(r"\b(?:motie|moties|gewijzigde motie)\b[^.?!]{0,160}$", re.IGNORECASE)
_URL_TAIL = ".,;:!?)]»”’'\""


def _session(first: str, second: str) -> str:
    """ "2023/24" and "2023–2024" both give "20232024"."""
    return first + (first[:2] + second if len(second) == 2 else second)


def _dossier_id(dossier: str) -> str:
    number, _, suffix = re.sub(r"\s*-\s*", "-", dossier.strip()).partition("-")
    parts = number.split()
    if not suffix and len(parts) > 1 and parts[-1].isalpha():
        suffix = parts.pop()
    digits = "".join(parts)
    return f"{digits}-{suffix}" if suffix else digits


def _url(text: str) -> str:
    return text if text.startswith("http") else "https://" + text


def _scan(text: str) -> list[tuple[int, Reference]]:
    found: list[tuple[int, Reference]] = []
    # The characters an earlier kind took (1), so that a later kind's match overlapping
    # one is dropped: one look at the match's own characters, not at every earlier match.
    taken = bytearray(len(text))

    def add(start: int, end: int, kind: str, target: str) -> None:
        if taken.find(1, start, end) >= 0:
            return
        taken[start:end] = b"\x01" * (end - start)
        found.append((start, Reference(kind=kind, text=text[start:end], target=target)))

    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in _URL_TAIL:
            end -= 1
        add(m.start(), end, "url", _url(text[m.start() : end]))
    for m in _ECLI.finditer(text):
        add(m.start(), m.end(), "ecli", m.group())
    for m in _AANHANGSEL.finditer(text):
        chamber = "ek" if m.group("chamber") == "I" else "tk"
        session = _session(m.group(2), m.group(3))
        add(m.start(), m.end(), "aanhangsel", f"ah-{chamber}-{session}-{m.group('nr')}")
    for m in _HANDELINGEN.finditer(text):
        chamber = "ek" if m.group("chamber") == "I" else "tk"
        target = f"h-{chamber}-{_session(m.group(2), m.group(3))}-{m.group('nr')}"
        if m.group("item"):
            target += f"-{m.group('item')}"
        add(m.start(), m.end(), "handelingen", target)
    for m in _KAMERSTUK.finditer(text):
        motion = _MOTION_BEFORE.search(text, max(0, m.start() - 160), m.start())
        kind = "motion" if motion else "kamerstuk"
        add(m.start(), m.end(), kind, f"kst-{_dossier_id(m.group('dossier'))}-{m.group('nr')}")
    for m in _STB.finditer(text):
        kind = "staatsblad" if m.group("kind") == "Stb" else "staatscourant"
        target = f"{m.group('kind').lower()}-{m.group('year')}-{m.group('nr')}"
        add(m.start(), m.end(), kind, target)
    for m in _ZAAK.finditer(text):
        add(m.start(), m.end(), "zaak", m.group())
    return found


def find_references(texts: Iterable[str], own: Iterable[str | None] = ()) -> list[Reference]:
    """Every reference in ``texts`` in order of first appearance, each target once.

    ``own`` holds the document's own id and zaak, which are not references to others.
    More than :data:`MAX_REFERENCES` different ones is a :class:`ParseError`.
    """
    skip = {o for o in own if o}
    seen: set[tuple[str, str]] = set()
    out: list[Reference] = []
    for text in texts:
        for _, ref in sorted(_scan(text), key=lambda item: item[0]):
            key = (ref.kind, ref.target)
            if ref.target in skip or key in seen:
                continue
            seen.add(key)
            out.append(ref)
            if len(out) > MAX_REFERENCES:
                raise ParseError(f"more than {MAX_REFERENCES:,} references in the text")
    return out
