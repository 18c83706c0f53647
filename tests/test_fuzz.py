"""The fuzzer: damaged copies of every real document in tests/data give a record or a
ParseError, and the ParseError is one a reader or the parser raised on purpose.

Bytes deleted, inserted, flipped, duplicated or cut off, tokens of the format put in, a
Word file's zip member or a PDF's content stream changed inside its packing (see
bench/_mutate.py). Anything else that escaped would stop a batch; with the safety net of
``errors.one_document`` it becomes a ParseError whose ``unexpected`` is set, which this
test counts as a failure too: the net is for what no test found. A larger run is
``bench/fuzz.py`` (docs/BENCHMARKS.md#fuzzing).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kamervragen

BENCH = Path(__file__).resolve().parent.parent / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import _mutate  # noqa: E402


def _ops(fmt: str) -> st.SearchStrategy[list[_mutate.Op]]:
    op = st.tuples(
        st.sampled_from(_mutate.KINDS[fmt]),
        st.floats(min_value=0, max_value=1, exclude_max=True),
        st.one_of(st.integers(1, 20), st.integers(1, 5000)),
        st.binary(min_size=1, max_size=16),
    )
    return st.lists(op, min_size=1, max_size=4)


@pytest.mark.parametrize("fmt", _mutate.FORMATS)
def test_damaged_documents_give_a_record_or_a_parse_error_made_on_purpose(fmt: str) -> None:
    documents = _mutate.documents(fmt)
    assert documents, f"no {fmt} documents in tests/data"

    @settings(
        max_examples=50,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(document=st.sampled_from(documents), ops=_ops(fmt))
    def check(document: tuple[str, bytes], ops: list[_mutate.Op]) -> None:
        data = _mutate.mutate(document[1], fmt, ops)
        try:
            record = kamervragen.parse_bytes(data)
        except kamervragen.ParseError as error:
            assert error.unexpected is None, f"{document[0]}: {error} (unexpected)"
            assert "\n" not in str(error)
        else:
            assert record.kind in ("answer", "questions", "postponement")

    check()


# Mutants bench/fuzz.py found that raised what no check foresaw, kept as they were made
# (FORMAT:INDEX:SEED, see bench/_mutate.py): each must stay a record or a ParseError.
FOUND = {
    # Three NUL bytes in a packed font: pdfium gave its glyphs a NaN matrix.
    "pdf:4:3724651392": "NaN glyph matrix",
}


@pytest.mark.parametrize("spec", FOUND, ids=FOUND.values())
def test_what_the_fuzzer_found_is_read(spec: str) -> None:
    import fuzz

    try:
        kamervragen.parse_bytes(fuzz.make(spec))
    except kamervragen.ParseError as error:
        assert error.unexpected is None, error
