"""The synthetic corpus (bench/corpus.py): every document parses to exactly its record.

The generator feeds the storage and search benchmarks, so its documents must be what the
parser reads them to be: a template that trips the parser shows here first. bench/ is not
a package, so its folder goes on ``sys.path`` (here, not in a conftest).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pytest

import kamervragen

BENCH = Path(__file__).resolve().parent.parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

SEEDS = (0, 1)
N = 150  # documents per seed


@pytest.fixture(scope="module")
def docs() -> dict[int, list[corpus.Synthetic]]:
    return {seed: list(corpus.generate(N, seed)) for seed in SEEDS}


@pytest.fixture(scope="module")
def every(docs: dict[int, list[corpus.Synthetic]]) -> list[corpus.Synthetic]:
    return [d for seed in SEEDS for d in docs[seed]]


@pytest.mark.parametrize("seed", SEEDS)
def test_every_document_parses_to_its_record(
    docs: dict[int, list[corpus.Synthetic]], seed: int
) -> None:
    wrong = []
    for doc in docs[seed]:
        got = kamervragen.parse_text(doc.text).to_dict()
        fields = [f for f in corpus.CONTRACT_FIELDS if got[f] != doc.expected[f]]
        if fields:
            wrong.append(f"{doc.name} ({doc.layout}): {', '.join(fields)}")
    assert not wrong, f"{len(wrong)} of {len(docs[seed])} differ:\n" + "\n".join(wrong[:10])


def test_expected_records_have_the_contract_fields(every: list[corpus.Synthetic]) -> None:
    for doc in every:
        assert tuple(doc.expected) == corpus.CONTRACT_FIELDS
        assert doc.expected["kind"] in {"answer", "questions", "postponement"}
        assert doc.name.endswith(".txt")


def test_the_same_seed_and_index_give_the_same_document(
    docs: dict[int, list[corpus.Synthetic]],
) -> None:
    corpus.make_case.cache_clear()
    corpus.plan.cache_clear()
    assert list(corpus.generate(N, 0)) == docs[0]
    assert corpus.document(1, 17) == docs[1][17]


def test_a_slice_is_that_part_of_the_whole_run(docs: dict[int, list[corpus.Synthetic]]) -> None:
    corpus.make_case.cache_clear()
    corpus.plan.cache_clear()
    assert list(corpus.generate(37, 0, start=63)) == docs[0][63:100]
    assert [d.name for d in corpus.generate(5, 1, start=145)] == [d.name for d in docs[1][145:]]


def test_another_seed_gives_another_corpus(docs: dict[int, list[corpus.Synthetic]]) -> None:
    assert not {d.text for d in docs[0]} & {d.text for d in docs[1]}


def test_names_and_ids_are_unique(docs: dict[int, list[corpus.Synthetic]]) -> None:
    for seed in SEEDS:
        names = [d.name for d in docs[seed]]
        assert len(names) == len(set(names))
        ids = [d.expected["id"] for d in docs[seed] if d.expected["id"]]
        assert len(ids) == len(set(ids))


def test_kinds_mix_as_intended(every: list[corpus.Synthetic]) -> None:
    kinds = Counter(d.expected["kind"] for d in every)
    share = {k: n / len(every) for k, n in kinds.items()}
    assert 0.48 <= share["answer"] <= 0.72, share
    assert 0.15 <= share["questions"] <= 0.35, share
    assert 0.07 <= share["postponement"] <= 0.25, share
    assert {d.layout for d in every} == {"pdfminer", "pypdf", "plain", "word", "letter"}


def test_grouped_answers_footnotes_and_askers_occur(every: list[corpus.Synthetic]) -> None:
    answers = [a for d in every for a in d.expected["answers"]]
    assert any(len(a["questions"]) == 2 for a in answers)
    assert any(len(a["questions"]) >= 3 for a in answers)
    assert any("Antwoord 2 en 3" in d.text or "Antwoord 4, 5 en 6" in d.text for d in every)
    assert any(
        " en " in line and line.startswith("Vraag ") for d in every for line in d.text.splitlines()
    )
    notes = [len(d.expected["footnotes"]) for d in every]
    assert max(notes) <= 5
    assert sum(n > 0 for n in notes) > len(notes) // 4
    assert any(n >= 3 for n in notes)
    counts = [len(d.expected["questions"]) for d in every if d.expected["kind"] != "postponement"]
    assert min(counts) >= 1 and max(counts) <= 12
    askers = [len(d.expected["askers"]) for d in every if d.expected["askers"]]
    assert set(askers) <= {1, 2, 3, 4} and len(set(askers)) >= 3
    assert any("(beiden " in d.text for d in every)
    assert any("ISSN 0921 - 7398" in d.text for d in every)


def test_case_groups_share_zaak_askers_and_subject(every: list[corpus.Synthetic]) -> None:
    cases: dict[str, list[corpus.Synthetic]] = defaultdict(list)
    for doc in every[:N]:
        cases[doc.case].append(doc)
    full = 0
    for zaak, group in cases.items():
        kinds = {d.expected["kind"] for d in group}
        full += kinds == {"answer", "questions", "postponement"}
        for field in ("subject", "askers", "addressees", "submitted"):
            stated = {repr(d.expected[field]) for d in group if d.expected[field]}
            assert len(stated) <= 1, (zaak, field, stated)
        for doc in group:
            assert doc.expected["zaak"] in (None, zaak)
            ident = doc.expected["id"] or ""
            assert ident == f"kv-tk-{zaak}" or not ident.startswith("kv-tk-")
            assert ident.startswith("ah-tk-") or doc.expected["kind"] == "questions" or not ident
    assert full >= 2
    assert sum(len(g) > 1 for g in cases.values()) >= 10


def test_dates_follow_each_other(every: list[corpus.Synthetic]) -> None:
    for doc in every:
        e = doc.expected
        if not (e["submitted"] and e["received"]):
            continue
        days = (date.fromisoformat(e["received"]) - date.fromisoformat(e["submitted"])).days
        if e["kind"] == "answer":
            assert 8 <= days <= 82, doc.name
        else:
            assert 14 <= days <= 30, doc.name
        if e["session_year"]:
            start = corpus.session_start(int(e["session_year"][:4]))
            assert date.fromisoformat(e["submitted"]) >= start
            assert date.fromisoformat(e["received"]) < corpus.session_start(start.year + 1)
