"""Clean the characters of a line before any structure is read from it."""

from __future__ import annotations

import re
import unicodedata

# Spacing accents that extraction split from their letter ("Kostic´", "Yes¸ ilgöz").
SPACING_ACCENTS = {"´": "\u0301", "¸": "\u0327", "˜": "\u0303", "¨": "\u0308", "ˆ": "\u0302"}
_SPLIT_ACCENT = re.compile(r"([A-Za-z]) ?([´¸˜¨ˆ])(?: (?=[a-zà-ÿ]))?")
# Control characters but the line end and the tab (C0, DEL, C1): no text holds them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A glyph the extractor could not name ("(cid:129)", a list's bullet): debris, not text.
GLYPH_CODE = re.compile(r"\(cid:\d+\)[^\S\n]?")
_MARKDOWN_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?)")
_MARKDOWN_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


def _join_accent(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFC", m.group(1) + SPACING_ACCENTS[m.group(2)])


def clean_line(text: str) -> str:
    """Normalise one line: NFC, no odd spaces, accents rejoined, glyph codes and trailing
    space gone."""
    if not text.isascii():
        text = text.replace("\u00a0", " ").replace("\u2009", " ")
        text = text.replace("\ufeff", "").replace("\u200b", "")
        text = unicodedata.normalize("NFC", text)
        if any(c in text for c in SPACING_ACCENTS):
            text = _SPLIT_ACCENT.sub(_join_accent, text)
    text = text.replace("\t", " ")
    if "(cid:" in text:
        text = GLYPH_CODE.sub("", text)
    return text.rstrip()


_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def name_key(text: str) -> str:
    """A name for comparing, not for showing: lower case, without accents, spaces or
    punctuation ("Yeşilgöz-Zegerius" and "yesilgoz zegerius" give the same key)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub("", plain)


def strip_markdown(text: str) -> str:
    """Markdown headings, quotes and bold markup carry no content of their own."""
    if text.lstrip(" ")[:1] in ("#", ">"):
        text = _MARKDOWN_PREFIX.sub("", text)
    if "**" in text or "__" in text:
        text = _MARKDOWN_BOLD.sub(lambda m: m.group(1) or m.group(2), text)
        text = text.replace("**", "")
    return text
