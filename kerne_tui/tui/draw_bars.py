"""Counts as bars: votes, choices and rankings, points with their averages, and the matrix."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.widgets import Static

from kerne_tui.catalog import t
from kerne_tui.tui.matrix_view import MatrixChart
from kerne_tui.tui.pane import BAR_STYLE, ResultsPane, bar_cells, decimal, plain
from kerne_tui.workshop.kinds.matrix import axes
from kerne_tui.workshop.results import Bar, StepResults


class BarChart:
    """One bar per option with its count in words: dots, points or people."""

    def __init__(self, bars: Sequence[Bar], unit: Callable[[int], str]) -> None:
        self.bars = bars
        self.unit = unit

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if not self.bars:
            return
        top = max(bar.value for bar in self.bars)
        counts = [self.unit(bar.value) for bar in self.bars]
        labels = [plain(bar.label, multiline=False) for bar in self.bars]
        count_width = max(cell_len(count) for count in counts)
        label_width = max(label.cell_len for label in labels)
        if label_width <= width * 0.35:
            room = max(1, width - label_width - count_width - 3)
            for label, bar, count in zip(labels, self.bars, counts, strict=True):
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append_text(label)
                line.append(" " * (label_width - label.cell_len + 2))
                line.append(bar_cells(bar.value, top, room), style=BAR_STYLE)
                line.append(" " + count, style="bold")
                yield line
            return
        # Long labels (carried-forward sentences) get their own lines above the bar.
        room = max(1, width - count_width - 1)
        for index, (label, bar, count) in enumerate(zip(labels, self.bars, counts, strict=True)):
            if index:
                yield Text("")
            yield label
            line = Text(no_wrap=True)
            line.append(bar_cells(bar.value, top, room), style=BAR_STYLE)
            line.append(" " + count, style="bold")
            yield line


def draw_points(view: ResultsPane, results: StepResults, selected: str | None) -> list[str]:
    """Bars of the points in all, sorted, each with the average of those who answered."""
    answered = results.count
    lang = view.lang

    def say(n: int) -> str:
        average = decimal(n / answered, lang) if answered else "0"
        return t(lang, "tui.points.value", n=n, average=average)

    view.query_one("#bars", Static).update(BarChart(results.bars, say))
    return []


def draw_matrix(view: ResultsPane, results: StepResults, selected: str | None) -> list[str]:
    chart = MatrixChart(results.placements, axes(results.step, view.lang), view.lang)
    view.query_one("#matrix", Static).update(chart)
    return []
