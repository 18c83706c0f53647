"""Load test of the web application on loopback: concurrent clients on search and case pages.

    .venv/bin/python bench/load.py [--clients 200] [--requests 20000] [--seconds 120]
                                   [--db FILE|URL] [--port 0] [--workers 2]

Starts ``kamervragen serve --workers N`` (uvicorn worker processes, 2 by default) on
127.0.0.1 over ``--db``, by default a fresh SQLite store of the bundled samples, then runs
``--clients`` concurrent clients (each a keep-alive connection of its own, on plain asyncio
streams), each requesting in turn a search page (a mix of words, phrases, compounds,
filters and second pages, HTML and JSON) and a case page (every stored case, HTML and
JSON), until ``--requests`` requests were made or ``--seconds`` have passed. Before
that, untimed, each page is asked for a few times by a few clients (``--warm``), so that
the figures are those of a server that runs, not of one starting its workers. Prints the
latency percentiles per page kind, the request rate and the errors (any status but 200,
or a failed request); exits 1 if there was one.
Only loopback is ever contacted, and the run is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "kamervragen" / "samples"
HOST = "127.0.0.1"  # loopback only
SEARCHES = [
    "q=radicalisering",
    "q=gemeenten&pagina=2&per_pagina=3",
    "q=%22kleine+gemeenten%22",
    "q=elektriciteitsnet",
    "q=ambtenaren",
    "q=politiehonden+OR+jagerslobby",
    "q=vraag%3Amotie",
    "q=zwemlessen+-btw",
    "q=gemeenten&partij=VVD",
    "q=beantwoording&van=2024-01-01&tot=2024-12-31",
    "q=PFAS",
    "q=radicaliseringsbeleid",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round((len(ordered) - 1) * q / 100))]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def samples_store(folder: str) -> str:
    from kamervragen.ingest import ingest
    from kamervragen.storage import open_store

    db = str(Path(folder) / "samples.db")
    with open_store(db) as store:
        ingest(store, [SAMPLES])
    return db


def case_paths(db: str) -> list[str]:
    from kamervragen.storage import open_store

    with open_store(db) as store:
        rows = store.query("SELECT id, zaak FROM cases ORDER BY id")
    return [f"/zaak/{zaak or case_id}" for case_id, zaak in rows]


def start_server(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kamervragen", "serve", "--db", db, "--host", HOST,
         "--port", str(port), "--workers", str(workers)],
        env={**os.environ, "KAMERVRAGEN_ADMIN_TOKEN": ""},
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


async def wait_until_up(base: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(base + "/favicon.ico")).status_code == 204:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise SystemExit(f"load: the server at {base} did not start within {seconds} s")


class Connection:
    """One client's HTTP/1.1 keep-alive connection on asyncio streams: a few dozen
    microseconds of CPU a request where httpx took a millisecond or more, so that on a
    machine of two cores the server's share is what is measured. Enough HTTP for this
    server's answers (a Content-Length on every one); anything else is an error."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        """The status of GET ``path``, its body read."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            status = int(lines[0].split()[1])
            fields = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
            await reader.readexactly(int(fields["content-length"]))
            if fields.get("connection") == "close":
                await self.close()
            return status
        except BaseException:
            await self.close()
            raise

    async def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


async def run(base: str, paths: list[tuple[str, str]], clients: int, requests: int,
              seconds: float) -> tuple[dict[str, list[float]], Counter[str], float]:  # fmt: skip
    timings: dict[str, list[float]] = defaultdict(list)
    errors: Counter[str] = Counter()
    work = itertools.cycle(paths)
    budget = iter(range(requests))
    stop_at = time.monotonic() + seconds
    host, port = base.removeprefix("http://").rsplit(":", 1)

    async def one_client() -> None:
        connection = Connection(host, int(port))
        while time.monotonic() < stop_at and next(budget, None) is not None:
            kind, path = next(work)
            began = time.perf_counter()
            try:
                status = await asyncio.wait_for(connection.get(path), 30)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, KeyError,
                    ValueError) as exc:  # fmt: skip
                errors[f"{kind}: {type(exc).__name__}"] += 1
                continue
            timings[kind].append(time.perf_counter() - began)
            if status != 200:
                errors[f"{kind}: HTTP {status}"] += 1
        await connection.close()

    began = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    return timings, errors, time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--seconds", type=float, default=120, help="at most this long")
    parser.add_argument("--db", help="an existing store (default: the samples, fresh)")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--workers", type=int, default=2, help="server processes (serve --workers)")
    parser.add_argument(
        "--warm", type=int, default=4, help="untimed requests of each page first (0: none)"
    )
    args = parser.parse_args()
    args.seconds = min(args.seconds, 300)  # bounded whatever is asked

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or samples_store(tmp)
        cases = case_paths(db)
        paths: list[tuple[str, str]] = []  # search and case pages in turn, HTML and JSON
        for i in range(2 * max(len(SEARCHES), len(cases))):
            suffix = ".json" if i % 2 else ""
            paths.append(("search", f"/zoeken{suffix}?{SEARCHES[i % len(SEARCHES)]}"))
            paths.append(("case", cases[i % len(cases)] + suffix))
        port = args.port or free_port()
        base = f"http://{HOST}:{port}"
        server = start_server(db, port, args.workers)
        try:
            asyncio.run(wait_until_up(base))
            if args.warm:
                # A few clients, each page args.warm times: every worker sees every page.
                asyncio.run(run(base, paths, 8, args.warm * len(paths), args.seconds))
            timings, errors, elapsed = asyncio.run(
                asyncio.wait_for(
                    run(base, paths, args.clients, args.requests, args.seconds),
                    args.seconds + 60,  # the last requests' time-out, and a margin
                )
            )
        finally:
            server.terminate()
            server.wait(timeout=30)

    total = sum(len(v) for v in timings.values()) + sum(
        n for k, n in errors.items() if "HTTP" not in k
    )
    print(f"{args.clients} clients, {total} requests in {elapsed:.1f} s"
          f" ({total / elapsed:.0f} requests/s), {sum(errors.values())} errors")  # fmt: skip
    print(f"{'page':8} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for kind in sorted(timings):
        ms = [t * 1000 for t in timings[kind]]
        print(
            f"{kind:8} {len(ms):9} {statistics.median(ms):8.1f} {percentile(ms, 95):8.1f}"
            f" {percentile(ms, 99):8.1f} {max(ms):8.1f}"
        )
    for error, count in errors.most_common():
        print(f"error: {error} × {count}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
