"""Commitments: what extraction adds to parsing, counted in instructions (load-independent).

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        .venv/bin/python bench/commitments_instructions.py MODE ROUNDS [DIR]

MODE ``parse`` parses every text document of DIR (default tests/data/commitments/dev)
ROUNDS times; ``extract`` also extracts the commitments of each. A warm-up first runs
both paths on two documents in every mode, so that imports and compiled patterns count
alike. Run ``parse 0``, ``parse 2`` and ``extract 2``: the differences of valgrind's
"Collected" counts give the instructions of parsing and of extracting. On a shared
machine this is steadier than any clock (see docs/BENCHMARKS.md, Commitments).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import kamervragen
from kamervragen.commitments import extract_commitments

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    mode, rounds = sys.argv[1], int(sys.argv[2])
    folder = Path(sys.argv[3]) if len(sys.argv) > 3 else ROOT / "tests/data/commitments/dev"
    if mode not in ("parse", "extract"):
        print("MODE is parse or extract", file=sys.stderr)
        return 2
    paths = sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md"})
    documents = [p.read_bytes() for p in paths]
    for data in documents[:2]:
        with contextlib.suppress(kamervragen.ParseError):
            extract_commitments(kamervragen.parse_bytes(data))
    for _ in range(rounds):
        for data in documents:
            with contextlib.suppress(kamervragen.ParseError):
                record = kamervragen.parse_bytes(data)
                if mode == "extract":
                    extract_commitments(record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
