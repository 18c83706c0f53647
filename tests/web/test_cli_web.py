"""``kamervragen demo`` and ``serve`` as a newcomer runs them: a URL printed, pages served."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from webapp import free_port


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "KAMERVRAGEN_ADMIN_TOKEN": ""}
    return subprocess.Popen(
        [sys.executable, "-m", "kamervragen", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )


def _wait_for(url: str, process: subprocess.Popen[str], seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"exited early: {process.stdout.read() if process.stdout else ''}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=20)
    return out


def test_demo_stores_the_samples_and_serves_them(tmp_path: Path) -> None:
    port = free_port()
    db = tmp_path / "demo.db"
    process = _start(["demo", "--db", str(db), "--port", str(port)], tmp_path)
    try:
        case = _wait_for(f"http://127.0.0.1:{port}/zaak/2024Z18794.json", process)
        assert case.status_code == 200
        assert case.json()["subject"] == "het werken met ambtenaren"
    finally:
        out = _stop(process)
    assert "8 added" in out
    assert f"http://127.0.0.1:{port}/" in out
    assert process.returncode == 0


def test_serve_names_a_database_it_cannot_open(tmp_path: Path) -> None:
    bad = _start(["serve", "--db", "postgresql://nobody@127.0.0.1:1/none"], tmp_path)
    out, _ = bad.communicate(timeout=60)
    assert bad.returncode == 1
    assert "cannot open the database" in out


def test_serve_says_when_the_port_is_taken(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = _start(["serve", "--db", str(tmp_path / "x.db"), "--port", str(port)], tmp_path)
        out, _ = process.communicate(timeout=60)
    assert process.returncode == 1
    assert f"port {port} on 127.0.0.1 is taken" in out
    assert f"--port {port + 1}" in out and f"make demo PORT={port + 1}" in out
    assert "Traceback" not in out
