"""Made-up documents of a set of questions, and loopback receivers of alerts."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default
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


@dataclass
class Mailbox:
    """An SMTP server on loopback (aiosmtpd) that keeps every message it accepts.

    ``tls``: a (certificate, key) pair; the server then requires STARTTLS. ``login``: a
    (user, password) it requires. ``on_data`` is called with each message's number (from
    1) before the server answers it."""

    tls: tuple[str, str] | None = None
    login: tuple[str, str] | None = None
    on_data: Callable[[int], None] | None = None
    messages: list[EmailMessage] = field(default_factory=list)
    port: int = 0
    controller: Any = None

    def __enter__(self) -> Mailbox:
        import ssl

        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult

        mailbox = self

        class Handler:
            async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
                message = BytesParser(policy=default).parsebytes(envelope.content)
                mailbox.messages.append(message)  # type: ignore[arg-type]
                if mailbox.on_data:
                    mailbox.on_data(len(mailbox.messages))
                return "250 OK"

        def authenticate(
            server: Any, session: Any, envelope: Any, mechanism: str, auth: Any
        ) -> Any:
            ok = (
                self.login is not None
                and (auth.login.decode(), auth.password.decode()) == self.login
            )
            return AuthResult(success=ok)

        kwargs: dict[str, Any] = {}
        if self.tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*self.tls)
            kwargs.update(tls_context=context, require_starttls=True)
        if self.login:
            kwargs.update(authenticator=authenticate, auth_require_tls=bool(self.tls))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, **kwargs)
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()
