"""The pieces a step's results are made of: cards, bars, scale rows, actions, reviews and
placements."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kerne_tui.workshop.model import Contribution


@dataclass(frozen=True, slots=True)
class Card:
    """A text or sentence as shown on the wall; *weight* counts merged duplicates."""

    id: str
    text: str
    at: str
    weight: int = 1


@dataclass(frozen=True, slots=True)
class Bar:
    """One option's total: dots for a vote, people for a choice, points for a ranking."""

    option_id: str
    label: str
    value: int
    people: int


@dataclass(frozen=True, slots=True)
class ScaleRow:
    """How the answers to one statement spread over 1-5."""

    statement: str
    counts: tuple[int, int, int, int, int]

    @property
    def answers(self) -> int:
        """How many answered this statement."""
        return sum(self.counts)

    @property
    def mean(self) -> float:
        """The average answer (0 with no answers)."""
        total = self.answers
        return sum((i + 1) * n for i, n in enumerate(self.counts)) / total if total else 0.0


@dataclass(frozen=True, slots=True)
class ActionRow:
    """An action item: what, who, by when."""

    id: str
    what: str
    who: str
    when: str


REVIEW_STATUSES = ("done", "under_way", "not_started", "dropped")
"""The statuses a phone can give an earlier agreement, in the order they are shown."""


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One earlier agreement with how the phones judged it and what they wrote."""

    id: str
    what: str
    who: str
    when: str
    counts: tuple[int, int, int, int]
    """How many phones said done, under way, not started and dropped."""
    comments: tuple[str, ...] = ()

    @property
    def answers(self) -> int:
        """How many phones gave this agreement a status."""
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class WordCount:
    """One word of a cloud (folded) and how many phones sent it."""

    word: str
    count: int


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """A question (or parked item) with its upvotes and, once closed, its outcome."""

    id: str
    text: str
    votes: int
    outcome: str = ""
    """"" while open; "answered" (also for questions), "owner" or "dropped"."""
    owner: str = ""
    at: str = ""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the room put one option of a matrix: how many placed it at 1-5 on each axis."""

    option_id: str
    label: str
    xs: tuple[int, int, int, int, int]
    ys: tuple[int, int, int, int, int]

    @property
    def answers(self) -> int:
        """How many placed this option."""
        return sum(self.xs)

    @property
    def x(self) -> float:
        """The average place on the horizontal axis (0 with no answers)."""
        return _mean(self.xs)

    @property
    def y(self) -> float:
        """The average place on the vertical axis (0 with no answers)."""
        return _mean(self.ys)

    @property
    def x_spread(self) -> float:
        """The standard deviation on the horizontal axis: how far apart the room was."""
        return _spread(self.xs)

    @property
    def y_spread(self) -> float:
        """The standard deviation on the vertical axis."""
        return _spread(self.ys)


def _mean(counts: tuple[int, ...]) -> float:
    total = sum(counts)
    return sum((i + 1) * n for i, n in enumerate(counts)) / total if total else 0.0


def _spread(counts: tuple[int, ...]) -> float:
    total = sum(counts)
    if not total:
        return 0.0
    mean = _mean(counts)
    return math.sqrt(sum(n * (i + 1 - mean) ** 2 for i, n in enumerate(counts)) / total)


@dataclass(frozen=True, slots=True)
class Parts:
    """What one kind's tally adds to a step's results (the rest stay empty)."""

    cards: tuple[Card, ...] = ()
    bars: tuple[Bar, ...] = ()
    scales: tuple[ScaleRow, ...] = ()
    actions: tuple[ActionRow, ...] = ()
    words: tuple[WordCount, ...] = ()
    questions: tuple[QuestionRow, ...] = ()
    placements: tuple[Placement, ...] = ()
    reviews: tuple[ReviewRow, ...] = ()


def merge_weights(every: Iterable[Contribution]) -> Counter[str]:
    """How many shown duplicates stand behind each card, following merges of merged cards."""
    every = [c for c in every if not c.retracted]
    into = {c.id: c.merged_into for c in every if c.merged_into}
    weights: Counter[str] = Counter()
    for c in every:
        if c.merged_into is None or c.hidden:
            continue
        root = c.merged_into
        for _ in range(len(into)):
            if root not in into:
                break
            root = into[root] or root
        weights[root] += 1
    return weights
