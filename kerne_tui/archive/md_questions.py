"""The Markdown sections of questions with upvotes and an outcome, and the parking lot's table."""

from __future__ import annotations

from collections.abc import Sequence

from kerne_tui.archive.markdown_text import cell, table
from kerne_tui.archive.step_view import StepView
from kerne_tui.catalog import Lang, t
from kerne_tui.workshop.results import QuestionRow


def outcome_words(lang: Lang, row: QuestionRow) -> str:
    """How a question or parked item ended, in words (open when it did not)."""
    return t(lang, f"outcome.{row.outcome or 'open'}", owner=row.owner)


def questions_table(rows: Sequence[QuestionRow], lang: Lang) -> str:
    """Questions with their upvotes and end state, most upvotes first (also the parking lot)."""
    header = [
        t(lang, "archive.questions.question"),
        t(lang, "archive.questions.votes"),
        t(lang, "archive.questions.outcome"),
    ]
    body = [[cell(row.text), str(row.votes), cell(outcome_words(lang, row))] for row in rows]
    return table(header, body, right=(1,))


def questions_markdown(step: StepView, lang: Lang) -> list[str]:
    return [questions_table(step.results.questions, lang)]
