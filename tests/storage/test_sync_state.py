"""The sync's statements on both backends: newer records win, checkpoints, flags."""

from __future__ import annotations

from kamervragen.storage import open_store, sync_state


def _case(stamp: str, onderwerp: str) -> sync_state.CaseRow:
    return sync_state.CaseRow(
        "z1", "2024Z00001", onderwerp, "2024-11-06", 0, "2024-2025", None, stamp, "{}"
    )


def test_an_older_record_never_overwrites_a_newer_one(db_url: str) -> None:
    with open_store(db_url) as store:
        sync_state.upsert_cases(store, [_case("2025-02-01T00:00:00Z", "nieuw")])
        sync_state.upsert_cases(store, [_case("2025-01-01T00:00:00Z", "oud")])
        assert store.query("SELECT onderwerp FROM api_cases") == [("nieuw",)]
        assert sync_state.live_ids(store, "api_cases", ["z1", "z2"]) == {"z1"}
        sync_state.mark_deleted(store, "api_cases", [("2025-01-15T00:00:00Z", "z1")])
        assert sync_state.live_ids(store, "api_cases", ["z1"]) == {"z1"}  # stored newer
        sync_state.mark_deleted(store, "api_cases", [("2025-03-01T00:00:00Z", "z1")])
        assert sync_state.live_ids(store, "api_cases", ["z1"]) == set()


def test_a_checkpoint_is_kept_per_source_entity_and_scope(db_url: str) -> None:
    with open_store(db_url) as store:
        assert sync_state.load_checkpoint(store, "tk", "Zaak", "") is None
        row = sync_state.CheckpointRow("2025-01-01T00:00:00Z", "a", "2025-01-01T00:00:00Z")
        sync_state.save_checkpoint(store, "tk", "Zaak", "", row, "2025-01-01T00:00:00+00:00")
        moved = row._replace(cursor_id="b", full_token=None)
        sync_state.save_checkpoint(store, "tk", "Zaak", "", moved, "2025-01-02T00:00:00+00:00")
        assert sync_state.load_checkpoint(store, "tk", "Zaak", "") == moved
        assert sync_state.load_checkpoint(store, "tk", "Zaak", "2024-01-01..") is None


def test_a_documents_cases_actors_and_flags_are_replaced_not_added(db_url: str) -> None:
    with open_store(db_url) as store:
        sync_state.upsert_cases(store, [_case("2025-01-01T00:00:00Z", "x")])
        actor = sync_state.ActorRow(
            "a1", "z1", "Indiener", "D.M. van Weel", "VVD", None, None, "2025", "{}"
        )
        sync_state.upsert_actors(store, [actor])
        document = sync_state.DocumentRow(
            "d1", "Schriftelijke vragen", "2024D1", "2024-11-06", "x", "2024-2025", None,
            None, "[]", None, "2025-01-01T00:00:00Z", "{}",
        )  # fmt: skip
        sync_state.upsert_documents(store, [document])
        sync_state.set_document_cases(store, "d1", ["z1", "z2"])
        sync_state.set_document_cases(store, "d1", ["z1"])
        assert [r[0] for r in sync_state.document_cases(store, "d1")] == ["z1"]
        assert sync_state.case_actors(store, ["z1"]) == [("Indiener", "D.M. van Weel", "VVD", None)]
        assert sync_state.case_actors(store, []) == []
        assert [r[0] for r in sync_state.texts_to_fetch(store, 3)] == ["d1"]
        sync_state.set_text_status(store, "d1", "failed", "down", "2025-01-01", None)
        sync_state.set_text_status(store, "d1", "failed", "down", "2025-01-02", None)
        assert sync_state.texts_to_fetch(store, 2) == []
        flags = [("askers", "Van Weel", "Weel"), ("party", "VVD", "CDA")]
        sync_state.set_quality_flags(store, "d1", "z1", None, flags)
        sync_state.set_quality_flags(store, "d1", "z1", None, flags[:1])
        assert store.query("SELECT field FROM quality_flags") == [("askers",)]
