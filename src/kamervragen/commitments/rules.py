"""What counts as a commitment (toezegging): the rules of the commitments contract.

A sentence counts when the government speaks (first person, "het kabinet", a fellow
minister, or a passive whose agent is the government), promises a future act, and the
promise is checkable. Each rule below is a pattern on the lowercased sentence that finds
such a promise (a *trigger*); the trigger's clause is then checked for what takes it
back: a condition ("indien nodig"), a hedge ("ik zal bezien of"), continuing work ("ik
blijf"), a negation, or words about the answer itself ("hieronder ga ik in op").
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from kamervragen.commitments._text import lower

# Who speaks for the government (extraction may glue the words: "hetkabinet").
_GOVERNMENT = (
    r"(?:ik|ikzelf|wij|we|het\s*kabinet|de\s*regering"
    r"|mijn\s*(?:ministerie|departement|collega(?:'s)?(?:\s+van\s+[\w&,\- ]{2,60}?)?)"
    r"|het\s+ministerie(?:\s+van\s+[\w&,\- ]{2,60}?)?"
    r"|de\s+(?:minister|staatssecretaris)(?:\s+van\s+[\w&,\- ]{2,60}?)?)"
)
_FUTURE_VERB = r"(?:zal|zullen|ga|gaan|gaat)"
# Extraction glues words at line ends ("Ik zalcliëntenorganisaties", "zal ikde", "wordthier
# over geïnformeerd", "aanuw Kamer"): an auxiliary, a trailing "ik" and a participle may
# run into the next or the previous word.
_GLUED_FUTURE = r"(?:zal|zullen|(?:ga|gaan|gaat)\b)"
_INFORMED = (
    r"(?:ge[ïi]nformeerd|ingelicht|bericht|op\s+de\s+hoogte\s+(?:gesteld|gebracht)|gerapporteerd)"
)
_SENT = (
    r"(?:gestuurd|toegestuurd|verzonden|toegezonden|gezonden|verstuurd|aangeboden|gedeeld"
    r"|voorgelegd|aangeleverd)"
)
# A past participle: "genomen", "besteed", "uitgenodigd", "gedaan" (not "inzichtelijk").
_PARTICIPLE = r"(?:\w*ge\w+(?:d|t|n)|(?:be|ver|ont|her|er)\w+(?:d|t|en))"
_KAMER = r"(?:(?:uw|\bde|tweede)\s*kamer|\bu\b)"
# Acts whose present tense promises something (a letter is not sent while one writes).
_PRESENT_ACTS = (
    r"(?:stuur|stuurt|sturen|zend|zendt|zenden|informeer|informeert|informeren|bericht"
    r"|berichten|rapporteer|rapporteert|verstuur|verstuurt|kom|komt|komen)"
)
# The verbs of a promised act after "verwacht … te", "ben voornemens … te".
_ACT_INFINITIVES = (
    r"(?:informeren|in\s*te\s*lichten|(?:toe\s*)?te\s*(?:sturen|zenden)|sturen|zenden|versturen"
    r"|delen|publiceren|rapporteren|berichten|aan\s*te\s*bieden|aanbieden|komen|terug\s*te\s*komen"
    r"|nemen|besluiten|voorleggen|voor\s*te\s*leggen|starten|indienen|in\s*te\s*dienen"
    r"|evalueren|onderzoeken|laten\s*onderzoeken|aanpassen|wijzigen|opstellen|organiseren"
    r"|uitwerken|uit\s*te\s*werken|op\s*te\s*stellen|in\s*kaart\s*te\s*brengen|vast\s*te\s*leggen)"
)
_LOOK_INTO = r"(?:kijken|onderzoeken|uitzoeken|nagaan|uitwerken|evalueren|in\s+kaart\s+brengen)"


class Kind(Enum):
    """How a promise is worded; what may take it back depends on it."""

    FUTURE = "future"  # the government's "zal", "ga": "Ik zal uw Kamer informeren"
    PASSIVE = "passive"  # "Uw Kamer wordt dit najaar geïnformeerd"
    DATED = "dated"  # a present passive with a date to come: "Voor 1 mei wordt … opgesteld"
    PRESENT = "present"  # "Ik stuur uw Kamer voor de zomer een brief"
    INTENT = "intent"  # "Ik verwacht uw Kamer dit najaar te informeren"


# What a trigger's sentence must hold, lowercased: a quick test before its pattern. Each
# pattern needs one word of each of its groups (plain substring tests, far cheaper than a
# regular expression on every sentence).
_GOVERNMENT_WORDS = frozenset(
    ["ik", "wij", "we", "kabinet", "regering", "mijn", "minister", "staatssecretaris"]
)
_FUTURE_WORDS = frozenset(["zal", "zullen", "ga"])
_I_WE = frozenset(["ik", "wij"])
_KAMER_WORDS = frozenset(["kamer", " u "])
_PASSIVE_VERBS = frozenset(["wordt", "worden", "zal", "zullen"])
_INFORMED_WORDS = frozenset(["nformeerd", "ingelicht", "bericht", "hoogte", "gerapporteerd"])
_SENT_WORDS = frozenset(["stuurd", "zonden", "aangeboden", "gedeeld", "voorgelegd", "aangeleverd"])
_PRESENT_WORDS = frozenset(["stuur", "sturen", "zend", "informe", "bericht", "rapporte", "kom"])
_LET_WORDS = frozenset(["laat", "laten"])
_SOON_WORDS = frozenset(["nog", "binnenkort"])
_INTENT_WORDS = frozenset(["verwacht", "voornemens", "plan"])
# A present passive promises only with a date to come: every time expression with a date
# holds one of these (see ``due.may_have_a_date``).
_DATE_WORDS = frozenset([
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december", "zomer", "jaar", "kwartaal", "helft", "prinsjesdag",
    "kerst", "binnen", "19", "20",
])  # fmt: skip

Needs = tuple[frozenset[str], ...]

_TRIGGERS: list[tuple[Kind, Needs, re.Pattern[str]]] = [
    (kind, needs, re.compile(p))
    for kind, needs, p in (
        # "Ik zal …", "zal ik …", "het kabinet zal …", "ga ik … in gesprek".
        (Kind.FUTURE, (_GOVERNMENT_WORDS, _FUTURE_WORDS), rf"\b{_GOVERNMENT}\s+{_GLUED_FUTURE}"),
        (
            Kind.FUTURE,
            (_GOVERNMENT_WORDS, _FUTURE_WORDS),
            rf"\b{_FUTURE_VERB}\s+(?:ik|{_GOVERNMENT}\b)",
        ),
        # "De Staatssecretaris en ikzelf zullen …", "zullen de minister en ik …".
        (
            Kind.FUTURE,
            (_I_WE, frozenset(["zullen", "gaan"])),
            r"\ben\s+(?:ik|ikzelf|wij)\s+(?:zullen|gaan)\b",
        ),
        (
            Kind.FUTURE,
            (frozenset(["ik"]), frozenset(["zullen", "gaan"])),
            r"\b(?:zullen|gaan)\s+(?:[\w\-]+\s+){1,8}?en\s+(?:ik|ikzelf)\b",
        ),
        # The sentence's "ik" with a second verb: "Ik kan dit niet verklaren en laat hier
        # nog nader naar kijken", "… en zal uw Kamer informeren".
        (
            Kind.FUTURE,
            (_I_WE, _FUTURE_WORDS),
            r"^\W*(?:ik|wij)\b[^.]*?\ben\s+(?P<verb>(?:zal|zullen|ga|gaan)\b)",
        ),
        (
            Kind.PRESENT,
            (_I_WE, _PRESENT_WORDS | _LET_WORDS),
            rf"^\W*(?:ik|wij)\b[^.]*?\ben\s+(?P<verb>(?:laat|laten)\b[^,;:]*\b(?:nog|binnenkort)\b"
            rf"[^,;:]*\b{_LOOK_INTO}|{_PRESENT_ACTS}\b)",
        ),
        # The Kamer informed, or sent something: "Uw Kamer wordt dit najaar geïnformeerd".
        (
            Kind.PASSIVE,
            (_KAMER_WORDS, _PASSIVE_VERBS, _INFORMED_WORDS),
            rf"\b(?:wordt|worden|zal|zullen)[^,;:]*?{_KAMER}[^,;:]*?{_INFORMED}\b",
        ),
        (
            Kind.PASSIVE,
            (_KAMER_WORDS, _PASSIVE_VERBS, _INFORMED_WORDS),
            rf"{_KAMER}[^,;:]*?\b(?:wordt|worden|zal|zullen)[^,;:]*?{_INFORMED}\b",
        ),
        (
            Kind.PASSIVE,
            (_KAMER_WORDS, _PASSIVE_VERBS, _SENT_WORDS),
            rf"\b(?:wordt|worden|zal|zullen)[^,;:]*?\b(?:aan|naar)\s*{_KAMER}[^,;:]*?{_SENT}\b",
        ),
        (
            Kind.PASSIVE,
            (_KAMER_WORDS, _PASSIVE_VERBS, _SENT_WORDS),
            rf"\b(?:wordt|worden|zal|zullen)[^,;:]*?{_SENT}\b[^,;:]*?\b(?:aan|naar)\s*{_KAMER}",
        ),
        # A future passive: "In het nieuwe Klimaatplan zal hier aandacht aan worden besteed".
        # It may run over commas, not into a second clause (", en … worden").
        (
            Kind.PASSIVE,
            (frozenset(["zal", "zullen"]), frozenset(["worden"])),
            rf"\b(?:zal|zullen)(?:(?!,\s*en\b)[^;:.]){{0,150}}?"
            rf"(?:worden\s+{_PARTICIPLE}|{_PARTICIPLE}\s+worden)\b",
        ),
        # A present passive with a date still to come: "Voor het einde van 2024 wordt er een
        # leidraad opgesteld" (the date is checked where the trigger is judged).
        (
            Kind.DATED,
            (frozenset(["wordt", "worden"]), _DATE_WORDS),
            rf"\b(?:wordt|worden)\b[^,;:]*?\b{_PARTICIPLE}\b",
        ),
        (
            Kind.DATED,
            (frozenset(["wordt", "worden"]), _DATE_WORDS),
            rf"\b{_PARTICIPLE}\s+(?:wordt|worden)\b",
        ),
        # Present tense of a promised act: "Ik stuur uw Kamer voor de zomer een brief".
        (
            Kind.PRESENT,
            (_GOVERNMENT_WORDS, _PRESENT_WORDS),
            rf"\b(?:ik|wij|we|het\s*kabinet)\s+{_PRESENT_ACTS}\b",
        ),
        (
            Kind.PRESENT,
            (_GOVERNMENT_WORDS, _PRESENT_WORDS),
            rf"\b{_PRESENT_ACTS}\s+(?:ik|wij|we|het\s*kabinet)\b",
        ),
        # "ik laat hier nog nader naar kijken", "laat ik binnenkort onderzoeken".
        (
            Kind.PRESENT,
            (_I_WE, _LET_WORDS, _SOON_WORDS),
            rf"\b(?:ik|wij)\s+laten?\b[^,;:]*\b(?:nog|binnenkort)\b[^,;:]*\b{_LOOK_INTO}\b",
        ),
        (
            Kind.PRESENT,
            (frozenset(["ik"]), frozenset(["laat"]), _SOON_WORDS),
            rf"\blaat\s+ik\b[^,;:]*\b(?:nog|binnenkort)\b[^,;:]*\b{_LOOK_INTO}\b",
        ),
        # "Ik verwacht uw Kamer dit najaar te informeren", "Ik ben voornemens … te sturen".
        (
            Kind.INTENT,
            (_GOVERNMENT_WORDS, _INTENT_WORDS, frozenset(["te"])),
            rf"\b(?:ik|wij|het\s*kabinet)\s+(?:verwacht(?:en)?|ben\s+voornemens|zijn\s+voornemens"
            rf"|is\s+voornemens|ben\s+van\s+plan)\b(?!\s+dat\b)[^,;:]*?\bte\s*(?:kunnen\s*)?"
            rf"{_ACT_INFINITIVES}",
        ),
        (
            Kind.INTENT,
            (_I_WE, _INTENT_WORDS, frozenset(["te"])),
            rf"\b(?:verwacht\s+(?:ik|wij)|ben\s+ik\s+(?:voornemens|van\s+plan))\b(?!\s+dat\b)"
            rf"[^,;:]*?\bte\s*(?:kunnen\s*)?{_ACT_INFINITIVES}",
        ),
        # A necessity the government takes on: "Daarom zie ik mij genoodzaakt om … vast te
        # leggen" (a decision "heb ik besloten" is told in the past: often already done).
        (
            Kind.INTENT,
            (frozenset(["genoodzaakt"]),),
            r"\b(?:zie\s+ik|ik\s+zie|ziet\s+het\s*kabinet|het\s*kabinet\s+ziet)\s+(?:zich|mij)\s+"
            r"genoodzaakt\b[^,;:]*?\bte\s+\w+",
        ),
        (
            Kind.INTENT,
            (frozenset(["zeg"]), frozenset(["toe"])),
            r"\b(?:ik|wij)\s+zeg(?:gen)?\s+(?:u\s+|uw\s+kamer\s+)?toe\b|\bzeg\s+ik\b[^,;:]*\btoe\b",
        ),
    )
]

Words = tuple[str, ...]

# Words that stand in almost every paragraph: a trigger is first looked for by another of
# its groups of words (its *key*), and these only where that one is there.
_COMMON = frozenset(["ik", "we", "wij", "te", "kamer", " u ", "nog", "toe", "mijn", "minister"])


def _key(needs: Needs) -> frozenset[str]:
    """The group of a trigger's words that is looked for first: the last without common
    words (the date words come last and are never the key of a present passive)."""
    plain = [g for g in needs if g.isdisjoint(_COMMON) and g is not _DATE_WORDS]
    return plain[-1] if plain else needs[-1]


# A text's words are found with one substring test each, run by ``map`` without Python
# code per word: first the keys, then the other words of the triggers whose key is there;
# which triggers a set of words allows is worked out once per combination (few occur).
_KEYS = tuple(sorted({w for _, needs, _ in _TRIGGERS for w in _key(needs)}))

# Needed words that every pattern needs as a word of its own, or at a word's start ("zal
# ikde" is glued by extraction): "ga", "gaan" and "gaat" are "(?:ga|gaan|gaat)\b" after a
# word boundary, "we" is a word, "ik" starts one, "kom" is "kom", "komt" or "komen".
# (Each pattern starts with the word's letters, so that the engine looks for them as
# plain text; whether a word starts there is checked on the character before.)
_WORD_ONLY = {
    "ga": re.compile(r"ga\b"),
    "we": re.compile(r"we\b"),
    "ik": re.compile(r"ik"),
    "kom": re.compile(r"kom(?:t|en)?\b"),
}


def _stands_alone(lowered: str, word: str) -> bool:
    """``word`` stands in ``lowered`` (which starts with a space) as the patterns need it."""
    for m in _WORD_ONLY[word].finditer(lowered):
        before = lowered[m.start() - 1]
        if not (before.isalnum() or before == "_"):
            return True
    return False


@functools.lru_cache(maxsize=1024)
def _other_words(keys: Words) -> Words:
    """The words besides the keys of the triggers whose key is among ``keys``."""
    found = {
        w
        for _, needs, _ in _TRIGGERS
        if not _key(needs).isdisjoint(keys)
        for group in needs
        for w in group
    }
    return tuple(sorted(found - set(_KEYS)))


def _words_in(lowered: str, words: Words) -> Words:
    found = tuple(itertools.compress(words, map(lowered.__contains__, words)))
    if _WORD_ONLY.keys().isdisjoint(found):
        return found
    # Short words that most often stand inside others ("organisatie", "gebruik"): kept
    # only where they stand as the patterns need them.
    return tuple(w for w in found if w not in _WORD_ONLY or _stands_alone(lowered, w))


def needed_words(text: str, among: Words | None = None) -> Words:
    """The words that some trigger needs and ``text`` holds, lowercased (those of
    triggers whose key words it lacks may be left out).

    A sentence holds only words its line holds: pass the line's words as ``among``."""
    # A full stop may glue a sentence to the next ("gedaan.U wordt"): read it as a space,
    # so that a line never lacks a word of its sentences; " u " finds an initial "U".
    lowered = " " + text.lower().replace(".", " ")
    if among is not None:
        return _words_in(lowered, among)
    keys = _words_in(lowered, _KEYS)
    if not keys:
        return keys
    return keys + _words_in(lowered, _other_words(keys))


@functools.lru_cache(maxsize=4096)
def _possible_triggers(words: Words) -> tuple[tuple[Kind, re.Pattern[str]], ...]:
    """The triggers whose needed words are all among ``words``, in their order."""
    return tuple(
        (kind, pattern)
        for kind, needs, pattern in _TRIGGERS
        if all(not group.isdisjoint(words) for group in needs)
    )


def may_promise(words: Words) -> bool:
    """A text with these :func:`needed_words` may hold a promise (cheap;
    :func:`find_trigger` tells for sure)."""
    return bool(_possible_triggers(words))


# Words that take a promise back wherever they stand in the sentence: a condition.
_CONDITIONAL = re.compile(
    r"^\W*(?:als|indien|mocht|mochten|mits|tenzij|ingeval|in\s+het\s+geval)\b"
    r"|\b(?:indien|zo\s+nodig|waar\s+nodig|indien\s+nodig|mocht|mochten|desgewenst|bereid)\b"
    r"|^\W*(?:wanneer|waar)\b[^,]*\b(?:blijkt|blijken|nodig|noodzakelijk|mogelijk\w*|kansen)\b",
)
# Words that take a promise back within its clause.
_HEDGES = re.compile(
    # looking into whether, weighing, aiming, wishing, expecting others to act
    r"\b(?:bezien|bezie|beziet|bekijk|bekijken|bekeken|overweeg|overwegen|overwogen|verken"
    r"|verkennen|verkend|afwegen|afweging|afgewogen|nadenken|nagedacht|kijken\s+(?:of|hoe|welke"
    r"|wat|waar|in\s+hoeverre)|kijk\s+(?:ik\s+)?(?:of|hoe|welke|wat|waar)|gekeken|eventuee?le?"
    r"|streef|streven|gestreefd|streeft|beogen|beoogd|wil\s+ik|ik\s+wil|willen\s+wij|wij\s+willen"
    r"|hoop|hopen|verwacht(?:en)?\s+dat|de\s+verwachting|wordt\s+verwacht|worden\s+verwacht"
    # what others say they will do
    r"|(?:geeft|gaf|geven|gaven)\s+aan\s+dat|(?:laat|liet|laten)\s+(?:mij\s+)?weten"
    # continuing work, and policy without a new act
    r"|blijf|blijft|blijven|voortzetten|zet\s+\w+\s+voort|onverminderd|continueren|inzetten\s+op"
    r"|zet\s+in\s+op|\w*gewerkt|werk(?:en)?\s+aan|vinger\s+aan\s+de\s+pols|in\s+de\s+gaten"
    r"|volgen|volg|gevolgd|nauwlettend|toezien|toegezien|toezicht"
    # assuming, agreeing, being in charge: not acts
    r"|ervan\s*uit|er\s+\w+\s+van\s*uit|uit\s+van|ga(?:at|an)?\s+(?:\w+\s+)?akkoord|gepaard"
    r"|ga(?:at|an)?\s+(?:\w+\s+)?over(?!\s+tot)"
    # what may be possible is not promised
    r"|kunnen\s+worden|kan\s+worden|zal\s+kunnen|zullen\s+kunnen|kunnen\s+\w+\s+worden"
    # what must be done is an obligation, not a promise
    r"|moeten\s+worden|moet\s+worden|zal\s+moeten|zullen\s+moeten"
    # a refusal or a limit is not a promise
    r"|niet|geen|nooit|alleen|slechts)\b",
)
# Participles that tell what is expected or foreseen, not an act: "wordt in 2026 verwacht".
_FORESEEN = re.compile(r"\b(?:verwacht|voorzien|gepland|beoogd)\b")
_EXPECTED = re.compile(r"\bnaar\s*verwachting\b")
# A passive whose agent is named: only the government's own acts count.
_AGENT = re.compile(r"\bdoor\s+(?:de|het|een)?\s*([\w\-]+(?:\s+van\s+[\w\-]+)?)")
_GOVERNMENT_AGENT = re.compile(
    r"^(?:mij|ons|mijzelf|het\s+kabinet|kabinet|regering|minister|staatssecretaris|ministerie"
    r"|departement|rijk|rijksoverheid|bewindspersonen|mijn\b|onze?\b)",
)
# Words about the answer itself: "hieronder ga ik in op", "via de beantwoording van deze
# vragen informeer ik u", "zal ik deze gezamenlijk beantwoorden".
_ABOUT_THE_ANSWER = re.compile(
    r"\b(?:hieronder|hierna|eerst|gezamenlijk|bij\s+vraag\s+\d+)\b[^.]*\b(?:in\s+op|ingaan"
    r"|beantwoorden)\b"
    r"|\b(?:in\s+op|ingaan|beantwoorden)\b[^.]*\b(?:hieronder|hierna|gezamenlijk)\b"
    r"|\b(?:via|bij|in|met)\s+(?:de|deze)\s*beantwoording\b|\bmet\s+deze\s+brief\b"
    r"|\bin\s+(?:het|mijn)\s+antwoord(?:en)?\s+op\s+(?:vraag|de\s+vragen)\b[^.]*\b(?:in|ingaan)\b"
    r"|\bhierbij\s+(?:ontvangt|informeer|stuur|zend|bied)",
)
# "Ingaan op" promises something only where it names the letter that will do it.
_GOING_INTO = re.compile(
    r"\bin(?:gaan|\s+te\s+gaan)\b|\bga(?:at|an)?\b[^,;:]*\bin(?:\s+op)?\s*(?:[.!]|$)"
    r"|\bga(?:at|an)?\b[^,;:]*\bin\s+op\b",
)
# "gaat het kabinet nader in op": the present of "ingaan", not a "gaan" future.
_PRESENT_GOING_INTO = re.compile(r"\bga(?:at|an)?\b[^,;:]*\bin(?:\s+op\b|\s*(?:[.!]|$))")
_VEHICLE = re.compile(
    r"\b(?:brief|kamerbrief|verzamelbrief|voortgangsbrief|voortgangsrapportage|rapportage"
    r"|notitie|nota|reactie|kabinetsreactie|beleidsreactie|plan|monitor|evaluatie|wetsvoorstel)\b",
)
# Present-tense acts under way ("op dit moment laat ik onderzoeken") are not promises.
_UNDER_WAY = re.compile(
    r"\b(?:op\s*dit\s*moment|momenteel|thans|inmiddels|reeds|al\s+(?:eerder|langer|geruime))\b",
)
_PAST = re.compile(r"\b(?:heb|hebben|heeft|had|hadden|was|waren|werd|werden|ben\s+\w+\s+ge\w+)\b")

# Clauses: a promise and what takes it back must stand in the same one.
_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+|,\s+|\s+[–—-]\s+|\s+(?:en|maar|waarna|terwijl|omdat|zodat|doordat|waardoor"
    r"|waarbij|waarmee|want)\s+",
)


@dataclass(frozen=True)
class Trigger:
    """Where in a sentence a promise stands: the clause (start, end) of its verb."""

    start: int
    end: int


Span = tuple[int, int]


def clauses(sentence: str) -> list[Span]:
    """(start, end) of the clauses of ``sentence``, in order."""
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(lower(sentence)):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(s, e) for s, e in spans if e > s]


def _clause_at(spans: list[Span], position: int) -> Span:
    for start, end in spans:
        if start <= position < end:
            return start, end
    return spans[-1]


def _agent_is_others(text: str) -> bool:
    """A passive names an agent ("door de NVWA") that is not the government."""
    return any(not _GOVERNMENT_AGENT.match(m.group(1)) for m in _AGENT.finditer(text))


def _holds(sentence: str, span: Span, kind: Kind, dated: Callable[[], Sequence[Span]]) -> bool:
    """The promise of ``kind`` in the clause ``span`` of ``sentence`` is not taken back."""
    clause = sentence[span[0] : span[1]]
    # A passive has no subject of its own to stand on: what governs it earlier in the
    # sentence counts too ("Ik zal bezien op welke wijze dit zal worden ingevuld").
    passive = kind in (Kind.PASSIVE, Kind.DATED)
    if _HEDGES.search(sentence[: span[1]] if passive else clause):
        return False
    if _ABOUT_THE_ANSWER.search(clause):
        return False
    # Another party's expected work: "Naar verwachting zal het onderzoek worden afgerond".
    if passive and _EXPECTED.search(clause):
        return False
    if kind is Kind.DATED and (
        _FORESEEN.search(clause) or not any(span[0] <= start < span[1] for start, _ in dated())
    ):
        return False
    if kind is Kind.FUTURE and _PRESENT_GOING_INTO.search(clause):
        return False
    if _GOING_INTO.search(clause) and not _VEHICLE.search(sentence):
        return False
    if kind is not Kind.FUTURE and _agent_is_others(clause):
        return False
    # A present tense promises only where it is not work under way or done.
    return not (kind is Kind.PRESENT and (_UNDER_WAY.search(clause) or _PAST.search(clause)))


def _no_dates() -> Sequence[Span]:
    return ()


def find_trigger(
    sentence: str, dated: Callable[[], Sequence[Span]] = _no_dates, words: Words | None = None
) -> Trigger | None:
    """The clause of the first promise in ``sentence`` that holds, or None.

    ``dated`` gives the spans of the sentence's time words whose date is still to come on
    the answer's date (they make a present passive a promise); it is called only when a
    present passive needs it. ``words`` are the sentence's :func:`needed_words`, if known."""
    # The quick tests first: most sentences hold none of the words a promise needs, and
    # whether the sentence is conditional is asked only of one that holds a promise.
    possible = _possible_triggers(needed_words(sentence) if words is None else words)
    if not possible:
        return None
    # Every pattern is lowercase: matching the lowered sentence is matching without case.
    sentence = lower(sentence)
    conditional: bool | None = None
    spans: list[Span] | None = None
    for kind, pattern in possible:
        for m in pattern.finditer(sentence):
            if conditional is None:
                conditional = _CONDITIONAL.search(sentence) is not None
                spans = clauses(sentence)
            if conditional or spans is None:
                return None
            verb = m.start("verb") if "verb" in pattern.groupindex else m.start()
            start, end = _clause_at(spans, verb)
            # A trigger that runs over a clause break is judged on all it covers.
            end = max(end, _clause_at(spans, max(m.end() - 1, m.start()))[1])
            if _holds(sentence, (start, end), kind, dated):
                return Trigger(start, end)
    return None


def hedged(clause: str) -> bool:
    """``clause`` holds words that take a promise back (its time words are not a
    promise's)."""
    return bool(_HEDGES.search(lower(clause)))
