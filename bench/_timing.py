"""The timing loop the benchmarks share: whole rounds until enough seconds have passed."""

from __future__ import annotations

import time
from collections.abc import Callable


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
