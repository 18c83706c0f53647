"""Any failure to read one document is that document's ParseError, on one line.

A bug the readers or the parser did not foresee (here: one planted in the parser) must
not stop a batch: ``parse_bytes``, ``parse_file``, ``parse_text`` and an ingest's unit of
work give a ParseError naming it, with the original exception kept as ``unexpected``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kamervragen
from kamervragen.errors import ParseError, one_document
from kamervragen.ingest import Failed, parse_data
from kamervragen.parsing import parser

SEED = Path(__file__).parent / "data" / "dev" / "seed__000_316d3c91a035becd.txt"

PLANTED: dict[str, Exception] = {
    "KeyError": KeyError("vraag"),
    "StopIteration": StopIteration(),
    "RecursionError": RecursionError("maximum recursion depth exceeded"),
    "MemoryError": MemoryError(),
    "a message over lines": ValueError("line one\nline two\n" + "x" * 1000),
}


@pytest.fixture(params=PLANTED.values(), ids=PLANTED.keys())
def planted(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Exception:
    error: Exception = request.param

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(parser, "to_pages", fail)
    return error


def _check(caught: ParseError, planted: Exception) -> None:
    message = str(caught)
    assert "\n" not in message and 4 <= len(message) <= 250, message
    assert caught.unexpected is planted


def test_parse_bytes_file_and_text_raise_only_parse_error(planted: Exception) -> None:
    for parse, argument in (
        (kamervragen.parse_bytes, SEED.read_bytes()),
        (kamervragen.parse_file, SEED),
        (kamervragen.parse_text, SEED.read_text()),
    ):
        with pytest.raises(ParseError) as caught:
            parse(argument)  # type: ignore[operator]
        _check(caught.value, planted)


def test_an_ingest_quarantines_the_document_with_the_reason(planted: Exception) -> None:
    result = parse_data("upload:seed.txt", SEED.read_bytes())
    assert isinstance(result, Failed)
    assert "\n" not in result.reason and result.content_hash


def test_the_reason_names_what_happened() -> None:
    for error, reason in (
        (RecursionError(), "too deeply nested to read"),
        (MemoryError(), "ran out of memory"),
        (KeyError("vraag"), "could not be read (KeyError: 'vraag')"),
    ):
        with pytest.raises(ParseError) as caught, one_document():
            raise error
        assert str(caught.value) == reason


def test_a_refusal_on_purpose_is_not_unexpected() -> None:
    with pytest.raises(ParseError) as caught:
        kamervragen.parse_bytes(b"Appeltaart\n\n500 g bloem\n")
    assert caught.value.unexpected is None


def test_what_stops_the_program_is_not_caught() -> None:
    with pytest.raises(KeyboardInterrupt), one_document():
        raise KeyboardInterrupt


def test_a_parse_error_is_one_line_whatever_it_was_given() -> None:
    assert str(ParseError("not well-formed: Char 0x0\n, line 3, column 4")) == (
        "not well-formed: Char 0x0 , line 3, column 4"
    )
