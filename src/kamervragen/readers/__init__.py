"""Readers turn a file's bytes into lines for the parser, one reader per format.

Every reader returns an :class:`Extract`: the document's lines in reading order,
each with its page number and, where the format knows it, its role (body text,
footnote, page furniture). The parser classifies the lines whose role is unknown.
"""

from kamervragen.readers._base import Extract, Line, Role
from kamervragen.readers._detect import read_bytes, read_file, read_path
from kamervragen.readers._limits import (
    MAX_INPUT_BYTES,
    MAX_LINES,
    MAX_MARKUP_BYTES,
    MAX_TEXT_CHARS,
    check_text_size,
)
from kamervragen.readers.text import read_text

__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_LINES",
    "MAX_MARKUP_BYTES",
    "MAX_TEXT_CHARS",
    "Extract",
    "Line",
    "Role",
    "check_text_size",
    "read_bytes",
    "read_file",
    "read_path",
    "read_text",
]
