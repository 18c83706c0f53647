"""Page numbers to offer under a long list."""

from __future__ import annotations


def page_numbers(page: int, pages: int) -> list[int | None]:
    """The page numbers to offer: the first, the last and those near this one, with None
    where numbers are left out (shown as "…")."""
    near = set(range(max(1, page - 2), min(pages, page + 2) + 1))
    numbers = sorted({1, pages, *near} - {0})
    shown: list[int | None] = []
    for n in numbers:
        if shown and shown[-1] is not None and n - shown[-1] > 1:
            shown.append(None)
        shown.append(n)
    return shown
