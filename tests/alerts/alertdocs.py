"""Made-up documents of a set of questions, and loopback receivers of alerts."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kamervragen.record import Answer, Answerer, Asker, Question, Record
from kamervragen.storage import Parsed, Store

# The day the tests run alerts on: a Tuesday, 10:00 in Amsterdam.
NOW = dt.datetime(2025, 3, 4, 9, 0, tzinfo=dt.UTC)


def questions(
    zaak: str,
    subject: str,
    submitted: str,
    asker: str = "Jansen",
    party: str = "VVD",
    ministry: str = "Financiën",
    text: str = "",
) -> Record:
    return Record(
        kind="questions",
        id=f"kv-tk-{zaak}",
        zaak=zaak,
        subject=subject,
        askers=[Asker(asker, party)],
        addressees=[f"Minister van {ministry}"],
        submitted=submitted,
        questions=[
            Question("1", text or f"Bent u bekend met het bericht over {subject}?"),
            Question("2", "Wat gaat u daaraan doen?"),
        ],
    )


def answer(
    q: Record,
    received: str,
    number: int,
    text: str = "Ja.",
    further: str = "Ik zal uw Kamer voor de zomer van 2025 informeren over de uitkomst.",
) -> Record:
    ministry = q.addressees[0].removeprefix("Minister van ")
    return replace(
        q,
        kind="answer",
        id=f"ah-tk-20242025-{number}",
        received=received,
        answered_by=[Answerer("Minister", "Heinen", ministry)],
        answers=[Answer(["1"], text), Answer(["2"], further)],
    )


def postponement(q: Record, received: str) -> Record:
    return replace(q, kind="postponement", id=None, received=received, questions=[])


def add(store: Store, record: Record) -> None:
    content = f"{record.kind}:{record.zaak}:{record.received}:{record.id}"
    assert store.add(Parsed(f"{content}.txt", content, "text", record)) == "added"


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """An HTTP server on loopback that keeps what is POSTed to it; ``answer`` decides the
    status of each request (by its number, from 1)."""

    answer: Callable[[int, Received], int] = lambda n, r: 200
    received: list[Received] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                got = Received(dict(self.headers.items()), body)
                receiver.received.append(got)
                status = receiver.answer(len(receiver.received), got)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()
