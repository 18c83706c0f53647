"""Reader for docx documents (being written)."""

from __future__ import annotations

from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract


def read_docx(data: bytes) -> Extract:
    raise ParseError("docx documents are not supported yet")
