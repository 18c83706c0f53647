"""Make the reference questions an embedding model ships with (hub correction).

    .venv/bin/python bench/reference_questions.py [--model e5-small]
        [--exclude PAIRS.jsonl ...] [--out FILE]

Earlier answers subtract from a stored text's cosine with a question its mean cosine with
its closest *reference questions* (``kamervragen.search.similar.HUB_WEIGHT``): real
written questions, embedded as queries, that no store need hold. This script parses the
real documents in the repository (``tests/data``, the bundled samples), takes each
distinct question once, leaves out any question of the ``--exclude`` sets (a retrieval
set to be scored must not be among them: a question in the bank lowers its own answer),
embeds them without their formulas as ``similar()`` embeds a new question, and writes
them as float16 to ``src/kamervragen/embeddings/data/MODEL-questions.npy``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

import kamervragen
from kamervragen.cli._app import progress_bar
from kamervragen.embeddings import get_model
from kamervragen.search.similar import without_formulas

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "tests" / "data", ROOT / "src" / "kamervragen" / "samples"]
SKIPPED = (".json", ".jsonl", ".md5", ".csv")


def _key(text: str) -> str:
    return " ".join(text.split())[:80].lower()


def questions(excluded: set[str]) -> tuple[list[str], int]:
    """Each distinct question of the repository's documents once; how many were left
    out as questions of an excluded set."""
    found: dict[str, str] = {}
    left_out = 0
    for path in sorted(p for s in SOURCES for p in s.rglob("*") if p.is_file()):
        if path.name.endswith(SKIPPED) or path.name.startswith("README"):
            continue
        try:
            record = kamervragen.parse_file(path)
        except kamervragen.ParseError:
            continue
        for question in record.questions:
            text = " ".join(question.text.split())
            if len(text) < 20:
                continue
            if _key(text) in excluded:
                left_out += 1
            else:
                found.setdefault(_key(text), text)
    return list(found.values()), left_out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="the embedding model (default: e5-small)")
    ap.add_argument("--exclude", type=Path, action="append", default=[], help="PAIRS.jsonl")
    ap.add_argument("--out", type=Path, help="default: the package's data folder")
    args = ap.parse_args()
    excluded = {
        _key(json.loads(line).get("question") or "")
        for pairs in args.exclude
        for line in pairs.read_text(encoding="utf-8").splitlines()
    }
    texts, left_out = questions(excluded)
    model = get_model(args.model)
    print(f"{len(texts)} questions ({left_out} of the excluded sets left out)", file=sys.stderr)
    vectors = []
    with progress_bar("embedding") as bar:
        task = bar.add_task("embedding", total=len(texts))
        for start in range(0, len(texts), 32):
            batch = [without_formulas(t) for t in texts[start : start + 32]]
            vectors.append(model.embed(batch, role="query"))
            bar.advance(task, len(batch))
    out = args.out or ROOT / "src/kamervragen/embeddings/data" / f"{model.name}-questions.npy"
    out.parent.mkdir(parents=True, exist_ok=True)
    np.save(out, np.concatenate(vectors).astype(np.float16))
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
