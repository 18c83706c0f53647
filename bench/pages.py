"""Warm page times of the website: every kind of page, HTML and JSON, over one store.

    .venv/bin/python bench/pages.py --db FILE|URL [--repeat 20] [--target-ms 50]

Opens the application in this process (Starlette's test client: no sockets, no network),
asks each page once to warm it (the deadline statuses, the browse lists, the facets and
the store's pages are then cached, as on a running site), then times ``--repeat``
requests of each and prints per page the median wall time, the median processor time of
this process (less moved by other programs on a shared machine) and the slowest, and the
load average.
Pages: home, browsing (no filter, a party, late ones, a year), a word search (and with a
party), a case (three of them), a member, a party, a ministry, their lists, the late
list, the statistics, their CSV exports. Names are taken from the store's own lists.
Exits 1 when a page's median is over ``--target-ms``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from urllib.parse import quote


def _pages(client: object) -> list[str]:
    get = client.get  # type: ignore[attr-defined]
    members = get("/leden.json").json()["groups"]
    parties = get("/partijen.json").json()["groups"]
    ministries = get("/ministeries.json").json()["groups"]
    newest = get("/zoeken.json", params={"per_pagina": 3}).json()["cases"]
    busiest = lambda rows: max(rows, key=lambda r: r["sets"])["group"]  # noqa: E731
    party = busiest(parties)
    pages = [
        "/",
        "/zoeken",
        f"/zoeken?partij={quote(party)}",
        "/zoeken?status=late",
        "/zoeken?jaar=2024&sorteer=oudste",
        "/zoeken?q=gemeenten",
        f"/zoeken?q=gemeenten&partij={quote(party)}",
        f"/lid/{quote(busiest(members), safe='')}",
        f"/partij/{quote(party, safe='')}",
        f"/ministerie/{quote(busiest(ministries), safe='')}",
        "/leden",
        "/partijen",
        "/ministeries",
        "/te-laat",
        "/statistiek",
        "/statistiek?per=party",
        "/te-laat.csv",
    ]
    pages += [c["path"] for c in newest]
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--target-ms", type=float, default=50.0)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    from fastapi.testclient import TestClient

    from kamervragen.web import create_app

    started = time.perf_counter()
    with TestClient(create_app(args.db)) as client:
        client.get("/.json")
        first = time.perf_counter() - started
        pages = _pages(client)
        worst = 0.0
        print(f"{args.db}: first page {first * 1000:.0f} ms (statuses built)")
        print(f"{'page':<50} {'json':>4} {'median ms':>10} {'cpu ms':>8} {'max ms':>8}")
        for page in pages:
            for as_json in (False, True):
                if as_json and page.endswith(".csv"):
                    continue
                headers = {"Accept": "application/json"} if as_json else {}
                response = client.get(page, headers=headers)
                if response.status_code != 200:
                    print(f"{page}: status {response.status_code}, left out", file=sys.stderr)
                    continue
                times, cpu = [], []
                for _ in range(args.repeat):
                    t, c = time.perf_counter(), time.process_time()
                    client.get(page, headers=headers)
                    times.append((time.perf_counter() - t) * 1000)
                    cpu.append((time.process_time() - c) * 1000)
                median = statistics.median(times)
                worst = max(worst, median)
                shown = page if len(page) <= 50 else page[:47] + "…"
                print(
                    f"{shown:<50} {'yes' if as_json else '':>4} {median:>10.1f}"
                    f" {statistics.median(cpu):>8.1f} {max(times):>8.1f}"
                )
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"slowest median {worst:.1f} ms (target {args.target_ms:g}); load average {load}")
    return 0 if worst <= args.target_ms else 1


if __name__ == "__main__":
    sys.exit(main())
