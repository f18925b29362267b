"""A matrix step on the wall: the 1-5 grid in four quadrants, each option at the room's average.

Each option is a numbered mark (solid, readable from the back row) at its average place; dim
dots around it cover one standard deviation on each axis, so a wide cloud says the room
disagreed. The legend beside the grid says which number is which option.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from kerne_tui.catalog import Lang, t
from kerne_tui.workshop.kinds.matrix import HIGHEST, LOWEST, Axes
from kerne_tui.workshop.parts import Placement
from kerne_tui.workshop.sanitize import clean_text

MARKS = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""The marks of the options, in the plan's order; past these an option is drawn as "*"."""
MARK_STYLE = "reverse bold"
SPREAD = "·"
MIN_GRID = 9
"""The narrowest and lowest grid: two cells per step of 1-5 and the middle line."""
MAX_GRID_HEIGHT = 21


def mark_of(index: int) -> str:
    """The mark of the option at *index* (0-based)."""
    return MARKS[index] if index < len(MARKS) else "*"


def _odd(n: int) -> int:
    return n if n % 2 else n - 1


def _cell(value: float, cells: int) -> int:
    """The cell (0 to cells - 1) of *value* on an axis of *cells* cells, 1 at cell 0."""
    return round((value - LOWEST) / (HIGHEST - LOWEST) * (cells - 1))


class MatrixChart:
    """The grid with its quadrants, the marks and their spread, and a legend."""

    def __init__(self, placements: Sequence[Placement], axes: Axes, lang: Lang) -> None:
        self.placements = placements
        self.axes = axes
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        named = self.axes
        labels = [clean_text(p.label, multiline=False) for p in self.placements]
        legend_width = min(
            max((cell_len(label) + 2 for label in labels), default=0), max(12, width * 2 // 5)
        )
        inner_width = _odd(max(MIN_GRID, width - legend_width - 4))
        if inner_width + 2 + 2 + legend_width > width:
            legend_width = 0  # too narrow for both: the legend goes under the grid
            inner_width = _odd(max(MIN_GRID, width - 2))
        # The whole grid on one page of the wall: its two borders and the axes' lines fit too.
        fits = options.max_height - 5 if options.max_height else MAX_GRID_HEIGHT
        tall = min(MAX_GRID_HEIGHT, round(inner_width / 3.2), fits)
        inner_height = _odd(max(MIN_GRID, tall))
        grid = self._grid(inner_width, inner_height)

        top = Text(overflow="fold")
        top.append("↑ " + clean_text(named.y, multiline=False), style="bold")
        top.append("  " + t(self.lang, "tui.matrix.ends", low=named.y_low, high=named.y_high))
        yield top
        legend = self._legend(console, labels, legend_width) if legend_width else []
        if len(legend) > len(grid):
            legend_width, legend = 0, []  # a long legend goes under the grid, whole
        for row_index, row in enumerate(grid):
            if legend_width:
                entry = legend[row_index] if row_index < len(legend) else Text("")
                row.append("  ")
                row.append_text(entry)
            yield row
        bottom = Text(overflow="fold")
        bottom.append("→ " + clean_text(named.x, multiline=False), style="bold")
        bottom.append("  " + t(self.lang, "tui.matrix.ends", low=named.x_low, high=named.x_high))
        yield bottom
        if not legend_width:
            yield from self._legend(console, labels, width)

    def _grid(self, inner_width: int, inner_height: int) -> list[Text]:
        """The box, its middle lines, the spread and the marks, one Text per row."""
        cells: list[list[tuple[str, str]]] = [
            [(" ", "") for _ in range(inner_width)] for _ in range(inner_height)
        ]
        middle_col, middle_row = inner_width // 2, inner_height // 2
        for r in range(inner_height):
            cells[r][middle_col] = ("│", "dim")
        for c in range(inner_width):
            cells[middle_row][c] = ("┼" if c == middle_col else "─", "dim")
        answered = [(i, p) for i, p in enumerate(self.placements) if p.answers]
        centres: dict[int, tuple[int, int]] = {}
        for index, p in answered:
            col = _cell(p.x, inner_width)
            row = inner_height - 1 - _cell(p.y, inner_height)
            centres[index] = (row, col)
            reach_x = round(p.x_spread / (HIGHEST - LOWEST) * (inner_width - 1))
            reach_y = round(p.y_spread / (HIGHEST - LOWEST) * (inner_height - 1))
            spread = [(row, c) for c in range(col - reach_x, col + reach_x + 1)]
            spread += [(r, col) for r in range(row - reach_y, row + reach_y + 1)]
            for r, c in spread:
                if 0 <= r < inner_height and 0 <= c < inner_width and cells[r][c][0] == " ":
                    cells[r][c] = (SPREAD, "")
        taken: set[tuple[int, int]] = set()
        for index, _ in answered:
            row, col = _free_near(centres[index], taken, inner_height, inner_width)
            taken.add((row, col))
            cells[row][col] = (mark_of(index), MARK_STYLE)
        rows = []
        half = "─" * middle_col
        rows.append(Text(f"┌{half}┬{half}┐", style="dim", no_wrap=True))
        for r, line in enumerate(cells):
            text = Text(no_wrap=True)
            text.append("├" if r == middle_row else "│", style="dim")
            for char, style in line:
                text.append(char, style=style)
            text.append("┤" if r == middle_row else "│", style="dim")
            rows.append(text)
        rows.append(Text(f"└{half}┴{half}┘", style="dim", no_wrap=True))
        return rows

    def _legend(self, console: Console, labels: Sequence[str], width: int) -> list[Text]:
        """Each option's mark and its whole label, wrapped under itself (never cut)."""
        lines: list[Text] = []
        for index, (p, label) in enumerate(zip(self.placements, labels, strict=True)):
            mark = Text(end="")
            if p.answers:
                mark.append(mark_of(index), style=MARK_STYLE)
            else:
                mark.append("-", style="dim")
            mark.append(" ")
            indent = mark.cell_len
            wrapped = Text(label, overflow="fold").wrap(console, max(1, width - indent))
            for number, part in enumerate(wrapped):
                line = mark.copy() if number == 0 else Text(" " * indent, end="")
                line.append_text(part)
                line.end = ""
                lines.append(line)
        return lines


def _free_near(
    centre: tuple[int, int], taken: set[tuple[int, int]], height: int, width: int
) -> tuple[int, int]:
    """The cell nearest *centre* that no other mark has (two options never hide each other)."""
    row, col = centre
    for reach in range(max(height, width)):
        for dr in range(-reach, reach + 1):
            for dc in range(-reach, reach + 1):
                if max(abs(dr), abs(dc)) != reach:
                    continue
                r, c = row + dr, col + dc
                if 0 <= r < height and 0 <= c < width and (r, c) not in taken:
                    return r, c
    return centre
