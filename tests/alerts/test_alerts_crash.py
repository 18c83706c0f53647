"""Exactly once across kill -9: a real ``kamervragen alerts run`` killed mid-run, then run
again. What the receiver accepted while the sender died (before it could record it) comes
again with the same delivery id; everything else comes once, nothing is lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from alertdocs import Mailbox, Received, Receiver, add, questions

from kamervragen.alerts import subscribe
from kamervragen.alerts.outbox import WORKERS
from kamervragen.storage import open_store

ROOT = Path(__file__).parents[2]
SETS = 10
COMMAND = [sys.executable, "-m", "kamervragen", "alerts", "run"]


def _prepare(db_url: str, address: str, channel: str) -> None:
    """Three subscribers for each of ten members, each member asking one set: thirty
    deliveries of one event each."""
    with open_store(db_url) as store:
        for n in range(SETS):
            for copy in range(3):
                to = f"{address}?n={copy}" if channel == "webhook" else f"{copy}.{address}"
                subscribe(store, "member", f"Lid{n}", to, channel=channel)
        for n in range(SETS):
            add(store, questions(f"2025Z0400{n}", f"onderwerp {n}", "2025-03-01", asker=f"Lid{n}"))


def _start(
    db_url: str, env: dict[str, str] | None = None, workers: int = 1
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*COMMAND, "--db", db_url, "--workers", str(workers)],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _finish(db_url: str, env: dict[str, str] | None = None) -> str:
    done = _start(db_url, env)
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err.decode()
    return out.decode()


def test_webhooks_exactly_once_across_kill_9(db_url: str) -> None:
    process: list[subprocess.Popen[bytes]] = []
    killed_on: list[str] = []

    def answer(n: int, got: Received) -> int:
        if n == 7:  # the receiver has it; the sender dies before it hears so
            killed_on.append(got.headers["X-Kamervragen-Delivery"])
            os.kill(process[0].pid, signal.SIGKILL)
        return 200

    with Receiver(answer=answer) as receiver:
        _prepare(db_url, receiver.url, "webhook")
        process.append(_start(db_url))
        process[0].wait(timeout=120)
        assert process[0].returncode == -signal.SIGKILL
        assert len(receiver.received) == 7
        # Six were recorded as sent; the seventh (in flight) and the rest are sent now.
        assert "0 events, 0 queued, 24 sent, 0 failed" in _finish(db_url)
        assert "0 sent" in _finish(db_url)  # and a third run has nothing left
    deliveries = Counter(r.headers["X-Kamervragen-Delivery"] for r in receiver.received)
    assert len(deliveries) == 3 * SETS
    assert [key for key, n in deliveries.items() if n > 1] == killed_on
    pairs = Counter(
        (r.json()["subscription"]["id"], r.json()["events"][0]["id"]) for r in receiver.received
    )
    assert len(pairs) == 3 * SETS  # every (subscription, event) came


def test_webhooks_killed_at_random_moments_lose_nothing(db_url: str) -> None:
    with Receiver() as receiver:
        _prepare(db_url, receiver.url, "webhook")
        random.seed(22)
        kills = 0
        for _ in range(4):
            run = _start(db_url, workers=WORKERS)
            time.sleep(random.uniform(0.3, 1.5))
            if run.poll() is None:
                run.send_signal(signal.SIGKILL)
                kills += 1
            run.wait(timeout=120)
        _finish(db_url)
    deliveries = Counter(r.headers["X-Kamervragen-Delivery"] for r in receiver.received)
    assert len(deliveries) == 3 * SETS
    # At most those in flight at each kill came twice.
    assert sum(n - 1 for n in deliveries.values()) <= kills * WORKERS


def test_email_exactly_once_across_kill_9(db_url: str) -> None:
    process: list[subprocess.Popen[bytes]] = []

    def kill(n: int) -> None:
        if n == 5:  # stored by the server, not yet answered "250"
            os.kill(process[0].pid, signal.SIGKILL)

    with Mailbox(on_data=kill) as box:
        env = {
            "KAMERVRAGEN_SMTP_HOST": "127.0.0.1",
            "KAMERVRAGEN_SMTP_PORT": str(box.port),
            "KAMERVRAGEN_SMTP_SECURITY": "none",
        }
        _prepare(db_url, "unit@example.nl", "email")
        process.append(_start(db_url, env))
        process[0].wait(timeout=120)
        assert process[0].returncode == -signal.SIGKILL
        _finish(db_url, env)
    ids = Counter(m["Message-ID"] for m in box.messages)
    assert len(ids) == 3 * SETS
    assert sorted(ids.values()) == [1] * (3 * SETS - 1) + [2]
    assert ids[box.messages[4]["Message-ID"]] == 2  # the one the server had when it died
