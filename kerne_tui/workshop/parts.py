"""The pieces a step's results are made of: cards, bars, scale rows, actions, reviews and
placements."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
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
    """An action item: what, who, by when, and how we will see that it worked."""

    id: str
    what: str
    who: str
    when: str
    evidence: str = ""


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
    evidence: str = ""
    """How the day said it would see that the agreement worked (may be empty)."""

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


def merge_roots(cards: Iterable[Contribution]) -> dict[str, str]:
    """Where each merged card ended up: its id to the card it was (finally) merged into.

    Options carried forward from a text step are its cards; a dot, choice or place given to a
    card that was merged later counts for the card it went into.
    """
    into = {c.id: c.merged_into for c in cards if c.merged_into and not c.retracted}
    roots: dict[str, str] = {}
    for card in into:
        root = into[card]
        for _ in range(len(into)):
            if root is None or root not in into:
                break
            root = into[root]
        if root is not None and root != card:
            roots[card] = root
    return roots


def follow(picks: Mapping[str, int], roots: Mapping[str, str], *, add: bool) -> dict[str, int]:
    """*picks* moved onto the cards their options were merged into.

    Two picks landing on one card add up when *add* (dots), else the larger stands (one choice,
    the better place), so that nobody counts twice for the same card.
    """
    moved: dict[str, int] = {}
    for option, amount in picks.items():
        root = roots.get(option, option)
        if root in moved:
            moved[root] = moved[root] + amount if add else max(moved[root], amount)
        else:
            moved[root] = amount
    return moved
