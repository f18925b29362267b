"""Answers cut into pages that fit the wall whole: cards by rows of columns, charts by lines.

Nothing the room should read may hide behind a scrollbar nobody can move: when the answers do
not fit, the wall shows them a page at a time, and every page holds only whole cards (and
whole blocks of a chart, where a block fits a page at all). Pure functions of sizes, so the
arithmetic is tested without a screen.
"""

from __future__ import annotations

from collections.abc import Sequence

CARD_MIN_WIDTH = 26
"""The narrowest column of cards (a column is wider when the width allows)."""
CARD_GUTTER = 2
"""Cells between two columns of cards."""
ROW_GUTTER = 1
"""Lines between two rows of cards."""


def columns_for(width: int, min_width: int = CARD_MIN_WIDTH, gutter: int = CARD_GUTTER) -> int:
    """How many columns of cards fit *width* cells."""
    return max(1, (width + gutter) // (min_width + gutter))


def column_width(width: int, columns: int, gutter: int = CARD_GUTTER) -> int:
    """The narrowest column when *width* is shared by *columns* (fractions round down)."""
    return max(1, (width - gutter * (columns - 1)) // columns)


def card_pages(
    heights: Sequence[int], columns: int, room: int, gutter: int = ROW_GUTTER
) -> list[range]:
    """Which cards go on which page: rows of *columns* cards, as many rows as fit *room* lines.

    A row is as tall as its tallest card; a row taller than *room* gets a page of its own (its
    cards are cut by the card's own limit, never by the page).
    """
    pages: list[range] = []
    start = 0
    used = 0
    index = 0
    count = len(heights)
    while index < count:
        row = heights[index : index + columns]
        tall = max(row)
        needed = tall if used == 0 else used + gutter + tall
        if used and needed > room:
            pages.append(range(start, index))
            start, used = index, tall
        else:
            used = needed
        index += len(row)
    if start < count or not pages:
        pages.append(range(start, count))
    return pages


def line_pages(
    blank: Sequence[bool], room: int, starts: Sequence[bool] | None = None
) -> list[range]:
    """Which lines of a chart go on which page; *blank* says which lines are empty.

    A page ends at the last empty line that fits, so a statement and its bar stay together;
    without one, before the last line that *starts* an item (a table row, not its wrapped
    continuation); a block longer than a page is cut where the page ends. Empty lines at a
    page's top go.
    """
    room = max(1, room)
    pages: list[range] = []
    start = 0
    count = len(blank)
    while start < count:
        while start < count and blank[start] and pages:
            start += 1
        if start >= count:
            break
        end = min(count, start + room)
        if end < count:
            window = range(start + 1, end + 1)
            breaks = [i for i in window if blank[i]]
            if not breaks and starts is not None:
                breaks = [i for i in window if starts[i]]
            if breaks:
                end = breaks[-1]
        pages.append(range(start, end))
        start = end
    return pages or [range(0, 0)]


def item_starts(lines: Sequence[str]) -> list[bool]:
    """For each line: does it start an item? A line indented deeper than the one before it
    continues that item (a wrapped table cell), so a page never ends just before it."""
    starts: list[bool] = []
    before: int | None = None
    for line in lines:
        text = line.rstrip()
        if not text:
            starts.append(True)
            continue
        indent = len(text) - len(text.lstrip())
        starts.append(before is None or indent <= before)
        before = indent
    return starts
