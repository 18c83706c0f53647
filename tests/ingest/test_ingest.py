"""Ingest on both backends: idempotent, quarantine, resume after kill -9, Dask workers."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kamervragen.ingest import DaskRunner, Failed, LocalRunner, find_files, ingest, parse_path
from kamervragen.storage import open_store
from storedump import dump

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The dev texts and PDFs, plus a file that is not a Kamervragen document."""
    root = tmp_path / "docs"
    shutil.copytree(DATA / "dev", root / "dev")
    shutil.copytree(DATA / "pdf", root / "pdf")
    (root / "dev" / "recept.txt").write_text("Appeltaart\n\n500 g bloem, 200 g boter.\n")
    return root


def test_a_folder_is_ingested_and_bad_files_quarantined(db_url: str, folder: Path) -> None:
    documents = [p for p in find_files([folder]) if p.name != "recept.txt"]
    with open_store(db_url) as store:
        summary = ingest(store, [folder])
        assert [q.source for q in summary.quarantined] == [str(folder / "dev" / "recept.txt")]
        assert "not a Kamervragen document" in summary.quarantined[0].reason
        # The PDFs in pdf/ are the dev documents of the same official id: they replace.
        assert summary.added + summary.replaced == len(documents)
        assert summary.replaced > 0
        stored = store.counts()["documents"]
        assert stored == summary.added
        assert store.counts()["quarantine"] == 1


def test_ingesting_twice_changes_nothing(db_url: str, folder: Path) -> None:
    with open_store(db_url) as store:
        ingest(store, [folder])
    before = dump(db_url)
    with open_store(db_url) as store:
        again = ingest(store, [folder])
    assert again.added == again.replaced == 0
    assert again.unchanged == again.total - 1 and len(again.quarantined) == 1
    assert dump(db_url) == before


def _many(root: Path, copies: int) -> Path:
    """Text documents, each in several versions (same record, other bytes)."""
    out = root / "many"
    out.mkdir()
    texts = sorted(DATA.glob("dev/*.txt")) + sorted(DATA.glob("unlabelled/*.txt"))
    for k in range(copies):
        for path in texts:
            (out / f"{k:03d}-{path.name}").write_bytes(path.read_bytes() + b"\n" * (k + 1))
    return out


def _count(url: str) -> int:
    try:
        with open_store(url) as store:
            return int(store.query("SELECT count(*) FROM sources")[0][0])
    except Exception:  # the database may not exist yet
        return 0


def _processes_reading(folder: Path) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(folder).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def test_kill_9_during_ingest_then_resume_gives_the_same_database(
    db_url: str, other_db_url: str, tmp_path: Path
) -> None:
    folder = _many(tmp_path, copies=8)
    command = [sys.executable, "-m", "kamervragen", "ingest", str(folder), "--db"]
    env = {**os.environ, "COLUMNS": "80"}
    run = subprocess.Popen([*command, db_url], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _count(db_url) < 40 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.02)
    assert run.poll() is None, "the ingest finished before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    # Its parsing processes leave with it, and hold no connection open meanwhile.
    deadline = time.monotonic() + 10
    while _processes_reading(folder) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _processes_reading(folder)
    killed_at = _count(db_url)
    assert 40 <= killed_at < len(list(folder.iterdir()))
    resumed = subprocess.run([*command, db_url], env=env, capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr  # every file is a document
    assert f"{killed_at} unchanged" in resumed.stdout
    whole = subprocess.run([*command, other_db_url], env=env, capture_output=True, text=True)
    assert "0 unchanged" in whole.stdout
    assert dump(db_url) == dump(other_db_url)


def test_dask_workers_store_exactly_what_one_process_stores(
    db_url: str, other_db_url: str, folder: Path
) -> None:
    with open_store(other_db_url) as store:
        ingest(store, [folder])
    with open_store(db_url) as store:
        summary = ingest(store, [folder], runner=DaskRunner(workers=2, batch=8))
    assert summary.added > 0 and len(summary.quarantined) == 1
    assert dump(db_url) == dump(other_db_url)


def test_parsing_in_processes_stores_exactly_what_one_process_stores(
    db_url: str, other_db_url: str, tmp_path: Path
) -> None:
    folder = _many(tmp_path, copies=2)
    with open_store(other_db_url) as store:
        ingest(store, [folder], runner=LocalRunner(processes=1))
    with open_store(db_url) as store:
        summary = ingest(store, [folder], runner=LocalRunner(processes=2, batch=4))
    assert summary.added > 0 and summary.replaced > 0
    assert dump(db_url) == dump(other_db_url)


def test_tsvectors_built_where_files_are_parsed_equal_the_writers_own(
    db_url: str, other_db_url: str, folder: Path
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("only a PostgreSQL store has tsvectors built for it")
    with open_store(db_url) as store:
        ingest(store, [folder], LocalRunner(processes=1))  # with the tsvectors
    with open_store(other_db_url) as store:
        for path in find_files([folder]):
            parsed = parse_path(str(path))
            assert isinstance(parsed, Failed) or parsed.analysed.tsv is None  # type: ignore[union-attr]
            if isinstance(parsed, Failed):
                store.quarantine(parsed.source, parsed.content_hash, parsed.reason)
            else:
                store.add(dataclasses.replace(parsed, record_json=None))  # the writer's own

    def index(url: str) -> tuple[list[tuple[str, int, str]], list[str], list[str]]:
        with open_store(url) as store:
            rows = store.query(
                "SELECT d.content_hash, p.position, CAST(p.tsv AS TEXT) FROM search_pairs p"
                " JOIN documents d ON d.id = p.document_id ORDER BY 1, 2"
            )
            # The compound terms and the records' JSON are handed over ready-made too.
            terms = [r[0] for r in store.query("SELECT term FROM search_terms ORDER BY 1")]
            records = [r[0] for r in store.query("SELECT record FROM documents ORDER BY 1")]
        return [tuple(r) for r in rows], terms, records  # type: ignore[misc]

    built = index(db_url)
    assert all(built) and built == index(other_db_url)


# --- bad files never stop an ingest ------------------------------------------------------------


def _texts(root: Path, names: list[str]) -> Path:
    """A folder of dev text documents named ``names`` (in that order when sorted)."""
    root.mkdir()
    texts = sorted(DATA.glob("dev/*.txt"))
    for name, path in zip(names, texts, strict=False):
        (root / name).write_bytes(path.read_bytes())
    return root


RUNNERS = {
    "this process": lambda: LocalRunner(processes=1),
    "two processes": lambda: LocalRunner(processes=2, batch=2),
}


@pytest.mark.parametrize("runner", RUNNERS.values(), ids=RUNNERS.keys())
def test_a_damaged_word_file_is_quarantined_and_the_files_after_it_stored(
    db_url: str, tmp_path: Path, runner: Any
) -> None:
    """2,000 bytes cut out of a Word file made zipfile raise ValueError: the ingest
    crashed there on every run, and the files queued after it were never stored."""
    folder = _texts(tmp_path / "docs", [f"{k:02d}.txt" for k in (1, 2, 3, 5, 6, 7, 8, 9)])
    data = next(DATA.glob("docx/jenv__*.docx")).read_bytes()
    bad = folder / "04.docx"
    bad.write_bytes(data[: len(data) // 2] + data[len(data) // 2 + 2000 :])
    with open_store(db_url) as store:
        summary = ingest(store, [folder], runner=runner())
        assert [q.source for q in summary.quarantined] == [str(bad)]
        assert "damaged" in summary.quarantined[0].reason
        assert summary.added == 8
        again = ingest(store, [folder], runner=runner())
        assert again.unchanged == 8 and len(again.quarantined) == 1


def test_a_file_over_32_mb_is_quarantined_and_never_held_whole(db_url: str, tmp_path: Path) -> None:
    folder = _texts(tmp_path / "docs", ["01.txt", "03.txt"])
    big = folder / "02.pdf"
    with big.open("wb") as file:
        file.truncate(32 * 2**20 + 1)  # sparse
    with open_store(db_url) as store:
        summary = ingest(store, [folder])
    assert [(q.source, q.reason) for q in summary.quarantined] == [(str(big), "larger than 32 MB")]
    assert summary.quarantined[0].content_hash == hashlib.sha256(big.read_bytes()).hexdigest()
    assert summary.added == 2
