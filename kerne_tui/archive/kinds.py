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
from kerne_tui.archive.md_questions import outcome_words, questions_markdown
from kerne_tui.archive.md_scales import matrix_markdown, scale_markdown
from kerne_tui.archive.step_view import StepView
from kerne_tui.catalog import Lang, t
from kerne_tui.plan import Step, StepKind
from kerne_tui.workshop import Contribution
from kerne_tui.workshop.results import QuestionRow

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
    summed: bool = False
    """Results are sums: with too few answers a sum gives a person away, so it is held back.
    Texts, sentences and actions are shown whatever their number: the words are the point."""
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


def _nothing(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    return ""


# --- texts and sentences -----------------------------------------------------------------


def _text_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    return c.text


def _objections_left(step: StepView) -> tuple[str, ...]:
    """The objections a step collected and nobody hid: each stands as an open question."""
    if not step.step.open_questions:
        return ()
    return tuple(card.text for card in step.cards)


# --- votes, rankings and choices: bars ---------------------------------------------------


def _vote_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    return "; ".join(
        t(lang, "archive.value.dots", n=n, label=options.get(option, option))
        for option, n in c.dots.items()
    )


def _rank_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    return "; ".join(
        t(lang, "archive.value.place", place=place, label=options.get(option, option))
        for place, option in enumerate(c.ranking, start=1)
    )


def _choice_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    return "; ".join(options.get(option, option) for option in c.choices)


# --- scales ------------------------------------------------------------------------------


def _scale_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    pairs = []
    for index, statement in enumerate(step.statements):
        value = c.values.get(str(index))
        if value is not None:
            pairs.append(t(lang, "archive.value.scale", value=value, statement=statement))
    return "; ".join(pairs)


# --- points shared out ------------------------------------------------------------------


def _points_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    return "; ".join(
        t(lang, "archive.value.points", n=n, label=options.get(option, option))
        for option, n in c.points.items()
    )


# --- matrix placements -------------------------------------------------------------------


def _matrix_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    return "; ".join(
        t(
            lang,
            "archive.value.matrix",
            label=options.get(option, option),
            x_label=step.x_label,
            x=x,
            y_label=step.y_label,
            y=y,
        )
        for option, (x, y) in c.placements.items()
    )


# --- action items ------------------------------------------------------------------------


def _actions_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    parts = [c.what]
    if c.who:
        parts.append(t(lang, "archive.value.who", who=c.who))
    if c.when:
        parts.append(t(lang, "archive.value.when", when=c.when))
    if c.evidence:
        parts.append(t(lang, "archive.value.evidence", evidence=c.evidence))
    return "; ".join(parts)


# --- word clouds -------------------------------------------------------------------------


def _words_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    return "; ".join(c.words)


# --- questions (and the parking lot) ------------------------------------------------------


def _questions_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    if c.upvote:
        return t(lang, "archive.value.upvote", question=options.get(c.upvote, c.upvote))
    if c.outcome:
        return f"{c.text}; {outcome_words(lang, QuestionRow(c.id, c.text, 0, c.outcome, c.who))}"
    return c.text


# --- reviews of the day's agreements ----------------------------------------------------


def _review_value(lang: Lang, step: Step, c: Contribution, options: Mapping[str, str]) -> str:
    parts = []
    for agreement, status in c.statuses.items():
        what = options.get(agreement, agreement)
        words = t(
            lang, "archive.value.review", what=what, status=t(lang, f"review.status.{status}")
        )
        comment = c.comments.get(agreement)
        parts.append(f"{words} ({comment})" if comment else words)
    return "; ".join(parts)


REPORT_KINDS: Mapping[StepKind, ReportKind] = {
    StepKind.INFO: ReportKind(_no_input(StepKind.INFO), "kinds/no_input.html", _nothing),
    StepKind.DISCUSS: ReportKind(_no_input(StepKind.DISCUSS), "kinds/no_input.html", _nothing),
    StepKind.TEXT: ReportKind(
        cards_markdown, "kinds/cards.html", _text_value, open_items=_objections_left
    ),
    StepKind.SENTENCE: ReportKind(
        cards_markdown, "kinds/cards.html", _text_value, open_items=_objections_left
    ),
    StepKind.VOTE: ReportKind(vote_markdown, "kinds/vote.html", _vote_value, summed=True),
    StepKind.SCALE: ReportKind(scale_markdown, "kinds/scale.html", _scale_value, summed=True),
    StepKind.CHOICE: ReportKind(choice_markdown, "kinds/choice.html", _choice_value, summed=True),
    StepKind.RANK: ReportKind(rank_markdown, "kinds/rank.html", _rank_value, summed=True),
    StepKind.ACTIONS: ReportKind(
        actions_markdown, "kinds/actions.html", _actions_value, action_items=True
    ),
    StepKind.WORDS: ReportKind(words_markdown, "kinds/words.html", _words_value),
    StepKind.QUESTIONS: ReportKind(questions_markdown, "kinds/questions.html", _questions_value),
    StepKind.POINTS: ReportKind(points_markdown, "kinds/points.html", _points_value, summed=True),
    StepKind.MATRIX: ReportKind(matrix_markdown, "kinds/matrix.html", _matrix_value, summed=True),
    StepKind.REVIEW: ReportKind(review_markdown, "kinds/review.html", _review_value, summed=True),
}
"""How the report shows each step kind; every ``StepKind`` has an entry."""
