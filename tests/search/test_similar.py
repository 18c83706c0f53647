"""Earlier answers (search/similar.py) on both backends, with the fake embedding model."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import kamervragen.search.similar as similar_module
from fakemodel import FakeModel, use_fake
from kamervragen.embeddings.backfill import embed_store
from kamervragen.ingest import ingest
from kamervragen.search import SearchFilters
from kamervragen.search.similar import content_terms, similar, similar_many, similar_to_case
from kamervragen.storage import Store, open_store
from kamervragen.storage.vectors import vector_counts

DEV = Path(__file__).parent.parent / "data" / "dev"
# The seed answer's question 1, as a member might write it again.
RADICALISERING = (
    "Bent u bekend met het bericht dat de helft van de gemeenten nauwelijks iets doet"
    " tegen radicalisering? Kunt u aangeven wat u gaat doen?"
)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeModel:
    return use_fake(monkeypatch)


@pytest.fixture
def store(db_url: str, fake: FakeModel) -> Iterator[Store]:
    with open_store(db_url) as s:
        ingest(s, [DEV])
        embed_store(s)
        yield s


def _seed(store: Store) -> str:
    """The seed answer's document number (it has no official id)."""
    return str(store.query("SELECT id FROM documents WHERE source LIKE '%seed__000%'")[0][0])


def test_the_formulas_of_a_question_carry_no_signal() -> None:
    terms = content_terms("Bent u bekend met het bericht «Helft gemeenten doet niets»? Zo ja, …")
    assert terms == ["helft", "gemeent", "doet"]
    assert content_terms("Kunt u aangeven of u bereid bent, zie Kamerstuk 29 754, nr. 430?") == []


def test_a_rewritten_question_finds_the_pair_it_repeats(store: Store) -> None:
    result = similar(store, RADICALISERING, limit=5)
    assert result.method == "words and meaning" and result.model == "fake-64"
    top = result.hits[0]
    assert str(top.document) == _seed(store) and top.questions == ["1"]
    assert top.words is not None and top.meaning is not None
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)
    words_only = similar(store, RADICALISERING, limit=5, lexical_only=True)
    assert words_only.method == "words only" and str(words_only.hits[0].document) == _seed(store)
    assert all(h.meaning is None for h in words_only.hits)


def test_a_grouped_answer_counts_once(store: Store) -> None:
    # Questions 2, 3 and 4 of the seed share one answer: one hit stands for all three.
    result = similar(store, "antiradicaliseringsbeleid kleine middelgrote gemeenten", limit=10)
    seed = [h for h in result.hits if str(h.document) == _seed(store)]
    grouped = [h for h in seed if len(h.questions) > 1]
    assert len(grouped) == 1 and grouped[0].questions == ["2", "3", "4"]
    assert len({(h.document, h.answer_text) for h in result.hits}) == len(result.hits)


def test_a_case_never_finds_itself(store: Store) -> None:
    top = similar(store, RADICALISERING, limit=1).hits[0]
    assert top.case is not None
    others = similar(store, RADICALISERING, limit=20, exclude_case=top.case)
    assert others.hits and top.case not in {h.case for h in others.hits}
    for matches in similar_to_case(store, top.case, limit=3, earlier=False):
        assert top.case not in {h.case for h in matches.result.hits}
        assert len(matches.result.hits) <= 3


def test_a_stored_question_uses_its_stored_vector(store: Store, fake: FakeModel) -> None:
    case = similar(store, RADICALISERING, limit=1).hits[0].case
    assert case is not None
    fake.calls.clear()
    matches = similar_to_case(store, case, earlier=False)
    assert matches and all(m.result.method == "words and meaning" for m in matches)
    assert fake.calls == []  # every question's vector came from the store


def test_earlier_keeps_cases_submitted_before(store: Store) -> None:
    later = store.query("SELECT id FROM cases WHERE submitted >= '2024-01-01' LIMIT 1")[0][0]
    for matches in similar_to_case(store, int(later), limit=5):
        assert all((h.submitted or "") < "2024-01-01" for h in matches.result.hits[:0])
        for hit in matches.result.hits:
            assert hit.submitted is None or hit.submitted < str(store.case(str(later))["submitted"])


def test_filters_keep_what_they_keep(store: Store) -> None:
    vvd = similar(store, RADICALISERING, limit=20, filters=SearchFilters(party="VVD"))
    assert vvd.hits and all("VVD" in (h.askers or "") for h in vvd.hits)
    none = similar(store, RADICALISERING, filters=SearchFilters(party="Geen Partij"))
    assert none.hits == []
    in_2024 = similar(store, RADICALISERING, limit=20, filters=SearchFilters(year=2024))
    assert in_2024.hits and all((h.submitted or "").startswith("2024") for h in in_2024.hits)


def test_without_vectors_the_words_rank_and_the_result_says_so(
    db_url: str, fake: FakeModel
) -> None:
    with open_store(db_url) as s:
        ingest(s, [DEV])
        result = similar(s, RADICALISERING, limit=3)
        assert result.method == "words only" and "kamervragen embed" in (result.note or "")
        assert str(result.hits[0].document) == _seed(s)


def test_several_questions_at_once_embed_in_one_call(store: Store, fake: FakeModel) -> None:
    fake.calls.clear()
    results = similar_many(store, [RADICALISERING, "zwembaden in publieke handen"], limit=3)
    assert len(fake.calls) == 1 and len(fake.calls[0]) == 2
    assert str(results[0].hits[0].document) == _seed(store)
    assert results[1].hits[0].document == "ah-tk-20242025-559"


def test_nothing_is_embedded_twice(db_url: str, fake: FakeModel) -> None:
    with open_store(db_url) as s:
        ingest(s, [DEV])
        first = embed_store(s)
        counts = vector_counts(s, fake.name)
        assert first.embedded == counts.texts == counts.embedded > 0
        # A grouped answer is one text: fewer texts than questions and answers.
        pairs = s.query("SELECT count(*) FROM search_pairs")[0][0]
        assert counts.texts < 2 * pairs
        embedded = sum(len(c) for c in fake.calls)
        assert embedded == counts.texts
        assert embed_store(s).embedded == 0 and sum(len(c) for c in fake.calls) == embedded


def test_an_interrupted_backfill_goes_on_where_it_stopped(db_url: str, fake: FakeModel) -> None:
    with open_store(db_url) as s:
        ingest(s, [DEV])
        total = vector_counts(s, fake.name).texts

        def stop(done: int, todo: int) -> None:
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            embed_store(s, progress=stop, chunk=50)  # after its first chunk was stored
        part = vector_counts(s, fake.name).embedded
        assert 0 < part < total
        fake.calls.clear()
        rest = embed_store(s)
        assert rest.embedded == total - part and rest.with_vectors == total
        assert sum(len(c) for c in fake.calls) == total - part


def test_vectors_are_keyed_by_the_texts_content_hash(db_url: str, fake: FakeModel) -> None:
    from kamervragen.text.hashing import text_hash

    with open_store(db_url) as s:
        ingest(s, [DEV])
        for question, digest in s.query("SELECT question, question_hash FROM search_pairs"):
            assert digest == text_hash(question)
        # What migration text_vectors computes in SQL for an older store is the same.
        from kamervragen.storage.migrations import text_vectors

        s.execute("UPDATE search_pairs SET question_hash = NULL, answer_hash = NULL")
        s.execute(text_vectors(s.dialect)[2])
        for question, answer, qh, ah in s.query(
            "SELECT question, answer, question_hash, answer_hash FROM search_pairs"
        ):
            assert (qh, ah) == (text_hash(question), text_hash(answer))


def test_to_dict_is_json(store: Store) -> None:
    data = similar(store, RADICALISERING, limit=2).to_dict()
    assert json.loads(json.dumps(data))["hits"][0]["question"] == "1"


def test_a_question_is_embedded_without_its_formulas() -> None:
    from kamervragen.search.similar import without_formulas

    asked = "Bent u bekend met het bericht «Helft gemeenten doet niets»? Zo ja, kunt u aangeven"
    assert without_formulas(asked) == "«Helft gemeenten doet niets»?"
    assert without_formulas("Kunt u aangeven?") == "Kunt u aangeven?"  # nothing else left


def test_a_text_close_to_every_reference_question_is_ranked_lower(
    store: Store, fake: FakeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hub correction: without reference questions nothing changes; with a bank of
    questions all like the first hit's question and answer, they are "hubs" and lose."""
    before = similar(store, RADICALISERING, limit=10)
    top = before.hits[0]
    assert top.meaning is not None
    bank = fake.embed([top.question_text, top.answer_text] * 6, role="query")
    monkeypatch.setattr(FakeModel, "reference_questions", lambda self: bank)
    monkeypatch.setattr(similar_module, "_hubs_held", {})  # as a new model would be
    after = similar(store, RADICALISERING, limit=10)
    again = {h.pair: h for h in after.hits}
    assert top.pair not in again or again[top.pair].meaning < top.meaning  # type: ignore[operator]
    others = [h for h in before.hits[1:] if h.pair in again and h.meaning is not None]
    assert others and all(again[h.pair].meaning is not None for h in others)


def test_hub_scores_are_stored_with_the_vectors_and_added_to_older_ones(
    db_url: str, fake: FakeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db_url) as s:
        ingest(s, [DEV / "seed__000_316d3c91a035becd.txt"])
        embed_store(s)  # the fake model has no reference questions: no hub scores
        assert s.query("SELECT count(*), count(hub) FROM text_vectors")[0][1] == 0
        bank = fake.embed(["radicalisering in gemeenten", "de Belastingdienst"], role="query")
        monkeypatch.setattr(FakeModel, "reference_questions", lambda self: bank)
        embed_store(s)  # nothing to embed: the hub scores of the vectors stored before
        stored = s.query("SELECT text_hash, vector, hub FROM text_vectors")
        assert stored and all(hub is not None for _, _, hub in stored)
        vectors = np.stack([np.frombuffer(bytes(v), dtype=np.float32) for _, v, _ in stored])
        expected = (vectors @ bank.T).mean(axis=1)  # 2 reference questions: both are nearest
        assert np.allclose([hub for _, _, hub in stored], expected, atol=1e-5)
