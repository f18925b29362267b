"""The report's one place per step kind: ``REPORT_KINDS``.

For every :class:`StepKind` it says how the kind's results read in the Markdown report, which
template partial draws them in the HTML report (``templates/kinds/``), what a contribution of
the kind puts in the CSV's value column, and whether its results are sums (held back when too
few answered) or action items. The rest of the archive dispatches through it; adding a kind
means one entry here (and its partial), which ``test_archive_kinds.py`` asks for.

What every step shows whatever its kind (heading, figures, prompt, "held back", "no answers")
stays with the formats; the functions here draw only the results. The Markdown sections live
by what they draw in ``md_cards`` (cards, words), ``md_counts`` (votes, rankings, choices,
points), ``md_scales`` (scales, the matrix), ``md_actions`` (action items, reviews) and
``md_questions`` (questions, and the parking lot's table); the CSV cells are here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kerne_tui.archive.md_actions import actions_markdown, review_markdown
from kerne_tui.archive.md_cards import cards_markdown, words_markdown
from kerne_tui.archive.md_counts import (
    choice_markdown,
    points_markdown,
    rank_markdown,
    vote_markdown,
)
from kerne_tui.archive.md_questions import questions_markdown
from kerne_tui.archive.md_scales import matrix_markdown, scale_markdown
from kerne_tui.archive.step_view import StepView
from kerne_tui.catalog import Lang, t
from kerne_tui.plan import Step, StepKind
from kerne_tui.workshop import Contribution
from kerne_tui.workshop.kinds import spec_for

__all__ = ["REPORT_KINDS", "ReportKind", "StepView"]


MarkdownSection = Callable[[StepView, Lang], list[str]]
"""A step's results as Markdown blocks, in the report's language."""
CsvValue = Callable[[Lang, Step, Contribution, Mapping[str, str]], str]
"""A contribution's content in one CSV cell, given the step's option labels by id."""
OpenItems = Callable[[StepView], tuple[str, ...]]
"""What of a step stands in the report as open questions (texts, in the order shown)."""


def _no_open_items(step: StepView) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True, slots=True)
class ReportKind:
    """How the report shows one kind of step."""

    markdown: MarkdownSection
    html: str
    """The template partial that draws the results, relative to ``templates/``."""
    csv_value: CsvValue
    action_items: bool = False
    """Its rows are gathered into the report's list of action items."""
    open_items: OpenItems = _no_open_items
    """What of the step stands as an open question in the report's section of them. A step
    that collects objections (``open_questions = true``) gives the cards left shown; the
    parking lot's kind, once it is here, gives its items that were not closed."""


# --- no input: information and discussion -----------------------------------------------


def _no_input(kind: StepKind) -> MarkdownSection:
    def section(step: StepView, lang: Lang) -> list[str]:
        return [t(lang, f"archive.step.no_input.{kind.value}")]

    return section


# --- texts and sentences -----------------------------------------------------------------


def _objections_left(step: StepView) -> tuple[str, ...]:
    """The objections a step collected and nobody hid: each stands as an open question."""
    if not step.step.open_questions:
        return ()
    return tuple(card.text for card in step.cards)


# --- votes, rankings and choices: bars ---------------------------------------------------


# --- scales ------------------------------------------------------------------------------


# --- points shared out ------------------------------------------------------------------


# --- matrix placements -------------------------------------------------------------------


# --- action items ------------------------------------------------------------------------


# --- word clouds -------------------------------------------------------------------------


# --- questions (and the parking lot) ------------------------------------------------------


# --- reviews of the day's agreements ----------------------------------------------------


REPORT_KINDS: Mapping[StepKind, ReportKind] = {
    StepKind.INFO: ReportKind(
        _no_input(StepKind.INFO), "kinds/no_input.html", spec_for(StepKind.INFO).describe
    ),
    StepKind.DISCUSS: ReportKind(
        _no_input(StepKind.DISCUSS), "kinds/no_input.html", spec_for(StepKind.DISCUSS).describe
    ),
    StepKind.TEXT: ReportKind(
        cards_markdown,
        "kinds/cards.html",
        spec_for(StepKind.TEXT).describe,
        open_items=_objections_left,
    ),
    StepKind.SENTENCE: ReportKind(
        cards_markdown,
        "kinds/cards.html",
        spec_for(StepKind.SENTENCE).describe,
        open_items=_objections_left,
    ),
    StepKind.VOTE: ReportKind(vote_markdown, "kinds/vote.html", spec_for(StepKind.VOTE).describe),
    StepKind.SCALE: ReportKind(
        scale_markdown, "kinds/scale.html", spec_for(StepKind.SCALE).describe
    ),
    StepKind.CHOICE: ReportKind(
        choice_markdown, "kinds/choice.html", spec_for(StepKind.CHOICE).describe
    ),
    StepKind.RANK: ReportKind(rank_markdown, "kinds/rank.html", spec_for(StepKind.RANK).describe),
    StepKind.ACTIONS: ReportKind(
        actions_markdown,
        "kinds/actions.html",
        spec_for(StepKind.ACTIONS).describe,
        action_items=True,
    ),
    StepKind.WORDS: ReportKind(
        words_markdown, "kinds/words.html", spec_for(StepKind.WORDS).describe
    ),
    StepKind.QUESTIONS: ReportKind(
        questions_markdown, "kinds/questions.html", spec_for(StepKind.QUESTIONS).describe
    ),
    StepKind.POINTS: ReportKind(
        points_markdown, "kinds/points.html", spec_for(StepKind.POINTS).describe
    ),
    StepKind.MATRIX: ReportKind(
        matrix_markdown, "kinds/matrix.html", spec_for(StepKind.MATRIX).describe
    ),
    StepKind.REVIEW: ReportKind(
        review_markdown, "kinds/review.html", spec_for(StepKind.REVIEW).describe
    ),
}
"""How the report shows each step kind; every ``StepKind`` has an entry."""
