"""XML throughput: official XML publications per second on one core, read and parsed.

    .venv/bin/python bench/xml_throughput.py [--seconds 5] [--docs tests/data/xml]

Reads every ``*.xml`` of the folder into memory once and parses each once to warm up;
documents refused with ``ParseError`` (the folder's non-Kamervragen examples) are named
and left out. Then, in this one process on one CPU, for at least ``--seconds`` each:

* read: ``kamervragen.readers.xml.read_xml`` (safe lxml parse, lines, footnotes, facts);
* parse: ``kamervragen.parse_bytes`` (format detection, the reader and the parser: the
  whole of ``kamervragen parse`` but for reading the file and writing JSON).

The target is the text parser's: at least 500 documents/s per core, parsed.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Callable
from pathlib import Path

from _timing import pin_to_one_core, print_rate, run_rounds
from kamervragen import parse_bytes
from kamervragen.errors import ParseError
from kamervragen.readers.xml import read_xml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT / "tests" / "data" / "xml"
TARGET = 500.0  # documents per second per core, parsed


def accepted(documents: list[tuple[str, bytes]]) -> tuple[list[bytes], list[str]]:
    """The documents that parse (this also warms up imports and caches), and those refused."""
    good, refused = [], []
    for name, data in documents:
        try:
            parse_bytes(data)
        except ParseError:
            refused.append(name)
        else:
            good.append(data)
    return good, refused


def measure(label: str, step: Callable[[bytes], object], docs: list[bytes], seconds: float) -> None:
    def one_round() -> int:
        for data in docs:
            step(data)
        return len(docs)

    done, elapsed, round_times = run_rounds(one_round, seconds)
    per_second = done / elapsed
    print(f"{label:<15}{done} documents in {elapsed:.2f} s ({len(round_times)} rounds): ", end="")
    print(f"{per_second:.0f} documents/s per core ({1000 / per_second:.2f} ms/document)")
    if label == "parse":
        print_rate("documents", len(docs), round_times, TARGET)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="minimum time per measure")
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="folder of XML files")
    args = parser.parse_args()
    where = pin_to_one_core()

    docs, refused = accepted([(p.name, p.read_bytes()) for p in sorted(args.docs.glob("*.xml"))])
    if refused:
        print(f"left out       {len(refused)} refused with ParseError: {', '.join(refused)}")
    if not docs:
        print(f"no Kamervragen *.xml documents in {args.docs}", file=sys.stderr)
        return 2
    size = sum(len(d) for d in docs)
    print(f"documents      {len(docs)} XML, {size / 1024:.0f} KiB, from {args.docs}")
    print(f"python         {platform.python_version()} on {platform.machine()}, {where}")
    measure("read", read_xml, docs, args.seconds)
    measure("parse", parse_bytes, docs, args.seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
