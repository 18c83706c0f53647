"""Volgen on the website: the form, double opt-in, CSRF, rate limits, managing and
one-click unsubscribe, with mail to a real SMTP server on loopback; both backends."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alertdocs import Mailbox, add, answer, questions
from fastapi.testclient import TestClient

from kamervragen.alerts import EmailDelivery, SmtpMailer, SmtpSettings, run_alerts, subscriptions
from kamervragen.ingest import ingest
from kamervragen.storage import open_store
from kamervragen.web import create_app

SAMPLES = Path(__file__).parents[2] / "src" / "kamervragen" / "samples"
ZAAK = "2024Z18794"  # a sample case
SITE = "https://kv.example"


@pytest.fixture
def site(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient, Mailbox, str]]:
    with open_store(db_url) as store:
        ingest(store, [SAMPLES])
    with Mailbox() as box:
        monkeypatch.setenv("KAMERVRAGEN_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("KAMERVRAGEN_SMTP_PORT", str(box.port))
        monkeypatch.setenv("KAMERVRAGEN_SMTP_SECURITY", "none")
        monkeypatch.setenv("KAMERVRAGEN_SITE_URL", SITE)
        app = create_app(db_url, today=lambda: dt.date(2025, 1, 15))
        with TestClient(app, base_url="http://testserver") as client:
            yield client, box, db_url


def form_of(html: str) -> dict[str, str]:
    form = re.search(r'<form class="volgen".*?</form>', html, re.S)
    assert form, "no Volgen form on the page"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.group()))
    return {k: v.replace("&#34;", '"').replace("&amp;", "&") for k, v in fields.items()}


def link(box: Mailbox, n: int, kind: str) -> str:
    body = box.messages[n].get_body(("plain",)).get_content()
    found = re.search(rf"{SITE}(/volgen/{kind}/[\w-]+)", body)
    assert found, body
    return found.group(1)


def follow(client: TestClient, page: str, email: str, **extra: str) -> Any:
    fields = form_of(client.get(page).text)
    return client.post("/volgen", data={**fields, "email": email, **extra})


def test_the_form_is_on_every_followable_page(site: tuple[TestClient, Mailbox, str]) -> None:
    client, _, _ = site
    ministry = client.get("/ministeries.json").json()["groups"][0]["group"]
    for page, kind, target in [
        (f"/zaak/{ZAAK}", "case", ZAAK),
        ("/lid/Mohandis", "member", "Mohandis"),
        ("/partij/VVD", "party", "VVD"),
        (f"/ministerie/{ministry}", "ministry", ministry),
        ("/zoeken?q=zwembaden&partij=GroenLinks-PvdA", "search", "zwembaden"),
    ]:
        response = client.get(page)
        assert response.status_code == 200, page
        fields = form_of(response.text)
        assert (fields["soort"], fields["doel"]) == (kind, target), page
        assert len(fields["csrf"]) == 43
    assert (
        form_of(client.get("/zoeken?q=zwembaden&partij=GroenLinks-PvdA").text)["f_partij"]
        == "GroenLinks-PvdA"
    )
    # The JSON twins are as they were, and the home page has no form.
    assert "volgen" not in client.get("/").text.lower().replace("/volgen", "")


def test_double_opt_in_then_alerts_then_manage_and_unsubscribe(
    site: tuple[TestClient, Mailbox, str],
) -> None:
    client, box, db = site
    sent = follow(client, f"/zaak/{ZAAK}", "Lid@Example.nl", frequentie="immediate")
    assert sent.status_code == 202
    assert "We hebben een e-mail gestuurd naar <strong>Lid@example.nl</strong>" in sent.text
    [mail] = box.messages
    assert mail["To"] == "Lid@example.nl" and mail["Subject"] == f"Bevestig: volgen van zaak {ZAAK}"
    confirm = link(box, 0, "bevestigen")
    # Unconfirmed: a run sends nothing to it.
    with open_store(db) as store:
        [sub] = subscriptions(store)
        assert not sub.confirmed
    page = client.get(confirm)
    assert "Ja, bevestigen" in page.text
    with open_store(db) as store:
        assert not subscriptions(store)[0].confirmed  # opening the link confirms nothing
    done = client.post(confirm)
    assert done.status_code == 200 and "Bevestigd" in done.text
    with open_store(db) as store:
        assert subscriptions(store)[0].confirmed
        # The case is answered (a made-up nader antwoord): the alert comes by e-mail.
        case = questions(ZAAK, "x", "2024-10-01")
        add(store, answer(case, "2025-01-20", 3001))
        mailer = SmtpMailer(SmtpSettings("127.0.0.1", box.port, security="none"))
        report = run_alerts(store, {"email": EmailDelivery(mailer)}, site=SITE)
        mailer.close()
        assert report.sent == 1
    alert = box.messages[1]
    manage = link(box, 1, "beheer")
    unsubscribe = alert["List-Unsubscribe"].strip("<>").removeprefix(SITE)
    listing = client.get(manage + ".json").json()
    assert listing["address"] == "Lid@example.nl"
    assert [s["description"] for s in listing["subscriptions"]] == [f"zaak {ZAAK}"]
    assert "Afmelden" in client.get(manage).text
    # One click (RFC 8058): a POST without cookies or form token.
    fresh = TestClient(client.app)
    gone = fresh.post(unsubscribe, content=b"List-Unsubscribe=One-Click",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert gone.status_code == 200 and "Afgemeld" in gone.text
    with open_store(db) as store:
        assert subscriptions(store) == []
    assert client.get(manage).status_code == 404


def test_search_followed_with_its_filters(site: tuple[TestClient, Mailbox, str]) -> None:
    client, _, db = site
    page = "/zoeken?q=zwembaden&partij=GroenLinks-PvdA&jaar=2024"
    assert follow(client, page, "j@example.nl", frequentie="daily").status_code == 202
    with open_store(db) as store:
        [sub] = subscriptions(store)
    assert (sub.kind, sub.target, sub.delivery) == ("search", "zwembaden", "daily")
    assert sub.filters == {"party": "GroenLinks-PvdA", "year": 2024}


def test_csrf_origin_and_bad_input_are_refused(site: tuple[TestClient, Mailbox, str]) -> None:
    client, box, db = site
    fields = form_of(client.get(f"/zaak/{ZAAK}").text)
    ok = {**fields, "email": "a@example.nl"}
    assert client.post("/volgen", data={**ok, "csrf": "x" * 43}).status_code == 403
    other = TestClient(client.app)  # another browser: no cookie
    assert other.post("/volgen", data=ok).status_code == 403
    elsewhere = {"Origin": "https://evil.example"}
    assert client.post("/volgen", data=ok, headers=elsewhere).status_code == 403
    bad = client.post("/volgen", data={**ok, "email": "geen adres"})
    assert bad.status_code == 400 and "not a valid address" in bad.text
    wrong = client.post("/volgen.json", data={**ok, "soort": "late"})
    assert wrong.status_code == 400 and "soort 'late'" in wrong.json()["error"]
    missing = client.post("/volgen", data={**ok, "soort": "case", "doel": "2099Z1"})
    assert missing.status_code == 400 and "no such zaak" in missing.text
    assert box.messages == []
    with open_store(db) as store:
        assert subscriptions(store) == []


def test_rate_limits_per_address_and_per_client(site: tuple[TestClient, Mailbox, str]) -> None:
    client, box, _ = site
    pages = [f"/zaak/{ZAAK}", "/partij/VVD", "/lid/Mohandis", "/zoeken?q=zwembaden"]
    answers = [follow(client, p, "veel@example.nl").status_code for p in pages]
    assert answers == [202, 202, 202, 429]
    assert len(box.messages) == 3
    # Other addresses, the same client: ten requests an hour.
    more = [follow(client, "/partij/VVD", f"n{i}@example.nl").status_code for i in range(8)]
    assert more.count(202) == 6 and more[-1] == 429


def test_without_smtp_there_is_no_form(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMERVRAGEN_SMTP_HOST", raising=False)
    db = str(tmp_path / "kv.db")
    with open_store(db) as store:
        ingest(store, [SAMPLES])
    with TestClient(create_app(db)) as client:
        assert 'class="volgen"' not in client.get(f"/zaak/{ZAAK}").text
        assert client.post("/volgen", data={"soort": "case"}).status_code == 503
