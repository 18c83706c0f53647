"""PDF reader throughput: PDFs per second on one core.

    .venv/bin/python bench/pdf_throughput.py [--seconds 5] [--docs tests/data/pdf]

Reads every ``*.pdf`` of the folder into memory once, then runs
``kamervragen.readers.pdf.read_pdf`` on them round after round in this one process, on
one CPU, for at least ``--seconds``, and prints PDFs/s and ms per PDF. Reading files is
left out; opening the PDF, extracting and classifying its lines are in. The target is
at least 20 PDFs/s per core on the 2–6 page official Aanhangsel PDFs.
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

from _timing import pin_to_one_core, print_rate, run_rounds
from kamervragen.errors import ParseError
from kamervragen.readers.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOCS = ROOT / "tests" / "data" / "pdf"
TARGET = 20.0  # PDFs per second per core


def one_round(documents: list[tuple[str, bytes]]) -> tuple[int, int, list[str]]:
    """Read every PDF once: how many, their pages in all, and the names refused."""
    pages = 0
    refused = []
    for name, data in documents:
        try:
            pages += int(read_pdf(data).meta.get("pages", "0"))
        except ParseError:
            refused.append(name)
    return len(documents), pages, refused


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="minimum time to run")
    parser.add_argument("--docs", type=Path, default=DEFAULT_DOCS, help="folder of PDFs")
    args = parser.parse_args()

    documents = [(p.name, p.read_bytes()) for p in sorted(args.docs.glob("*.pdf"))]
    if not documents:
        print(f"no *.pdf documents in {args.docs}", file=sys.stderr)
        return 2
    where = pin_to_one_core()

    _, pages_per_round, refused = one_round(documents)  # warm-up: imports, pdfium init
    if refused:
        print(f"warning: {len(refused)} refused with ParseError: {', '.join(refused)}")

    read, elapsed, round_times = run_rounds(lambda: one_round(documents)[0], args.seconds)

    per_second = read / elapsed
    print(f"documents      {len(documents)} PDFs, {pages_per_round} pages, from {args.docs}")
    print(f"python         {platform.python_version()} on {platform.machine()}, {where}")
    print(f"read           {read} PDFs in {elapsed:.2f} s ({len(round_times)} rounds)")
    print(f"throughput     {per_second:.1f} PDFs/s per core ({1000 / per_second:.1f} ms/PDF)")
    print(f"               {pages_per_round * len(round_times) / elapsed:.0f} pages/s")
    print_rate("PDFs", len(documents), round_times, TARGET)
    return 0


if __name__ == "__main__":
    sys.exit(main())
