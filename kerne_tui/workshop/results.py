"""A step's results from its contributions: cards, bars, scale distributions and actions."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kerne_tui.plan.model import Option, Step, StepKind
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
) -> StepResults:
    """Tally *contributions* (all of the step's, including hidden ones) against *options*.

    With *newest*, only that many cards are made (the newest), for a wall that shows no more;
    ``count`` still says how many there are in all.
    """
    every = [c for c in contributions if c.step_id == step.id and not c.retracted]
    hidden = sum(1 for c in every if c.hidden)
    visible = [c for c in every if c.visible]
    respondents = len({c.device for c in every})

    def made(**parts: tuple[object, ...]) -> StepResults:
        return StepResults(step, respondents, len(visible), hidden, **parts)  # type: ignore[arg-type]

    kind = step.kind
    if kind.is_textual:
        weights = merge_weights(every)
        # nlargest gives sorted(..., reverse=True)[:n], without sorting what is left out.
        shown = len(visible) if newest is None else newest
        by_time = heapq.nlargest(shown, visible, key=_arrival)
        cards = tuple(
            Card(id=c.id, text=c.text, at=c.at, weight=1 + weights.get(c.id, 0)) for c in by_time
        )
        return made(cards=cards)
    if kind is StepKind.ACTIONS:
        rows = tuple(ActionRow(id=c.id, what=c.what, who=c.who, when=c.when) for c in visible)
        return made(actions=rows)
    if kind is StepKind.SCALE:
        scales = []
        for index, statement in enumerate(step.statements):
            counts = [0, 0, 0, 0, 0]
            for c in visible:
                value = c.values.get(str(index))
                if value is not None and 1 <= value <= 5:
                    counts[value - 1] += 1
            scales.append(
                ScaleRow(statement, (counts[0], counts[1], counts[2], counts[3], counts[4]))
            )
        return made(scales=tuple(scales))
    if kind in (StepKind.VOTE, StepKind.CHOICE, StepKind.RANK):
        return made(bars=_bars(step, visible, options))
    return made()


def _arrival(contribution: Contribution) -> str:
    return contribution.at


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


def _bars(step: Step, visible: list[Contribution], options: Sequence[Option]) -> tuple[Bar, ...]:
    values: Counter[str] = Counter()
    people: dict[str, set[str]] = {option.id: set() for option in options}
    for c in visible:
        if step.kind is StepKind.VOTE:
            picked = {option: n for option, n in c.dots.items()}
        elif step.kind is StepKind.CHOICE:
            picked = dict.fromkeys(c.choices, 1)
        else:
            picked = {option: step.top - place for place, option in enumerate(c.ranking)}
        for option, amount in picked.items():
            if option in people:
                values[option] += amount
                people[option].add(c.device)
    bars = [Bar(o.id, o.label, values[o.id], len(people[o.id])) for o in options]
    if step.kind is not StepKind.CHOICE:
        bars.sort(key=lambda bar: bar.value, reverse=True)
    return tuple(bars)
