"""kamervragen: Dutch parliamentary written questions as clean per-question records.

>>> import kamervragen
>>> record = kamervragen.parse_file("document.pdf")
>>> record.questions[0].text
"""

from __future__ import annotations

from pathlib import Path

from kamervragen.errors import KamervragenError, ParseError, one_document
from kamervragen.parsing import parse_extract
from kamervragen.readers import read_bytes, read_path, read_text
from kamervragen.record import Answer, Answerer, Asker, Footnote, Question, Record

__all__ = [
    "Answer",
    "Answerer",
    "Asker",
    "Footnote",
    "KamervragenError",
    "ParseError",
    "Question",
    "Record",
    "parse_bytes",
    "parse_file",
    "parse_text",
]


def parse_text(text: str) -> Record:
    """Parse a document given as text (extracted from PDF or Word, or markdown)."""
    with one_document():
        return parse_extract(read_text(text))


def parse_bytes(data: bytes) -> Record:
    """Parse a document of any supported format; the format is found from the content.

    Raises :class:`ParseError`, and nothing else, for any input that cannot be read."""
    with one_document():
        return parse_extract(read_bytes(data))


def parse_file(path: str | Path) -> Record:
    """Parse the document in ``path``; raises :class:`ParseError` for bad input."""
    with one_document():
        return parse_extract(read_path(Path(path)))
