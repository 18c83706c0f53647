"""Keeping the search index in step with the store: one call per stored document.

:meth:`Store._add` calls :func:`index_document` after it inserts a document. Removing
needs no call: a pair's rows go with its document (``ON DELETE CASCADE``), and in
SQLite a trigger takes its FTS5 row along. Which pairs a better document of their case
repeats (``search_facts.hidden``) is kept by triggers on ``documents``.

In SQLite each text column also holds each two adjacent stems as one token
(:func:`with_pairs`), so that a phrase is a lookup of its pairs, not a check of the
positions of every row holding its words.

Besides the stems, each pair is indexed with words for what the filters ask
(:func:`fact_words`): ``p<id>`` for the party of an asker, ``m<id>`` the asker,
``o<id>`` an office asked, ``a<id>`` an answerer, ``k<kind>``, ``s<year>`` and
``r<year>`` for the years submitted and received, ``sd<decade>`` and ``rd<decade>``
(``sd202`` for 2020–2029) for their decades. Queries look for them only in their
own column (SQLite) or weight D (PostgreSQL), never for the words of a query.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from kamervragen.record import Record, record_from_dict
from kamervragen.text.analysis import COMPOUND_MIN, analyse

if TYPE_CHECKING:  # the store imports this module
    from kamervragen.storage import Store


@dataclass(frozen=True)
class _Pair:
    position: int
    number: str
    question: str
    answer: str


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
    pairs = _pairs(record)
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


def _pairs(record: Record) -> list[_Pair]:
    """Each question with the text of the answers that answer it (as the store links them)."""
    answers_of: dict[int, list[str]] = {}
    for answer, question in sorted(record.links(), key=lambda link: (link[1], link[0])):
        answers_of.setdefault(question, []).append(record.answers[answer].text)
    return [
        _Pair(i, q.number, q.text, "\n\n".join(answers_of.get(i, [])))
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


# A stored document's ids for the filter words: (prefix, id), in this order.
Ids = list[tuple[str, int | None]]


def fact_words(record: Record, ids: Ids) -> list[str]:
    """The filter words of a stored document (see the module's docstring); ``ids`` are
    its ids as :meth:`Store._insert_document` gives them (or :func:`_ids` reads them)."""
    found = [f"k{record.kind}"]
    for prefix, date in (("s", record.submitted), ("r", record.received)):
        found += [f"{prefix}{date[:4]}", f"{prefix}d{date[:3]}"] if date else []
    return found + [f"{prefix}{i}" for prefix, i in ids if i is not None]


def _ids(store: Store, document_id: int, ids: Ids | None) -> Ids:
    """A stored document's ``ids`` (see :func:`fact_words`), read from the store if None."""
    if ids is not None:
        return ids
    return [
        (str(prefix), i)
        for prefix, i in store.query(
            "SELECT 'm', person_id FROM document_askers WHERE document_id = ?"
            " UNION ALL SELECT 'p', party_id FROM document_askers WHERE document_id = ?"
            " UNION ALL SELECT 'o', office_id FROM document_addressees WHERE document_id = ?"
            " UNION ALL SELECT 'a', person_id FROM document_answerers WHERE document_id = ?",
            (document_id,) * 4,
        )
    ]


def facet_ids(ids: Ids, prefix: str) -> str | None:
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


def _tsvector(fields: Iterable[tuple[list[str], str]], offset: int = 0) -> str:
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
    return _tsvector(fields), sum(len(stems) + 1 for stems, _ in fields)


_Stemmed = list[tuple[_Pair, list[str], list[str]]]


def _stemmed(
    record: Record, pairs: list[_Pair], analysed: Analysed | None
) -> tuple[_Stemmed, list[str], list[str], tuple[tuple[str, int], ...] | None]:
    """Each pair with its question's and answer's stems, the subject's stems, the terms
    for the compound look-up and the prepared tsvectors (if any)."""
    stems = (analysed or analyse_record(record)).stems

    def once(text: str) -> list[str]:
        return stems[text] if text in stems else analyse(text)

    subject = once(record.subject or "")
    stemmed = [(p, once(p.question), once(p.answer)) for p in pairs]
    terms = _terms(subject, ((q, a) for _, q, a in stemmed))
    return stemmed, subject, terms, analysed.tsv if analysed else None


def _postgres_pairs(
    pairs: list[_Pair], texts: Sequence[tuple[str, int]], facts: list[str]
) -> list[tuple[int, str, str, str, str]]:
    """PostgreSQL's ``search_pairs`` values: position, number, question, answer, tsvector
    (``texts``: each pair's tsvector without the filter words, and their offset)."""
    # PostgreSQL merges a stem's positions from both parts.
    return [
        (p.position, p.number, p.question, p.answer, f"{text} {_tsvector(((facts, 'D'),), offset)}")
        for p, (text, offset) in zip(pairs, texts, strict=True)
    ]


# search_facts values: kind, submitted, received, year, parties, ministries.
_Facts = tuple[str, str | None, str | None, int | None, str | None, str | None]


def _facts(record: Record, names: bool = True) -> _Facts:
    """A document's ``search_facts`` values: kind, submitted, received, year, parties,
    ministries. ``names``: the parties and ministries too, else None (SQLite counts its
    facets from ``search_facet_ids``; nothing there reads these)."""
    return (
        record.kind,
        record.submitted,
        record.received,
        _year(record),
        _names(a.party for a in record.askers) if names else None,
        _names(record.addressees) if names else None,
    )


@dataclass(frozen=True)
class PostgresRows:
    """What :func:`index_document` writes for a PostgreSQL store, for a store that writes
    it its own way (in one statement with the document)."""

    pairs: list[tuple[int, str, str, str, str]]  # see _postgres_pairs
    facts: _Facts
    terms: list[str]  # the stems of the compound look-up not written by this store before

    @property
    def year(self) -> int | None:
        return self.facts[3]


def postgres_rows(
    store: Store, record: Record, analysed: Analysed | None, ids: Ids
) -> PostgresRows:
    """The search index rows of a document for PostgreSQL (``ids`` as :func:`fact_words`
    takes them); the caller writes them."""
    pairs = _pairs(record)
    if not pairs:
        return PostgresRows([], _facts(record), [])
    if analysed and analysed.tsv is not None and analysed.terms is not None:
        texts, terms = analysed.tsv, list(analysed.terms)  # from a parsing process
    else:
        stemmed, subject, terms, _ = _stemmed(record, pairs, analysed)
        texts = tuple(_texts_tsvector(q, subject, a) for _, q, a in stemmed)
    facts = fact_words(record, ids)
    return PostgresRows(
        _postgres_pairs(pairs, texts, facts), _facts(record), store.new_terms(terms)
    )


def index_document(
    store: Store,
    document_id: int,
    record: Record,
    analysed: Analysed | None = None,
    ids: Ids | None = None,
) -> None:
    """Index the question–answer pairs of a document just inserted (same transaction).

    ``analysed`` is :func:`analyse_record` of the record, and ``ids`` the ids of its filter
    words (see :func:`fact_words`), when the caller has them already."""
    pairs = _pairs(record)
    if not pairs:
        return
    year = _year(record)
    analysed, subject, terms, prepared = _stemmed(record, pairs, analysed)
    ids = _ids(store, document_id, ids)
    facts = fact_words(record, ids)
    if store.dialect.name == "postgresql":
        texts = prepared or [_texts_tsvector(q, subject, a) for _, q, a in analysed]
        store.executemany(
            "INSERT INTO search_pairs (document_id, position, number, question, answer, year,"
            " tsv) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS tsvector))",
            [
                (document_id, position, number, question, answer, year, tsv)
                for position, number, question, answer, tsv in _postgres_pairs(pairs, texts, facts)
            ],
        )
    else:
        store.executemany(
            "INSERT INTO search_pairs (document_id, position, number, question, answer, year)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(document_id, p.position, p.number, p.question, p.answer, year) for p in pairs],
        )
        _insert_search_text(store, document_id, with_pairs(subject), " ".join(facts), analysed)
        # What the facets count, narrow enough that a search reads few pages for them.
        store.execute(
            "INSERT INTO search_facet_ids (pair_id, year, parties, offices)"
            " SELECT id, ?, ?, ? FROM search_pairs WHERE document_id = ?",
            (year, facet_ids(ids, "p"), facet_ids(ids, "o"), document_id),
        )
    # The same facts for every pair of the document: one statement for them all.
    store.execute(
        "INSERT INTO search_facts (pair_id, kind, submitted, received, year, parties,"
        " ministries) SELECT id, ?, ?, ?, ?, ?, ? FROM search_pairs WHERE document_id = ?",
        (*_facts(record, names=store.dialect.name == "postgresql"), document_id),
    )
    # Only the terms the store has not written before (most of a document's are known);
    # terms are never deleted.
    new = store.new_terms(terms)
    if not new:
        return
    if store.dialect.name == "postgresql":
        # One statement for all of a document's stems: sent one by one, they were most
        # of a document's round trips and statements.
        store.execute(
            "INSERT INTO search_terms (term) SELECT unnest(CAST(? AS text[]))"
            " ON CONFLICT (term) DO NOTHING",
            (new,),
        )
    else:
        # One statement, for the reason of _insert_search_text: each new term's trigger
        # writes to the FTS5 table of trigrams.
        store.execute(
            "INSERT INTO search_terms (term) SELECT value FROM json_each(?) WHERE true"
            " ON CONFLICT (term) DO NOTHING",
            (json.dumps(new),),
        )


# Rows of one statement: three parameters each, well within SQLite's limit of 32,766.
_FTS5_ROWS = 1000


def _insert_search_text(
    store: Store,
    document_id: int,
    subject: str,
    facts: str,
    analysed: _Stemmed,
) -> None:
    """A document's rows of the FTS5 table ``search_text``, in one statement.

    FTS5 writes what it holds of a transaction to disk as a new segment whenever a later
    statement of the transaction starts (a statement savepoint), so a statement per pair
    wrote a segment per pair, each one merged again and again later: most of an
    ingest's writing. One statement for the document writes one segment.
    """
    for i in range(0, len(analysed), _FTS5_ROWS):
        chunk = analysed[i : i + _FTS5_ROWS]
        values = ", ".join("(?, ?, ?)" for _ in chunk)
        store.execute(
            f"WITH t (position, question, answer) AS (VALUES {values})"
            " INSERT INTO search_text (rowid, question, answer, subject, facts)"
            " SELECT p.id, t.question, t.answer, ?, ? FROM t JOIN search_pairs p"
            " ON p.document_id = ? AND p.position = t.position",
            [
                *(v for p, q, a in chunk for v in (p.position, with_pairs(q), with_pairs(a))),
                subject,
                facts,
                document_id,
            ],
        )


def reindex(store: Store) -> int:
    """Index every stored document again (for a store filled before search existed).

    Returns the number of pairs indexed.
    """
    from kamervragen.storage.migrations import hide_superseded  # the store imports us

    with store.transaction():
        store.execute("DELETE FROM search_pairs")
        for document_id, record in store.query("SELECT id, record FROM documents ORDER BY id"):
            index_document(store, int(document_id), record_from_dict(json.loads(record)))
        store.execute(hide_superseded("d.case_id IS NOT NULL"))
    return int(store.query("SELECT count(*) FROM search_pairs")[0][0])
