"""Scales as spreads over 1-5; in a follow-up, the day's spread beside today's."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.widgets import Static

from kerne_tui.catalog import Lang, counted, t
from kerne_tui.tui.pane import BAR_STYLE, ResultsPane, bar_cells, decimal
from kerne_tui.workshop import ComparedRow, compared
from kerne_tui.workshop.results import ScaleRow, StepResults


class ScaleChart:
    """For every statement, how the answers spread over 1-5, with the average beside it.

    One line per value, so that each bar has the whole width: five bars side by side left
    a few cells each on a projector, specks from the back row.
    """

    def __init__(self, rows: Sequence[ScaleRow], low: str, high: str, lang: Lang) -> None:
        self.rows = rows
        self.low = low
        self.high = high
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        yield Text(t(self.lang, "tui.scale.ends", low=self.low, high=self.high), style="italic")
        for row in self.rows:
            yield Text("")
            heading = Text(row.statement, style="bold", overflow="fold")
            heading.append(
                "  ("
                + counted(
                    self.lang, "tui.scale.mean", row.answers, mean=decimal(row.mean, self.lang)
                )
                + ")",
                style="not bold italic",
            )
            yield heading
            # Bars are shares of all answers, so statements compare at a glance.
            top = row.answers
            count_width = max(len(str(n)) for n in row.counts)
            room = max(1, width - 4 - count_width)
            for value, count in enumerate(row.counts, start=1):
                line = Text(no_wrap=True)
                line.append(f"{value} ", style="bold")
                line.append(bar_cells(count, top, room), style=BAR_STYLE)
                line.append(f" {count}")
                yield line


def signed(value: float, lang: Lang) -> str:
    """A change with its sign: +0,5, −0,3 or ±0,0."""
    if round(value, 1) == 0:
        return "±" + decimal(0.0, lang)
    return ("+" if value > 0 else "−") + decimal(abs(value), lang)


class ComparedChart:
    """For every statement, the day's spread above today's; today's mean with the change."""

    def __init__(self, rows: Sequence[ComparedRow], low: str, high: str, lang: Lang) -> None:
        self.rows = rows
        self.low = low
        self.high = high
        self.lang = lang

    def _tail(self, row: ComparedRow, side: ScaleRow, now: bool) -> Text:
        tail = Text(t(self.lang, "followup.mean", mean=decimal(side.mean, self.lang)))
        if now and row.shift is not None:
            tail.append(" (" + signed(row.shift, self.lang) + ")", style="bold")
        return tail

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lang = self.lang
        ends = Text(t(lang, "tui.scale.ends", low=self.low, high=self.high), style="italic")
        if self.rows:
            day = self.rows[0].before_respondents
            key = "followup.day_answers.one" if day == 1 else "followup.day_answers"
            ends.append("   ·   " + t(lang, key, n=day))
        yield ends
        names = (t(lang, "followup.before"), t(lang, "followup.after"))
        label_width = max(cell_len(name) for name in names) + 2
        for row in self.rows:
            yield Text("")
            yield Text(row.statement, style="bold", overflow="fold")
            sides = (
                (names[0], row.before, row.before_shown, False),
                (names[1], row.after, row.after_shown, True),
            )
            tails = [self._tail(row, side, now) for _, side, _, now in sides]
            tail_width = max(tail.cell_len for tail in tails) + 2
            cell = (width - label_width - tail_width) // 5
            for (name, side, shown, now), tail in zip(sides, tails, strict=True):
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append(name.ljust(label_width), style="bold")
                if not shown:
                    words = t(
                        lang,
                        "followup.too_few_side",
                        n=row.after_respondents if now else row.before_respondents,
                        least=row.after_least if now else row.before_least,
                    )
                    line.append(words, style="italic")
                    yield line
                    continue
                count_width = max(len(str(n)) for n in side.counts)
                room = cell - 2 - 1 - count_width - 1
                if room < 1:
                    line.append("  ".join(f"{v}:{n}" for v, n in enumerate(side.counts, 1)))
                    line.append("  ")
                else:
                    for value, count in enumerate(side.counts, start=1):
                        drawn = bar_cells(count, side.answers, room)
                        line.append(f"{value} ", style="bold")
                        line.append(drawn, style=BAR_STYLE)
                        line.append(f" {count}".ljust(cell - 2 - len(drawn)))
                    line.append("  ")
                line.append_text(tail)
                yield line


def draw_scales(view: ResultsPane, results: StepResults, selected: str | None) -> list[str]:
    step = results.step
    low = step.low_label or t(view.lang, "web.scale.low")
    high = step.high_label or t(view.lang, "web.scale.high")
    rows = compared(results, view.follow_up)
    chart = (
        ComparedChart(rows, low, high, view.lang)
        if rows
        else ScaleChart(results.scales, low, high, view.lang)
    )
    view.query_one("#scales", Static).update(chart)
    return []
