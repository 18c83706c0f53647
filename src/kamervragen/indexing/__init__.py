"""Indexing: what a record becomes in the search index, computed without a store.

A record's question–answer pairs, the stems of their texts, the words that the search
filters look for and, for PostgreSQL, each pair's tsvector: pure functions of the record
(and of the ids the store gave its names). The store writes these rows in the same
transaction as the document (:mod:`kamervragen.storage`); search reads them
(:mod:`kamervragen.search`). Parsing processes call :func:`analyse_record` so that the one
writer does not have to.
"""

from kamervragen.indexing.rows import (
    Analysed,
    FilterIds,
    IndexFacts,
    Pair,
    PostgresPair,
    PostgresRows,
    analyse_record,
    facet_ids,
    fact_words,
    index_facts,
    pairs_of,
    phrase_pairs,
    postgres_rows,
    stemmed_pairs,
    with_pairs,
    with_pairs_sql,
)

__all__ = [
    "Analysed",
    "FilterIds",
    "IndexFacts",
    "Pair",
    "PostgresPair",
    "PostgresRows",
    "analyse_record",
    "facet_ids",
    "fact_words",
    "index_facts",
    "pairs_of",
    "phrase_pairs",
    "postgres_rows",
    "stemmed_pairs",
    "with_pairs",
    "with_pairs_sql",
]
