"""Reader for xml documents (being written)."""

from __future__ import annotations

from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract


def read_xml(data: bytes) -> Extract:
    raise ParseError("xml documents are not supported yet")
