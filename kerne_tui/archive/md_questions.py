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


def questions_table(rows: Sequence[QuestionRow], lang: Lang, *, counted: bool = True) -> str:
    """Questions with their upvotes and end state, most upvotes first (also the parking lot).

    Not *counted* (too few phones in the step): no upvotes, and in the order of the alphabet,
    since most upvotes first would tell the counts.
    """
    header = [
        t(lang, "archive.questions.question"),
        t(lang, "archive.questions.votes"),
        t(lang, "archive.questions.outcome"),
    ]
    if not counted:
        rows = sorted(rows, key=lambda row: row.text.casefold())
    body = [
        [cell(row.text), str(row.votes) if counted else "–", cell(outcome_words(lang, row))]
        for row in rows
    ]
    return table(header, body, right=(1,))


def questions_markdown(step: StepView, lang: Lang) -> list[str]:
    results = step.results
    if results.enough:
        return [questions_table(results.questions, lang)]
    held = t(lang, "archive.questions.held", minimum=step.step.min_answers)
    return [questions_table(results.questions, lang, counted=False), held]
