"""What follows the last answer in a ministry's letter: its signature, letterhead and
contact blocks, pasted web text, and the footnotes typed after them.

None of it belongs to the last answer. The tail is cut from the first line after the
first question or answer heading that only a letter's furniture prints ("> Retouradres
Postbus 20301", "Datum | 4 december 2023", "Ons kenmerk", the signature "De Minister
van Justitie en Veiligheid,"); the header is still read from the whole text. Footnotes
typed into the tail ("1) Kamerstuk …") are given back as lines of their own page, so that
the footnote finder takes them as it takes any page's foot.
"""

from __future__ import annotations

import re

from kamervragen.parsing.pages import BodyLine
from kamervragen.text.headings import is_heading

# Lines that only a letter's letterhead, address or contact block prints.
_FURNITURE = re.compile(
    r"^\s*(?:>\s*)?(?:"
    r"Retouradres\b|Datum\s*\||Onderwerp\s*\||Ons kenmerk\b|Uw kenmerk\b|Contactpersoon\s*$|"
    r"Bij beantwoording de datum|Aan de Voorzitter van de Tweede Kamer|Projectnaam\s*$|"
    r"www\.rijksoverheid\.nl/\w+\s*$"  # the ministry's address, not a page on the site
    r")"
)
_OFFICE = (
    r"(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris)"
    r"(?:\s+(?:van|voor)\s+[A-Z][\w’',\- ]{2,80}?)?"
)
# The signature: the office alone on its line, "De Minister van X," (a comma, or a name
# on the next line).
_SIGNATURE = re.compile(rf"^\s*(?:De|de)\s+{_OFFICE}\s*(?P<comma>,)?\s*$")
_NAME = re.compile(r"^\s*(?:(?:[A-Z][a-z]?\.\s*){1,4}|mr\.\s+|dr\.\s+|drs\.\s+)?[A-Z][\w'’-]+")
# A typed note in the tail: "1) …", "[1] …", "1 …" (numbers counted from the body).
_NOTE_START = re.compile(r"^\s*(?:\[(\d{1,2})\]|(\d{1,2})\)|(\d{1,2})(?=\s+\S))")


# What a tail's first line starts with: one look at each line before the full tests.
_CANDIDATE = re.compile(
    r"^\s*(?:>|Retouradres|Datum|Onderwerp|Ons|Uw|Contact|Bij|Aan|Proj|www|[Dd]e )"
)


def _is_signature(lines: list[BodyLine], i: int) -> bool:
    m = _SIGNATURE.match(lines[i].text)
    if not m:
        return False
    if m.group("comma"):
        return True
    following = next((b.text for b in lines[i + 1 : i + 8] if not b.blank), "")
    return (
        bool(_NAME.match(following))
        and len(following.split()) <= 6
        and (not following.rstrip().endswith((".", "?", ":")))
    )


def cut_letter_tail(pages: list[list[BodyLine]]) -> tuple[list[list[BodyLine]], bool]:
    """The pages without a letter's tail, and whether there was one. Footnotes typed in
    the tail come back as a page of their own at the end."""
    flat = [(p, i) for p, page in enumerate(pages) for i in range(len(page))]
    lines = [pages[p][i] for p, i in flat]
    first_heading = next((k for k, b in enumerate(lines) if is_heading(b.text)), None)
    if first_heading is None:
        return pages, False
    start = next(
        (
            k
            for k in range(first_heading + 1, len(lines))
            if _CANDIDATE.match(lines[k].text)
            and (_FURNITURE.match(lines[k].text) or _is_signature(lines, k))
        ),
        None,
    )
    if start is None:
        return pages, False
    p, i = flat[start]
    kept = [*pages[:p], pages[p][:i]]
    notes = _typed_notes(lines[start:])
    if notes:
        kept.append(notes)
    return [page for page in kept if page], True


def _typed_notes(tail: list[BodyLine]) -> list[BodyLine]:
    """The tail's lines that are typed notes: each starts with a number ("1)", "[2]"),
    its text running on to a blank line or the next note."""
    out: list[BodyLine] = []
    in_note = False
    for line in tail:
        if line.blank:
            in_note = False
            continue
        if _NOTE_START.match(line.text) and not _FURNITURE.match(line.text):
            out.append(line)
            in_note = True
        elif in_note and not _FURNITURE.match(line.text):
            out.append(line)
        else:
            in_note = False
    return out
