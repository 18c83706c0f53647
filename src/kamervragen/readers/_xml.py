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

MAX_XML_BYTES = MAX_MARKUP_BYTES

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


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
    if _DOCTYPE.search(data):
        raise ParseError(f"{what} declares a DOCTYPE or entities, which are refused (unsafe XML)")
    try:
        return etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"{what} is not well-formed: {exc.msg}") from None


def local_name(element: etree._Element) -> str:
    """The tag without its namespace ("{…}p" → "p"); "" for comments and the like."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
