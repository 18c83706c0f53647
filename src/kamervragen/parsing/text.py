"""Join printed lines into the text of a question or answer.

Lines within a paragraph are joined with a space; a word broken over two lines with a
hyphen is joined unless the hyphen is real; paragraphs are separated by a blank line.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable

# Dutch vowel pairs that would read as one sound: a hyphen between them is real
# ("politie-eenheden", "zee-egel"), so it is not a hyphenation artefact.
_VOWEL_PAIRS = {"aa", "ee", "oo", "uu", "ie", "ei", "eu", "ou", "oe", "ui", "ij", "au", "ai", "oi"}
# First parts that Dutch always writes with a hyphen before a lower-case word.
_HYPHEN_PREFIXES = {
    "niet", "non", "anti", "e", "ex", "oud", "vice", "pro", "co", "semi", "multi", "post",
    "pre", "ultra", "extra", "mede", "x", "op", "na", "een", "twee", "drie", "interim",
}  # fmt: skip
_CONJUNCTION = re.compile(r"^(?:en|of|tot|en/of|noch|als|dan|t/m)\b")
_SENTENCE_END_CHARS = (".", "?", "!", ":", ";", "»", "”", "’", '"', ")")
_WORD_BEFORE_HYPHEN = re.compile(r"(\S*?)([A-Za-zÀ-ÿ]*)-$")


def _keep_hyphen(left: str, right: str) -> bool:
    """Whether the hyphen ending ``left`` is real when ``right`` follows on the next line."""
    m = _WORD_BEFORE_HYPHEN.search(left)
    word = m.group(2) if m else ""
    if not word or not right:
        return True
    if _CONJUNCTION.match(right):
        return True  # "paspoort- en verblijfsstatushouders"
    first = right[0]
    if not first.isalpha() or first.isupper():
        return True  # "Noord-" + "Holland", "covid-" + "19"
    if any(c.isupper() for c in word[1:]) or word.isupper():
        return True  # "WIA-" + "uitkering"
    if word.lower() in _HYPHEN_PREFIXES:
        return True
    return (word[-1] + first).lower() in _VOWEL_PAIRS and not _is_syllable_break(word, right)


def _is_syllable_break(word: str, right: str) -> bool:
    # A diaeresis already marks the syllable: "financi-" + "ële" was one word.
    return right[:1] in "ëïöüéè"


def join_broken_hyphens(text: str, vocabulary: Container[str]) -> str:
    """Join hyphens that an extraction moved from a line end into a line ("jongstle-den").

    Only where the document itself shows the joined word, or the hyphen stands between
    two lower-case parts that no Dutch rule would hyphenate.
    """

    def fix(m: re.Match[str]) -> str:
        left, right = m.group(1), m.group(2)
        joined = left + right
        if joined.lower() in vocabulary:
            return joined
        if left.lower() + "-" + right.lower() in vocabulary:
            return m.group(0)
        if _keep_hyphen(left + "-", right) or len(left) < 3 or len(right) < 2:
            return m.group(0)
        return joined

    return _MIDLINE_HYPHEN.sub(fix, text) if "-" in text else text


_MIDLINE_HYPHEN = re.compile(r"(?<![\w-])([a-zà-ÿ][a-zà-ÿ]*)-([a-zà-ÿ]+)(?![\w-])")


def join_lines(lines: Iterable[str], *, wide: int = 0, para_starts: Iterable[bool] = ()) -> str:
    """Join the lines of one question or answer into its text with paragraphs.

    ``wide`` is the document's usual line length: a line that ends a sentence well short
    of it ends a paragraph (extractions that print no blank lines between paragraphs).
    """
    starts = list(para_starts)
    paragraphs: list[str] = []
    current = ""
    pending_break = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            if current and current.endswith(_SENTENCE_END_CHARS):
                pending_break = True
            continue
        if i < len(starts) and starts[i] and current:
            pending_break = True
        if line[:1] in "–•·▪" and current and line[1:2] == " ":
            pending_break = True  # a list item starts a paragraph
        if pending_break and current:
            paragraphs.append(current)
            current = ""
        pending_break = False
        if not current:
            current = line
        elif current.endswith("-") and not current.endswith(" -") and line[:1].isalpha():
            if _keep_hyphen(current, line):
                current += (" " if _CONJUNCTION.match(line) else "") + line
            else:
                current = current[:-1] + line
        elif line[:1] in ".,;:)?!" or current.endswith(("(", "/")):
            current += line
        else:
            current += " " + line
        if wide and len(raw.rstrip()) < 0.75 * wide and line.endswith(_SENTENCE_END_CHARS):
            pending_break = True
    if current:
        paragraphs.append(current)
    text = "\n\n".join(re.sub(r"[ \t]+", " ", p).strip() for p in paragraphs)
    return text.strip()
