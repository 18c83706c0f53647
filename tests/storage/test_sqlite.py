"""What only the SQLite backend does (storage/sqlite.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamervragen.storage.sqlite import SQLiteStore


def _settings(store: SQLiteStore) -> tuple[int, int]:
    cache = store.query("PRAGMA cache_size")[0][0]
    checkpoint = store.query("PRAGMA wal_autocheckpoint")[0][0]
    return int(cache), int(checkpoint)


def test_bulk_writing_tunes_the_connection_and_puts_it_back(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "kv.db")
    try:
        before = _settings(store)
        with store.bulk():
            during = _settings(store)
        assert during != before
        assert during[0] > before[0]  # a smaller cache: negative sizes are KiB
        assert during[1] > before[1]
        assert _settings(store) == before
        with pytest.raises(RuntimeError), store.bulk():
            raise RuntimeError("an ingest that fails")
        assert _settings(store) == before
    finally:
        store.close()
