"""Questions with their upvotes, most first; the parking lot is drawn the same way."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from kerne_tui.catalog import Lang, t
from kerne_tui.tui.pane import MARK, ResultsPane, plain
from kerne_tui.workshop.results import QuestionRow, StepResults
from kerne_tui.workshop.sanitize import clean_text

QUESTION_ROWS = 12
"""Questions on the wall at most (the most upvoted)."""


def question_table(
    rows: Sequence[QuestionRow], selected: str | None, lang: Lang, *, closing: bool = False
) -> Table:
    """Questions with their upvotes, most first; an answered or closed one says so."""
    table = Table(box=box.SIMPLE_HEAVY, expand=True, show_edge=False, pad_edge=False)
    table.add_column("", width=2, no_wrap=True)
    table.add_column(t(lang, "tui.questions.votes"), width=6, justify="right", no_wrap=True)
    table.add_column(t(lang, "tui.questions.question"), ratio=4, overflow="fold")
    table.add_column("", ratio=2, min_width=10, overflow="fold")
    for row in rows:
        chosen = row.id == selected
        outcome = outcome_text(row, lang)
        style = "reverse bold" if chosen else ("dim" if row.outcome else None)
        table.add_row(
            Text(MARK.strip() if chosen else ""),
            Text(f"▲ {row.votes}", style="bold"),
            plain(row.text, multiline=False),
            Text(outcome, style="italic") if outcome or closing else Text(""),
            style=style,
        )
    return table


def outcome_text(row: QuestionRow, lang: Lang) -> str:
    """How a question or parked item ended, in words ("" while it is open)."""
    if not row.outcome:
        return ""
    return t(lang, f"outcome.{row.outcome}", owner=clean_text(row.owner, multiline=False))


def draw_questions(view: ResultsPane, results: StepResults, selected: str | None) -> list[str]:
    shown = results.questions[:QUESTION_ROWS]
    view.query_one("#questions", Static).update(question_table(shown, selected, view.lang))
    return [row.id for row in shown]
