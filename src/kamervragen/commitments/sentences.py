"""An answer's text cut into sentences, each exactly as it stands in the text.

Dutch official prose is full of abbreviations ("jl.", "o.a.", "nr.", "ca.") and of
numbers with points, and text extracted from PDF sometimes glues a sentence to the next
("volgend jaar.Mondiaal"). A boundary is a line break, or a full stop, question or
exclamation mark that ends a word which is not an abbreviation, followed by a space (or,
where extraction lost it, directly) and a capital letter, a digit or a quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Lowercased abbreviations that end in a full stop inside a sentence (without it).
ABBREVIATIONS = frozenset({
    "a.s", "aanh", "afd", "alg", "art", "bijv", "blz", "bv", "bijl", "ca", "cf", "cie", "cq",
    "co", "d.d", "d.i", "d.w.z", "dhr", "dr", "drs", "e.a", "e.d", "e.v", "etc", "evt", "excl",
    "fig", "hfdst", "ibid", "i.c", "i.e", "i.o", "i.p.v", "i.s.m", "i.v.m", "incl", "ing", "ir",
    "jl", "j.l", "jr", "kb", "m.b.t", "m.b.v", "m.i.v", "m.n", "m.u.v", "max", "mevr", "min",
    "mln", "mld", "mr", "mrd", "mw", "n.a.v", "n.v.t", "nl", "nr", "nrs", "o.a", "o.b.v",
    "o.i.d", "o.m", "p", "pag", "par", "prof", "red", "resp", "sr", "st", "stb", "stcrt",
    "t.a.v", "t.b.v", "t.g.v", "t.o.v", "t/m", "tel", "vgl", "vs", "vz", "z.s.m", "zgn", "zg",
})  # fmt: skip

# Abbreviations that also end sentences: a capital after them opens a new one.
SENTENCE_FINAL_ABBREVIATIONS = frozenset(
    ["e.a", "e.d", "e.v", "enz", "etc", "j.l", "jl", "n.v.t", "o.i.d", "z.s.m"]
)

# A candidate end: a stop, then closing quotes or brackets, then where the next sentence
# starts. The next sentence is found by what opens it, not by what precedes it.
_END = re.compile(r"[.!?]+[\"'”’»)\]]*")
_OPENER = re.compile(r"\s*[\"'“‘«(\[]?[A-ZÀ-Ý0-9]")
_LETTERS_WITH_POINTS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_CAPITAL = re.compile(r"\s+[A-ZÀ-Ý][a-zà-ÿ]")
_GLUED_OPENER = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]")
_SPACES = re.compile(r"\s*")
# The word before a stop: what follows the last space or punctuation mark that extraction
# may have left without a space ("28 286,nr. 1324").
_WORD_BEFORE = re.compile(r"([^\s,;:(\[\"'“‘«]+)$")


def _is_abbreviation(word: str) -> bool:
    """``word`` (the text before the stop, without it) is an abbreviation or an initial."""
    bare = word.lower()
    if bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha()):
        return True
    # "o.a", "d.w.z", "A.B": letters with points between them.
    return "." in bare and _LETTERS_WITH_POINTS.fullmatch(bare) is not None


def _boundaries(line: str) -> Iterator[int]:
    """The offsets in ``line`` where a new sentence starts."""
    # Where the line's text ends: a stop after it ends no sentence with a next one. Slicing
    # the rest of the line at every stop would make a long paragraph quadratic.
    last = len(line.rstrip())
    for m in _END.finditer(line, 0, last):
        end = m.end()
        if end >= last:
            continue
        word = _WORD_BEFORE.search(line, max(0, m.start() - 40), m.start())
        before = word.group(1) if word else ""
        if (
            m.group().startswith(".")
            and _is_abbreviation(before)
            and not (before.lower() in SENTENCE_FINAL_ABBREVIATIONS and _CAPITAL.match(line, end))
        ):
            continue
        if line[end].isspace():
            opener = _OPENER.match(line, end)
            if opener:
                # The next sentence starts after the white space that follows the stop.
                yield _SPACES.match(line, end).end()  # type: ignore[union-attr]
        elif (
            # Glued by extraction: a word, number or figure, a stop, a capitalised word
            # ("het IMG.Wel zal ik"); initials ("A.B. Jansen") have one letter a part.
            m.group() == "."
            and len(before) >= 2
            and (before[-1].isalpha() or before[-1] in "0123456789%)")
            and _GLUED_OPENER.match(line, end)
        ):
            yield end


def line_spans(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence of one line, without surrounding white space."""
    start = 0
    for cut in [*_boundaries(line), len(line)]:
        piece = line[start:cut]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            yield start + lead, start + lead + len(stripped)
        start = cut


def split_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, without surrounding white space."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        spans.extend((offset + s, offset + e) for s, e in line_spans(line))
        offset += len(line)
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each exactly as it stands there."""
    return [text[start:end] for start, end in split_spans(text)]
