"""The SQLite search index as the store writes it (storage/sqlite.py)."""

from __future__ import annotations

from pathlib import Path

from kamervragen import parse_file
from kamervragen.storage import Parsed, open_store

SEED = Path(__file__).parent.parent / "data" / "dev" / "seed__000_316d3c91a035becd.txt"

# The segments of an FTS5 table: rows 1 and 10 of its data table hold the averages and
# the structure; every other row is a page of a segment, whose id is the row id >> 37
# (FTS5_SEGMENT_ROWID in SQLite's fts5_index.c).
_SEGMENTS = "SELECT count(DISTINCT id >> 37) FROM {} WHERE id NOT IN (1, 10)"


def test_a_document_is_one_fts5_segment_however_many_pairs(tmp_path: Path) -> None:
    """One statement writes a document's rows: a statement per pair made FTS5 write (and
    later merge) a segment per pair, because each new statement flushes its pending rows."""
    with open_store(tmp_path / "kv.db") as store:
        store.add(Parsed(str(SEED), "seed", "text", parse_file(SEED)))
        pairs = store.query("SELECT count(*) FROM search_text")[0][0]
        assert pairs == 5
        assert store.query(_SEGMENTS.format("search_text_data"))[0][0] == 1
        # The new terms, and through their trigger their trigrams, in one statement too.
        assert store.query(_SEGMENTS.format("search_terms_trigram_data"))[0][0] == 1
        assert store.query("SELECT count(*) FROM search_terms")[0][0] > 50
