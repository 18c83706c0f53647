"""The tsvector literals the index builds for PostgreSQL (in Python, off the server)."""

from __future__ import annotations

from kamervragen.indexing.rows import tsvector as _tsvector


def test_each_stem_has_its_positions_and_weights_and_fields_do_not_touch() -> None:
    literal = _tsvector(((["kind", "opvang", "kind"], "A"), (["opvang"], "B")))
    # Positions from 1; the second field starts after a gap of one (at 5, not 4).
    assert literal == "'kind':1A,3A 'opvang':2A,5B"


def test_an_offset_moves_every_position() -> None:
    assert _tsvector(((["p12", "s2024"], "D"),), offset=40) == "'p12':41D 's2024':42D"


def test_words_past_postgresqls_last_position_stand_at_it() -> None:
    words = [f"w{i}" for i in range(16390)]
    positions = dict(item.split(":") for item in _tsvector(((words, "C"),)).split())
    assert positions["'w0'"] == "1C"
    assert positions["'w16381'"] == "16382C"
    assert positions["'w16382'"] == positions["'w16389'"] == "16383C"
