"""Ingest benchmark: synthetic documents into SQLite or PostgreSQL, timed end to end.

    python bench/ingest.py --docs 130000                         # SQLite, one process
    python bench/ingest.py --docs 130000 --db postgresql://…     # PostgreSQL
    python bench/ingest.py --docs 20000 --workers 2              # parsing on Dask workers

The corpus (``bench/corpus.py``) is written once to ``--folder`` and reused. The
command measured is the real one, ``python -m kamervragen ingest FOLDER --db …``, run
as a child process: its wall time, documents/s and peak memory (the largest resident
size of any process it started) are printed, with the CPU time a document took in the
ingest's processes and, for a PostgreSQL server on this machine, in the server's
processes for the database (its session with the ingest, autovacuum); then a second run
over the same folder (everything unchanged) is timed too.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import generate


def write_corpus(folder: Path, n: int, seed: int) -> None:
    marker = folder / ".complete"
    if marker.exists() and marker.read_text() == f"{n} {seed}":
        return
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for i, doc in enumerate(generate(n, seed)):
        # 1,000 files a folder, as an archive kept by year and number would be.
        sub = folder / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(exist_ok=True)
        (sub / doc.name).write_text(doc.text, encoding="utf-8")
    marker.write_text(f"{n} {seed}")
    print(f"corpus         {n} documents written in {time.perf_counter() - start:.1f} s")


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process of this machine (None if it is gone or hidden)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_cpu(db: str, seen: dict[tuple[str, int], float]) -> None:
    """Note the CPU time of the PostgreSQL processes working on ``db`` (a local server):
    the ingest's session and autovacuum. Their last value counts, so poll until the end."""
    import psycopg

    with psycopg.connect(db, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pid, backend_type FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    for pid, kind in rows:
        cpu = _cpu_seconds(pid)
        if cpu is not None:
            seen[(kind, pid)] = cpu


def run_ingest(
    folder: Path, db: str, workers: int | None, jobs: int | None = None
) -> tuple[float, str, dict[tuple[str, int], float]]:
    command = [sys.executable, "-m", "kamervragen", "ingest", str(folder), "--db", db]
    if workers:
        command += ["--workers", str(workers)]
    if jobs:
        command += ["--jobs", str(jobs)]
    server: dict[tuple[str, int], float] = {}
    start = time.perf_counter()
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as run:
        if db.startswith("postgresql"):
            while run.poll() is None:
                _server_cpu(db, server)
                time.sleep(1)
        out, err = run.communicate()
    elapsed = time.perf_counter() - start
    if run.returncode not in (0, 1):
        sys.exit(f"ingest failed ({run.returncode}): {err[-2000:]}")
    return elapsed, out.strip().splitlines()[-1], server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=130_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="a postgresql:// URL; default a new SQLite file")
    parser.add_argument("--workers", type=int, help="parse on a local Dask cluster")
    parser.add_argument("--jobs", type=int, help="parsing processes (default: one per core)")
    parser.add_argument("--folder", type=Path, help="where the corpus is kept")
    args = parser.parse_args()

    folder = (
        args.folder or Path(tempfile.gettempdir()) / f"kamervragen-corpus-{args.docs}-{args.seed}"
    )
    write_corpus(folder, args.docs, args.seed)
    scratch = Path(tempfile.mkdtemp(prefix="kamervragen-bench-"))
    db = args.db or str(scratch / "bench.db")
    if args.db:
        import psycopg

        with psycopg.connect(args.db, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")

    load = os.getloadavg()
    elapsed, summary, server = run_ingest(folder, db, args.workers, args.jobs)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_mb = usage.ru_maxrss / 1024
    backend = "PostgreSQL" if args.db else "SQLite"
    jobs = args.jobs or os.cpu_count()
    how = f"Dask, {args.workers} workers" if args.workers else f"{jobs} parsing processes"
    print(f"backend        {backend} ({how}), {os.cpu_count()} cores")
    print(f"ingest         {summary}")
    print(f"time           {elapsed:.1f} s = {args.docs / elapsed:.0f} documents/s")
    print(f"peak memory    {peak_mb:.0f} MB (largest process)")
    # CPU seconds a document, whatever else the machine did meanwhile: what a busy
    # machine cannot distort, and what bounds the time on an idle one.
    per_doc = 1000 / args.docs
    print(f"cpu            ingest {per_doc * (usage.ru_utime + usage.ru_stime):.2f} ms/doc", end="")
    for kind in sorted({k for k, _ in server}):
        cpu = sum(v for (k, _), v in server.items() if k == kind)
        print(f", {kind} {per_doc * cpu:.2f} ms/doc", end="")
    print(f"\nload average   {load[0]:.2f} at the start, {os.getloadavg()[0]:.2f} at the end")
    if not args.db:
        print(f"database       {Path(db).stat().st_size / 1e6:.0f} MB")
    again, summary, _ = run_ingest(folder, db, None)
    print(f"second run     {again:.1f} s ({summary})")


if __name__ == "__main__":
    main()
