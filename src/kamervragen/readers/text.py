"""Plain text, markdown and text extracted from PDF or Word by other tools."""

from __future__ import annotations

import codecs

from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract, Line
from kamervragen.readers._limits import check_text_size

# UTF-32 first: its little-endian mark begins with UTF-16's.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Markup without a mark: the zero bytes around the "<" it starts with (the XML spec,
# appendix F).
_MARKUP_STARTS = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def wide_codec(data: bytes, markup: bool = False) -> str | None:
    """The codec of UTF-16 or UTF-32 ``data``, known by its byte-order mark, or for
    ``markup`` also by how its first "<" is written; None for any other encoding."""
    for start, codec in _MARKS + (_MARKUP_STARTS if markup else ()):
        if data.startswith(start):
            return codec
    return None


def decode(data: bytes) -> str:
    """Bytes to text: UTF-16 or UTF-32 by their byte-order mark, UTF-8 (with or without
    BOM), else cp1252 as Windows tools write it."""
    codec = wide_codec(data)
    if codec is not None:
        return data.decode(codec, errors="replace")
    if b"\x00" in data[:4096]:
        raise ParseError("binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text(text: str) -> Extract:
    """Split text into lines; a form feed starts a new page."""
    check_text_size(len(text), 0)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_text_size(len(text), text.count("\n") + text.count("\f") + 1)
    lines: list[Line] = []
    for page_no, page in enumerate(text.split("\f")):
        for raw in page.split("\n"):
            lines.append(Line(text=raw, page=page_no))
    return Extract(lines=lines, format="text")
