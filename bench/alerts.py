"""Alerts benchmark: one ``alerts run`` for 10,000 subscriptions after an ingest of 1,000
documents (target: under 30 s on 2 cores).

    python bench/alerts.py                                  # SQLite in a temporary folder
    python bench/alerts.py --db postgresql://…/kv_bench     # PostgreSQL (an empty database)
    python bench/alerts.py --subscriptions 10000 --docs 1000 --before 2000

A store gets ``--before`` synthetic documents (bench/corpus.py), alerts start on it, then
``--subscriptions`` are made from what it holds: cases (40 %, told at once), members
(20 %, at once), parties (10 %, daily digest), ministries (10 %, daily), saved searches
(15 %, half at once, half daily; 300 distinct queries of subject words) and weekly late
lists (5 %); half by e-mail, half by webhook. Then ``--docs`` more documents are ingested
and one run is timed, at 08:00 on a Monday (local time) so that digests and late lists
are due: deriving the events and the outbox (collect), making the deliveries (plan) and
sending them (send) to an SMTP server (aiosmtpd) and an HTTP receiver on loopback, both
in a process of their own. Prints each step's time, the counts and the machine's load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from corpus import generate
from kamervragen.alerts import EmailDelivery, SmtpMailer, SmtpSettings, WebhookDelivery, collect
from kamervragen.alerts.outbox import plan, send_due
from kamervragen.alerts.subscriptions import subscribe
from kamervragen.deadlines import assess_all, case_timelines, load_rule
from kamervragen.ingest import ingest
from kamervragen.storage import open_store

MONDAY = dt.datetime(2026, 12, 7, 7, 0, tzinfo=dt.UTC)  # 08:00 in Amsterdam


def _receivers(http_port: int, smtp_port: int, counts: dict[str, int]) -> None:
    """An HTTP receiver and an SMTP server, counting what they get (in a child process)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from aiosmtpd.controller import Controller

    class Hook(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            counts["webhook"] = counts.get("webhook", 0) + 1
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    class Mail:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            counts["email"] = counts.get("email", 0) + 1
            return "250 OK"

    Controller(Mail(), hostname="127.0.0.1", port=smtp_port).start()
    server = ThreadingHTTPServer(("127.0.0.1", http_port), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Event().wait()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _write(folder: Path, start: int, n: int, seed: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in generate(n, seed, start=start):
        (folder / doc.name).write_text(doc.text, encoding="utf-8")
    return folder


def _subscribe_all(db: str, n: int, hook: str, rng: random.Random) -> Counter[str]:
    made: Counter[str] = Counter()
    with open_store(db) as store:
        statuses = assess_all(case_timelines(store), load_rule(), MONDAY.date())
        zaken = [s.case.zaak for s in statuses if s.case.zaak and s.status.is_open]
        members = sorted({m.name for s in statuses for m in s.case.askers})
        parties = sorted({m.party for s in statuses for m in s.case.askers if m.party})
        ministries = sorted({m for s in statuses for m in s.case.asked})
        words = sorted(
            {
                w
                for s in statuses
                for w in (s.case.subject or "").split()
                if len(w) > 7 and w.isalpha()
            }
        )
        queries = rng.sample(words, min(300, len(words)))
        plan_of = [
            (0.40, "case", zaken, "immediate"),
            (0.20, "member", members, "immediate"),
            (0.10, "party", parties, "daily"),
            (0.10, "ministry", ministries, "daily"),
            (0.15, "search", queries, None),
            (0.05, "late", ministries, "weekly"),
        ]
        for share, kind, pool, every in plan_of:
            for i in range(round(n * share)):
                delivery = every or ("immediate" if i % 2 else "daily")
                to_hook = i % 2 == 0
                subscribe(
                    store,
                    kind,
                    rng.choice(pool),
                    hook if to_hook else f"lezer{i}@example.nl",
                    channel="webhook" if to_hook else "email",
                    delivery=delivery,
                    secret="bench" if to_hook else None,
                    now=MONDAY,
                )
                made[kind] += 1
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a postgresql:// URL of an empty database")
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--before", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kv-alerts-bench-"))
    db = args.db or str(work / "kamervragen.db")
    http_port, smtp_port = _free_port(), _free_port()
    counts = multiprocessing.Manager().dict()
    receivers = multiprocessing.Process(
        target=_receivers, args=(http_port, smtp_port, counts), daemon=True
    )
    receivers.start()

    with open_store(db) as store:
        ingest(store, [_write(work / "before", 0, args.before, args.seed)])
        collect(store, MONDAY - dt.timedelta(days=1))  # alerts start: all of it is seen
    start = time.perf_counter()
    made = _subscribe_all(db, args.subscriptions, f"http://127.0.0.1:{http_port}/hook",
                          random.Random(args.seed))  # fmt: skip
    print(f"subscriptions  {sum(made.values())} made in {time.perf_counter() - start:.1f} s:"
          f" {dict(made)}")  # fmt: skip
    with open_store(db) as store:
        summary = ingest(store, [_write(work / "after", args.before, args.docs, args.seed)])
    print(f"ingest         {summary.line()}")

    mailer = SmtpMailer(
        SmtpSettings("127.0.0.1", smtp_port, security="none", sender="b@kv.example")
    )
    deliveries = {"email": EmailDelivery(mailer), "webhook": WebhookDelivery(attempts=1)}
    load_before = os.getloadavg()
    with open_store(db) as store:
        t0 = time.perf_counter()
        collected = collect(store, MONDAY)
        t1 = time.perf_counter()
        made_deliveries = plan(store, MONDAY)
        t2 = time.perf_counter()
        sent = send_due(store, deliveries, "https://kv.example", now=lambda: MONDAY)
        t3 = time.perf_counter()
    mailer.close()
    total = t3 - t0
    print(f"collect        {t1 - t0:6.2f} s  {collected.documents} documents,"
          f" {collected.events} events, {collected.queued} in the outbox")  # fmt: skip
    print(f"plan           {t2 - t1:6.2f} s  {made_deliveries} deliveries")
    print(f"send           {t3 - t2:6.2f} s  {sent.sent} sent, {sent.failed} failed"
          f" ({sent.sent / max(t3 - t2, 1e-9):.0f}/s); received: {dict(counts)}")  # fmt: skip
    target = "meets" if total < 30 else "MISSES"
    print(f"alerts run     {total:6.2f} s for {sum(made.values())} subscriptions after"
          f" {args.docs} documents ({target} the target of 30 s)")  # fmt: skip
    print(f"load           {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}"
          f" before the run, on {os.cpu_count()} cores")  # fmt: skip
    receivers.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
