"""Find a document's format from its content, not its file name."""

from __future__ import annotations

import os
import re
from pathlib import Path

from kamervragen.errors import ParseError
from kamervragen.readers._base import Extract
from kamervragen.readers._limits import MAX_INPUT_BYTES, check_input_size
from kamervragen.readers.text import decode, read_text, wide_codec

_HTML = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_MARKUP = re.compile(rb"\s*(?:<\?xml|<[A-Za-z!])")


def sniff(data: bytes) -> str:
    """The format of ``data``: "pdf", "docx", "xml", "html" or "text"."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE compound file. A password-protected .docx is one too: its directory
        # holds the encrypted package, named in UTF-16.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ParseError("an encrypted (password-protected) Word file")
        raise ParseError("an old Word 97-2003 .doc file: save it as .docx or PDF")
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    codec = wide_codec(head, markup=True)
    if codec is not None:  # UTF-16 or UTF-32: looked at as the text it is
        head = head.decode(codec, errors="ignore").encode()
    if _MARKUP.match(head):
        return "html" if _HTML.search(head) else "xml"
    return "text"


def read_bytes(data: bytes) -> Extract:
    """Read a document of any supported format from its bytes."""
    check_input_size(len(data))
    if not data.strip():
        raise ParseError("empty file")
    kind = sniff(data)
    if kind == "pdf":
        from kamervragen.readers.pdf import read_pdf

        return read_pdf(data)
    if kind == "docx":
        from kamervragen.readers.docx import is_word, read_docx

        if not is_word(data):
            raise ParseError("a zip file without a Word document in it")
        return read_docx(data)
    if kind == "xml":
        from kamervragen.readers.xml import read_xml

        return read_xml(data)
    if kind == "html":
        from kamervragen.readers.html import read_html

        return read_html(data)
    return read_text(decode(data))


def read_file(path: Path) -> bytes:
    """The bytes of the file at ``path``; a ParseError when it holds more than
    MAX_INPUT_BYTES, known from its size before anything is read."""
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        check_input_size(size)
        data = file.read(size + 1)  # not read(MAX + 1): that sets aside MAX bytes at once
        if len(data) > size:  # it grew meanwhile, or tells no size (a pipe)
            data += file.read(MAX_INPUT_BYTES + 1 - len(data))
    check_input_size(len(data))
    return data


def read_path(path: Path) -> Extract:
    try:
        data = read_file(path)
    except IsADirectoryError:
        raise ParseError("is a folder, not a file") from None
    except FileNotFoundError:
        raise ParseError("no such file") from None
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror}") from None
    return read_bytes(data)
