"""E-mail over SMTP: plain text and simple HTML, a one-click unsubscribe in every message.

The server comes from the environment (:meth:`SmtpSettings.from_env`):

- ``KAMERVRAGEN_SMTP_HOST`` (required), ``KAMERVRAGEN_SMTP_PORT`` (default 587 with
  STARTTLS, 465 with TLS, 25 without);
- ``KAMERVRAGEN_SMTP_SECURITY``: ``starttls`` (default), ``tls`` or ``none``;
- ``KAMERVRAGEN_SMTP_USER`` and ``KAMERVRAGEN_SMTP_PASSWORD`` when it wants a login;
- ``KAMERVRAGEN_SMTP_FROM``: the sender (default ``kamervragen@`` the host's name).

Every alert carries ``List-Unsubscribe`` (the unsubscribe link) and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058), a link to the page where
the address's subscriptions are managed, and a ``Message-ID`` made of the delivery's id:
a message sent again after a crash is the same message.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import threading
from dataclasses import dataclass
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import formatdate

from kamervragen.alerts.outbox import DeliveryError
from kamervragen.alerts.outbox import Message as Alert
from kamervragen.alerts.render import (
    confirmation_html,
    confirmation_text,
    html,
    subject,
    text,
)
from kamervragen.alerts.subscriptions import Subscription
from kamervragen.errors import KamervragenError

SECURITIES = ("starttls", "tls", "none")
# Bodies as quoted-printable: readable as they stand (base64 is not).
_UTF8 = Charset("utf-8")
_UTF8.body_encoding = QP
# Headers unfolded up to SMTP's line limit: a folded List-Unsubscribe read back with a
# leading space.
_POLICY = compat32.clone(max_line_length=998)
_PORTS = {"starttls": 587, "tls": 465, "none": 25}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"
    user: str | None = None
    password: str | None = None
    sender: str = ""
    timeout: float = 30.0

    @classmethod
    def from_env(cls) -> SmtpSettings | None:
        """The settings the environment gives, or None without ``KAMERVRAGEN_SMTP_HOST``."""
        host = os.environ.get("KAMERVRAGEN_SMTP_HOST")
        if not host:
            return None
        security = os.environ.get("KAMERVRAGEN_SMTP_SECURITY", "starttls").lower()
        if security not in SECURITIES:
            raise KamervragenError(
                f"KAMERVRAGEN_SMTP_SECURITY {security!r}: use one of {', '.join(SECURITIES)}"
            )
        port_text = os.environ.get("KAMERVRAGEN_SMTP_PORT") or str(_PORTS[security])
        if not port_text.isdigit():
            raise KamervragenError(f"KAMERVRAGEN_SMTP_PORT {port_text!r}: not a port number")
        return cls(
            host=host,
            port=int(port_text),
            security=security,
            user=os.environ.get("KAMERVRAGEN_SMTP_USER") or None,
            password=os.environ.get("KAMERVRAGEN_SMTP_PASSWORD") or None,
            sender=os.environ.get("KAMERVRAGEN_SMTP_FROM") or f"kamervragen@{host}",
        )


class SmtpMailer:
    """Sends e-mail through one SMTP server, keeping a connection open per thread between
    messages (a run's messages go over a few connections); :meth:`close` ends them."""

    def __init__(self, settings: SmtpSettings, context: ssl.SSLContext | None = None) -> None:
        self.settings = settings
        self.context = context or ssl.create_default_context()
        self._local = threading.local()
        self._open: list[smtplib.SMTP] = []
        self._lock = threading.Lock()

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        smtp: smtplib.SMTP
        if s.security == "tls":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=self.context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            if s.security == "starttls":
                smtp.starttls(context=self.context)
        if s.user:
            smtp.login(s.user, s.password or "")
        with self._lock:
            self._open.append(smtp)
        return smtp

    def send(self, mail: Message) -> str:
        """Send one message; the server's answer. Raises :class:`DeliveryError`."""
        if "From" not in mail:
            mail["From"] = self.settings.sender or f"kamervragen@{self.settings.host}"
        for attempt in range(2):  # a kept connection may have been closed by the server
            try:
                smtp = getattr(self._local, "smtp", None)
                if smtp is None:
                    smtp = self._local.smtp = self._connect()
                refused = smtp.send_message(mail)
                if refused:
                    raise DeliveryError(f"refused by the server: {', '.join(refused)}")
                return f"SMTP accepted by {self.settings.host}"
            except smtplib.SMTPServerDisconnected as exc:
                self._drop()
                if attempt:
                    raise DeliveryError(f"SMTP {self.settings.host}: {exc}") from None
            except (smtplib.SMTPException, OSError) as exc:
                self._drop()
                raise DeliveryError(f"SMTP {self.settings.host}: {exc}") from None
        raise DeliveryError(f"SMTP {self.settings.host}: not sent")

    def _drop(self) -> None:
        """Forget this thread's connection (after an error), closing it."""
        smtp, self._local.smtp = getattr(self._local, "smtp", None), None
        if smtp is not None:
            with self._lock:
                if smtp in self._open:
                    self._open.remove(smtp)
            _quit(smtp)

    def close(self) -> None:
        with self._lock:
            opened, self._open = self._open, []
        for smtp in opened:
            _quit(smtp)
        self._local = threading.local()


def _quit(smtp: smtplib.SMTP) -> None:
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _domain(sender: str) -> str:
    return sender.rpartition("@")[2].strip("> ") or "kamervragen.local"


def _mail(to: str, title: str, plain: str, rich: str) -> MIMEMultipart:
    """Text and HTML as alternatives. Made with the classic classes: the default
    policy's header objects were two thirds of the time a mail took to send."""
    mail = MIMEMultipart("alternative", policy=_POLICY)
    mail["To"] = to
    mail["Subject"] = Header(title, "utf-8")
    mail["Date"] = formatdate(localtime=False)
    mail["Auto-Submitted"] = "auto-generated"
    mail.attach(MIMEText(plain, "plain", _UTF8))  # type: ignore[arg-type]
    mail.attach(MIMEText(rich, "html", _UTF8))  # type: ignore[arg-type]
    return mail


class EmailDelivery:
    """Sends a message as an e-mail to the subscription's address."""

    def __init__(self, mailer: SmtpMailer) -> None:
        self.mailer = mailer

    def send(self, message: Alert) -> str:
        mail = _mail(message.subscription.address, subject(message), text(message), html(message))
        domain = _domain(self.mailer.settings.sender)
        mail["Message-ID"] = f"<{message.key}@{domain}>"
        mail["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        mail["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        mail["List-Id"] = f"kamervragen alerts <alerts.{domain}>"
        return self.mailer.send(mail)


def confirmation_mail(subscription: Subscription, site_url: str) -> MIMEMultipart:
    """The one message an unconfirmed address gets: the link that confirms it."""
    link = site_url.rstrip("/") + f"/volgen/bevestigen/{subscription.token}"
    return _mail(
        subscription.address,
        f"Bevestig: volgen van {subscription.describe()}",
        confirmation_text(subscription, link),
        confirmation_html(subscription, link),
    )
