"""Fuzzing: damaged copies of every real document, parsed in worker processes.

    .venv/bin/python bench/fuzz.py [--mutants 20000] [--seed 1] [--timeout 10]
                                   [--processes N] [--saved fuzz-found]

Makes ``--mutants`` damaged documents, spread evenly over the formats of tests/data (text,
PDF, Word, XML, HTML), each from a real document by one to four operations of
bench/_mutate.py, and parses each with ``kamervragen.parse_bytes`` in a worker process
(``kamervragen.ingest``'s, without a memory limit, so that the peak is measured). Prints
how many were tried, every exception that was not one the readers or the parser raise on
purpose (its type, message, and the file its mutant is saved in to replay it), the
documents that hung (over ``--timeout``), the slowest document, and the peak memory of a
worker (resident, VmHWM). The target: no such exception, no hang, peak under 512 MB.

A mutant is known by its format, document and seed, so a worker makes it itself: replay
one with ``--replay FORMAT:INDEX:SEED`` (or parse the saved file).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import _mutate  # noqa: E402
import kamervragen  # noqa: E402
from kamervragen.ingest import Failed, Limits  # noqa: E402
from kamervragen.ingest._pool import WorkerPool  # noqa: E402

MB = 1024 * 1024
TARGET_PEAK = 512 * MB


class Outcome(NamedTuple):
    """What parsing one mutant came to, in the worker."""

    spec: str
    result: str  # "record", "refused" (a ParseError made on purpose) or "unexpected"
    detail: str  # the unexpected exception: "Type: message"
    seconds: float
    peak: int  # the worker's peak resident memory so far, bytes


def make(spec: str) -> bytes:
    """The mutant ``FORMAT:INDEX:SEED``: document INDEX of FORMAT, damaged by SEED."""
    fmt, index, seed = spec.split(":")
    _, data = _mutate.documents(fmt)[int(index)]
    return _mutate.mutate(data, fmt, _mutate.random_ops(random.Random(int(seed)), fmt))


def parse_one(spec: str, tsvector: bool = False) -> Outcome:
    """In a worker: make the mutant and parse it."""
    data = make(spec)
    started = time.perf_counter()
    result, detail = "record", ""
    try:
        kamervragen.parse_bytes(data)
    except kamervragen.ParseError as error:
        result = "refused"
        if error.unexpected is not None:
            result = "unexpected"
            detail = f"{type(error.unexpected).__name__}: {error.unexpected}"[:300]
    seconds = time.perf_counter() - started
    return Outcome(spec, result, detail, seconds, _peak())


def _peak() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM"))


def _specs(mutants: int, seed: int) -> list[str]:
    """``mutants`` specs, spread evenly over the formats and their documents."""
    rng = random.Random(seed)
    specs = []
    for k in range(mutants):
        fmt = _mutate.FORMATS[k % len(_mutate.FORMATS)]
        index = rng.randrange(len(_mutate.documents(fmt)))
        specs.append(f"{fmt}:{index}:{rng.randrange(2**32)}")
    return specs


def _save(spec: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{spec.replace(':', '-')}.{spec.split(':')[0]}"
    path.write_bytes(make(spec))
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mutants", type=int, default=20_000, help="how many to parse")
    parser.add_argument("--seed", type=int, default=1, help="which mutants")
    parser.add_argument("--timeout", type=float, default=10.0, help="s a document may take")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--saved", type=Path, default=Path("fuzz-found"), help="folder")
    parser.add_argument("--replay", help="parse one mutant FORMAT:INDEX:SEED here")
    args = parser.parse_args()

    if args.replay:
        print(parse_one(args.replay))
        return 0
    specs = _specs(args.mutants, args.seed)
    # By the module's name, not __main__'s, so that a worker can import it.
    from fuzz import parse_one as work

    pool = WorkerPool(args.processes, Limits(seconds=args.timeout, memory=None), work)
    started = time.perf_counter()
    results: Counter[str] = Counter()
    by_format: Counter[str] = Counter()
    unexpected: list[Outcome] = []
    hangs: list[str] = []
    crashes: list[tuple[str, str]] = []
    slowest = Outcome("", "", "", 0.0, 0)
    peak = 0
    for done, outcome in enumerate(pool.map(specs), start=1):
        if isinstance(outcome, Failed):  # over the time limit, or its worker died
            if outcome.reason.startswith("took longer"):
                hangs.append(outcome.source)
            else:
                crashes.append((outcome.source, outcome.reason))
            continue
        results[outcome.result] += 1
        by_format[outcome.spec.split(":")[0]] += 1
        peak = max(peak, outcome.peak)
        if outcome.result == "unexpected":
            unexpected.append(outcome)
        if outcome.seconds > slowest.seconds:
            slowest = outcome
        if done % 1000 == 0:
            print(f"… {done} parsed, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    took = time.perf_counter() - started

    formats = ", ".join(f"{fmt} {by_format[fmt]}" for fmt in _mutate.FORMATS)
    print(f"mutants        {len(specs)} ({formats}), seed {args.seed}")
    print(
        f"python         {platform.python_version()} on {platform.machine()}, load "
        f"{os.getloadavg()[0]:.1f}, {args.processes} processes, {took:.0f} s"
    )
    print(
        f"outcomes       {results['record']} records, {results['refused']} refused "
        f"(ParseError), {results['unexpected']} unexpected"
    )
    print(f"unexpected     {len(unexpected)}")
    for outcome in unexpected:
        print(f"  {outcome.detail}  ({outcome.spec}, saved as {_save(outcome.spec, args.saved)})")
    print(f"hangs          {len(hangs)} (over {args.timeout:g} s)")
    for spec in hangs:
        print(f"  {spec}, saved as {_save(spec, args.saved)}")
    print(f"crashes        {len(crashes)} (a worker died)")
    for spec, reason in crashes:
        print(f"  {spec}: {reason}, saved as {_save(spec, args.saved)}")
    name = _mutate.documents(slowest.spec.split(":")[0])[int(slowest.spec.split(":")[1])][0]
    print(f"slowest        {slowest.seconds:.2f} s, {slowest.spec} ({name})")
    print(f"peak memory    {peak / MB:.0f} MB (resident, the largest worker)")
    met = not unexpected and not hangs and not crashes and peak < TARGET_PEAK
    print(
        f"target         0 unexpected, 0 hangs, peak < {TARGET_PEAK // MB} MB: "
        f"{'met' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
