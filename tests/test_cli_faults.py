"""A database that fails under a command: one line naming it and the cause, exit 1, and
the data as consistent as before (issue 17, item 8).

How each fault is made, without root:
- read-only: the file's mode 0444. Root writes whatever the mode, so as root the command
  runs without its capabilities (``setpriv``), as any user would.
- a damaged page: bytes overwritten in the middle of a real store, on a page of a table
  or index the command must read (found with SQLite's ``dbstat``).
- a full disk: for real, a tmpfs a little larger than the store, mounted in a user and
  mount namespace of its own (``unshare -rm``; no root needed where user namespaces are
  allowed, skipped where not); and, everywhere, SQLite's ``max_page_count``, which makes
  SQLite answer as for a full disk (SQLITE_FULL) at a page it chooses. RLIMIT_FSIZE is
  not used: SQLite reports a write over it as a generic I/O error, not a full disk.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kamervragen.cli import app
from kamervragen.ingest import ingest
from kamervragen.storage import StoreError, open_store
from kamervragen.storage.sqlite import SQLiteStore
from storedump import dump

DATA = Path(__file__).parent / "data"
DEV = sorted((DATA / "dev").glob("*.txt"))
FIRST, LATER = DEV[:10], DEV[10:]
SRC = Path(__file__).resolve().parent.parent / "src"
runner = CliRunner()


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of ten documents, checkpointed into its one file."""
    folder = tmp_path_factory.mktemp("stored")
    first = folder / "first"
    first.mkdir()
    for path in FIRST:
        shutil.copy(path, first)
    db = folder / "kamervragen.db"
    with open_store(db) as store:
        ingest(store, [first])
    return db


@pytest.fixture
def later(tmp_path: Path) -> Path:
    """The documents not in :func:`stored`, in a folder."""
    folder = tmp_path / "later"
    folder.mkdir()
    for path in LATER:
        shutil.copy(path, folder)
    return folder


def _copy(stored: Path, tmp_path: Path) -> Path:
    db = tmp_path / "kv.db"
    shutil.copy(stored, db)
    return db


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _documents(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def _damage(db: Path, structure: str) -> None:
    """Overwrite the middle page of ``structure`` (a table or index) with garbage."""
    with sqlite3.connect(db) as conn:
        size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        pages = [
            int(r[0])
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno", (structure,)
            )
        ]
    assert pages, structure
    with db.open("r+b") as f:
        f.seek((pages[len(pages) // 2] - 1) * size)
        f.write(bytes(range(256)) * (size // 256))


def _python(args: list[str], *, powerless: bool = False) -> subprocess.CompletedProcess[str]:
    """Python in a process of its own; ``powerless``: as root, without the capabilities
    that let root write a read-only file."""
    prefix: list[str] = []
    if powerless and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root, and no setpriv to run a command without root's powers")
        prefix = [setpriv, "--inh-caps=-all", "--bounding-set=-all"]
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    command = [*prefix, sys.executable, *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def _cli(args: list[str], *, powerless: bool = False) -> subprocess.CompletedProcess[str]:
    return _python(["-m", "kamervragen", *args], powerless=powerless)


# --- read-only ----------------------------------------------------------------------------


def test_ingest_into_a_read_only_file_names_it_and_writes_nothing(
    stored: Path, tmp_path: Path, later: Path
) -> None:
    db = _copy(stored, tmp_path)
    before = _digest(db)
    db.chmod(0o444)
    result = _cli(["ingest", str(later), "--db", str(db), "--jobs", "1"], powerless=True)
    assert result.returncode == 1
    line = _one_line(result.stderr)
    assert line.startswith(f"kamervragen: {db}: the database is read-only")
    assert _digest(db) == before


def test_a_read_only_file_is_refused_before_anything_is_parsed(
    stored: Path, tmp_path: Path
) -> None:
    """The store says so when it is opened to write, not at the first document."""
    db = _copy(stored, tmp_path)
    db.chmod(0o444)
    probe = (
        "import sys\nfrom kamervragen.storage import StoreError, open_store\n"
        "try:\n    open_store(sys.argv[1])\nexcept StoreError as e:\n    print(e.cause)\n"
    )
    out = _python(["-c", probe, str(db)], powerless=True)
    assert out.stdout.strip() == "read-only", out.stderr
    # Searching only reads: a read-only store serves it.
    search = _cli(["search", "minister", "--db", str(db), "--json"], powerless=True)
    assert search.returncode == 0, search.stderr


# --- a damaged page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "structure"),
    [
        # ingest looks up every file's content hash in the sources' unique index
        (["ingest", "{later}", "--jobs", "1"], "sqlite_autoindex_sources_1"),
        # search reads the terms' index of the full-text table
        (["search", "minister"], "search_text_idx"),
        # export reads every case
        (["export", "--format", "jsonl"], "cases"),
    ],
    ids=["ingest", "search", "export"],
)
def test_a_damaged_page_is_named_with_the_advice_to_check(
    stored: Path, tmp_path: Path, later: Path, command: list[str], structure: str
) -> None:
    db = _copy(stored, tmp_path)
    _damage(db, structure)
    documents = _documents(db)
    args = [a.format(later=later) for a in command]
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 1, result.output
    line = _one_line(result.stderr)
    assert line.startswith(f"kamervragen: {db}: the database is damaged")
    assert f"kamervragen check --db {db}" in line
    assert _documents(db) == documents  # nothing added to a damaged store


def test_export_to_a_file_from_a_damaged_store_leaves_no_file(stored: Path, tmp_path: Path) -> None:
    db = _copy(stored, tmp_path)
    _damage(db, "documents")
    out = tmp_path / "paren.jsonl"
    result = runner.invoke(app, ["export", "--format", "jsonl", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 1
    assert "the database is damaged" in _one_line(result.stderr)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".paren")] == []


# --- a full disk ----------------------------------------------------------------------


def _clean(stored: Path, tmp_path: Path, folder: Path) -> dict[str, list[tuple[object, ...]]]:
    """What the store holds after the same ingest on a disk with room."""
    db = tmp_path / "clean.db"
    shutil.copy(stored, db)
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return dump(str(db))


def _assert_whole_and_resumable(db: Path, stored: Path, tmp_path: Path, later: Path) -> None:
    """No document half-stored: the file is sound, and the same ingest run again (with
    room) ends where an ingest that never failed ends."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    again = runner.invoke(app, ["ingest", str(later), "--db", str(db), "--jobs", "1"])
    assert again.exit_code == 0, again.output
    assert dump(str(db)) == _clean(stored, tmp_path, later)


@pytest.fixture
def page_limit(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Writable stores opened meanwhile may grow by as many pages as the list holds."""
    room: list[int] = []
    open_file = SQLiteStore._open

    def limited(self: SQLiteStore, path: str | Path) -> None:
        open_file(self, path)
        if room and not self.readonly:
            pages = int(self._db.execute("PRAGMA page_count").fetchone()[0])
            self._db.execute(f"PRAGMA max_page_count = {pages + room[0]}")

    monkeypatch.setattr(SQLiteStore, "_open", limited)
    yield room


def _pages(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("PRAGMA page_count").fetchone()[0])


def test_ingest_on_a_full_database_says_so_and_stores_whole_documents(
    stored: Path, tmp_path: Path, later: Path, page_limit: list[int]
) -> None:
    _clean(stored, tmp_path, later)  # how many pages the documents take
    db = _copy(stored, tmp_path)
    documents = _documents(db)
    # Room for all but the last page the eight documents need: the first few fit.
    page_limit.append(_pages(tmp_path / "clean.db") - _pages(db) - 1)
    result = runner.invoke(app, ["ingest", str(later), "--db", str(db), "--jobs", "1"])
    page_limit.clear()
    assert result.exit_code == 1
    line = _one_line(result.stderr)
    assert line.startswith(f"kamervragen: {db}: the disk is full")
    assert documents < _documents(db) < documents + len(LATER)
    _assert_whole_and_resumable(db, stored, tmp_path, later)


def _namespaces() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    probe = subprocess.run([unshare, "-rm", "true"], capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.skipif(not _namespaces(), reason="no user and mount namespaces (unshare -rm)")
def test_ingest_on_a_really_full_disk(stored: Path, tmp_path: Path, later: Path) -> None:
    """A tmpfs 200 KB larger than the store: the disk fills up after a few documents."""
    disk, saved = tmp_path / "disk", tmp_path / "saved"
    disk.mkdir()
    saved.mkdir()
    size = stored.stat().st_size // 1024 + 200
    script = (
        f"mount -t tmpfs -o size={size}k none {disk}\n"
        f"cp {stored} {disk}/kv.db\n"
        f"{sys.executable} -m kamervragen ingest {later} --db {disk}/kv.db --jobs 1\n"
        "echo rc=$?\n"
        f"cp {disk}/kv.db* {saved}/\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    result = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=env, timeout=300
    )
    assert "rc=1" in result.stdout, result.stdout + result.stderr
    line = _one_line(result.stderr)
    assert line.startswith(f"kamervragen: {disk}/kv.db: the disk is full")
    db = saved / "kv.db"
    assert _documents(db) < _documents(stored) + len(LATER)
    _assert_whole_and_resumable(db, stored, tmp_path, later)


# --- the store's errors, for a program --------------------------------------------------


def test_store_errors_carry_the_cause(stored: Path, tmp_path: Path) -> None:
    db = _copy(stored, tmp_path)
    _damage(db, "search_text_idx")
    with open_store(db, for_search=True) as store, pytest.raises(StoreError) as caught:
        store.query("SELECT * FROM search_text WHERE search_text MATCH 'minister'")
    assert caught.value.cause == "corrupt" and caught.value.database == str(db)
    # The store is still usable for what is not damaged.
    with open_store(db, for_search=True) as store:
        assert store.counts()["documents"] == len(FIRST)
