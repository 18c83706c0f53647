"""Worker processes hold each document to limits of time and memory, and outlive it.

A document over a limit, or one whose worker dies, is quarantined with the reason; the
documents after it (also those its worker held) are parsed, and the order is kept.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from poisoned import parse_or_die

from kamervragen.ingest import Failed, Limits, LocalRunner, ingest, parse_path
from kamervragen.ingest._pool import WorkerPool
from kamervragen.storage import open_store

DATA = Path(__file__).parent.parent / "data"
TEXTS = sorted(DATA.glob("dev/*.txt"))
# A one-line document of 0.9 MB of headings: parsed in a second or two, in about 75 MB.
HEAVY = "Vraag 1 Waarom? Antwoord 1 Daarom. " * 27_000


def _folder(root: Path, bad: dict[str, str | bytes]) -> list[Path]:
    """Ten dev texts with the ``bad`` files among them (named to sort in between)."""
    root.mkdir()
    for k, path in enumerate(TEXTS[:10]):
        (root / f"{k:02d}.txt").write_bytes(path.read_bytes())
    for name, content in bad.items():
        data = content.encode() if isinstance(content, str) else content
        (root / name).write_bytes(data)
    return sorted(root.iterdir())


def _check(results: list[object], paths: list[Path], failed: dict[str, str]) -> None:
    """Every result in order; those of ``failed`` (name: reason) failed, the rest parsed."""
    assert [r.source for r in results] == [str(p) for p in paths]  # type: ignore[attr-defined]
    for path, result in zip(paths, results, strict=True):
        if path.name in failed:
            assert isinstance(result, Failed), path.name
            assert result.reason == failed[path.name]
        else:
            assert not isinstance(result, Failed), (path.name, result)


def test_a_document_over_the_time_limit_is_quarantined_and_the_rest_parsed(
    tmp_path: Path,
) -> None:
    paths = _folder(tmp_path / "docs", {"03a-zwaar.txt": HEAVY, "07a-zwaar.txt": HEAVY})
    runner = LocalRunner(processes=2, limits=Limits(seconds=2))
    results = list(runner.map([str(p) for p in paths]))
    took = "took longer than 2 s"
    _check(results, paths, {"03a-zwaar.txt": took, "07a-zwaar.txt": took})


def test_a_document_over_the_memory_limit_is_quarantined_and_the_rest_parsed(
    tmp_path: Path,
) -> None:
    paths = _folder(tmp_path / "docs", {"03a-zwaar.txt": HEAVY})
    runner = LocalRunner(processes=2, limits=Limits(memory=32 * 2**20))
    results = list(runner.map([str(p) for p in paths]))
    _check(results, paths, {"03a-zwaar.txt": "needed more than 32 MB"})


def test_a_worker_that_dies_is_replaced_and_no_document_is_lost(tmp_path: Path) -> None:
    paths = _folder(tmp_path / "docs", {"03a-dood.txt": "", "03b-dood.txt": "", "08a-dood": ""})
    pool = WorkerPool(2, Limits(), parse_or_die, ahead=4)
    results = list(pool.map([str(p) for p in paths]))
    died = "its worker process stopped (signal SIGKILL)"
    _check(results, paths, {"03a-dood.txt": died, "03b-dood.txt": died, "08a-dood": died})


def test_a_worker_that_aborts_under_a_memory_limit_ran_out_of_memory(tmp_path: Path) -> None:
    """pdfium aborts the process (SIGABRT) where Python would raise MemoryError."""
    paths = _folder(tmp_path / "docs", {"05a-groot.txt": ""})
    pool = WorkerPool(2, Limits(memory=128 * 2**20), parse_or_die)
    results = list(pool.map([str(p) for p in paths]))
    _check(results, paths, {"05a-groot.txt": "needed more than 128 MB"})


def test_a_hanging_document_is_stopped_at_the_time_limit(tmp_path: Path) -> None:
    paths = _folder(tmp_path / "docs", {"02a-slaap.txt": ""})
    started = time.monotonic()
    results = list(WorkerPool(2, Limits(seconds=1), parse_or_die).map([str(p) for p in paths]))
    _check(results, paths, {"02a-slaap.txt": "took longer than 1 s"})
    assert time.monotonic() - started < 30


def test_results_equal_those_of_this_process(tmp_path: Path) -> None:
    paths = _folder(tmp_path / "docs", {"04a-recept.txt": "Appeltaart\n\n500 g bloem\n"})
    sources = [str(p) for p in paths]
    here = [parse_path(s) for s in sources]
    there = list(LocalRunner(processes=2).map(sources))
    assert [r.source for r in there] == sources
    assert [getattr(r, "record", r) for r in there] == [getattr(r, "record", r) for r in here]


@pytest.mark.parametrize("processes", [1, 2])
def test_an_ingest_stores_the_batch_around_a_document_over_a_limit(
    db_url: str, tmp_path: Path, processes: int
) -> None:
    paths = _folder(tmp_path / "docs", {"03a-zwaar.txt": HEAVY})
    runner = LocalRunner(processes=processes, limits=Limits(seconds=2))
    with open_store(db_url) as store:
        summary = ingest(store, [tmp_path / "docs"], runner=runner)
    if processes == 1:  # in this process nothing stops a document: it is parsed
        assert not summary.quarantined and summary.added == len(paths)
    else:
        assert [(q.source, q.reason) for q in summary.quarantined] == [
            (str(tmp_path / "docs" / "03a-zwaar.txt"), "took longer than 2 s")
        ]
        assert summary.added == len(paths) - 1
