"""Integrity checks on a parsed record: signs that the document, or its reading, is
incomplete.

Each check looks at the record and what the parser saw of the document, never at an
outside source. A failed check is a flag in ``Record.quality``; the record is still
stored and shown (a suspect document is not refused), with the flags as a warning.
"""

from __future__ import annotations

import re

from kamervragen.record import Record

# The flags, each with the reason a Dutch reader is shown.
REASONS: dict[str, str] = {
    "no-received-date": "geen datum van ontvangst van het antwoord",
    "no-signatory": "niet te zien wie het antwoord gaf",
    "markers-without-footnotes": "verwijzingen naar voetnoten die ontbreken",
    "footnotes-without-markers": "voetnoten zonder verwijzing in de tekst",
    "numbering-gap": "de nummering van de vragen slaat een nummer over",
    "numbering-repeat": "een vraagnummer komt twee keer voor",
    "unanswered-question": "een vraag zonder antwoord",
    "furniture-in-answer": "briefhoofd of paginaopmaak in een antwoord",
    "ends-mid-sentence": "de tekst houdt midden in een zin op",
    "glyph-codes": "tekens die niet uit de bron te lezen waren",
    "note-in-text": "een voetnoot of toelichting staat in een vraag of antwoord",
    "incomplete-heading": "de kop (wie vroeg wat aan wie) is onvolledig",
    "no-official-id": "een gedrukt stuk zonder zijn officiële kenmerk",
}

# A footnote marker left in a text: "toetsen?1", "vragen? 2)", "[2]", "gedrag3)". Found
# by looking after each "?", "!", "»", "”" and before each ")" (str.find is a fast scan;
# a pattern tried at every position of every text took a tenth of the parse).
_AFTER_MARK = re.compile(r" ?\d{1,2}\)?(?=\s|$)")
_MARKED = re.compile(r"(?:[?!»”] ?|[a-zà-ÿ])\d{1,2}$")
_BRACKETED = re.compile(r"\[\d{1,2}\]")


def _left_marker(text: str) -> bool:
    if "[" in text and _BRACKETED.search(text):
        return True
    for mark in "?!»”":
        i = text.find(mark)
        while i >= 0:
            if text[i + 1 : i + 2].isdigit() and _AFTER_MARK.match(text, i + 1):
                return True
            if text[i + 1 : i + 3].startswith(" ") and text[i + 2 : i + 3].isdigit():
                m = _AFTER_MARK.match(text, i + 1)
                if m and m.group().endswith(")"):
                    return True
            i = text.find(mark, i + 1)
    i = text.find(")")
    while i >= 0:
        ends_word = i + 1 == len(text) or text[i + 1].isspace()
        if text[i - 1 : i].isdigit() and ends_word and _MARKED.search(text, max(0, i - 4), i):
            return True
        i = text.find(")", i + 1)
    return False


_FURNITURE_WORDS = (
    "Retouradres", "Ons kenmerk", "Bij beantwoording de datum", "Contactpersoon",
    "Tweede Kamer, vergaderjaar", "ISSN 0921", "Aanhangsel van de Handelingen",
)  # fmt: skip
_POSTBUS = re.compile(r"Postbus \d{4,5} \d{4} ?[A-Z]{2}\b")


def _has_furniture(text: str) -> bool:
    """Whether a text holds letterhead or page furniture (substring tests first)."""
    if any(word in text for word in _FURNITURE_WORDS):
        return True
    return "Postbus" in text and _POSTBUS.search(text) is not None


# The member's note after the questions ("Toelichting: Deze vragen dienen …").
_NOTE_IN_TEXT = re.compile(r"(?:^|\n\n)Toelichting\s*:")
# How a whole text may end: a sentence's end, a closing quote or bracket, a URL, a
# table's last figure.
_ENDS = re.compile(
    r"(?:[.?!:;)\]»”’'\"…\d]|https?://\S+|www\.\S+|\S+\.(?:nl|html?|pdf|eu|com|org))\s*$"
)


def assess(
    record: Record,
    *,
    glyph_codes: bool = False,
    unmarked_notes: int = 0,
    heading_cut: bool = False,
    printed: bool = False,
) -> list[str]:
    """The checks ``record`` fails, in the order of :data:`REASONS`.

    ``glyph_codes``: the extraction held glyph codes ("(cid:129)"). ``unmarked_notes``:
    how many of the footnotes found had no marker in the text. ``heading_cut``: the
    heading sentence stops without its end. ``printed``: the document has the Kamer's
    running page footer, printed with the official id."""
    flags: set[str] = set()
    if heading_cut or (record.kind == "postponement" and not record.askers):
        flags.add("incomplete-heading")  # a notice always names the questions it delays
    if printed and record.id is None:
        flags.add("no-official-id")
    # A source with no heading at all (a printout of the pairs) states no dates or
    # names to miss; one whose heading was read can miss them.
    heading = bool(record.askers or record.subject or record.answered_by or record.addressees)
    answering = heading and record.kind in ("answer", "postponement")
    if answering and record.kind == "answer" and record.received is None:
        flags.add("no-received-date")
    if answering and (not record.answered_by or not all(a.name for a in record.answered_by)):
        flags.add("no-signatory")
    texts = [q.text for q in record.questions] + [a.text for a in record.answers]
    if any(_left_marker(t) for t in texts):
        flags.add("markers-without-footnotes")
    if unmarked_notes:
        flags.add("footnotes-without-markers")
    flags.update(_numbering(record))
    if record.kind == "answer" and record.questions:
        answered = {n for a in record.answers for n in a.questions}
        if any(q.number not in answered for q in record.questions):
            flags.add("unanswered-question")
    noted = any("Toelichting" in t and _NOTE_IN_TEXT.search(t) for t in texts)
    if noted or _next_note_in_text(record, texts):
        flags.add("note-in-text")
    if any(_has_furniture(a.text) for a in record.answers):
        flags.add("furniture-in-answer")
    last = (record.answers or record.questions or [None])[-1]
    if last is not None and last.text and not _ENDS.search(last.text[-200:]):
        flags.add("ends-mid-sentence")
    if glyph_codes:
        flags.add("glyph-codes")
    return [flag for flag in REASONS if flag in flags]


def _next_note_in_text(record: Record, texts: list[str]) -> bool:
    """Whether the footnote after the last one found stands in a text, its number
    before a capital ("… 926 5 Alleen mbo niveau 3–4 …"): a note the finder missed."""
    if not record.footnotes or not record.footnotes[-1].number.isdigit():
        return False
    number = f" {int(record.footnotes[-1].number) + 1} "
    for text in texts:
        i = text.find(number)
        while i >= 0:
            after = text[i + len(number) : i + len(number) + 2]
            if (
                i
                and text[i - 1] not in "0123456789,.–-"
                and after[:1].isupper()
                and after[1:].islower()
            ):
                return True
            i = text.find(number, i + 1)
    return False


def _numbering(record: Record) -> set[str]:
    numbers = [q.number for q in record.questions]
    flags: set[str] = set()
    if len(set(numbers)) < len(numbers):
        flags.add("numbering-repeat")
    whole = sorted({int(m.group()) for n in numbers if (m := re.match(r"\d+", n))})
    if whole and whole != list(range(1, whole[-1] + 1)):
        flags.add("numbering-gap")
    return flags


def reasons(flags: list[str]) -> list[str]:
    """The Dutch reasons for ``flags`` (an unknown flag as it is)."""
    return [REASONS.get(flag, flag) for flag in flags]
