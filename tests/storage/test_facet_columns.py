"""Facet columns held in memory by a search process: the same facets, never stale."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

import pytest

from kamervragen.ingest import ingest
from kamervragen.search import SearchFilters, search
from kamervragen.storage import facet_columns as columns
from kamervragen.storage import open_store
from kamervragen.storage.facet_columns import _held, held_facets

DEV = Path(__file__).parent.parent / "data" / "dev"
TEXTS = sorted(p for p in DEV.iterdir() if p.suffix == ".txt")
QUERIES = ["gemeenten", "minister", "zorg", '"de minister"', "vraag:onderzoek"]


def _stored(db: Path, files: list[Path]) -> None:
    with open_store(db) as store:
        ingest(store, [DEV], files=files)


def _from_table(db: Path, query: str) -> dict[str, dict[str, int]]:
    with open_store(db, for_search=True) as store:  # facets read from search_facet_ids
        return search(store, query, limit=5).facets


def test_held_facets_are_those_of_the_table(tmp_path: Path) -> None:
    db = tmp_path / "kv.db"
    _stored(db, TEXTS)
    with open_store(db, for_search=True) as store, open_store(db, for_search=True) as plain:
        store.keep_warm()
        assert _held[store].columns is not None and plain not in _held
        pairs = [r[0] for r in store.query("SELECT pair_id FROM search_facet_ids")]
        assert held_facets(store, pairs) is not None  # the searches below use them
        for query in QUERIES:
            assert search(store, query, limit=5) == search(plain, query, limit=5)
            assert search(store, query, SearchFilters(party="VVD")) == search(
                plain, query, SearchFilters(party="VVD")
            )
        facets = search(store, "minister").facets
        assert facets["party"] and facets["ministry"] and facets["year"]


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock()
    monkeypatch.setattr(columns, "_clock", fake.monotonic)
    return fake


def test_a_change_by_another_process_is_seen_at_once(tmp_path: Path, clock: _Clock) -> None:
    db = tmp_path / "kv.db"
    _stored(db, TEXTS[:-3])
    with open_store(db, for_search=True) as store:
        store.keep_warm()
        before = search(store, "minister", limit=5)
        _stored(db, TEXTS[-3:])  # another connection, as an ingest or sync would
        after = search(store, "minister", limit=5)
        assert _held[store].columns is None  # dropped: read from the table this time
        assert after.total > before.total
        assert after.facets == _from_table(db, "minister")
        clock.now += columns.QUIET - 1
        assert search(store, "minister", limit=5) == after
        assert _held[store].columns is None  # not quiet for long enough yet
        # Unchanged for QUIET seconds: the columns are read again, and agree.
        clock.now += 1
        assert search(store, "minister", limit=5) == after
        assert _held[store].columns is not None


def test_a_store_that_keeps_changing_is_read_from_the_table(tmp_path: Path, clock: _Clock) -> None:
    db = tmp_path / "kv.db"
    _stored(db, TEXTS[:-2])
    with open_store(db, for_search=True) as store:
        store.keep_warm()
        for file in TEXTS[-2:]:
            _stored(db, [file])  # a commit between every two searches
            clock.now += columns.QUIET
            assert search(store, "minister").facets == _from_table(db, "minister")
            assert _held[store].columns is None


def test_only_a_read_only_sqlite_store_holds_facets(tmp_path: Path) -> None:
    db = tmp_path / "kv.db"
    _stored(db, TEXTS[:2])
    with open_store(db) as store:  # writable: its own writes would not show as changes
        store.keep_warm()
        store.keep_warm()
        assert store not in _held
    with open_store(db, for_search=True) as store:
        store.keep_warm()
        assert _held[store].columns is not None


def test_a_pair_newer_than_the_columns_is_read_from_the_table(tmp_path: Path) -> None:
    db = tmp_path / "kv.db"
    _stored(db, TEXTS)
    with open_store(db, for_search=True) as store:
        store.keep_warm()
        columns = _held[store].columns
        assert columns is not None
        top = int(store.query("SELECT max(pair_id) FROM search_facet_ids")[0][0])
        assert held_facets(store, [top - 1, top]) is not None
        del columns.of_pair[-1]  # as if the newest pair came after the columns were read
        assert held_facets(store, [top - 1, top]) is None
        columns.of_pair[top - 1] = 0  # a pair the columns do not know
        assert held_facets(store, [top - 1]) is None
        assert held_facets(store, [top - 2]) is not None
        words = store.query("SELECT question FROM search_pairs WHERE id = ?", (top - 1,))[0][0]
        word = max(words.split(), key=len)  # a word of that pair: the search asks for it
        assert search(store, word).facets == _from_table(db, word)


def test_a_search_does_not_wait_while_another_reads_the_columns(tmp_path: Path) -> None:
    db = tmp_path / "kv.db"
    _stored(db, TEXTS)
    with open_store(db, for_search=True) as store:
        store.keep_warm()
        expected = search(store, "minister")
        with _held[store].lock:  # as while another thread reads them again
            assert held_facets(store, [1]) is None
            assert search(store, "minister") == expected  # from the table meanwhile
        assert held_facets(store, [1]) is not None


def test_stores_on_one_file_share_the_columns(tmp_path: Path) -> None:
    db = tmp_path / "kv.db"
    _stored(db, TEXTS)
    first, second = open_store(db, for_search=True), open_store(db, for_search=True)
    first.keep_warm()
    second.keep_warm()
    assert _held[first] is _held[second]  # read once, by the first
    assert search(first, "minister") == search(second, "minister")
    key = str(db.resolve())
    for store in (first, second):
        store.close()
    del first, store
    gc.collect()
    assert key in columns._files  # the second still holds them
    del second
    gc.collect()
    assert key not in columns._files  # the last store gone: the columns and their connection


@pytest.mark.parametrize("query", ["gemeenten", "minister"])
def test_the_web_pool_holds_facets(tmp_path: Path, query: str) -> None:
    from kamervragen.web.pool import StorePool

    db = tmp_path / "kv.db"
    _stored(db, TEXTS)
    pool = StorePool(str(db), for_search=True)
    try:
        with pool.store() as store:
            assert _held[store].columns is not None
            assert held_facets(store, [1, 2]) is not None
            assert search(store, query).facets == _from_table(db, query)
    finally:
        pool.close()
    with sqlite3.connect(db) as raw:  # the file is untouched by searching
        assert raw.execute("SELECT count(*) FROM documents").fetchone()[0] == len(TEXTS)
