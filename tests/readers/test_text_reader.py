"""Text files: their encodings, and characters that are no text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kamervragen
from kamervragen.readers import read_bytes

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "dev" / "seed__000_316d3c91a035becd.txt"
PAGE = DATA / "html" / "kv-tk-2024Z18794.html"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-16-le", "utf-32"])
def test_utf_16_and_utf_32_text_with_a_byte_order_mark_is_read_as_text(codec: str) -> None:
    """It was refused as "binary data" for its zero bytes."""
    text = SEED.read_text(encoding="utf-8")
    data = ("\ufeff" if codec.endswith(("-be", "-le")) else "") + text
    assert kamervragen.parse_bytes(data.encode(codec)) == kamervragen.parse_text(text)


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_an_html_page_in_utf_16_or_utf_32_is_read_as_html(codec: str) -> None:
    page = PAGE.read_text(encoding="utf-8")
    data = page.replace('charset="utf-8"', "").encode(codec)
    assert read_bytes(data).format == "html"
    assert kamervragen.parse_bytes(data) == kamervragen.parse_bytes(page.encode())


# Every control character but the line end and the tab; \r and \f end a line or a page
# in a text file, so they are tried in a line of a structured format below.
CONTROLS = "".join(chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\n\t\r\f")


def test_control_characters_are_taken_out_of_every_text() -> None:
    """NUL and the other control characters reached the record's JSON and the database."""
    text = SEED.read_text(encoding="utf-8")
    # Past the first 4 KB, where a NUL still means a binary file; ten in a word.
    at = [m.end() for m in re.finditer(r"\b\w{4}", text) if m.end() > 4096][:7]
    dirty = "".join(
        text[a:b] + CONTROLS[10 * k : 10 * k + 10]
        for k, (a, b) in enumerate(zip([0, *at], [*at, len(text)], strict=True))
    )
    assert sum(c in dirty for c in CONTROLS) == len(CONTROLS)
    record = kamervragen.parse_bytes(dirty.encode())
    assert record == kamervragen.parse_text(text)
    assert not re.search(r"\\u00[01][0-9a-f]|\\u007f|\\u00[89][0-9a-f]", record.to_json())


def test_control_characters_in_a_structured_format_are_taken_out() -> None:
    page = PAGE.read_text(encoding="utf-8")
    dirty = page.replace("Vraag 1</h2>", "Vraag\r 1\x0c</h2>").replace("minister", "mini\x1bster")
    assert dirty != page
    assert kamervragen.parse_bytes(dirty.encode()) == kamervragen.parse_bytes(page.encode())
