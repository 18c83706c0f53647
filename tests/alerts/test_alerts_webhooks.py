"""Alerts from the store to a real HTTP receiver on loopback, on both backends."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from alertdocs import NOW, Receiver, add, answer, postponement, questions

from kamervragen.alerts import (
    SCHEMA,
    SubscriptionError,
    WebhookDelivery,
    confirm,
    run_alerts,
    subscribe,
    subscriptions,
    verify,
)
from kamervragen.alerts.schedule import AlertSchedule
from kamervragen.storage import Store, open_store
from kamervragen.storage import alerts as sql

SITE = "https://kamervragen.example"


def hooks(sleeps: list[float] | None = None) -> dict[str, WebhookDelivery]:
    sleep = sleeps.append if sleeps is not None else (lambda s: None)
    return {"webhook": WebhookDelivery(attempts=3, backoff=0.5, timeout=5, sleep=sleep)}


def run(store: Store, at: dt.datetime = NOW, **kwargs: object):  # type: ignore[no-untyped-def]
    return run_alerts(store, hooks(), site=SITE, now=lambda: at, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def store(db_url: str):  # type: ignore[no-untyped-def]
    with open_store(db_url) as opened:
        yield opened


def test_a_case_followed_is_told_once_when_answered(store: Store) -> None:
    q = questions("2025Z01001", "de btw op sportlessen", "2025-02-20")
    add(store, q)
    with Receiver() as receiver:
        sub = subscribe(store, "case", "2025Z01001", receiver.url, channel="webhook", now=NOW)
        assert sub.secret and len(sub.secret) == 64
        assert run(store).events == 0  # nothing happened since it was made
        add(store, answer(q, "2025-03-03", 901))
        report = run(store)
        assert (report.events, report.sent, report.failed) == (2, 1, 0)  # answer, its promise
        again = run(store)
        assert (again.events, again.sent) == (0, 0)
    [got] = receiver.received
    body = got.json()
    assert body["schema"] == SCHEMA == "kamervragen.alert.v1"
    assert body["delivery"] == got.headers["X-Kamervragen-Delivery"]
    assert body["subscription"]["kind"] == "case" and body["digest"] is False
    [event] = body["events"]
    assert event["type"] == "case.answered" and event["id"] == "doc:ah-tk-20242025-901"
    assert event["case"]["zaak"] == "2025Z01001"
    assert event["case"]["status"] == "answered_on_time"
    assert event["case"]["url"] == f"{SITE}/zaak/2025Z01001"
    assert event["document"] == {
        "id": "ah-tk-20242025-901",
        "kind": "answer",
        "received": "2025-03-03",
    }
    stamp = got.headers["X-Kamervragen-Timestamp"]
    signature = got.headers["X-Kamervragen-Signature"]
    assert verify(sub.secret, stamp, got.body, signature)
    assert not verify(sub.secret, stamp, got.body + b" ", signature)
    assert not verify("another secret", stamp, got.body, signature)
    assert not verify(sub.secret, stamp, got.body, signature, now=int(stamp) + 301)


def test_members_parties_ministries_searches_and_commitments(store: Store) -> None:
    add(store, questions("2025Z01000", "iets anders", "2025-02-01", asker="Pietersen", party="SP"))
    with Receiver() as receiver:
        url = receiver.url
        member = subscribe(store, "member", "Jansen", url, channel="webhook", now=NOW)
        party = subscribe(store, "party", "vvd", url, channel="webhook", now=NOW)
        ministry = subscribe(store, "ministry", "Financiën", url, channel="webhook", now=NOW)
        other = subscribe(store, "ministry", "Defensie", url, channel="webhook", now=NOW)
        found = subscribe(
            store,
            "search",
            "sportlessen",
            url,
            channel="webhook",
            now=NOW,
            filters={"party": "VVD"},
        )
        missed = subscribe(
            store, "search", "sportlessen", url, channel="webhook", now=NOW, filters={"party": "SP"}
        )
        promises = subscribe(store, "commitments", "Financiën", url, channel="webhook", now=NOW)
        q = questions("2025Z01001", "de btw op sportlessen", "2025-02-20")
        add(store, q)
        add(store, answer(q, "2025-03-03", 901))
        report = run(store)
        assert report.failed == 0
    by_sub: dict[int, list[str]] = {}
    for got in receiver.received:
        body = got.json()
        by_sub.setdefault(body["subscription"]["id"], []).extend(e["type"] for e in body["events"])
    for sub in (member, party, ministry):
        assert sorted(by_sub[sub.id]) == ["case.answered", "case.questions"]
    assert other.id not in by_sub and missed.id not in by_sub
    # The word is in the subject, so both questions match, each once: in the answer,
    # which repeats (and hides) the questions document's pairs.
    assert by_sub[found.id] == ["search.match", "search.match"]
    assert by_sub[promises.id] == ["commitment.new"]
    # One message with what the run found for the search.
    [match] = [g.json() for g in receiver.received if g.json()["subscription"]["id"] == found.id]
    pairs = sorted((e["pair"] for e in match["events"]), key=lambda p: p["question"])
    assert [(p["question"], p["document"]) for p in pairs] == [
        ("1", "ah-tk-20242025-901"),
        ("2", "ah-tk-20242025-901"),
    ]
    assert "sportlessen" in pairs[0]["question_text"] and pairs[0]["answer_text"] == "Ja."


def test_postponed_and_overdue(store: Store) -> None:
    q = questions("2025Z01002", "de dijkversterking", "2025-02-01")
    add(store, q)
    day = lambda d: dt.datetime.fromisoformat(f"{d}T09:00:00+00:00")  # noqa: E731
    with Receiver() as receiver:
        subscribe(
            store, "case", "2025Z01002", receiver.url, channel="webhook", now=day("2025-02-10")
        )
        run(store, day("2025-02-10"))
        add(store, postponement(q, "2025-02-20"))
        run(store, day("2025-02-21"))
        # Postponed: due six weeks after 1 February (15 March); overdue from the 16th.
        run(store, day("2025-03-15"))
        run(store, day("2025-03-17"))
        run(store, day("2025-03-20"))
    types = [g.json()["events"][0]["type"] for g in receiver.received]
    assert types == ["case.postponed", "case.overdue"]
    overdue = receiver.received[1].json()["events"][0]
    assert overdue["id"] == f"overdue:{overdue['case']['id']}:2025-03-15"
    assert overdue["case"]["status"] == "open_overdue"


def test_retries_with_backoff_then_disabled_after_failures(store: Store) -> None:
    q = questions("2025Z01003", "de zorgpremie", "2025-02-20")
    add(store, q)
    sleeps: list[float] = []
    statuses = [503, 503, 200]
    with Receiver(answer=lambda n, r: statuses[n - 1] if n <= 3 else 500) as receiver:
        ok = subscribe(store, "case", "2025Z01003", receiver.url, channel="webhook", now=NOW)
        add(store, answer(q, "2025-03-03", 903, further="Nee."))
        report = run_alerts(store, hooks(sleeps), site=SITE, now=lambda: NOW)
        assert (report.sent, report.failed) == (1, 0)
        assert sleeps == [0.5, 1.0]  # exponential backoff between the three tries
        log = sql.delivery_log(store, ok.id)
        assert [(row[2], row[3]) for row in log] == [(1, "HTTP 503, HTTP 503, HTTP 200")]
        # From now on the receiver fails: after two failed deliveries it is disabled.
        q2 = questions("2025Z01004", "de zorgpremie II", "2025-02-21")
        add(store, q2)
        run(store)
        sub = subscribe(store, "member", "Jansen", receiver.url, channel="webhook", now=NOW)
        add(store, answer(q2, "2025-03-03", 904, further="Nee."))
        first = run_alerts(store, hooks(), site=SITE, now=lambda: NOW, disable_after=2)
        assert (first.sent, first.failed, first.disabled) == (0, 1, [])
        # Not tried again before its time (5 minutes later) …
        assert run_alerts(store, hooks(), site=SITE, now=lambda: NOW, disable_after=2).failed == 0
        later = NOW + dt.timedelta(minutes=6)
        second = run_alerts(store, hooks(), site=SITE, now=lambda: later, disable_after=2)
        assert second.failed == 1 and len(second.disabled) == 1
        assert "HTTP 500" in second.disabled[0]
    [found] = [s for s in subscriptions(store) if s.id == sub.id]
    assert found.disabled and "2 mislukte afleveringen" in found.disabled
    assert "HTTP 500, HTTP 500, HTTP 500 from http://127.0.0.1" in found.disabled
    tries = len(receiver.received)
    assert tries == 3 + 3 + 3
    # Disabled: nothing is tried any more.
    run_alerts(store, hooks(), site=SITE, now=lambda: later + dt.timedelta(days=1), disable_after=2)
    assert len(receiver.received) == tries


def test_daily_digest_waits_for_its_hour(store: Store) -> None:
    early = dt.datetime(2025, 3, 4, 5, 0, tzinfo=dt.UTC)  # 06:00 in Amsterdam
    with Receiver() as receiver:
        subscribe(
            store, "party", "VVD", receiver.url, channel="webhook", delivery="daily", now=early
        )
        for n in range(3):
            add(store, questions(f"2025Z0110{n}", f"onderwerp {n}", "2025-03-01"))
        assert run(store, early).sent == 0
        assert run(store, NOW).sent == 1
        add(store, questions("2025Z01110", "nog een", "2025-03-02"))
        assert run(store, NOW + dt.timedelta(hours=2)).sent == 0  # today's digest went
        assert run(store, NOW + dt.timedelta(days=1)).sent == 1
    first, second = (g.json() for g in receiver.received)
    assert first["digest"] is True and len(first["events"]) == 3
    assert {e["case"]["zaak"] for e in first["events"]} == {
        "2025Z01100",
        "2025Z01101",
        "2025Z01102",
    }
    assert [e["case"]["zaak"] for e in second["events"]] == ["2025Z01110"]


def test_unconfirmed_gets_nothing_and_confirmed_only_what_came_after(store: Store) -> None:
    with Receiver() as receiver:
        sub = subscribe(
            store, "party", "VVD", receiver.url, channel="webhook", now=NOW, confirmed=False
        )
        add(store, questions("2025Z01200", "voor de bevestiging", "2025-03-01"))
        run(store)
        assert receiver.received == []
        assert confirm(store, sub.token) is not None
        run(store)
        assert receiver.received == []  # what happened before confirming is not sent
        add(store, questions("2025Z01201", "na de bevestiging", "2025-03-01"))
        run(store)
    [got] = receiver.received
    assert got.json()["events"][0]["case"]["zaak"] == "2025Z01201"


def test_weekly_late_list_per_ministry(store: Store) -> None:
    add(store, questions("2025Z01300", "te laat", "2025-01-01"))
    add(store, questions("2025Z01301", "op tijd", "2025-03-01"))
    add(store, questions("2025Z01302", "ander ministerie", "2025-01-01", ministry="Defensie"))
    monday_early = dt.datetime(2025, 3, 10, 5, 0, tzinfo=dt.UTC)  # 06:00 local
    with Receiver() as receiver:
        sub = subscribe(
            store,
            "late",
            "Financiën",
            receiver.url,
            channel="webhook",
            delivery="immediate",
            now=monday_early,
        )
        assert sub.delivery == "weekly"
        run(store, monday_early)
        assert receiver.received == []
        run(store, monday_early + dt.timedelta(hours=2))
        run(store, monday_early + dt.timedelta(days=2))  # the same week: nothing more
        run(store, monday_early + dt.timedelta(days=7, hours=2))
    first, second = (g.json()["events"][0] for g in receiver.received)
    assert first["type"] == "late_list" and first["week"] == "2025-W11"
    assert [c["zaak"] for c in first["cases"]] == ["2025Z01300"]
    assert first["cases"][0]["days_late"] == 47  # due 22 January
    assert second["week"] == "2025-W12"


def test_bad_subscriptions_are_refused_with_the_reason(store: Store) -> None:
    with pytest.raises(SubscriptionError, match="no such zaak"):
        subscribe(store, "case", "2099Z99999", "a@example.nl")
    with pytest.raises(SubscriptionError, match="not a valid address"):
        subscribe(store, "party", "VVD", "geen adres")
    with pytest.raises(SubscriptionError, match="http:// or https://"):
        subscribe(store, "party", "VVD", "ftp://x", channel="webhook")
    with pytest.raises(SubscriptionError, match="delivery 'hourly'"):
        subscribe(store, "party", "VVD", "a@example.nl", delivery="hourly")
    with pytest.raises(SubscriptionError, match="filter 'colour'"):
        subscribe(store, "search", "btw", "a@example.nl", filters={"colour": "red"})
    with pytest.raises(SubscriptionError, match="search '\"btw'"):
        subscribe(store, "search", '"btw', "a@example.nl")
    assert subscriptions(store) == []
    assert (
        json.loads(json.dumps(subscribe(store, "party", "VVD", "A@Example.NL").to_dict()))[
            "address"
        ]
        == "A@example.nl"
    )


def test_a_schedule_runs_alerts_until_stopped(db_url: str) -> None:
    with open_store(db_url) as store, Receiver() as receiver:
        subscribe(store, "party", "VVD", receiver.url, channel="webhook", now=NOW)

        def run_now(opened: Store):  # type: ignore[no-untyped-def]
            return run_alerts(opened, hooks(), site=SITE, now=lambda: NOW)

        schedule = AlertSchedule(db_url, 0.05, run=run_now).start()
        add(store, questions("2025Z01400", "eerste", "2025-03-01"))
        deadline = time.monotonic() + 30
        while len(receiver.received) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        add(store, questions("2025Z01401", "tweede", "2025-03-01"))
        while len(receiver.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        schedule.stop()
        runs = schedule.runs
        assert runs >= 2
        time.sleep(0.2)
        assert schedule.runs == runs  # stopped
    zaken = [g.json()["events"][0]["case"]["zaak"] for g in receiver.received]
    assert zaken == ["2025Z01400", "2025Z01401"]
