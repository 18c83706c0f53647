"""Lowercasing that keeps every offset: patterns run on the lowered text, case-sensitive.

Case-insensitive matching costs the regular expression engine two to three times as much
on every character; lowering the text once and matching lowercase patterns gives the same
matches at the same offsets, so that the words can be cut from the original text.
"""

from __future__ import annotations


def lower(text: str) -> str:
    """``text`` lowercased, one character for one ("İ" lowers to two and is kept)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
