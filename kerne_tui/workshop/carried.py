"""The options of a vote over earlier answers: the shown ones, and not too many of them.

A step with ``options_from`` offers the cards of an earlier step as its options. Only cards
that are on the wall count: not hidden, not merged into another, not taken back. And a phone
page must stay small whatever was sent before (5,000 stuffed texts made every page 4.4 MB), so
at most :data:`MAX_CARRIED_OPTIONS` are offered: the cards that stand for the most answers
first (merged duplicates count with the card they were merged into), then in the order they
came. The facilitator chooses which by hiding and merging cards before opening the vote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kerne_tui.plan.model import Option
from kerne_tui.workshop.model import Contribution

MAX_CARRIED_OPTIONS = 30
"""Options a vote over earlier answers offers at most: a long scroll on a phone already, and
a page of about 20 KB even when every card is as long as a step allows."""


def carried_options(
    source: Iterable[Contribution],
    weights: Mapping[str, int],
    limit: int = MAX_CARRIED_OPTIONS,
) -> tuple[Option, ...]:
    """The options carried from *source* (an earlier step's contributions in arrival order).

    *weights* says how many merged duplicates stand behind a card (``merge_weights``).
    """
    shown = [c for c in source if c.visible]
    if len(shown) > limit:
        ranked = sorted(range(len(shown)), key=lambda i: (-weights.get(shown[i].id, 0), i))
        keep = set(ranked[:limit])
        shown = [c for i, c in enumerate(shown) if i in keep]
    return tuple(Option(id=c.id, label=c.text) for c in shown)


def carried_count(source: Iterable[Contribution]) -> int:
    """How many cards could be carried (to say on the wall how many were left out)."""
    return sum(1 for c in source if c.visible)
