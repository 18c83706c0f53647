"""Every dev document parses to its gold record, field by field, as the scorer counts it.

The documents and gold records live in tests/data (copied from the project's corpus),
so the suite needs nothing outside the repository. Each gold record ``X.gold.json``
lies beside its document ``X``. The comparison is tests/scoring.py, which follows the
parse contract (docs/parse-output.md) and the scorer's rules.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scoring import FIELDS, compare, explain, name_key, same_text

DATA = Path(__file__).parent / "data"
GOLD_SUFFIX = ".gold.json"
CONTRACT_FIELDS = {
    "kind",
    "id",
    "zaak",
    "session_year",
    "subject",
    "askers",
    "addressees",
    "submitted",
    "received",
    "answered_by",
    "co_signers",
    "questions",
    "answers",
    "footnotes",
}


def gold_files(folder: str) -> list[Path]:
    return sorted((DATA / folder).glob(f"*{GOLD_SUFFIX}"))


def document_of(gold: Path) -> Path:
    return gold.with_name(gold.name[: -len(GOLD_SUFFIX)])


def load(gold: Path) -> dict[str, Any]:
    return json.loads(gold.read_text(encoding="utf-8"))


def parse(document: Path) -> dict[str, Any]:
    """The record of ``document`` as the JSON object of the contract."""
    import kamervragen  # here, so that the harness tests run even when the parser does not

    return kamervragen.parse_file(document).to_dict()


def cases(folder: str) -> list[Any]:
    golds = gold_files(folder)
    if not golds:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no tests/data/{folder}"))]
    return [pytest.param(g, id=document_of(g).name) for g in golds]


DEV = gold_files("dev")


def test_dev_corpus_is_present() -> None:
    assert len(DEV) >= 18, "tests/data/dev should hold the dev documents and their gold"
    for gold in DEV:
        assert document_of(gold).is_file(), f"no document beside {gold.name}"


# --- the harness itself ------------------------------------------------------------------


@pytest.mark.parametrize("gold", cases("dev") + cases("pdf") + cases("labelled"))
def test_gold_record_agrees_with_itself(gold: Path) -> None:
    record = load(gold)
    assert record.keys() >= CONTRACT_FIELDS
    assert compare(record, record) == []
    # A round trip through JSON, as the CLI output takes, changes nothing either.
    assert compare(record, json.loads(json.dumps(record, ensure_ascii=False))) == []


def test_harness_notices_each_kind_of_difference() -> None:
    gold = load(DATA / "dev" / f"seed__000_316d3c91a035becd.txt{GOLD_SUFFIX}")
    got = json.loads(json.dumps(gold))
    got["askers"][0]["party"] = None
    got["questions"][1]["text"] += " ’s-Gravenhage 2024"  # furniture, though a small change
    got["answers"][0]["questions"] = ["1", "2"]
    got["footnotes"].pop()
    wrong = compare(gold, got)
    assert [w.field for w in wrong] == [
        "askers",
        "footnotes",
        "answer_groups",
        "question_texts",
        "answer_texts",
    ]
    assert "’s-Gravenhage 2024" in explain(wrong)
    assert set(FIELDS) >= {w.field for w in wrong}


def test_harness_tolerances() -> None:
    # Names and offices: case, spaces and split diacritics do not count.
    assert name_key("Kostic ´") == name_key("Kostić") == name_key("KOSTIC")
    assert name_key("Yes¸ ilgöz") == name_key("Yeşilgöz")
    assert name_key("Minister-President") == name_key("minister-president")
    # Texts: white space does not count; a small difference is tolerated, furniture is not.
    text = "Bent u bekend met het bericht «Helft gemeenten doet nauwelijks iets»? " * 3
    assert same_text(text, text.replace(" ", "\n"))
    assert same_text(text, text[:-3])
    assert not same_text(text, text[: len(text) // 2])
    assert not same_text(text, text + "ISSN 0921")


# --- the parser against the gold -----------------------------------------------------------


@pytest.mark.parametrize("gold", cases("dev"))
def test_dev_document_matches_gold(gold: Path) -> None:
    wrong = compare(load(gold), parse(document_of(gold)))
    assert not wrong, f"{document_of(gold).name}\n{explain(wrong)}"


@pytest.mark.parametrize("gold", cases("pdf"))
def test_pdf_document_matches_gold(gold: Path) -> None:
    wrong = compare(load(gold), parse(document_of(gold)))
    assert not wrong, f"{document_of(gold).name}\n{explain(wrong)}"


@pytest.mark.parametrize("gold", cases("labelled"))
def test_labelled_document_matches_gold(gold: Path) -> None:
    """The 34 documents annotated for the long tail (tests/data/labelled/README.md):
    ministry letters, question-only and postponement texts, pypdf extractions."""
    wrong = compare(load(gold), parse(document_of(gold)))
    assert not wrong, f"{document_of(gold).name}\n{explain(wrong)}"


def test_cli_parses_all_dev_documents_one_object_per_line() -> None:
    documents = [document_of(g) for g in DEV]
    run = subprocess.run(
        [sys.executable, "-m", "kamervragen", "parse", *map(str, documents), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    lines = run.stdout.splitlines()
    assert len(lines) == len(documents)
    for document, line in zip(documents, lines, strict=True):
        got = json.loads(line)
        assert isinstance(got, dict)
        assert got.keys() >= CONTRACT_FIELDS
        assert got == parse(document), document.name
