"""How large a document the readers and the parser take: beyond these, a ParseError.

A Kamervragen document is a few pages. The largest in the corpus is a 120 KB Word file
(its largest XML part 121 KB), a 30 KB PDF, a 57 KB XML publication; the longest text read
from any of them has 94,000 characters, the most lines 704. The limits stand far above
that and far below what would stop an ingest: each says why its value. The format
readers add their own (PDF pages and drawing objects, HTML depth and elements), the
parser one on references.
"""

from __future__ import annotations

from kamervragen.errors import ParseError

_MB = 1024 * 1024

# Any file: a PDF or Word file with images in it may be large, a text cannot; reading a
# file reads it whole into memory.
MAX_INPUT_BYTES = 32 * _MB
# An HTML page, an XML publication, all XML parts of a Word file together: lxml and lexbor
# need about 35 bytes of memory for each byte of dense markup (16 MB: 550-690 MB).
MAX_MARKUP_BYTES = 4 * _MB
# The text of a document, in characters and lines, from any format. Parsing costs about
# 20 s and 270 MB a megabyte of text at worst (250,000 short lines), 1-2 s for text as
# documents have it.
MAX_TEXT_CHARS = 1_000_000
MAX_LINES = 50_000


def check_text_size(chars: int, lines: int) -> None:
    """Refuse a text of more than :data:`MAX_TEXT_CHARS` or :data:`MAX_LINES`."""
    if chars > MAX_TEXT_CHARS:
        raise ParseError(f"more than {MAX_TEXT_CHARS:,} characters of text")
    if lines > MAX_LINES:
        raise ParseError(f"more than {MAX_LINES:,} lines of text")


def check_markup_size(size: int, what: str) -> None:
    if size > MAX_MARKUP_BYTES:
        raise ParseError(f"{what} is larger than {MAX_MARKUP_BYTES // _MB} MB")


def check_input_size(size: int) -> None:
    if size > MAX_INPUT_BYTES:
        raise ParseError(f"larger than {MAX_INPUT_BYTES // _MB} MB")
