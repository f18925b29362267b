"""What every draw function of the result pane shares.

The pane a kind draws into (:class:`ResultsPane`, the base of ``results.ResultsView``), participant
text as plain ``rich.text.Text`` (:func:`plain`, never parsed for markup; control and escape codes
are dropped on the way), decimals in the session's language, and the cells of a bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widgets import Static

from kerne_tui.catalog import Lang
from kerne_tui.store import FollowUpRecord
from kerne_tui.tui.paging import item_starts, line_pages
from kerne_tui.workshop.sanitize import clean_text

BAR_STYLE = "reverse bold"
"""Bars are reversed spaces: solid cells in every font and renderer, where "█" can leave gaps."""
MARK = "▶ "


def plain(raw: str, *, multiline: bool = True) -> Text:
    """Participant text for the screen: plain Text, no markup, escapes or control characters."""
    return Text(clean_text(raw, multiline=multiline), overflow="fold")


def decimal(value: float, lang: Lang) -> str:
    """One decimal, with a decimal comma in Danish."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "da" else text


def bar_cells(value: int, top: int, room: int) -> str:
    """The cells of a bar of *room* cells at most; any answer shows at least one cell."""
    if value <= 0 or top <= 0 or room <= 0:
        return ""
    return " " * max(1, round(value / top * room))


@dataclass(slots=True)
class Pager:
    """The page the pane shows, and how many pages its answers took when last drawn."""

    page: int = 0
    pages: int = 1
    room: int = 0
    """Lines the pane has for answers (0 until it was laid out)."""


class PagedChart:
    """A chart cut into pages of whole blocks: only the pager's page is drawn.

    The chart is drawn at the pane's width first; a page ends at an empty line where one is
    near, so a statement stays with its bar. Drawing it reports the number of pages.
    """

    def __init__(self, chart: RenderableType, pager: Pager) -> None:
        self.chart = chart
        self.pager = pager

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        pager = self.pager
        room = options.update(height=None)
        room.max_height = pager.room or options.max_height  # what a chart may take of the wall
        lines = console.render_lines(self.chart, room, pad=False)
        texts = ["".join(segment.text for segment in line) for line in lines]
        blank = [not text.strip() for text in texts]
        starts = item_starts(texts)
        pages = line_pages(blank, pager.room, starts) if pager.room else [range(len(lines))]
        pager.pages = len(pages)
        shown = pages[min(pager.page, len(pages) - 1)]
        new_line = Segment.line()
        for index in shown:
            yield from lines[index]
            yield new_line


class Chart(Static):
    """A result pane's chart: whatever is put in is shown a page at a time."""

    def __init__(self, pager: Pager, *, id: str, classes: str = "chart") -> None:
        super().__init__(id=id, classes=classes)
        self.pager = pager

    def update(self, content: object = "", *, layout: bool = True) -> None:
        super().update(PagedChart(content, self.pager), layout=layout)  # type: ignore[arg-type]


class ResultsPane(VerticalScroll, can_focus=False):
    """The pane the results of one step are drawn into: its language and what it builds on."""

    def __init__(
        self, lang: Lang, *, id: str | None = None, follow_up: FollowUpRecord | None = None
    ) -> None:
        super().__init__(id=id)
        self.lang: Lang = lang
        self.follow_up = follow_up
        """What a follow-up builds on: a compared scale draws the day beside today."""
        self.selectable: list[str] = []
        """Ids of the cards or action rows on show, in screen order, for moderation."""
        self.pager = Pager()
        """The page on show and how many the answers take (the wall reports it to the views)."""
        self.shown_pane: str | None = None
        """The child that shows the answers now (None: the tally, or nothing)."""
        self.drawn_for = Size(0, 0)
        """The pane's size when the answers were last drawn (a new size draws them again)."""
