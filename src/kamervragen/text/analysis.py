"""Dutch analysis: the same words for what is stored and what is asked.

Text is lowercased, its diacritics are folded away (``coëfficiënt`` → ``coefficient``)
and each word is cut to its stem with Snowball's Dutch Porter stemmer, so that
``gemeenten`` and ``gemeente`` meet in ``gemeent``. Snowball's newer ``dutch``
algorithm is not used: it cuts ``gemeenten`` down to ``meen``.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import Stemmer

_WORD = re.compile(r"[^\W_]+")
_local = threading.local()

# A stem at least this long is also looked for inside longer words (compounds):
# "radicaliser" in "antiradicaliseringsbeleid". Shorter stems ("wet", "zorg") would
# match inside too many unrelated words.
COMPOUND_MIN = 5


def _stemmer() -> Stemmer.Stemmer:
    # A Stemmer object is not safe to share between threads.
    stemmer: Stemmer.Stemmer | None = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("dutch_porter")
    return stemmer


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lowercase, without diacritics: ``Coëfficiënt`` → ``coefficient``."""
    if text.isascii():
        return text.lower()
    # The combining-mark blocks, removed in one pass: this runs on every stored text.
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text``: runs of letters and digits."""
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """The stem of one folded word."""
    return str(_stemmer().stemWord(word))


def analyse(text: str) -> list[str]:
    """The stems of the words of ``text``, in order."""
    found = words(text)
    return [str(s) for s in _stemmer().stemWords(found)] if found else []


def marks(text: str, stems: frozenset[str]) -> list[tuple[int, int]]:
    """Where in ``text`` (start, end) the words are whose stem is, or contains, one of
    ``stems`` (containing counts only for stems of :data:`COMPOUND_MIN` letters or more)."""
    long_stems = [s for s in stems if len(s) >= COMPOUND_MIN]
    found = list(_WORD.finditer(text))
    folded = [fold(m.group()) for m in found]
    stemmed = _stemmer().stemWords(folded) if folded else []
    return [
        (m.start(), m.end())
        for m, word, s in zip(found, folded, stemmed, strict=True)
        if s in stems or any(long in word for long in long_stems)
    ]
