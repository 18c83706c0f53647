"""One safe way to parse XML for every reader: no entities, no DTD, no network.

Official publications and Word files are XML written by others. An entity bomb or an
external entity (XXE) must give a clear error and read nothing, so a document with a
DOCTYPE is refused before lxml sees it, and the parser itself never resolves entities
or fetches anything.
"""

from __future__ import annotations

import re

from lxml import etree

from kamervragen.errors import ParseError
from kamervragen.readers._limits import MAX_MARKUP_BYTES
from kamervragen.readers.text import wide_codec

MAX_XML_BYTES = MAX_MARKUP_BYTES

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_DOCTYPE_TEXT = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _declares_doctype(data: bytes) -> bool:
    """Whether ``data`` declares a DOCTYPE or entities, in UTF-16 or UTF-32 as well."""
    if _DOCTYPE.search(data):
        return True
    codec = wide_codec(data, markup=True)
    return codec is not None and bool(_DOCTYPE_TEXT.search(data.decode(codec, errors="replace")))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, what: str = "XML") -> etree._Element:
    """The root element of ``data``, or a :class:`ParseError` saying why not."""
    if len(data) > MAX_XML_BYTES:
        raise ParseError(f"{what} is larger than {MAX_XML_BYTES // (1024 * 1024)} MB")
    refused = ParseError(f"{what} declares a DOCTYPE or entities, which are refused (unsafe XML)")
    if _declares_doctype(data):
        raise refused
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"{what} is not well-formed: {' '.join(exc.msg.split())}") from None
    # In an encoding the check above does not know, the parsed document tells: lxml has
    # resolved no entity and loaded no DTD meanwhile.
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.system_url:
        raise refused
    return root


def local_name(element: etree._Element) -> str:
    """The tag without its namespace ("{…}p" → "p"); "" for comments and the like."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
