"""Parsing: the text of a Kamervragen document into its record.

The stages are small pure functions, each in its own module: pages (furniture out),
footnotes (blocks and markers out), segments (questions and answers by their headings),
header, text (lines joined, hyphens mended), references and Dutch dates. The knowledge of
lines that the readers share (headings, furniture, number lists, normalising) lives in
:mod:`kamervragen.text`.
"""

from kamervragen.parsing.parser import parse_extract

__all__ = ["parse_extract"]
