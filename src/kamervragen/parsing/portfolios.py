"""The names of Dutch ministries and ministers' portfolios, to split "van A en B".

"aan de ministers van Justitie en Veiligheid en Binnenlandse Zaken" names two offices,
but "en" also stands inside names; only knowing the names tells where one ends. The list
holds the portfolios of ministries and of ministers "voor" a portfolio since 1994.
"""

from __future__ import annotations

import re

from kamervragen.text.normalize import name_key

NAMES = (
    "Algemene Zaken",
    "Asiel en Migratie",
    "Binnenlandse Zaken",
    "Binnenlandse Zaken en Koninkrijksrelaties",
    "Buitenlandse Handel en Ontwikkelingssamenwerking",
    "Buitenlandse Zaken",
    "Defensie",
    "Economische Zaken",
    "Economische Zaken en Klimaat",
    "Economische Zaken, Landbouw en Innovatie",
    "Financiën",
    "Infrastructuur en Milieu",
    "Infrastructuur en Waterstaat",
    "Justitie",
    "Justitie en Veiligheid",
    "Klimaat en Energie",
    "Klimaat en Groene Groei",
    "Landbouw, Natuur en Voedselkwaliteit",
    "Landbouw, Natuurbeheer en Visserij",
    "Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Medische Zorg",
    "Medische Zorg en Sport",
    "Natuur en Stikstof",
    "Onderwijs, Cultuur en Wetenschap",
    "Ontwikkelingssamenwerking",
    "Primair en Voortgezet Onderwijs",
    "Rechtsbescherming",
    "Sociale Zaken en Werkgelegenheid",
    "Veiligheid en Justitie",
    "Verkeer en Waterstaat",
    "Volksgezondheid, Welzijn en Sport",
    "Volkshuisvesting en Ruimtelijke Ordening",
    "Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer",
    "Wonen en Rijksdienst",
    "Armoedebeleid, Participatie en Pensioenen",
    "Langdurige Zorg, Jeugd en Sport",
    "Jeugd, Preventie en Sport",
    "Buitenlandse Handel",
    "Integratie en Asiel",
    "Vreemdelingenzaken en Integratie",
    "Wonen, Wijken en Integratie",
    "Jeugd en Gezin",
    "Europese Zaken",
)


def _key(name: str) -> str:
    # "Koninkrijkrelaties" is a common misspelling of "Koninkrijksrelaties".
    return name_key(name).replace("koninkrijks", "koninkrijk")


_KNOWN = frozenset(_key(n) for n in NAMES)


def split_portfolios(text: str) -> list[str] | None:
    """ "Justitie en Veiligheid en Binnenlandse Zaken" → the two names, as written; None
    when the text is one name, or cannot be cut into known names entirely."""
    if _key(text) in _KNOWN:
        return None
    parts = re.split(r"\s+en\s+", text.strip())
    # The fewest known names that, joined by "en" in order, make up the whole text.
    best: list[list[str] | None] = [None] * (len(parts) + 1)
    best[0] = []
    for end in range(1, len(parts) + 1):
        for start in range(end):
            head = best[start]
            name = " en ".join(parts[start:end])
            shorter = best[end] is None or len(head or []) + 1 < len(best[end] or [])
            if head is not None and _key(name) in _KNOWN and shorter:
                best[end] = [*head, name]
    found = best[-1]
    return found if found and len(found) > 1 else None
