"""A source that changes while it is read: the store ends equal to the source.

The replay server answers every request anew, as the Gegevensmagazijn does: a record
changed between two pages moves to the end of the ``ApiGewijzigdOp`` order, a deleted one
becomes a tombstone, a case whose Soort changes leaves the set. On both backends.
"""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import time
from typing import Any

from kamervragen.sources import sync
from kamervragen.sources.replay import ReplayServer
from kamervragen.storage import Store, open_store
from syncdata import (
    NOW,
    clients,
    command_env,
    fill,
    later,
    ordered,
    records,
    source_state,
    start_sync,
    store_state,
    sync_command,
    tombstone,
)


def run(store: Store, server: ReplayServer, **kw: Any) -> Any:
    odata, koop = clients(server)
    with odata, koop:
        return sync(store, odata, koop, now=NOW, texts=False, limits=None, **kw)


def test_records_changed_between_and_during_pages_are_not_lost(
    db_url: str, replay: ReplayServer
) -> None:
    zaken = ordered(replay, "Zaak")
    pages: list[int] = []

    def between_pages(phase: str, advance: int, total: int | None) -> None:
        if phase == "Zaak" and advance:
            pages.append(advance)
            if len(pages) == 1:
                # After the first page: a case read already and one not yet read change
                # (both move to the end), one is deleted, one becomes oral questions.
                replay.add(
                    "Zaak",
                    [
                        later(zaken[0], "2025-07-01T10:00:00.1Z", Onderwerp="Gewijzigd 0"),
                        later(zaken[4], "2025-07-01T10:00:00.2Z", Onderwerp="Gewijzigd 4"),
                        tombstone(zaken[6], "2025-07-01T10:00:00.3Z"),
                        later(zaken[7], "2025-07-01T10:00:00.4Z", Soort="Mondelinge vragen"),
                    ],
                )

    with open_store(db_url) as store:
        summary = run(store, replay, progress=between_pages)
        assert store_state(db_url) == source_state(replay)
        # Each case counts once, though two were read twice; the gone two never stored.
        assert summary.cases == 9 and summary.deleted == 0

        # Between two runs: a stored case becomes oral questions, a document and an
        # actor are deleted, a case changes, a new version of an actor comes.
        document = next(d for d in records("document") if d.get("Soort"))
        actor = ordered(replay, "Zaak")[2]["ZaakActor"][0]
        zaken = ordered(replay, "Zaak")
        replay.add(
            "Zaak",
            [
                later(zaken[1], "2025-07-02T09:00:00.1Z", Soort="Mondelinge vragen"),
                later(zaken[3], "2025-07-02T09:00:00.2Z", Onderwerp="Ander onderwerp"),
            ],
        )
        replay.add("Document", [tombstone(document, "2025-07-02T09:00:00.3Z")])
        replay.add(
            "ZaakActor",
            [
                tombstone(actor, "2025-07-02T09:00:00.4Z"),
                later(
                    actor,
                    "2025-07-02T09:00:00.5Z",
                    Id="00000000-0000-4000-a000-000000000099",
                    ActorFractie="NSC",
                ),
            ],
        )
        again = run(store, replay)
        assert store_state(db_url) == source_state(replay)
        assert (again.cases, again.actors, again.documents, again.deleted) == (1, 1, 0, 3)
        # A deleted document belongs to no case any more.
        assert not store.query(
            "SELECT 1 FROM api_document_cases WHERE api_document_id = ?", (document["Id"],)
        )
        left = store.query(
            "SELECT verwijderd, soort FROM api_cases WHERE id = ?", (zaken[1]["Id"],)
        )
        assert left == [(1, "Mondelinge vragen")]


def test_a_full_pass_finds_what_an_increment_cannot(db_url: str, replay: ReplayServer) -> None:
    with open_store(db_url) as store:
        run(store, replay)
        # A tombstone stamped before the cursor (the service's clock, a purge): no
        # increment asks for it, and the case stays live.
        case = ordered(replay, "Zaak")[5]
        replay.add("Zaak", [tombstone(case, "2020-01-01T00:00:00Z")])
        run(store, replay)
        assert store_state(db_url) != source_state(replay)
        full = run(store, replay, full=True)
        assert store_state(db_url) == source_state(replay)
        assert full.deleted == 1 and full.cases == 0
        assert not store.query("SELECT 1 FROM sync_checkpoints WHERE entity LIKE '%/full'")


def fresh() -> str:
    """A stamp of now: the command's first sync starts its streams of what leaves at
    the clock's day before, as against the real service."""
    time.sleep(0.001)
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_changes_around_a_kill_9_are_not_lost(db_url: str) -> None:
    with ReplayServer(page_size=1, delay=0.02) as server:
        fill(server)
        zaken = ordered(server, "Zaak")
        child = start_sync(server, db_url, "--no-texts")
        deadline = time.monotonic() + 20
        changed = False
        while time.monotonic() < deadline:
            read = sum(1 for u in server.log if "$expand=ZaakActor" in u)
            if read >= 3 and not changed:
                # While it pages: a case read and one not yet read change.
                server.add(
                    "Zaak",
                    [
                        later(zaken[0], "2025-07-01T10:00:00.1Z", Onderwerp="Gewijzigd 0"),
                        later(zaken[5], "2025-07-01T10:00:00.2Z", Onderwerp="Gewijzigd 5"),
                    ],
                )
                changed = True
            if read >= 6:
                break
            time.sleep(0.002)
        child.send_signal(signal.SIGKILL)
        assert child.wait() == -signal.SIGKILL
        with open_store(db_url) as store:
            stored = store.query("SELECT count(*) FROM api_cases")[0][0]
        assert 0 < stored < 11  # killed halfway through the cases
        # Before it runs again: cases read and not read change, one is deleted, one
        # leaves the set, a document leaves its case.
        zaken = ordered(server, "Zaak")
        server.add(
            "Zaak",
            [
                later(zaken[0], fresh(), Onderwerp="Weer gewijzigd"),
                later(zaken[8], fresh(), Onderwerp="Gewijzigd 8"),
                tombstone(zaken[1], fresh()),
                later(zaken[2], fresh(), Soort="Mondelinge vragen"),
            ],
        )
        document = records("document")[0]
        server.add("Document", [later(document, fresh(), Zaak=[])])
        again = subprocess.run(
            sync_command(server, db_url, "--no-texts"), capture_output=True, env=command_env()
        )
        assert again.returncode == 0, again.stderr
        assert store_state(db_url) == source_state(server)
        assert not any("$skip=" in u for u in server.log)  # resumed from the cursor
