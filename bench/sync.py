"""Sync benchmark: every real Zaak and Document record of written questions, replayed.

    python bench/sync.py                                  # SQLite, no rate limit
    python bench/sync.py --db postgresql://…/kv_bench     # PostgreSQL
    python bench/sync.py --rate 5                         # the command's polite default

The 40,953 records of ``../shared/data/odata/zaak-schriftelijke-vragen.jsonl.gz`` and
the 4,733 of ``document-kamervragen.json`` are served by
:class:`kamervragen.sources.replay.ReplayServer` on a loopback port, 250 to a page as the
Gegevensmagazijn serves them (``@odata.count``, ``@odata.nextLink``); the server holds no
texts, so every text fails, as thousands do against the real services. The command
measured is the real one, ``python -m kamervragen sync --odata-url … --koop-url … --db
…``, run as a child process: its wall time, records/s and pages/s. Then the same command
is run again when nothing changed (one request per stream, no text due), after 11 cases
changed (target: under 30 s) and after 1,000 changed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kamervragen.deadlines import case_timelines
from kamervragen.sources.replay import ReplayServer
from kamervragen.storage import open_store

ROOT = Path(__file__).parents[1]
ZAKEN = ROOT.parent / "shared" / "data" / "odata" / "zaak-schriftelijke-vragen.jsonl.gz"
DOCUMENTS = ZAKEN.parent / "document-kamervragen.json"
ELEVEN_CHANGES_TARGET = 30.0  # s


def load(path: Path) -> list[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def run(server: ReplayServer, db: str, rate: float) -> tuple[float, str]:
    command = [
        sys.executable,
        "-m",
        "kamervragen",
        "sync",
        "--odata-url",
        server.odata_url,
        "--koop-url",
        server.koop_url,
        "--db",
        db,
        "--rate",
        str(rate),
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"sync failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, done.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="a postgresql:// URL; default a new SQLite file")
    parser.add_argument("--rate", type=float, default=0, help="requests/s (0: no limit)")
    parser.add_argument("--zaken", type=Path, default=ZAKEN)
    parser.add_argument("--documents", type=Path, default=DOCUMENTS)
    args = parser.parse_args()

    zaken = load(args.zaken)
    body = json.loads(args.documents.read_text(encoding="utf-8"))
    documents = body["value"] if isinstance(body, dict) else body
    db = args.db or str(Path(tempfile.mkdtemp(prefix="kv-sync-")) / "kamervragen.db")
    with ReplayServer(page_size=250) as server:
        server.add("Zaak", zaken)
        server.add("ZaakActor", [])
        server.add("Document", documents)
        print(
            f"records        {len(zaken)} Zaak and {len(documents)} Document records,"
            f" {-(-len(zaken) // 250)} pages of 250 cases"
        )

        elapsed, line = run(server, db, args.rate)
        pages = sum(1 for u in server.log if "$expand=ZaakActor" in u)
        print(
            f"first sync     {elapsed:.1f} s, {len(zaken) / elapsed:.0f} records/s,"
            f" {pages / elapsed:.1f} pages/s ({len(server.log)} requests)"
        )
        print(f"               {line}")
        with open_store(db) as store:
            stored = int(store.query("SELECT count(*) FROM api_cases")[0][0])
            # Every synced case is a case that status, show and export see.
            timelines = case_timelines(store)
            shown = store.case(zaken[0]["Nummer"])
        assert stored == len(zaken), f"{stored} of {len(zaken)} stored"
        assert len(timelines) == len(zaken), f"{len(timelines)} of {len(zaken)} cases"
        assert shown is not None and shown["zaak"] == zaken[0]["Nummer"]
        print(f"cases          {len(timelines)} (status sees every synced case)")

        server.log.clear()
        elapsed, line = run(server, db, args.rate)
        print(f"nothing new    {elapsed:.1f} s ({len(server.log)} requests): {line}")

        eleven = [
            {**z, "ApiGewijzigdOp": f"2030-01-01T00:00:00.{i:07d}Z", "Onderwerp": f"{i}"}
            for i, z in enumerate(zaken[:11])
        ]
        server.add("Zaak", eleven)
        server.log.clear()
        elapsed, line = run(server, db, args.rate)
        verdict = "within" if elapsed < ELEVEN_CHANGES_TARGET else "OVER"
        print(
            f"11 changed     {elapsed:.1f} s ({len(server.log)} requests, {verdict} the"
            f" {ELEVEN_CHANGES_TARGET:.0f} s target): {line}"
        )

        changed = [
            {**z, "ApiGewijzigdOp": f"2030-01-02T00:00:{i // 100:02d}.{i % 100:07d}Z"}
            for i, z in enumerate(zaken[:1000])
        ]
        server.add("Zaak", changed)
        server.log.clear()
        elapsed, line = run(server, db, args.rate)
        print(f"1,000 changed  {elapsed:.1f} s ({len(server.log)} requests): {line}")


if __name__ == "__main__":
    main()
