"""People's names as the records write them: a surname standing alone, without initials.

The records follow Dutch spelling: a surname without initials or a first name before it
starts with a capital, its prefix too ("Van Weel", "Van der Lee"); after a first name the
prefix stays small ("Inge van Dijk"). To compare two names, compare their
:func:`~kamervragen.text.normalize.name_key`: capitals and accents never matter.
"""

from __future__ import annotations

import re

_INITIALS = re.compile(r"^(?:[A-Z][a-z]?\.\s*)+")


def standing_alone(name: str) -> str:
    """A name as written with nothing before it: its first letter a capital ("van Nispen"
    gives "Van Nispen"; "Inge van Dijk" stays as it is)."""
    return name[:1].upper() + name[1:]


def surname(name: str) -> str:
    """A name without its initials: "D.M. van Weel" gives "Van Weel". A name without
    initials stays as written (the parse output keeps it so)."""
    name = re.sub(r"\s+", " ", name).strip()
    stripped = _INITIALS.sub("", name)
    if stripped != name and stripped:
        return standing_alone(stripped)
    return name
