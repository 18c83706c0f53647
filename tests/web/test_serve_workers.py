"""``kamervragen serve --workers N``: N processes serve the same store, and stop together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from webapp import fill, free_port


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _workers(pid: int) -> list[int]:
    return [
        child
        for child in _children(pid)
        if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


def test_serve_in_two_processes(tmp_path: Path) -> None:
    db = fill(str(tmp_path / "kv.db"))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kamervragen", "serve", "--db", db, "--port", str(port),
         "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "KAMERVRAGEN_ADMIN_TOKEN": ""},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while len(_workers(server.pid)) < 2 or not _up(base):
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            assert time.monotonic() < deadline, "two workers did not start"
            time.sleep(0.3)
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(10):
                case = client.get("/zaak/2024Z18794.json")
                assert case.status_code == 200
                assert case.json()["subject"] == "het werken met ambtenaren"
            assert client.head("/zoeken?q=gemeenten").status_code == 200
            assert client.get("/bestaat-niet").headers["x-content-type-options"] == "nosniff"
            # Read-only without an admin token, in every worker.
            assert client.post("/beheer/documenten", content=b"x").status_code == 403
        workers = _workers(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        out, _ = server.communicate(timeout=60)
    assert "2 processes" in out
    assert server.returncode == 0
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]  # none left behind


def _up(base: str) -> bool:
    try:
        return httpx.get(base + "/favicon.ico", timeout=2).status_code == 204
    except httpx.TransportError:
        return False
