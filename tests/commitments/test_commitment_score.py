"""The extractor against the annotated documents, compared as the scorer compares.

``tests/data/commitments/dev`` holds the project's 18 dev documents with their gold
commitments; ``tests/data/commitments/annotated`` the documents annotated for this
repository by the same rules (see its README). Each ``X.commitments.json`` lies beside
its document ``X``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from commitment_scoring import Score, match, score

DATA = Path(__file__).parent.parent / "data" / "commitments"
SUFFIX = ".commitments.json"


def annotated(folder: str) -> list[Path]:
    return sorted((DATA / folder).glob(f"*{SUFFIX}"))


def gold_and_predicted(gold_path: Path) -> tuple[list[Any], list[Any]]:
    from kamervragen import parse_file
    from kamervragen.commitments import extract_commitments

    gold = json.loads(gold_path.read_text(encoding="utf-8"))["commitments"]
    document = gold_path.with_name(gold_path.name[: -len(SUFFIX)])
    predicted = [c.to_dict() for c in extract_commitments(parse_file(document))]
    return gold, predicted


@pytest.mark.parametrize("folder", ["dev", "annotated"])
def test_the_extractor_scores_as_required(folder: str) -> None:
    paths = annotated(folder)
    assert len(paths) >= 15
    result = score(gold_and_predicted(p) for p in paths)
    assert result.f1 >= 0.90, str(result)
    assert result.due_accuracy >= 0.90, str(result)


def test_every_annotated_text_is_a_sentence_of_its_answer() -> None:
    """This repository's annotations quote the record's answer text, as the contract asks
    (the dev annotations sometimes mend a broken word: "Klimaat-plan")."""
    from kamervragen import parse_file

    for folder in ("annotated",):
        for path in annotated(folder):
            record = parse_file(path.with_name(path.name[: -len(SUFFIX)]))
            for c in json.loads(path.read_text(encoding="utf-8"))["commitments"]:
                texts = [a.text for a in record.answers if a.questions == c["questions"]]
                assert any(c["text"] in t for t in texts), (path.name, c["text"])


def test_the_comparison_matches_on_questions_and_similar_text() -> None:
    gold = [{"questions": ["1"], "text": "Ik zal uw Kamer informeren.", "due": None}]
    close = [{"questions": ["1"], "text": "Ik zal uw  Kamer informeren", "due": None}]
    other_question = [{"questions": ["2"], "text": "Ik zal uw Kamer informeren.", "due": None}]
    assert len(match(gold, close)) == 1
    assert match(gold, other_question) == []
    assert score([(gold, close + other_question)]) == Score(matched=1, false=1, due_right=1)
