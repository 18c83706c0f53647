"""The reading order of table cells (kamervragen.readers._layout)."""

from __future__ import annotations

from kamervragen.readers._layout import Cell, reading_order


def cell(x0: float, top: float, text: str, width: float = 20, height: float = 8) -> Cell[str]:
    return Cell(x0, top - height, x0 + width, top, text)


def test_no_cells_no_boxes() -> None:
    assert reading_order([]) == []


def test_cells_stacked_tightly_and_aligned_form_one_box_top_first() -> None:
    # Given bottom first: the box still reads from the top.
    cells = [cell(100, 682, "c"), cell(100, 691, "b"), cell(100, 700, "a")]
    assert reading_order(cells) == [["a", "b", "c"]]


def test_right_aligned_numbers_form_one_box() -> None:
    cells = [cell(110, 700, "7", width=5), cell(105, 691, "12", width=10)]
    assert reading_order(cells) == [["7", "12"]]


def test_cells_far_apart_or_unaligned_are_boxes_of_their_own() -> None:
    far = [cell(100, 700, "a"), cell(100, 680, "b")]  # 12 points of white: over half a line
    assert reading_order(far) == [["a"], ["b"]]
    unaligned = [cell(100, 700, "a"), cell(112, 691, "b")]  # neither edge nor centre agrees
    assert reading_order(unaligned) == [["a"], ["b"]]


def test_a_different_height_is_another_box() -> None:
    cells = [cell(100, 700, "a", height=8), cell(100, 691, "b", height=20)]
    assert reading_order(cells) == [["a"], ["b"]]


def test_columns_of_a_tight_table_are_read_one_after_the_other() -> None:
    rows = [("Noord", "1", "4"), ("Zuid", "2", "5"), ("Oost", "3", "6")]
    cells = [
        cell(x, 700 - 9 * r, text, width=8 if x > 100 else 25)
        for r, row in enumerate(rows)
        for x, text in zip((72, 200, 260), row, strict=True)
    ]
    assert reading_order(cells) == [["Noord", "Zuid", "Oost"], ["1", "2", "3"], ["4", "5", "6"]]


def test_the_higher_box_comes_first_unless_the_other_is_far_to_the_left() -> None:
    # Ordering weighs height three times as much as the x position (boxes_flow 0.5).
    higher_right = [cell(72, 690, "left"), cell(300, 700, "right")]
    assert reading_order(higher_right) == [["left"], ["right"]]  # 228 points left wins
    much_higher = [cell(72, 660, "left"), cell(300, 700, "right")]
    assert reading_order(much_higher) == [["right"], ["left"]]
