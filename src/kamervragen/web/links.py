"""Where things link to: cases, members, references to official publications."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote

from markupsafe import Markup, escape

OFFICIAL = "https://zoek.officielebekendmakingen.nl/"
OFFICIAL_PREFIXES = ("kst-", "ah-", "h-", "stb-", "stcrt-")
_ANCHOR_UNSAFE = re.compile(r"[^0-9A-Za-z]+")


def reference_url(target: str | None) -> str | None:
    """A reference's target as a link: official ids on officielebekendmakingen.nl,
    web addresses as they are; anything else (a zaak number, an ECLI) has none."""
    if not target:
        return None
    if target.startswith(("https://", "http://")):
        return target
    if target.startswith(OFFICIAL_PREFIXES):
        return OFFICIAL + quote(target)
    return None


def case_ref(case_id: int | str, zaak: str | None) -> str:
    """The name of a case in its URL: the zaak number where known, else its number."""
    return zaak or str(case_id)


def case_path(case_id: int | str, zaak: str | None) -> str:
    return "/zaak/" + quote(case_ref(case_id, zaak), safe="")


def name_path(kind: str, name: str) -> str:
    """``/lid/…``, ``/partij/…`` or ``/ministerie/…`` for a name."""
    return f"/{kind}/" + quote(name, safe="")


def anchor(prefix: str, number: str) -> str:
    """An element id for a question or answer number: ``vraag-2``, ``antwoord-2-3``."""
    return f"{prefix}-{_ANCHOR_UNSAFE.sub('-', number).strip('-') or 'x'}"


def linkify(text: str | None, references: Iterable[Mapping[str, str | None]]) -> Markup:
    """``text`` escaped, each printed reference in it made a link to its target."""
    text = text or ""
    links = {
        str(r["text"]): url
        for r in references
        if r.get("text") and (url := reference_url(r.get("target")))
    }
    if not links:
        return escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in sorted(links, key=len, reverse=True)))
    out: list[str] = []
    pos = 0
    for match in pattern.finditer(text):
        out.append(escape(text[pos : match.start()]))
        url = links[match.group()]
        out.append(
            Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(url, match.group())
        )
        pos = match.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)
