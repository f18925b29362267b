"""The parts of the facilitator's view that moderate: a cloud's words, the parking lot, the
sentences that may be pinned, and the phones turned away.

Plain data for the console and the remote, from the workshop's public API only.
"""

from __future__ import annotations

from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.control.turned_away import TurnedAway
from kerne_tui.plan import Step, StepKind
from kerne_tui.workshop import Workshop, results_for

PROPOSALS_SHOWN = 50
"""Sentences the pin field offers at most (the vote's leaders first)."""


def words_block(workshop: Workshop, step: Step) -> list[dict[str, Any]]:
    """A word cloud's words as the wall counts them, then the hidden and merged ones.

    ``count`` is the number of phones whose answer holds the word after the facilitator's
    edits; a hidden or merged word keeps its own count (what it had before), for restoring.
    """
    every = [c for c in workshop.contributions(step.id, include_invisible=True) if not c.retracted]
    options = workshop.options(step)
    edits = workshop.word_edits(step.id)
    counted = results_for(step, every, options, word_edits=edits).words
    words: list[dict[str, Any]] = [
        {"word": entry.word, "count": entry.count, "hidden": False, "into": None}
        for entry in counted
    ]
    if edits:
        raw = {entry.word: entry.count for entry in results_for(step, every, options).words}
        for word, into in edits.items():
            words.append(
                {"word": word, "count": raw.get(word, 0), "hidden": not into, "into": into or None}
            )
    return words


def parking_block(workshop: Workshop, *, on_wall: bool) -> dict[str, Any] | None:
    """The parking lot's items, most upvotes first, with how each was closed (None: no lot)."""
    if not workshop.plan.parking_lot:
        return None
    step = workshop.step
    return {
        "on_wall": on_wall or (step is not None and step.parking),
        "review": step is not None and step.parking,
        "items": [
            {
                "id": row.id,
                "text": row.text,
                "votes": row.votes,
                "outcome": row.outcome,
                "owner": row.owner,
            }
            for row in workshop.parking_rows()
        ],
    }


def proposals(workshop: Workshop) -> list[dict[str, Any]]:
    """The sentences the facilitator may pin: a vote's proposals with their totals (most votes
    first), then every shown proposal of the sentence steps (newest first). Never a ballot."""
    found: dict[str, int | None] = {}
    for step in reversed(workshop.plan.steps):
        source = step.options_from
        if source is None or not workshop.plan.has_step(source):
            continue
        if not workshop.plan.step(source).kind.is_textual:
            continue
        every = [c for c in workshop.contributions(step.id, include_invisible=True)]
        bars = results_for(step, every, workshop.options(step)).bars
        for bar in sorted(bars, key=lambda bar: -bar.value):
            found.setdefault(bar.label, bar.value)
    for c in reversed(workshop.all_contributions()):
        if c.kind is StepKind.SENTENCE and c.visible:
            found.setdefault(c.text, None)
    return [{"text": text, "votes": votes} for text, votes in found.items()][:PROPOSALS_SHOWN]


def turned_away_block(turned_away: TurnedAway, lang: Lang) -> dict[str, Any]:
    """How many phones were turned away, why, and what lets them in, in *lang*."""
    return {
        "total": turned_away.total,
        "causes": [
            {
                "cause": cause.value,
                "count": count,
                "why": t(lang, f"control.turned_away.{cause.value}"),
                "remedy": t(lang, f"control.turned_away.{cause.value}.remedy"),
            }
            for cause, count in turned_away.counts().items()
        ],
    }
