"""Reader for html documents (being written)."""

from __future__ import annotations

from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract


def read_html(data: bytes) -> Extract:
    raise ParseError("html documents are not supported yet")
