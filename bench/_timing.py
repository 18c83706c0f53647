"""What the benchmarks share: one pinned core, the timing loop, the closing figures."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable


def pin_to_one_core() -> str:
    """Run on one CPU where the system allows it; say which."""
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here); one process, one thread"


def run_rounds(one_round: Callable[[], int], seconds: float) -> tuple[int, float, list[float]]:
    """Run ``one_round`` (returns how many items it did) for at least ``seconds``.

    Returns the items done, the elapsed seconds and each round's duration.
    """
    done = 0
    round_times: list[float] = []
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        t = time.perf_counter()
        done += one_round()
        round_times.append(time.perf_counter() - t)
    return done, time.perf_counter() - start, round_times


def print_rate(unit: str, per_round: int, round_times: list[float], target: float) -> None:
    """The median and best round as ``unit``/s, and whether the overall rate meets ``target``."""
    elapsed = sum(round_times)
    overall = per_round * len(round_times) / elapsed
    median = per_round / statistics.median(round_times)
    best = per_round / min(round_times)
    print(f"rounds         median {median:.1f} {unit}/s, best {best:.1f} {unit}/s")
    verdict = "meets" if overall >= target else "below"
    print(f"target         ≥ {target:.0f} {unit}/s per core: {verdict}")
