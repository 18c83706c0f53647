"""kamervragen alerts add|list|remove|enable|run from the command line."""

from __future__ import annotations

import json

import pytest
from alertdocs import Mailbox, Receiver, add, questions
from typer.testing import CliRunner

from kamervragen.cli import app
from kamervragen.storage import open_store

runner = CliRunner()


def test_add_list_run_remove(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(db_url) as store:
        add(store, questions("2025Z03001", "de treinkaartjes", "2025-03-01"))
    with Mailbox() as box, Receiver() as receiver:
        monkeypatch.setenv("KAMERVRAGEN_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("KAMERVRAGEN_SMTP_PORT", str(box.port))
        monkeypatch.setenv("KAMERVRAGEN_SMTP_SECURITY", "none")
        monkeypatch.setenv("KAMERVRAGEN_SITE_URL", "https://kv.example")
        made = runner.invoke(
            app, ["alerts", "add", "case", "2025Z03001", "--email", "a@example.nl", "--db", db_url]
        )
        assert made.exit_code == 0, made.output
        assert made.output.startswith("subscription 1: zaak 2025Z03001 → email a@example.nl")
        hook = runner.invoke(
            app,
            ["alerts", "add", "search", "treinkaartjes", "--party", "VVD", "--webhook",
             receiver.url, "--every", "daily", "--json", "--db", db_url],
        )  # fmt: skip
        assert hook.exit_code == 0, hook.output
        data = json.loads(hook.output)
        assert data["filters"] == {"party": "VVD"} and len(data["secret"]) == 64
        assert data["description"] == 'zoekvraag "treinkaartjes" (party VVD)'
        party = runner.invoke(
            app, ["alerts", "add", "party", "VVD", "--email", "b@example.nl", "--db", db_url]
        )
        assert party.exit_code == 0
        listed = runner.invoke(app, ["alerts", "list", "--json", "--db", db_url])
        rows = json.loads(listed.output)["subscriptions"]
        assert [(r["kind"], r["delivery"]) for r in rows] == [
            ("case", "immediate"), ("search", "daily"), ("party", "immediate"),
        ]  # fmt: skip
        assert "secret" not in rows[1] and "token" not in rows[1]
        with open_store(db_url) as store:
            add(store, questions("2025Z03002", "de treinkaartjes II", "2025-03-02"))
        ran = runner.invoke(app, ["alerts", "run", "--db", db_url])
        assert ran.exit_code == 0, ran.output
        # The party's e-mail, and both questions for the search (its digest waits for 07:00).
        assert "1 new documents, 3 events, 3 queued" in ran.output
        [mail] = box.messages
        assert mail["To"] == "b@example.nl"
        assert "https://kv.example/zaak/2025Z03002" in mail.get_body(("plain",)).get_content()
        gone = runner.invoke(app, ["alerts", "remove", "3", "--db", db_url])
        assert gone.output.startswith("removed subscription 3: partij VVD")
        again = runner.invoke(app, ["alerts", "remove", "3", "--db", db_url])
        assert again.exit_code == 1
        assert "subscription 3: no such subscription" in again.output


def test_bad_input_is_one_line(tmp_path: object, db_url: str) -> None:
    cases = [
        (["alerts", "add", "case", "2099Z1", "--email", "a@example.nl"], "no such zaak"),
        (["alerts", "add", "party", "VVD"], "give one of --email ADDRESS or --webhook URL"),
        (["alerts", "add", "colour", "red", "--email", "a@example.nl"], "kind 'colour'"),
        (["alerts", "add", "party", "VVD", "--email", "a@example.nl", "--every", "hourly"],
         "--every hourly: use one of immediate, daily, weekly"),
    ]  # fmt: skip
    for args, message in cases:
        result = runner.invoke(app, [*args, "--db", db_url])
        assert result.exit_code == 1, args
        assert message in result.output and len(result.output.strip().splitlines()) == 1


def test_failures_disable_and_show_the_reason_then_enable(db_url: str) -> None:
    with Receiver(answer=lambda n, r: 410) as receiver:
        runner.invoke(app, ["alerts", "add", "party", "VVD", "--webhook", receiver.url,
                            "--db", db_url])  # fmt: skip
        for n in range(5):
            with open_store(db_url) as store:
                add(store, questions(f"2025Z0310{n}", f"onderwerp {n}", "2025-03-01"))
            runner.invoke(app, ["alerts", "run", "--db", db_url])
        listed = runner.invoke(app, ["alerts", "list", "--log", "1", "--db", db_url])
    assert "subscription 1 disabled: 5 mislukte afleveringen na elkaar, de laatste op" in (
        listed.output
    )
    assert "FAILED: HTTP 410 from" in listed.output
    assert len(receiver.received) == 5  # a 410 is not tried again
    enabled = runner.invoke(app, ["alerts", "enable", "1", "--db", db_url])
    assert enabled.exit_code == 0
    listed = runner.invoke(app, ["alerts", "list", "--json", "--db", db_url])
    assert json.loads(listed.output)["subscriptions"][0]["disabled"] is None


def test_help_has_examples() -> None:
    for command in ("add", "list", "remove", "enable", "run"):
        result = runner.invoke(app, ["alerts", command, "--help"])
        assert "Example: kamervragen alerts" in " ".join(result.output.split()), command
