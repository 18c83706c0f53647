"""The search syntax: what a query means, and malformed queries told apart clearly."""

from __future__ import annotations

import pytest

from kamervragen.errors import KamervragenError
from kamervragen.search import Query, QueryError, parse
from kamervragen.search.query import Term


def test_words_are_all_required() -> None:
    assert parse("radicalisering  gemeenten") == Query(
        ((Term("radicalisering"),), (Term("gemeenten"),))
    )


def test_a_phrase_keeps_its_words_together() -> None:
    assert parse('"kleine gemeenten" beleid') == Query(
        ((Term("kleine gemeenten", phrase=True),), (Term("beleid"),))
    )


def test_or_joins_neighbours_closer_than_and() -> None:
    assert parse('zorg jemen OR soedan OR "hoorn van afrika"') == Query(
        (
            (Term("zorg"),),
            (Term("jemen"), Term("soedan"), Term("hoorn van afrika", phrase=True)),
        )
    )
    # Lowercase "or" is an ordinary word.
    assert parse("jemen or soedan").groups == ((Term("jemen"),), (Term("or"),), (Term("soedan"),))


def test_exclusion_and_sides() -> None:
    query = parse('vraag:radicalisering -antwoord:"kleine gemeenten" -politie Onderwerp:zorg')
    assert query.groups == (
        (Term("radicalisering", field="question"),),
        (Term("zorg", field="subject"),),
    )
    assert query.excluded == (
        Term("kleine gemeenten", phrase=True, field="answer"),
        Term("politie"),
    )


def test_a_colon_that_is_no_side_stays_in_the_word() -> None:
    assert parse("artikel:12").groups == ((Term("artikel:12"),),)
    # A hyphen inside a word is no exclusion.
    assert parse("covid-19").groups == ((Term("covid-19"),),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty query"),
        ("   ", "empty query"),
        ('"kleine gemeenten', "unclosed quote"),
        ('radicalisering "', "unclosed quote"),
        ("radicalisering -", "lone '-'"),
        ("- radicalisering", "lone '-'"),
        ('""', "empty phrase"),
        ("vraag:", "'vraag:' needs a word"),
        ("antwoord: zorg", "'antwoord:' needs a word"),
        ("vraag:-zorg", "put '-' before 'vraag:'"),
        ("OR zorg", "OR needs a word"),
        ("zorg OR", "OR needs a word"),
        ("zorg OR OR jemen", "OR needs a word"),
        ("-zorg", "nothing to search for"),
        ("zorg OR -jemen", "cannot be part of OR"),
    ],
)
def test_malformed_queries_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as caught:
        parse(text)
    assert isinstance(caught.value, KamervragenError)
