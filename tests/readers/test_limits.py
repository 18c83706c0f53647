"""How large a document is read: beyond each limit a ParseError, in little time and memory.

The limits of one format are tested with its reader (PDF pages and objects in test_pdf,
HTML depth and elements in test_html, references in parsing/test_references).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import kamervragen
from kamervragen.errors import ParseError
from kamervragen.parsing import parse_extract
from kamervragen.readers import Extract, Line, read_path, read_text
from kamervragen.readers.html import read_html
from peakmemory import parse_in_a_process

MB = 1024 * 1024
SEED = Path(__file__).parent.parent / "data" / "dev" / "seed__000_316d3c91a035becd.txt"


def test_a_file_over_32_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "groot.pdf"
    with big.open("wb") as file:
        file.truncate(32 * MB + 1)  # sparse: nothing written, nothing to read
    started = time.perf_counter()
    with pytest.raises(ParseError, match=r"^larger than 32 MB$"):
        read_path(big)
    assert time.perf_counter() - started < 1
    with pytest.raises(ParseError, match=r"^larger than 32 MB$"):
        kamervragen.parse_bytes(b"%PDF-1.4\n" + b" " * 32 * MB)


def test_a_50_mb_single_line_text_is_refused_in_little_memory() -> None:
    """It took 1.6 GB to parse."""
    make = "b'Vragen van het lid Jansen over de nieuwe regeling. ' * 2**20"
    reason, peak = parse_in_a_process(make)
    assert reason == "larger than 32 MB"
    assert peak < 300  # it took 1,100-1,600 MB; the fuzzer's bound is 512


def test_a_text_of_more_than_a_million_characters_is_refused() -> None:
    text = SEED.read_text()
    with pytest.raises(ParseError, match=r"^more than 1,000,000 characters of text$"):
        kamervragen.parse_text(text + " " * (1_000_001 - len(text)))
    assert kamervragen.parse_text(text + " " * (1_000_000 - len(text))).questions


def test_a_text_of_more_than_50_000_lines_is_refused() -> None:
    with pytest.raises(ParseError, match=r"^more than 50,000 lines of text$"):
        read_text("x\n" * 50_000)  # and the line after the last
    assert len(read_text("x\r\n" * 49_999).lines) == 50_000, "CR LF is one line end"


def test_what_any_reader_gives_is_held_to_the_same_limits() -> None:
    with pytest.raises(ParseError, match=r"^more than 50,000 lines of text$"):
        parse_extract(Extract(lines=[Line("Vraag 1")] * 50_001, format="pdf"))
    with pytest.raises(ParseError, match=r"^more than 1,000,000 characters of text$"):
        parse_extract(Extract(lines=[Line("x" * 1_000_001)], format="pdf"))


def test_an_html_page_over_4_mb_is_refused_before_it_is_parsed() -> None:
    page = b"<html><body><p>Vraag 1</p>" + b"<p>x</p>" * (4 * MB // 8) + b"</body></html>"
    with pytest.raises(ParseError, match=r"^the HTML page is larger than 4 MB$"):
        read_html(page)
