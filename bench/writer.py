"""The one writer alone: pre-parsed documents added with ``Store.add``, timed per document.

    python bench/corpus.py 3000 /tmp/extra --start 130000      # the documents after the corpus
    python bench/writer.py /tmp/extra postgresql://…/postgres --template bench

parses the files first (kept in FOLDER.pkl), makes a fresh database (a copy of
``--template``, say the database a 130,000-document ingest left, to measure at full size),
then adds every document (unpickling each first, as an ingest's writer does) and prints
the wall time, the writer's CPU time and, for a server on this machine, the CPU time of its
session, each per document. The pickle is made by the code being measured: make it again
(delete it) when comparing code that hands the writer something else.
"""

from __future__ import annotations

import argparse
import os
import pickle
import time
from pathlib import Path

import psycopg

from kamervragen.ingest import find_files, parse_path
from kamervragen.storage import open_store


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("server", help="a postgresql:// URL of a database to connect to")
    parser.add_argument("--template", help="copy this database (default: an empty one)")
    args = parser.parse_args()

    cache = args.folder.with_suffix(".pkl")
    if cache.exists():
        docs = pickle.loads(cache.read_bytes())
    else:
        docs = [parse_path(str(f), tsvector=True) for f in find_files([args.folder])]
        cache.write_bytes(pickle.dumps(docs))
    # Each document pickled alone and unpickled in the timed loop, as the writer of an
    # ingest receives it from a parsing process.
    blobs = [pickle.dumps(doc) for doc in docs]
    with psycopg.connect(args.server, autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS kv_bench_writer WITH (FORCE)")
        template = f" TEMPLATE {args.template}" if args.template else ""
        admin.execute(f"CREATE DATABASE kv_bench_writer{template}")
    base, _, _ = args.server.rpartition("/")
    with open_store(f"{base}/kv_bench_writer") as store:
        server = int(store.query("SELECT pg_backend_pid()")[0][0])
        start, cpu, server_cpu = time.perf_counter(), time.process_time(), _cpu_seconds(server)
        for blob in blobs:
            doc = pickle.loads(blob)
            if hasattr(doc, "record"):
                store.add(doc)
            else:
                store.quarantine(doc.source, doc.content_hash, doc.reason)
        wall = time.perf_counter() - start
        cpu, server_cpu = time.process_time() - cpu, _cpu_seconds(server) - server_cpu
    per = 1000 / len(docs)
    print(
        f"{len(docs)} documents: {wall * per:.2f} ms a document, writer CPU {cpu * per:.2f} ms,"
        f" server CPU {server_cpu * per:.2f} ms (load average {os.getloadavg()[0]:.2f})"
    )


if __name__ == "__main__":
    main()
