"""Plain text, markdown and text extracted from PDF or Word by other tools."""

from __future__ import annotations

from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract, Line
from kamervragen.readers._limits import check_text_size


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else cp1252 as Windows tools write it."""
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
