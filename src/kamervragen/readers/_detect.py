"""Find a document's format from its content, not its file name."""

from __future__ import annotations

from pathlib import Path

from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract
from kamervragen.readers.text import decode, read_text


def read_bytes(data: bytes) -> Extract:
    """Read a document of any supported format from its bytes."""
    if not data.strip():
        raise ParseError("empty file")
    if data.startswith(b"%PDF-"):
        from kamervragen.readers.pdf import read_pdf

        return read_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        raise ParseError("a zip container (Word .docx?): this format is not supported yet")
    return read_text(decode(data))


def read_path(path: Path) -> Extract:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ParseError("is a folder, not a file") from None
    except FileNotFoundError:
        raise ParseError("no such file") from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror}") from None
    return read_bytes(data)
