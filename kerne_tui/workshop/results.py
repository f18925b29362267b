"""A step's results from its contributions: cards, bars, scale distributions and actions.

The counting common to every kind (respondents, hidden, shown) is here; what a kind makes of
its contributions is its spec's ``tally`` (:mod:`kerne_tui.workshop.kinds`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kerne_tui.plan.model import Option, Step
from kerne_tui.workshop.kinds import spec_for
from kerne_tui.workshop.model import Contribution
from kerne_tui.workshop.parts import (
    ActionRow,
    Bar,
    Card,
    Placement,
    QuestionRow,
    ReviewRow,
    ScaleRow,
    WordCount,
    merge_roots,
    merge_weights,
)

__all__ = [
    "ActionRow",
    "Bar",
    "Card",
    "Placement",
    "QuestionRow",
    "ReviewRow",
    "ScaleRow",
    "StepResults",
    "WordCount",
    "merge_roots",
    "merge_weights",
    "results_for",
]


@dataclass(frozen=True, slots=True)
class StepResults:
    """Everything the screen or a report needs to show one step's answers."""

    step: Step
    respondents: int
    count: int
    hidden: int
    cards: tuple[Card, ...] = ()
    bars: tuple[Bar, ...] = ()
    scales: tuple[ScaleRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()
    words: tuple[WordCount, ...] = ()
    questions: tuple[QuestionRow, ...] = ()
    placements: tuple[Placement, ...] = ()
    reviews: tuple[ReviewRow, ...] = ()

    @property
    def enough(self) -> bool:
        """True when enough people answered for the results to be shown without tracing anyone."""
        return self.respondents >= self.step.min_answers


def results_for(
    step: Step,
    contributions: Iterable[Contribution],
    options: Sequence[Option],
    *,
    newest: int | None = None,
    merged: Mapping[str, str] | None = None,
    word_edits: Mapping[str, str] | None = None,
) -> StepResults:
    """Tally *contributions* (all of the step's, including hidden ones) against *options*.

    With *newest*, only that many cards are made (the newest), for a wall that shows no more;
    ``count`` still says how many there are in all. *word_edits* are the facilitator's
    hidden ("") and merged words of a word cloud (:attr:`Workshop.word_edits`). *merged* maps
    carried-forward options that were merged later to the card they went into
    (``Workshop.option_merges``), so that what was given to them counts for that card.
    """
    every = [c for c in contributions if c.step_id == step.id and not c.retracted]
    hidden = sum(1 for c in every if c.hidden)
    visible = [c for c in every if c.visible]
    respondents = len({c.device for c in every})
    spec = spec_for(step.kind)
    if word_edits:
        visible = spec.edited(visible, word_edits)
    if merged:
        # What was given to a card merged later counts for the card it went into.
        every = [spec.follow_merges(c, merged) for c in every]
        visible = [spec.follow_merges(c, merged) for c in visible]
    parts = spec.tally(step, every, visible, options, newest)
    return StepResults(
        step,
        respondents,
        len(visible),
        hidden,
        cards=parts.cards,
        bars=parts.bars,
        scales=parts.scales,
        actions=parts.actions,
        words=parts.words,
        questions=parts.questions,
        placements=parts.placements,
        reviews=parts.reviews,
    )
