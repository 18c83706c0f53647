"""Reading order of a table's cells, as the usual PDF layout analysis orders them.

A PDF's content stream draws a table row by row, but the published texts of Kamervragen
(and the records built from them) read a table the way pdfminer's layout analysis does:
cells stacked tightly in a column form one text box, and the boxes are ordered by merging
the nearest boxes first and then putting each merged pair top-left before bottom-right.
The PDF reader uses this for tables only; running text keeps the content stream's order.

The rules and constants are those of pdfminer's default ``LAParams`` (line_margin 0.5,
boxes_flow 0.5), restated here for cells the PDF reader has already found.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

_LINE_MARGIN = 0.5  # lines closer than this share of their height belong to one box
_BOXES_FLOW = 0.5  # how much a box's height outweighs its x position in the ordering


@dataclass(slots=True)
class Cell(Generic[T]):
    """One line of one table cell: its extent (PDF coordinates, y upwards) and payload."""

    x0: float
    y0: float
    x1: float
    y1: float
    item: T

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True, eq=False)
class _Node:
    x0: float
    y0: float
    x1: float
    y1: float
    cells: list[int] = field(default_factory=list)  # a box: its cells' indexes, top first
    children: list[_Node] = field(default_factory=list)  # a group: the two merged nodes

    @property
    def area(self) -> float:
        return (self.x1 - self.x0) * (self.y1 - self.y0)


def reading_order(cells: Sequence[Cell[T]]) -> list[list[T]]:
    """The cells grouped into boxes, in reading order; each box's cells top to bottom."""
    boxes = _boxes(cells)
    if not boxes:
        return []
    order: list[list[T]] = []
    for box in _flatten(_merge(boxes)):
        order.append([cells[i].item for i in box.cells])
    return order


def _overlap(a: _Node | Cell[T], x0: float, y0: float, x1: float, y1: float) -> bool:
    return not (a.x1 <= x0 or x1 <= a.x0 or a.y1 <= y0 or y1 <= a.y0)


def _neighbours(i: int, cells: Sequence[Cell[T]]) -> list[int]:
    """Cells vertically within half a line of cell ``i``, as high, and aligned with it
    (left, right or centre)."""
    me = cells[i]
    d = _LINE_MARGIN * me.height
    found = []
    for j, other in enumerate(cells):
        if j == i or not _overlap(other, me.x0, me.y0 - d, me.x1, me.y1 + d):
            continue
        if abs(other.height - me.height) > d:
            continue
        if (
            abs(other.x0 - me.x0) <= d
            or abs(other.x1 - me.x1) <= d
            or abs((other.x0 + other.x1) - (me.x0 + me.x1)) / 2 <= d
        ):
            found.append(j)
    return found


def _boxes(cells: Sequence[Cell[T]]) -> list[_Node]:
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(cells)):
        for j in _neighbours(i, cells):
            parent[root(j)] = root(i)
    members: dict[int, list[int]] = {}
    for i in range(len(cells)):
        members.setdefault(root(i), []).append(i)
    boxes = []
    for group in sorted(members.values(), key=min):
        group.sort(key=lambda i: -cells[i].y1)
        boxes.append(
            _Node(
                min(cells[i].x0 for i in group),
                min(cells[i].y0 for i in group),
                max(cells[i].x1 for i in group),
                max(cells[i].y1 for i in group),
                cells=group,
            )
        )
    return boxes


def _union(a: _Node, b: _Node) -> tuple[float, float, float, float]:
    return min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1), max(a.y1, b.y1)


def _distance(a: _Node, b: _Node) -> float:
    """The empty area the two nodes' common bounding box would add."""
    x0, y0, x1, y1 = _union(a, b)
    return (x1 - x0) * (y1 - y0) - a.area - b.area


def _merge(boxes: list[_Node]) -> _Node:
    """Merge the nearest pair of nodes until one is left; a pair with another node inside
    its common bounding box waits until every free pair has been merged."""
    serial = {id(node): n for n, node in enumerate(boxes)}
    live: dict[int, _Node] = {serial[id(node)]: node for node in boxes}
    heap: list[tuple[bool, float, int, int]] = [
        (False, _distance(a, b), serial[id(a)], serial[id(b)])
        for n, a in enumerate(boxes)
        for b in boxes[n + 1 :]
    ]
    heapq.heapify(heap)
    while heap and len(live) > 1:
        blocked, _, first, second = entry = heapq.heappop(heap)
        if first not in live or second not in live:
            continue
        a, b = live[first], live[second]
        if not blocked:
            box = _union(a, b)
            if any(
                key not in (first, second) and _overlap(node, *box) for key, node in live.items()
            ):
                heapq.heappush(heap, (True, *entry[1:]))
                continue
        x0, y0, x1, y1 = _union(a, b)
        group = _Node(x0, y0, x1, y1, children=[a, b])
        del live[first], live[second]
        key = len(serial)
        serial[id(group)] = key
        for other_key, other in live.items():
            heapq.heappush(heap, (False, _distance(group, other), key, other_key))
        live[key] = group
    (root,) = live.values()
    return root


def _flatten(node: _Node) -> list[_Node]:
    if not node.children:
        return [node]
    children = sorted(
        node.children,
        key=lambda n: (1 - _BOXES_FLOW) * n.x0 - (1 + _BOXES_FLOW) * (n.y0 + n.y1),
    )
    return [box for child in children for box in _flatten(child)]
