"""Alerts by e-mail through a real SMTP server on loopback (aiosmtpd), on both backends."""

from __future__ import annotations

import datetime as dt
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from alertdocs import NOW, Mailbox, add, answer, questions

from kamervragen.alerts import (
    DeliveryError,
    EmailDelivery,
    SmtpMailer,
    SmtpSettings,
    confirmation_mail,
    run_alerts,
    subscribe,
    unsubscribe,
)
from kamervragen.errors import KamervragenError
from kamervragen.storage import Store, open_store

SITE = "https://kamervragen.example"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


def mailer(box: Mailbox, **kwargs: object) -> SmtpMailer:
    settings = SmtpSettings("127.0.0.1", box.port, security="none", sender="alerts@kv.example")
    return SmtpMailer(settings, **kwargs)  # type: ignore[arg-type]


def test_an_answer_by_email_with_text_html_and_one_click_unsubscribe(store: Store) -> None:
    q = questions("2025Z02001", "de huurtoeslag <voor> studenten", "2025-02-20")
    add(store, q)
    with Mailbox() as box:
        sub = subscribe(store, "case", "2025Z02001", "lid@example.nl", now=NOW)
        add(store, answer(q, "2025-03-03", 2001))
        sending = mailer(box)
        report = run_alerts(store, {"email": EmailDelivery(sending)}, site=SITE, now=lambda: NOW)
        sending.close()
        assert (report.sent, report.failed) == (1, 0)
    [mail] = box.messages
    assert mail["To"] == "lid@example.nl" and mail["From"] == "alerts@kv.example"
    assert mail["Subject"] == "Kamervragen: Beantwoord: de huurtoeslag <voor> studenten"
    unsubscribe_url = f"{SITE}/volgen/afmelden/{sub.token}"
    assert mail["List-Unsubscribe"] == f"<{unsubscribe_url}>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["Message-ID"].endswith("@kv.example>")
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Zaak 2025Z02001, gesteld door Jansen (VVD) op 2025-02-20" in text
    assert "Antwoord ontvangen op 2025-03-03." in text
    assert f"{SITE}/zaak/2025Z02001" in text
    assert f"{SITE}/volgen/beheer/{sub.token}" in text and unsubscribe_url in text
    assert "de huurtoeslag &lt;voor&gt; studenten" in html  # escaped
    assert f'href="{unsubscribe_url}"' in html and f'href="{SITE}/zaak/2025Z02001"' in html


def test_weekly_digest_is_one_mail(store: Store) -> None:
    sunday = dt.datetime(2025, 3, 9, 12, 0, tzinfo=dt.UTC)
    with Mailbox() as box:
        subscribe(store, "ministry", "Financiën", "unit@example.nl", delivery="weekly", now=sunday)
        for n in range(4):
            add(store, questions(f"2025Z0210{n}", f"vraag {n}", "2025-03-05"))
        sending = mailer(box)
        deliveries = {"email": EmailDelivery(sending)}
        run_alerts(store, deliveries, site=SITE, now=lambda: sunday)  # W10's digest
        add(store, questions("2025Z02110", "later", "2025-03-08"))
        for day in range(1, 4):
            at = sunday + dt.timedelta(days=day)
            run_alerts(store, deliveries, site=SITE, now=lambda at=at: at)
        sending.close()
    first, second = box.messages
    assert first["Subject"] == "Kamervragen (wekelijks): 4 nieuw bij ministerie Financiën"
    text = first.get_body(("plain",)).get_content()
    assert all(f"2025Z0210{n}" in text for n in range(4))
    assert second["Subject"] == "Kamervragen (wekelijks): 1 nieuw bij ministerie Financiën"


def test_unsubscribed_gets_no_more(store: Store) -> None:
    with Mailbox() as box:
        sub = subscribe(store, "party", "VVD", "a@example.nl", now=NOW)
        add(store, questions("2025Z02200", "eerste", "2025-03-01"))
        sending = mailer(box)
        deliveries = {"email": EmailDelivery(sending)}
        run_alerts(store, deliveries, site=SITE, now=lambda: NOW)
        assert unsubscribe(store, sub.token) is not None
        add(store, questions("2025Z02201", "tweede", "2025-03-01"))
        report = run_alerts(store, deliveries, site=SITE, now=lambda: NOW)
        sending.close()
    assert len(box.messages) == 1 and report.queued == 0


def test_confirmation_mail_holds_the_link_only(store: Store) -> None:
    sub = subscribe(store, "party", "VVD", "b@example.nl", confirmed=False, now=NOW)
    with Mailbox() as box:
        sending = mailer(box)
        sending.send(confirmation_mail(sub, SITE))
        sending.close()
    [mail] = box.messages
    assert mail["Subject"] == "Bevestig: volgen van partij VVD"
    assert f"{SITE}/volgen/bevestigen/{sub.token}" in mail.get_body(("plain",)).get_content()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    if not shutil.which("openssl"):
        pytest.skip("no openssl to make a certificate with")
    where = tmp_path_factory.mktemp("tls")
    cert, key = str(where / "cert.pem"), str(where / "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
         cert, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def test_starttls_and_login_from_the_environment(
    certificate: tuple[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with Mailbox(tls=certificate, login=("alerts", "geheim")) as box:
        monkeypatch.setenv("KAMERVRAGEN_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("KAMERVRAGEN_SMTP_PORT", str(box.port))
        monkeypatch.setenv("KAMERVRAGEN_SMTP_USER", "alerts")
        monkeypatch.setenv("KAMERVRAGEN_SMTP_PASSWORD", "geheim")
        monkeypatch.setenv("KAMERVRAGEN_SMTP_FROM", "meldingen@kv.example")
        settings = SmtpSettings.from_env()
        assert settings is not None and settings.security == "starttls"
        context = ssl.create_default_context(cafile=certificate[0])
        with open_store(tmp_path / "kv.db") as store:
            sub = subscribe(store, "party", "VVD", "c@example.nl", confirmed=False, now=NOW)
        sending = SmtpMailer(settings, context=context)
        sending.send(confirmation_mail(sub, SITE))
        sending.close()
        # A wrong password is a delivery error, not a crash.
        refused = {**settings.__dict__, "password": "fout", "timeout": 3}
        wrong = SmtpMailer(SmtpSettings(**refused), context)
        with pytest.raises(DeliveryError, match=r"^SMTP 127\.0\.0\.1: "):
            wrong.send(confirmation_mail(sub, SITE))
    [mail] = box.messages
    assert mail["From"] == "meldingen@kv.example"


def test_bad_smtp_settings_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMERVRAGEN_SMTP_HOST", "mail.example")
    monkeypatch.setenv("KAMERVRAGEN_SMTP_SECURITY", "ssl3")
    with pytest.raises(KamervragenError, match="KAMERVRAGEN_SMTP_SECURITY 'ssl3': use one of"):
        SmtpSettings.from_env()
    monkeypatch.setenv("KAMERVRAGEN_SMTP_SECURITY", "tls")
    settings = SmtpSettings.from_env()
    assert settings is not None and settings.port == 465
    monkeypatch.delenv("KAMERVRAGEN_SMTP_HOST")
    assert SmtpSettings.from_env() is None
