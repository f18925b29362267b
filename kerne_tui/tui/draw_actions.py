"""Action items as a table, and a review of earlier agreements with the spread of statuses."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from kerne_tui.catalog import Lang, t
from kerne_tui.tui.pane import MARK, ResultsPane, plain
from kerne_tui.workshop.parts import REVIEW_STATUSES
from kerne_tui.workshop.results import ActionRow, ReviewRow, StepResults


def action_table(
    rows: Sequence[ActionRow], selected: str | None, lang: Lang, evidence_label: str = ""
) -> ActionTable:
    """Action items as a table of what, who, by when and how we will see that it worked.

    The last column is there once an item has it, headed by the plan's *evidence_label* or the
    catalog's words; the selected row is marked.
    """
    return ActionTable(rows, selected, lang, evidence_label)


class ActionTable:
    """The action items' table, its columns sized when the width is known.

    Each column is at least as wide as its longest word, so cells wrap between words and never
    inside one ("MED-udv / alget" reads as two words from the back row); the rest of the width
    goes by the columns' shares. A blank line between rows: the wall's pages end there.
    """

    def __init__(
        self, rows: Sequence[ActionRow], selected: str | None, lang: Lang, evidence_label: str
    ) -> None:
        self.rows = rows
        self.selected = selected
        self.lang = lang
        self.evidence_label = evidence_label

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows, lang = self.rows, self.lang
        evidence = any(row.evidence for row in rows)
        names = ["what", "who", "when", *(["evidence"] if evidence else [])]
        headings = [t(lang, f"tui.actions.{name}") for name in names]
        if evidence and self.evidence_label:
            headings[-1] = self.evidence_label
        shares = [2 if evidence else 3, 1, 1, *([2] if evidence else [])]
        least = [
            max(_longest_word([getattr(row, name) for row in rows]), cell_len(heading), 4)
            for name, heading in zip(names, headings, strict=True)
        ]
        least[2] = max(least[2], 8)
        room = options.max_width - 2 - 2 * len(names)  # the mark column and the cells' padding
        widths = _shared(room, shares, least)
        table = Table(box=box.SIMPLE_HEAVY, expand=True, show_edge=False, pad_edge=False, leading=1)
        table.add_column("", width=2, no_wrap=True)
        for heading, width in zip(headings, widths, strict=True):
            table.add_column(heading, width=width, overflow="fold")
        for row in rows:
            chosen = row.id == self.selected
            cells = [Text(MARK.strip() if chosen else "")]
            cells += [plain(getattr(row, name), multiline=False) for name in names]
            table.add_row(*cells, style="reverse bold" if chosen else None)
        yield table


def _shared(room: int, shares: Sequence[int], least: Sequence[int]) -> list[int]:
    """*room* cells shared by *shares*, no column under its *least* (then the widest give way)."""
    widths = list(least)
    spare = room - sum(widths)
    if spare > 0:
        total = sum(shares)
        for index, share in enumerate(shares):
            widths[index] += spare * share // total
    return widths


WORD_LIMIT = 24
"""Cells a column keeps for one word at most (a pasted address may still fold)."""


def _longest_word(cells: Sequence[str]) -> int:
    words = (word for cell in cells for word in cell.split())
    return min(WORD_LIMIT, max((cell_len(word) for word in words), default=0))


def draw_actions(view: ResultsPane, results: StepResults, selected: str | None) -> list[str]:
    table = action_table(results.actions, selected, view.lang, results.step.evidence_label)
    view.query_one("#actions", Static).update(table)
    return [row.id for row in results.actions]


class ReviewChart:
    """Each earlier agreement, who and when (and how we would see it worked), and the statuses.

    The status most phones gave is drawn reversed; the newest comments follow in italics.
    """

    COMMENTS = 2
    """Comments shown per agreement at most (the newest); the report has them all."""

    def __init__(self, rows: Sequence[ReviewRow], lang: Lang) -> None:
        self.rows = rows
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lang = self.lang
        for index, row in enumerate(self.rows):
            if index:
                yield Text("")
            heading = plain(row.what, multiline=False)
            heading.stylize("bold")
            owner = " · ".join(part for part in (row.who, row.when) if part)
            if owner:
                heading.append("  (")
                heading.append_text(plain(owner, multiline=False))
                heading.append(")")
            yield heading
            if row.evidence:
                yield plain(t(lang, "review.evidence", evidence=row.evidence), multiline=False)
            top = max(row.counts)
            line = Text(overflow="fold")
            for number, (status, count) in enumerate(zip(REVIEW_STATUSES, row.counts, strict=True)):
                if number:
                    line.append("   ")
                words = f"{t(lang, f'review.status.{status}')} {count}"
                line.append(words, style="reverse bold" if count and count == top else "bold")
            yield line
            for comment in row.comments[-self.COMMENTS :]:
                said = plain("» " + comment, multiline=False)
                said.stylize("italic")
                yield said


def draw_reviews(view: ResultsPane, results: StepResults, selected: str | None) -> list[str]:
    pane = view.query_one("#reviews", Static)
    if not results.reviews:
        pane.update(Text(t(view.lang, "review.none"), style="italic"))
    else:
        pane.update(ReviewChart(results.reviews, view.lang))
    return []
