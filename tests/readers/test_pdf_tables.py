"""Tables in made-up PDFs are read in the order of the published texts.

The published texts of Kamervragen (and so the gold records) come from pdfminer's layout
analysis, which reads a table column block by column block and can move a table's
columns past the text around it. ``made-up-tables.json`` holds, for each seed below,
the words in the order pdfminer.six (20260107, ``pdf2txt.py`` with default settings)
gave for the PDF this module builds from that seed; pdfminer is not needed to run it.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pypdfium2 as pdfium

from kamervragen.readers.pdf import read_pdf
from madeuppdf import add_text, save

EXPECTED = json.loads(
    (Path(__file__).parents[1] / "data" / "pdf" / "made-up-tables.json").read_text("utf-8")
)
WORDS = ["gemeente", "provincie", "meldingen", "aangiftes", "totaal", "overig", "jeugd", "zorg"]
WORDS += ["politie", "regio"]

Item = tuple[float, float, float, str, bool]  # x (right edge if right-aligned), y, size, text


def make_pdf(items: list[Item]) -> bytes:
    doc = pdfium.PdfDocument.new()
    page = doc.new_page(595, 842)
    for x, y, size, text, right_aligned in items:
        add_text(doc, page, x, y, size, text, right_aligned=right_aligned)
    return save(doc, [page])


def page_with_a_table(seed: int) -> list[Item]:
    """Text, a table (2–6 columns, tight or loose rows, header or not, numbers left- or
    right-aligned, some cells empty), more text."""
    rng = random.Random(seed)
    items: list[Item] = []
    y = 700.0

    def prose(lines: int) -> None:
        nonlocal y
        for _ in range(lines):
            items.append((72, y, 10, " ".join(rng.choice(WORDS) for _ in range(9)), False))
            y -= 12

    prose(6)
    y -= 10
    size = rng.choice([7, 8, 9, 10])
    xs = [72]
    for column in range(1, rng.randint(2, 6)):
        x = xs[-1] + rng.choice([50, 70, 90, 110]) + (70 if column == 1 else 0)
        if x > 470:
            break  # the page ends at 595
        xs.append(x)
    right = rng.random() < 0.6
    pitch = size * rng.choice([1.1, 1.2, 1.4, 1.8, 2.2, 2.5])
    header_gap = rng.choice([0, size * 0.8])
    shift = 45 if right else 0
    if rng.random() < 0.8:
        items.append((72, y, size, "Soort", False))
        items += [(x + shift, y, size, f"Jaar {2019 + c}", right) for c, x in enumerate(xs[1:], 1)]
        y -= pitch + header_gap
    for _ in range(rng.randint(2, 7)):
        label = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 2)))[:14]
        items.append((72, y, size, label, False))
        for x in xs[1:]:
            if rng.random() < 0.1:
                continue
            value = rng.choice([rng.randint(1, 9), rng.randint(10, 99), rng.randint(100, 9999)])
            items.append((x + shift, y, size, str(value), right))
        y -= pitch
    y -= 12
    prose(3)
    return items


def words_read(seed: int) -> list[str]:
    return " ".join(ln.text for ln in read_pdf(make_pdf(page_with_a_table(seed))).lines).split()


def test_made_up_tables_read_as_the_published_texts_would() -> None:
    # Layout analysis merges boxes by comparing areas; where two choices differ by a
    # fraction of a point, the extents measured by pdfium and by pdfminer can tip it the
    # other way. Nearly all must agree exactly.
    differ = [seed for seed, words in EXPECTED.items() if words_read(int(seed)) != words]
    assert len(EXPECTED) >= 100
    assert len(differ) <= 0.03 * len(EXPECTED), f"read otherwise: seeds {differ}"


def test_the_expectations_cover_tables_read_both_ways() -> None:
    # Some tables come out row-wise (a label, then its numbers), most column-wise; the
    # set must hold both, or it would not tell the orders apart.
    row_wise = column_wise = 0
    for seed, words in EXPECTED.items():
        label = page_with_a_table(int(seed))
        first_row = [text for _, y, _, text, _ in label if y == label[7][1]]
        joined = " ".join(words)
        if " ".join(first_row) in joined:
            row_wise += 1
        else:
            column_wise += 1
    assert row_wise > 0 and column_wise > 0
