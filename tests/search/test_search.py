"""Search over the dev corpus on both backends: Dutch words, the syntax, filters, facets."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kamervragen import parse_file
from kamervragen.ingest import ingest
from kamervragen.record import Question, Record
from kamervragen.search import QueryError, SearchFilters, SearchResult, search
from kamervragen.storage import Parsed, Store, open_store
from kamervragen.text.analysis import words

DATA = Path(__file__).parent.parent / "data"
DEV = DATA / "dev"
SEED = 18  # the seed document (no official id): Tellegen (VVD) on radicalisering, 2017
SOEDAN = DEV / "ah-tk-20232024-946.pypdf.txt"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        summary = ingest(opened, [DEV])
        assert summary.added == 18 and not summary.quarantined
        yield opened


def _pairs(result: SearchResult) -> set[tuple[str | int, str]]:
    return {(h.document, h.question) for h in result.hits}


def test_a_word_is_found_inside_compounds(store: Store) -> None:
    # Seed questions 2 and 3 say only "antiradicaliseringsbeleid", question 5 only
    # "deradicaliseringsprogramma’s"; questions 1 and 4 say "radicalisering".
    result = search(store, "vraag:radicalisering", limit=50)
    assert _pairs(result) == {(SEED, n) for n in "12345"}
    by_number = {h.question: h for h in result.hits}
    assert "radicalisering" not in words(by_number["3"].question_text)
    assert "<mark>antiradicaliseringsbeleid</mark>" in by_number["3"].snippet
    # The whole word also finds the stem's compounds, never a pair without it.
    for hit in search(store, "radicalisering", limit=50).hits:
        assert "radicaliser" in " ".join(words(hit.question_text + " " + hit.answer_text))


def test_plural_and_singular_meet(store: Store) -> None:
    plural = search(store, "gemeenten", limit=100)
    singular = search(store, "gemeente", limit=100)
    assert _pairs(plural) == _pairs(singular)
    assert plural.total == singular.total == len(plural.hits) > 5
    documents = {h.document for h in plural.hits}
    # ah-tk-20232024-2395 says only "gemeenten", ah-tk-20242025-559 also "gemeente".
    assert {"ah-tk-20232024-2395", "ah-tk-20242025-559", SEED} <= documents


def test_accents_and_case_do_not_matter(store: Store) -> None:
    plain = search(store, "curacao", limit=50)
    assert plain.total > 0
    assert _pairs(plain) == _pairs(search(store, "CURAÇAO", limit=50))
    assert any("Curaçao" in h.question_text + h.answer_text for h in plain.hits)
    assert "<mark>Curaçao</mark>" in " ".join(h.snippet for h in plain.hits)
    patients = search(store, "patienten", limit=50)
    assert any("patiënten" in h.question_text + h.answer_text for h in patients.hits)


def test_a_phrase_needs_its_words_in_order(store: Store) -> None:
    both = search(store, "kleine gemeenten", limit=100)
    phrase = search(store, '"kleine gemeenten"', limit=100)
    reversed_phrase = search(store, '"gemeenten kleine"', limit=100)
    assert 0 < phrase.total < both.total
    assert _pairs(phrase) <= _pairs(both)
    for hit in phrase.hits:
        assert "kleine gemeenten" in " ".join(words(hit.question_text + " " + hit.answer_text))
    assert reversed_phrase.total == 0


def test_exclusion_and_or(store: Store) -> None:
    everything = search(store, "radicalisering", limit=50)
    without = search(store, "radicalisering -inspectie", limit=50)
    assert 0 < without.total < everything.total
    for hit in without.hits:
        assert "inspectie" not in words(
            hit.question_text + " " + hit.answer_text + " " + (hit.subject or "")
        )
    jemen, soedan = search(store, "jemen"), search(store, "soedan")
    either = search(store, "jemen OR soedan", limit=100)
    assert jemen.total > 0 and soedan.total > 0
    assert either.total == jemen.total + soedan.total  # two different documents
    assert search(store, "jemen soedan").total == 0


def test_question_or_answer_side(store: Store) -> None:
    asked = _pairs(search(store, "vraag:helft", limit=50))
    answered = _pairs(search(store, "antwoord:helft", limit=50))
    anywhere = _pairs(search(store, "helft", limit=50))
    # Seed question 1 quotes «Helft gemeenten …»; its answer is "Ja".
    assert (SEED, "1") in asked and (SEED, "1") not in answered
    assert asked | answered < anywhere  # the subject says "helft" too
    for hit in search(store, "antwoord:gemeenten", limit=50).hits:
        assert "gemeent" in " ".join(words(hit.answer_text))


def test_filters(store: Store) -> None:
    assert {
        h.document for h in search(store, "gemeenten", SearchFilters(party="vvd"), limit=50).hits
    } == {SEED}
    assert search(store, "gemeenten", SearchFilters(party="PvdA")).total == 0  # not GroenLinks-PvdA
    assert search(store, "gemeenten", SearchFilters(member="tellegen")).total == 5
    assert search(store, "gemeenten", SearchFilters(ministry="Veiligheid en Justitie")).total == 5
    assert search(store, "gemeenten", SearchFilters(minister="Asscher")).total == 5
    later = search(store, "gemeenten", SearchFilters(submitted_from="2020-01-01"), limit=50)
    assert later.total == 6 and SEED not in {h.document for h in later.hits}
    assert search(store, "gemeenten", SearchFilters(received_to="2017-12-31")).total == 5
    assert (
        search(
            store,
            "gemeenten",
            SearchFilters(submitted_from="2017-09-15", submitted_to="2017-09-15"),
        ).total
        == 5
    )
    questions_only = search(store, "ambtenaren", SearchFilters(kind="questions"), limit=50)
    assert questions_only.total > 0
    assert {h.document for h in questions_only.hits} == {"kv-tk-2024Z18794"}
    assert all(h.answer_text == "" for h in questions_only.hits)  # not answered yet


def test_facets_count_every_match(store: Store) -> None:
    result = search(store, "gemeenten", limit=2)
    assert len(result.hits) == 2 and result.total == 11
    assert result.facets["year"] == {"2024": 6, "2017": 5}
    assert result.facets["party"]["VVD"] == 5
    assert result.facets["ministry"]["Minister van Veiligheid en Justitie"] == 5
    assert sum(result.facets["year"].values()) == result.total
    page = search(store, "gemeenten", limit=2, offset=2)
    assert not _pairs(page) & _pairs(result)
    assert search(store, "gemeenten", facets=False).facets == {}


def test_hits_carry_the_pair(store: Store) -> None:
    hit = search(store, "deradicaliseringsprogramma").hits[0]
    assert (hit.document, hit.question, hit.kind) == (SEED, "5", "answer")
    assert hit.askers == "Tellegen (VVD)" and hit.submitted == "2017-09-15"
    assert hit.answer_text.startswith("De vraag over het betrekken van kleine")
    assert hit.case is not None and hit.score > 0
    soedan = search(store, "soedan").hits[0]
    assert soedan.document == "ah-tk-20232024-946" and soedan.subject
    assert "<mark>Soedan</mark>" in soedan.snippet


@pytest.mark.parametrize(
    ("query", "message"),
    [("", "empty query"), ('"zorg', "unclosed quote"), ("zorg -", "lone '-'"), ("?! …", "nothing")],
)
def test_malformed_queries_raise_query_error(store: Store, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        search(store, query)


def test_bad_dates_raise_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="not a date"):
        search(store, "zorg", SearchFilters(submitted_from="gisteren"))


def test_a_replaced_document_leaves_the_index(db_url: str) -> None:
    record = parse_file(SOEDAN)
    with open_store(db_url) as store:
        store.add(Parsed(str(SOEDAN), "v1", "text", record))
        assert search(store, "soedan").total > 0
        questions = [
            Question(q.number, "Hoe staat het met de olifanten?") for q in record.questions
        ]
        newer = dataclasses.replace(record, questions=questions, subject="olifanten")
        assert store.add(Parsed(str(SOEDAN), "v2", "text", newer)) == "replaced"
        assert search(store, "vraag:soedan").total == 0
        assert search(store, "olifant").total == len(record.questions)
        assert store.query("SELECT count(*) FROM search_pairs")[0][0] == len(record.questions)


def test_reindex_rebuilds_the_same_index(store: Store) -> None:
    before = search(store, "radicalisering gemeenten", limit=50)
    assert store.reindex() == 147
    after = search(store, "radicalisering gemeenten", limit=50)
    assert after.total == before.total > 0
    assert {(h.document, h.question) for h in after.hits} == _pairs(before)


def test_the_word_itself_ranks_before_its_compounds(store: Store) -> None:
    # Seed questions 1 and 4 say "radicalisering"; 2, 3 and 5 only compounds of it.
    hits = search(store, "vraag:radicalisering", limit=50).hits
    assert [h.document for h in hits] == [SEED] * 5
    assert {h.question for h in hits[:2]} == {"1", "4"}
    assert {h.question for h in hits[2:]} == {"2", "3", "5"}
    # Anywhere: the seed's subject says the word itself, so its questions that say it
    # too come first of all.
    anywhere = search(store, "radicalisering", limit=50).hits
    assert {(h.document, h.question) for h in anywhere[:2]} == {(SEED, "1"), (SEED, "4")}


def test_filters_ignore_accents_and_case(store: Store) -> None:
    for accented, plain in [("Kostić", "KOSTIC"), ("kostić", "Kostic")]:
        found = search(store, "de", SearchFilters(member=accented), limit=50)
        assert found.total > 0
        assert _pairs(found) == _pairs(search(store, "de", SearchFilters(member=plain), limit=50))
    volksgezondheid = search(store, "gemeenten", SearchFilters(ministry="volksgezondheid"))
    assert (
        volksgezondheid.total
        == search(store, "gemeenten", SearchFilters(ministry="VOLKSGEZONDHÉID")).total
        > 0
    )
    assert search(store, "gemeenten", SearchFilters(party="vvd")).total == 5
    assert (
        search(store, "gemeenten", SearchFilters(party="V")).total == 0
    )  # a party by its whole name


def test_a_year_filter_needs_whole_years_or_dates(store: Store) -> None:
    year = search(
        store, "gemeenten", SearchFilters(submitted_from="2024-01-01", submitted_to="2024-12-31")
    )
    assert year.total == 6 and year.facets["year"] == {"2024": 6}
    days = search(
        store, "gemeenten", SearchFilters(submitted_from="2017-09-14", submitted_to="2017-09-16")
    )
    assert days.total == 5
    assert (
        search(
            store,
            "gemeenten",
            SearchFilters(submitted_from="2017-09-16", submitted_to="2017-12-31"),
        ).total
        == 0
    )
    assert search(store, "gemeenten", SearchFilters(submitted_from="2030-01-01")).total == 0
    assert (
        search(store, "gemeenten", SearchFilters(received_from="1990-01-01")).total == 11
    )  # 40+ years


def test_total_and_facets_are_capped(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from kamervragen.search import engine

    everything = search(store, "gemeenten", limit=50)
    assert not everything.capped and everything.faceted == everything.total == 11
    monkeypatch.setattr(engine, "COUNTED", 4)
    monkeypatch.setattr(engine, "FACETED", 3)
    monkeypatch.setattr(engine, "RANKED", 2)
    capped = search(store, "gemeenten", limit=3)
    assert capped.capped and capped.total == 4 and capped.faceted == 3
    assert sum(capped.facets["year"].values()) == 3
    assert len(capped.hits) == 3  # a page larger than RANKED is still filled
    assert search(store, "gemeenten", limit=2, offset=5).total == 7  # the page is counted


def test_a_capped_filtered_search_counts_its_newest_matches(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamervragen.search import engine

    everything = search(store, "gemeenten", SearchFilters(submitted_from="2017-01-01"), limit=50)
    assert everything.total == 11 and not everything.capped
    newest = sorted((h.pair for h in everything.hits), reverse=True)[:3]
    years = store.query("SELECT year FROM search_facts WHERE pair_id IN (?, ?, ?)", newest)
    monkeypatch.setattr(engine, "COUNTED", 3)
    monkeypatch.setattr(engine, "FACETED", 3)
    capped = search(store, "gemeenten", SearchFilters(submitted_from="2017-01-01"), limit=2)
    assert capped.capped and capped.total == 3
    assert capped.facets["year"] == dict(Counter(str(y) for (y,) in years))


def _questions_of(record: Record) -> Record:
    """The questions document of ``record``'s set: same askers, date and subject."""
    return dataclasses.replace(
        record, kind="questions", id=None, received=None, answers=[], answered_by=[]
    )


@pytest.mark.parametrize("answer_first", [True, False])
def test_a_question_asked_and_answered_is_found_once(db_url: str, answer_first: bool) -> None:
    answer = parse_file(SOEDAN)
    docs = [
        Parsed(str(SOEDAN), "answer", "text", answer),
        Parsed("vragen.txt", "questions", "text", _questions_of(answer)),
    ]
    with open_store(db_url) as store:
        for doc in docs if answer_first else docs[::-1]:
            store.add(doc)
        assert store.query("SELECT count(DISTINCT case_id) FROM documents")[0][0] == 1
        assert store.query("SELECT count(*) FROM search_pairs")[0][0] == 2 * len(answer.questions)
        found = search(store, "soedan", limit=50)
        assert found.total == len(found.hits) == len(answer.questions)
        assert {h.document for h in found.hits} == {"ah-tk-20232024-946"}
        assert sum(found.facets["year"].values()) == found.total
        asked = search(
            store, "soedan", SearchFilters(kind="questions"), limit=50
        )  # a kind asked: all
        assert asked.total == len(answer.questions) and {h.kind for h in asked.hits} == {
            "questions"
        }
        # Without the answer, the questions are found again.
        store.execute("DELETE FROM documents WHERE official_id = 'ah-tk-20232024-946'")
        again = search(store, "soedan", limit=50)
        assert again.total == len(answer.questions)
        assert {h.kind for h in again.hits} == {"questions"}


def test_a_longer_phrase_needs_every_word_in_order(store: Store) -> None:
    three = search(store, '"dan kleine gemeenten"', limit=100)
    two = search(store, '"kleine gemeenten"', limit=100)
    assert 0 < three.total <= two.total
    for hit in three.hits:
        text = " ".join(
            words(hit.question_text + " " + hit.answer_text + " " + (hit.subject or ""))
        )
        assert "dan kleine gemeenten" in text
    assert search(store, '"kleine dan gemeenten"').total == 0
    # The words of a phrase are words, not the pairs the index holds for phrases.
    assert search(store, "kleine_gemeenten").total == two.total


def test_filters_do_not_change_the_scores(store: Store) -> None:
    # bm25 is computed for the words alone: a filter picks rows, it does not score them.
    everything = {
        (h.document, h.question): h.score for h in search(store, "gemeenten", limit=50).hits
    }
    filtered = search(
        store, "gemeenten", SearchFilters(party="vvd", submitted_from="2017-01-01"), limit=50
    )
    assert filtered.total == 5
    assert all(h.score == everything[h.document, h.question] for h in filtered.hits)


def _without_decades(fact_words: Callable[..., list[str]]) -> Callable[..., list[str]]:
    """``fact_words`` as it was before migration search_decades."""
    return lambda *a: [w for w in fact_words(*a) if not re.fullmatch(r"[sr]d\d+", w)]


_PAIR_TOKENS = r"SELECT count(*) FROM search_text WHERE answer LIKE '%\_%' ESCAPE '\'"


def test_an_index_without_phrase_pairs_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store made before migration search_phrase_pairs finds phrases once migrated."""
    from kamervragen.indexing import rows as index
    from kamervragen.storage import _base, migrations

    fresh = tmp_path / "fresh.db"
    with open_store(fresh) as store:
        ingest(store, [DEV])
        expected = {q: search(store, q, limit=100) for q in ('"kleine gemeenten"', "gemeenten")}
    old = tmp_path / "old.db"
    with monkeypatch.context() as m:
        older = migrations.MIGRATIONS.index(migrations.search_phrase_pairs)
        # search_facet_ids and text_vectors, which the index writes, with them: each
        # stands on its own.
        m.setattr(
            _base,
            "MIGRATIONS",
            [
                *migrations.MIGRATIONS[:older],
                migrations.search_facet_ids,
                migrations.text_vectors,
                migrations.text_vector_hubs,
                migrations.document_quality,
                migrations.commitments_table,  # what the writer writes to besides
            ],
        )
        m.setattr(index, "with_pairs", " ".join)  # the index as it was: stems only
        m.setattr(index, "fact_words", _without_decades(index.fact_words))
        with open_store(old) as store:
            ingest(store, [DEV])
            assert store.query(_PAIR_TOKENS)[0][0] == 0
    with open_store(old) as store:
        assert store.query(_PAIR_TOKENS)[0][0] > 0
        for query, result in expected.items():
            again = search(store, query, limit=100)
            assert again.total == result.total > 0
            assert [(h.pair, h.score) for h in again.hits] == [
                (h.pair, h.score) for h in result.hits
            ]
        # The triggers still keep the rebuilt index in step.
        store.execute("DELETE FROM documents WHERE id = ?", (SEED,))
        assert SEED not in {h.document for h in search(store, "gemeenten", limit=100).hits}
        assert (
            store.query("SELECT count(*) FROM search_text")[0][0]
            == store.query("SELECT count(*) FROM search_pairs")[0][0]
        )


def test_common_words_are_ordered_by_place_whatever_the_filters(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kamervragen.search import engine

    ranked = search(store, "gemeenten", SearchFilters(party="vvd"), limit=50)
    monkeypatch.setattr(engine, "COUNTED", 6)  # "gemeenten" is in 11 pairs: now common
    placed = search(store, "gemeenten", SearchFilters(party="vvd"), limit=50)
    assert placed.total == ranked.total == 5 and _pairs(placed) == _pairs(ranked)
    if store.dialect.name == "sqlite":  # bm25 would pass over all 11; PostgreSQL ranks
        assert {h.score for h in placed.hits} <= {3.0, 1.5, 1.0}
        scores = [h.score for h in placed.hits]
        assert scores == sorted(scores, reverse=True)
        assert {h.score for h in ranked.hits}.isdisjoint({3.0, 1.5, 1.0})


def test_decade_words_are_added_to_an_older_index(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store made before migration search_decades filters by open ranges once migrated."""
    from kamervragen.indexing import rows as index
    from kamervragen.storage import _base, migrations

    def later(store: Store) -> SearchResult:
        return search(store, "gemeenten", SearchFilters(submitted_from="2020-01-01"), limit=50)

    with monkeypatch.context() as m:
        older = migrations.MIGRATIONS.index(migrations.search_decades)
        m.setattr(
            _base,
            "MIGRATIONS",
            [
                *migrations.MIGRATIONS[:older],
                migrations.search_facet_ids,
                migrations.text_vectors,
                migrations.text_vector_hubs,
                migrations.document_quality,
                migrations.commitments_table,  # what the writer writes to besides
            ],
        )
        m.setattr(index, "fact_words", _without_decades(index.fact_words))
        with open_store(db_url) as store:
            ingest(store, [DEV])
            assert later(store).total == 0  # 2020 on is the decade word sd202
    with open_store(db_url) as store:
        found = later(store)
        assert found.total == 6 and SEED not in {h.document for h in found.hits}
        assert search(store, "gemeenten", SearchFilters(received_to="2019-12-31")).total == 5


def test_facet_ids_are_made_for_an_older_store(tmp_path: Path) -> None:
    """Migration search_facet_ids fills the table the facets are counted from (SQLite)
    as the store writes it: the same facets and ranking after it as before."""
    path = tmp_path / "kv.db"

    def results(store: Store) -> list[SearchResult]:
        return [search(store, q, limit=50) for q in ("gemeenten", "minister", "de")]

    with open_store(path) as store:
        ingest(store, [DEV])
        written = store.query("SELECT * FROM search_facet_ids ORDER BY pair_id")
        assert any("," in (r[2] or "") for r in written)  # a pair asked by two parties
        before = results(store)
        assert all(r.facets["party"] and r.facets["ministry"] for r in before)
        store.execute("DROP TABLE search_facet_ids")
        store.execute("DELETE FROM _migrations WHERE name = 'search_facet_ids'")
    with open_store(path) as store:
        made = store.query("SELECT * FROM search_facet_ids ORDER BY pair_id")
        assert [(r[0], r[1], *(set((v or "").split(",")) for v in r[2:])) for r in made] == [
            (r[0], r[1], *(set((v or "").split(",")) for v in r[2:])) for r in written
        ]
        assert results(store) == before
        # A pair's row goes with its document.
        store.execute("DELETE FROM documents WHERE id = ?", (SEED,))
        assert store.query(
            "SELECT count(*) FROM search_facet_ids f LEFT JOIN search_pairs p"
            " ON p.id = f.pair_id WHERE p.id IS NULL"
        ) == [(0,)]


def test_sqlite_search_facts_hold_no_names(tmp_path: Path) -> None:
    """SQLite counts its facets from search_facet_ids: search_facts keeps no party or
    ministry names, and migration search_facts_without_names empties an older store's."""
    path = tmp_path / "kv.db"
    named = "SELECT count(*) FROM search_facts WHERE parties IS NOT NULL OR ministries IS NOT NULL"
    with open_store(path) as store:
        ingest(store, [DEV])
        assert store.query(named) == [(0,)]
        before = [search(store, q, limit=50) for q in ("gemeenten", "minister")]
        assert all(r.facets["party"] and r.facets["ministry"] for r in before)
        store.execute("UPDATE search_facts SET parties = 'PVV', ministries = 'Minister van AZ'")
        store.execute("DELETE FROM _migrations WHERE name = 'search_facts_without_names'")
        assert store.query(named)[0][0] > 0
    with open_store(path) as store:
        assert store.query(named) == [(0,)]
        assert [search(store, q, limit=50) for q in ("gemeenten", "minister")] == before


def test_year_words_take_whole_decades_inside_the_range() -> None:
    from kamervragen.search.filters import _year_words

    assert _year_words("s", range(2018, 2027), open_low=False, open_high=True) == [
        "s2018",
        "s2019",
        "sd202",
    ]
    assert _year_words("s", range(2018, 2027), open_low=False, open_high=False) == [
        f"s{y}" for y in range(2018, 2027)
    ]
    assert _year_words("r", range(1995, 2031), open_low=True, open_high=False) == [
        "rd199",
        "rd200",
        "rd201",
        "rd202",
        "r2030",
    ]
    assert _year_words("s", range(2010, 2020), open_low=False, open_high=False) == ["sd201"]
    assert _year_words("s", range(0), open_low=True, open_high=True) == []


def test_cases_keep_the_pairs_of_a_deadline_status(store: Store) -> None:
    """``cases``: only the pairs of those cases, e.g. of a status from the deadlines work."""
    import datetime as dt

    from kamervragen.deadlines import assess_all, case_ids, case_timelines, load_rule

    statuses = assess_all(case_timelines(store), load_rule(), dt.date(2026, 11, 29))
    everything = search(store, "minister", limit=100)
    seen = set()
    for status in ("answered", "open", "late"):
        cases = case_ids(statuses, status)
        found = search(store, "minister", SearchFilters(cases=cases), limit=100)
        assert found.hits and {h.case for h in found.hits} <= cases
        assert found.total == len(found.hits) < everything.total
        assert sum(found.facets["year"].values()) == found.total
        seen |= {h.pair for h in found.hits}
    open_ = search(store, "minister", SearchFilters(cases=case_ids(statuses, "open")), limit=100)
    assert {h.kind for h in open_.hits} == {"questions"}  # no answer yet
    answered = search(
        store, "minister", SearchFilters(cases=case_ids(statuses, "answered")), limit=100
    )
    assert {h.kind for h in answered.hits} == {"answer"}
    assert not {h.pair for h in open_.hits} & {h.pair for h in answered.hits}
    assert search(store, "minister", SearchFilters(cases=set())).total == 0
    with pytest.raises(ValueError, match="use one of answered, open, late"):
        case_ids(statuses, "overdue")


@pytest.mark.parametrize("status", ["answered", "open", "late"])
def test_a_case_filter_finds_the_same_by_either_plan(
    store: Store, status: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite looks few cases up as the set of their pairs, many case by case: the same."""
    import datetime as dt

    from kamervragen.deadlines import assess_all, case_ids, case_timelines, load_rule
    from kamervragen.storage import sqlite_matches

    statuses = assess_all(case_timelines(store), load_rule(), dt.date(2026, 11, 29))
    cases = case_ids(statuses, status)
    found = {}
    for few in (1, 10**9):  # every case set "few", then none
        monkeypatch.setattr(sqlite_matches, "FEW_CASES", few)
        found[few] = [
            search(store, q, SearchFilters(cases=cases), limit=50) for q in ("minister", "de")
        ]
    assert found[1] == found[10**9]
    assert all(r.total for r in found[1])


def test_a_status_filter_is_the_cases_of_that_status(store: Store) -> None:
    """``SearchFilters(status=…)`` keeps the cases that the deadlines work judges so, from
    statuses given (the web's cache) or judged from the store today."""
    import datetime as dt

    from kamervragen.deadlines import assess_all, case_ids, case_timelines, load_rule

    statuses = assess_all(case_timelines(store), load_rule(), dt.date.today())
    for status in ("answered", "open", "late"):
        by_cases = search(store, "minister", SearchFilters(cases=case_ids(statuses, status)))
        by_status = search(store, "minister", SearchFilters(status=status))
        given = search(store, "minister", SearchFilters(status=status), statuses=statuses)
        assert _pairs(by_status) == _pairs(by_cases) == _pairs(given)
    # Both: the cases of the status among those asked.
    answered = search(store, "minister", SearchFilters(status="answered"))
    some = {answered.hits[0].case}
    both = search(store, "minister", SearchFilters(status="answered", cases=some), limit=100)
    assert both.total and {h.case for h in both.hits} == some
    assert search(store, "minister", SearchFilters(status="open", cases=some)).total == 0
    with pytest.raises(QueryError, match="use one of answered, open, late"):
        SearchFilters(status="overdue")  # type: ignore[arg-type]


def test_a_year_is_the_dates_of_that_year(store: Store) -> None:
    in_2024 = SearchFilters(submitted_from="2024-01-01", submitted_to="2024-12-31")
    assert _pairs(search(store, "gemeenten", SearchFilters(year=2024))) == _pairs(
        search(store, "gemeenten", in_2024)
    )
    # Within the dates given too: September 2017 of 2017.
    assert SearchFilters(year=2017, submitted_from="2017-09-01").dates()["submitted_from"] == (
        "2017-09-01"
    )
    assert SearchFilters(year=2017, submitted_to="2019-01-01").dates()["submitted_to"] == (
        "2017-12-31"
    )
    assert search(store, "gemeenten", SearchFilters(year=2017)).total == 5
