"""A record's rows of the search index: pairs, stems, filter words and tsvectors.

In SQLite each text column also holds each two adjacent stems as one token
(:func:`with_pairs`), so that a phrase is a lookup of its pairs, not a check of the
positions of every row holding its words.

Besides the stems, each pair is indexed with words for what the filters ask
(:func:`fact_words`), each a prefix and a value:

=========  ============================================  ==================
prefix     what                                          example
=========  ============================================  ==================
``k``      the kind of document                          ``kanswer``
``s``      the year submitted                            ``s2017``
``sd``     the decade submitted (year // 10)             ``sd201`` (2010s)
``r``      the year received                             ``r2017``
``rd``     the decade received                           ``rd201``
``m``      an asker (``persons.id``)                     ``m12``
``p``      an asker's party (``parties.id``)             ``p3``
``o``      an office asked (``offices.id``)              ``o7``
``a``      an answerer (``persons.id``)                  ``a40``
=========  ============================================  ==================

A search looks for them only in their own column (SQLite) or weight D (PostgreSQL),
never for the words of a query. A decade is one word, so that a range of years is an OR
of few words.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from kamervragen.record import Record
from kamervragen.text.analysis import COMPOUND_MIN, analyse
from kamervragen.text.hashing import text_hash


@dataclass(frozen=True)
class Pair:
    """One question with the text of the answers that answer it."""

    position: int
    number: str
    question: str
    answer: str

    @property
    def question_hash(self) -> str:
        return text_hash(self.question)

    @property
    def answer_hash(self) -> str:
        return text_hash(self.answer)


@dataclass(frozen=True)
class Analysed:
    """A record's texts as the index stores them: each distinct text's stems."""

    stems: dict[str, list[str]]
    # PostgreSQL: each pair's tsvector of question, subject and answer, and the position
    # after them, where the filter words go (only the store knows those).
    tsv: tuple[tuple[str, int], ...] | None = None
    # PostgreSQL: the stems for the compound look-up. With these and the tsvectors the
    # writer needs no stems, which are then left out (unpickling them cost the one writer
    # more than anything else it was handed).
    terms: tuple[str, ...] | None = None


def analyse_record(record: Record, tsvector: bool = False) -> Analysed:
    """Analyse every text the index needs, once (a grouped answer serves several pairs);
    with ``tsvector`` build each pair's PostgreSQL tsvector too, so that the process that
    analyses (a parsing process) does it instead of the one writer."""
    pairs = pairs_of(record)
    texts = [record.subject or "", *(p.question for p in pairs), *(p.answer for p in pairs)]
    stems = {t: analyse(t) for t in dict.fromkeys(texts)}
    if not tsvector:
        return Analysed(stems)
    subject = stems[record.subject or ""]
    stemmed = [(stems[p.question], stems[p.answer]) for p in pairs]
    return Analysed(
        {},
        tuple(_texts_tsvector(q, subject, a) for q, a in stemmed),
        tuple(_terms(subject, stemmed)),
    )


def _terms(subject: list[str], stemmed: Iterable[tuple[list[str], list[str]]]) -> list[str]:
    """The stems for the compound look-up: the longer ones of the pairs and the subject."""
    return sorted({s for q, a in stemmed for s in (*q, *a, *subject) if len(s) > COMPOUND_MIN})


def pairs_of(record: Record) -> list[Pair]:
    """Each question with the text of the answers that answer it (as the store links them)."""
    answers_of: dict[int, list[str]] = {}
    for answer, question in sorted(record.links(), key=lambda link: (link[1], link[0])):
        answers_of.setdefault(question, []).append(record.answers[answer].text)
    return [
        Pair(i, q.number, q.text, "\n\n".join(answers_of.get(i, [])))
        for i, q in enumerate(record.questions)
    ]


def with_pairs(stems: list[str]) -> str:
    """An FTS5 column's text: the stems, then each two adjacent stems as one token
    (``kleine gemeent`` → ``kleine gemeent kleine_gemeent``).

    A phrase is then looked up as its pairs (:func:`phrase_pairs`): one doclist of the
    pair instead of checking the positions of every row holding both words, which for
    two common words means most rows. The stems hold no ``_`` (the analysis keeps
    letters and digits only), so a pair token is never a word's.
    """
    return " ".join([*stems, *(f"{a}_{b}" for a, b in pairwise(stems))])


def phrase_pairs(stems: tuple[str, ...] | list[str]) -> list[str]:
    """The tokens that stand for a phrase of ``stems`` in a column of :func:`with_pairs`:
    its adjacent pairs, in a row exactly where the stems are."""
    if len(stems) < 2:
        return list(stems)
    return [f"{a}_{b}" for a, b in pairwise(stems)]


def with_pairs_sql(text: str | None) -> str | None:
    """:func:`with_pairs` of a column's stems as stored (the SQL function
    ``search_with_pairs`` that migration ``search_phrase_pairs`` uses)."""
    return None if text is None else with_pairs(text.split())


def _year(record: Record) -> int | None:
    date = record.submitted or record.received
    return int(date[:4]) if date else None


# A stored document's ids for the filter words: (prefix, id), in this order: askers
# (``m``), their parties (``p``), offices asked (``o``), answerers (``a``).
FilterIds = list[tuple[str, int | None]]


def fact_words(record: Record, ids: FilterIds) -> list[str]:
    """The filter words of a stored document (see the module's docstring); ``ids`` are
    its ids as the store gave them."""
    found = [f"k{record.kind}"]
    for prefix, date in (("s", record.submitted), ("r", record.received)):
        found += [f"{prefix}{date[:4]}", f"{prefix}d{date[:3]}"] if date else []
    return found + [f"{prefix}{i}" for prefix, i in ids if i is not None]


def facet_ids(ids: FilterIds, prefix: str) -> str | None:
    """The distinct ids of one kind (``p`` parties, ``o`` offices) as ``search_facet_ids``
    holds them: ``"3,7"``."""
    found = dict.fromkeys(str(i) for p, i in ids if p == prefix and i is not None)
    return ",".join(found) or None


def _names(values: Iterable[str | None]) -> str | None:
    return "\n".join(dict.fromkeys(v for v in values if v)) or None


_LAST_POSITION = 16383  # PostgreSQL's; later words all stand there


@functools.lru_cache(maxsize=8)
def _labels(weight: str) -> list[str]:
    """Each position's label in a tsvector literal (``12A``), made once: formatting one for
    every word was most of the time a tsvector took."""
    return [f"{i}{weight}" for i in range(_LAST_POSITION + 1)]


def tsvector(fields: Iterable[tuple[list[str], str]], offset: int = 0) -> str:
    """A PostgreSQL tsvector literal: each stem with its positions (after ``offset``) and
    field weight."""
    positions: dict[str, str] = {}
    get = positions.get
    for stems, weight in fields:
        labels = _labels(weight)
        for i, s in enumerate(stems, start=offset + 1):
            label = labels[i] if i < _LAST_POSITION else labels[_LAST_POSITION]
            known = get(s)  # most stems stand once in a pair
            positions[s] = label if known is None else f"{known},{label}"
        offset += len(stems) + 1  # a gap, so that no phrase runs from one field on
    return " ".join([f"'{s}':{p}" for s, p in positions.items()])


def _texts_tsvector(question: list[str], subject: list[str], answer: list[str]) -> tuple[str, int]:
    """A pair's tsvector without its filter words, and the offset at which they follow."""
    fields = ((question, "A"), (subject, "B"), (answer, "C"))
    return tsvector(fields), sum(len(stems) + 1 for stems, _ in fields)


# Each pair with its question's and answer's stems.
Stemmed = list[tuple[Pair, list[str], list[str]]]


def stemmed_pairs(
    record: Record, pairs: list[Pair], analysed: Analysed | None
) -> tuple[Stemmed, list[str], list[str]]:
    """Each pair with its question's and answer's stems, the subject's stems and the
    terms for the compound look-up (``analysed``: the record's stems, when known)."""
    stems = (analysed or analyse_record(record)).stems

    def once(text: str) -> list[str]:
        return stems[text] if text in stems else analyse(text)

    subject = once(record.subject or "")
    stemmed = [(p, once(p.question), once(p.answer)) for p in pairs]
    terms = _terms(subject, ((q, a) for _, q, a in stemmed))
    return stemmed, subject, terms


class IndexFacts(NamedTuple):
    """A document's ``search_facts`` values, the same for each of its pairs."""

    kind: str
    submitted: str | None
    received: str | None
    year: int | None  # submitted, else received
    parties: str | None  # the askers' parties, one a line
    ministries: str | None  # the offices asked, one a line


def index_facts(record: Record, names: bool = True) -> IndexFacts:
    """A document's ``search_facts`` values. ``names``: the parties and ministries too,
    else None (SQLite counts its facets from ``search_facet_ids``; nothing there reads
    these)."""
    return IndexFacts(
        record.kind,
        record.submitted,
        record.received,
        _year(record),
        _names(a.party for a in record.askers) if names else None,
        _names(record.addressees) if names else None,
    )


class PostgresPair(NamedTuple):
    """A row of PostgreSQL's ``search_pairs`` (but the document's id and the year)."""

    position: int
    number: str
    question: str
    answer: str
    tsv: str  # with the filter words
    question_hash: str
    answer_hash: str


@dataclass(frozen=True)
class PostgresRows:
    """A document's rows of the search index in PostgreSQL."""

    pairs: list[PostgresPair]
    facts: IndexFacts
    terms: list[str]  # the stems of the compound look-up


def postgres_rows(record: Record, analysed: Analysed | None, ids: FilterIds) -> PostgresRows:
    """The search index rows of a document for PostgreSQL (``ids`` as :func:`fact_words`
    takes them)."""
    pairs = pairs_of(record)
    if not pairs:
        return PostgresRows([], index_facts(record), [])
    texts: Sequence[tuple[str, int]]
    if analysed and analysed.tsv is not None and analysed.terms is not None:
        texts, terms = analysed.tsv, list(analysed.terms)  # from a parsing process
    else:
        stemmed, subject, terms = stemmed_pairs(record, pairs, analysed)
        texts = [_texts_tsvector(q, subject, a) for _, q, a in stemmed]
    facts = fact_words(record, ids)
    # PostgreSQL merges a stem's positions from both parts.
    rows = [
        PostgresPair(
            p.position,
            p.number,
            p.question,
            p.answer,
            f"{text} {tsvector(((facts, 'D'),), offset)}",
            p.question_hash,
            p.answer_hash,
        )
        for p, (text, offset) in zip(pairs, texts, strict=True)
    ]
    return PostgresRows(rows, index_facts(record), terms)
