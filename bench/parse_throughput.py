"""Parse throughput on text documents: documents per second on one core.

    .venv/bin/python bench/parse_throughput.py [--seconds 5] [--docs tests/data/dev]

Reads every text document (``*.txt``, ``*.md``) of the folder into memory once,
then parses them round after round in this one process, on one CPU, for at least
``--seconds``, and prints documents/s and ms per document. Reading files is left
out; decoding and format detection are in (``kamervragen.parse_bytes``). The
target is at least 500 documents/s per core: 130,000 documents in under 5 minutes of
parsing on one core, so that an ingest of everything is bound by the writer.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

import kamervragen
from _timing import pin_to_one_core, print_rate, run_rounds

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT / "tests" / "data" / "dev"
TARGET = 500.0  # documents per second per core


def load_documents(folder: Path) -> list[tuple[str, bytes]]:
    paths = sorted(p for p in folder.iterdir() if p.suffix in {".txt", ".md"} and p.is_file())
    return [(p.name, p.read_bytes()) for p in paths]


def one_round(documents: list[tuple[str, bytes]]) -> tuple[int, list[str]]:
    """Parse every document once; the number parsed and the names refused."""
    refused = []
    for name, data in documents:
        try:
            kamervragen.parse_bytes(data)
        except kamervragen.ParseError:
            refused.append(name)
    return len(documents), refused


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="minimum time to run")
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="folder of text docs")
    args = parser.parse_args()

    documents = load_documents(args.docs)
    if not documents:
        print(f"no *.txt or *.md documents in {args.docs}", file=sys.stderr)
        return 2
    where = pin_to_one_core()
    size = sum(len(data) for _, data in documents)

    _, refused = one_round(documents)  # warm-up: imports, compiled patterns, caches
    if refused:
        print(f"warning: {len(refused)} refused with ParseError: {', '.join(refused)}")

    parsed, elapsed, round_times = run_rounds(lambda: one_round(documents)[0], args.seconds)

    per_second = parsed / elapsed
    print(f"documents      {len(documents)} from {args.docs} ({size / 1024:.0f} KiB)")
    print(f"python         {platform.python_version()} on {platform.machine()}, {where}")
    print(f"parsed         {parsed} documents in {elapsed:.2f} s ({len(round_times)} rounds)")
    print(f"throughput     {per_second:.0f} documents/s per core ({1000 / per_second:.2f} ms/doc)")
    print(f"               {size * len(round_times) / elapsed / 1024 / 1024:.1f} MiB/s of text")
    print_rate("documents", len(documents), round_times, TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
