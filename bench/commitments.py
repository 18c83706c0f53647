"""Commitments: what extraction adds to the parse time of a document.

    .venv/bin/python bench/commitments.py [--seconds 5] [--docs tests/data/commitments/dev]

Reads every text document of the folder into memory once, then, on one CPU, alternates
rounds of parsing alone (``kamervragen.parse_bytes``) with rounds of parsing and then
extracting the commitments (``extract_commitments``), each kind for at least
``--seconds`` in all, and prints ms per document for both and their ratio. Alternating
rounds keeps a change in the machine's load from falling on one side only, and each round
is timed in the CPU time of this thread (``time.thread_time``): on a shared machine the
wall clock counts the time others' work holds the core, the CPU time does not. The
target: extraction adds less than 10% to the parse time.
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import statistics
import sys
import time
from pathlib import Path

import kamervragen
from _timing import pin_to_one_core
from kamervragen.commitments import extract_commitments

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT / "tests" / "data" / "commitments" / "dev"
TARGET = 0.10  # extraction adds less than this share to the parse time


def load_documents(folder: Path) -> list[bytes]:
    paths = sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md"} and p.is_file())
    return [p.read_bytes() for p in paths]


def parse_round(documents: list[bytes]) -> float:
    start = time.thread_time()
    for data in documents:
        with contextlib.suppress(kamervragen.ParseError):
            kamervragen.parse_bytes(data)
    return time.thread_time() - start


def parse_and_extract_round(documents: list[bytes]) -> float:
    start = time.thread_time()
    for data in documents:
        with contextlib.suppress(kamervragen.ParseError):
            extract_commitments(kamervragen.parse_bytes(data))
    return time.thread_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="minimum time of each kind")
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="folder of text docs")
    args = parser.parse_args()

    documents = load_documents(args.docs)
    if not documents:
        print(f"no *.txt or *.md documents in {args.docs}", file=sys.stderr)
        return 2
    where = pin_to_one_core()
    parse_and_extract_round(documents)  # warm-up: imports, compiled patterns, caches

    parse_times: list[float] = []
    extract_times: list[float] = []
    while sum(parse_times) < args.seconds or sum(extract_times) < args.seconds:
        parse_times.append(parse_round(documents))
        extract_times.append(parse_and_extract_round(documents))

    n = len(documents)
    parse_ms = statistics.median(parse_times) / n * 1000
    both_ms = statistics.median(extract_times) / n * 1000
    added = both_ms / parse_ms - 1
    print(f"documents      {n} from {args.docs}")
    print(f"python         {platform.python_version()} on {platform.machine()}, {where}")
    print(f"rounds         {len(parse_times)} of each, alternating (median round below)")
    print("clock          CPU time of this thread")
    print(f"parse          {parse_ms:.3f} ms/doc")
    print(f"parse+extract  {both_ms:.3f} ms/doc")
    print(f"extraction     {both_ms - parse_ms:.3f} ms/doc, +{added:.1%} of the parse time")
    print(f"target         < +{TARGET:.0%}: {'met' if added < TARGET else 'NOT met'}")
    return 0 if added < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
