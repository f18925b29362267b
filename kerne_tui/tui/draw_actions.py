"""Action items as a table, and a review of earlier agreements with the spread of statuses."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
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
) -> Table:
    """Action items as a table of what, who, by when and how we will see that it worked.

    The last column is there once an item has it, headed by the plan's *evidence_label* or the
    catalog's words; the selected row is marked.
    """
    evidence = any(row.evidence for row in rows)
    table = Table(box=box.SIMPLE_HEAVY, expand=True, show_edge=False, pad_edge=False)
    table.add_column("", width=2, no_wrap=True)
    table.add_column(t(lang, "tui.actions.what"), ratio=2 if evidence else 3, overflow="fold")
    table.add_column(t(lang, "tui.actions.who"), ratio=1, overflow="fold")
    table.add_column(t(lang, "tui.actions.when"), ratio=1, min_width=8, overflow="fold")
    if evidence:
        heading = evidence_label or t(lang, "tui.actions.evidence")
        table.add_column(heading, ratio=2, overflow="fold")
    for row in rows:
        chosen = row.id == selected
        cells = [
            Text(MARK.strip() if chosen else ""),
            plain(row.what, multiline=False),
            plain(row.who, multiline=False),
            plain(row.when, multiline=False),
        ]
        if evidence:
            cells.append(plain(row.evidence, multiline=False))
        table.add_row(*cells, style="reverse bold" if chosen else None)
    return table


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
