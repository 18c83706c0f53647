"""Parsing: the text of a Kamervragen document into its record.

The stages are small pure functions, each in its own module: pages (furniture out),
footnotes (blocks and markers out), headings and segments, header, text (lines joined,
hyphens mended), numbers (number lists expanded) and dates.
"""

from kamervragen.parsing.parser import parse_extract

__all__ = ["parse_extract"]
