"""The facilitator's view of a running session, as plain data for the console and the remote.

Everything the room must not see first is here: the answers before they are revealed (with
the hidden ones, for restoring), the step's notes, and how far behind the day is. It is
built from the workshop's public API only and is ready to be sent as JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from kerne_tui.control.turned_away import TurnedAway
from kerne_tui.control.view_moderation import (
    parking_block,
    proposals,
    turned_away_block,
    words_block,
)
from kerne_tui.plan import Show, Step, StepKind
from kerne_tui.store import SessionStatus
from kerne_tui.workshop import Contribution, Workshop, parse_iso, results_for
from kerne_tui.workshop.clock import day_start
from kerne_tui.workshop.kinds import spec_for
from kerne_tui.workshop.results import merge_weights

ANSWERS_SHOWN = 200
"""Answers the view carries at most (the newest); the counts always cover every one."""


def answers_step(workshop: Workshop) -> Step | None:
    """The step whose answers the facilitator looks at: the open one, or the input just before.

    A talk or information step right after an input step is where its answers are discussed,
    so the console keeps showing them there.
    """
    step = workshop.step
    if step is None:
        return None
    if step.kind.takes_input:
        return step
    index = workshop.step_index
    if index > 0:
        before = workshop.plan.steps[index - 1]
        if before.kind.takes_input:
            return before
    return None


def _answers(workshop: Workshop, step: Step) -> dict[str, Any]:
    every = [c for c in workshop.contributions(step.id, include_invisible=True) if not c.retracted]
    # No cards: the view lists the contributions themselves (cards for 5,000 answers cost 20 ms).
    edits = workshop.word_edits(step.id)
    results = results_for(step, every, workshop.options(step), newest=0, word_edits=edits)
    weights = merge_weights(every)
    spec = spec_for(step.kind)
    # Counts from fewer phones than the step's threshold would give a person away, here too:
    # the figures are held back, and so are the answers they are made of.
    withheld = spec.summed and bool(every) and not results.enough
    newest = [] if withheld else every[-ANSWERS_SHOWN:]
    lang = workshop.plan.language
    labels = _labels(workshop, step, every)
    items = [
        {
            "id": c.id,
            "text": spec.describe(lang, step, c, labels),
            "at": c.at,
            "hidden": c.hidden,
            "merged_into": c.merged_into,
            "weight": 1 + weights.get(c.id, 0),
            "pinnable": step.kind.is_textual,
        }
        for c in reversed(newest)
    ]
    return {
        "step": step.id,
        "title": step.title,
        "kind": step.kind.value,
        "current": step.id == workshop.current,
        "revealed": step.show is Show.LIVE or step.id in workshop.revealed,
        "live": step.show is Show.LIVE,
        "count": results.count,
        "respondents": results.respondents,
        "hidden": results.hidden,
        "min_answers": step.min_answers,
        "withheld": withheld,
        "mergeable": spec.merges_answers,
        "items": items,
        "more": 0 if withheld else max(0, len(every) - len(newest)),
        "bars": []
        if withheld
        else [
            {"label": bar.label, "value": bar.value, "people": bar.people} for bar in results.bars
        ],
        "scales": []
        if withheld
        else [
            {"statement": row.statement, "counts": list(row.counts), "mean": round(row.mean, 2)}
            for row in results.scales
        ],
        "words": words_block(workshop, step) if step.kind is StepKind.WORDS else [],
    }


def _labels(workshop: Workshop, step: Step, every: Sequence[Contribution]) -> dict[str, str]:
    """The names an answer's picks read by: the step's options, and for an upvote its question.

    A question hidden after it was upvoted is no longer an option, yet its upvotes still name
    it, so every question of the step is a name (as in the archive's CSV).
    """
    labels = {option.id: option.label for option in workshop.options(step)}
    for c in every:
        if c.text:
            labels.setdefault(c.id, c.text)
    return labels


def _step(workshop: Workshop, step: Step) -> dict[str, Any]:
    index = workshop.plan.index_of(step.id)
    module_index, module = workshop.plan.module_of(step.id)
    return {
        "id": step.id,
        "kind": step.kind.value,
        "title": step.title,
        "prompt": step.prompt,
        "index": index + 1,
        "count": len(workshop.plan.steps),
        "module": module.title,
        "module_index": module_index + 1,
        "modules": len(workshop.plan.modules),
        "minutes": step.minutes / workshop.speed,
        "takes_input": step.kind.takes_input,
    }


def _planned_start(workshop: Workshop, now: datetime) -> datetime:
    started = parse_iso(workshop.started_at) if workshop.started_at else None
    return day_start(workshop.plan.start, started, now)


def agenda(workshop: Workshop) -> dict[str, Any]:
    """Every step with planned and actual minutes, and the day's planned and projected end."""
    now = workshop.clock.now()
    steps: Sequence[Step] = workshop.plan.steps
    speed = workshop.speed
    start = _planned_start(workshop, now)
    total = sum(step.seconds for step in steps) / speed
    planned_end = start + timedelta(seconds=total)
    current = workshop.step_index
    if workshop.status == SessionStatus.FINISHED and workshop.ended_at:
        projected = parse_iso(workshop.ended_at).astimezone()
    elif workshop.status != SessionStatus.RUNNING or current < 0:
        projected = max(now.astimezone(), start) + timedelta(seconds=total)
    else:
        later = sum(step.seconds for step in steps[current + 1 :]) / speed
        projected = now.astimezone() + timedelta(seconds=workshop.seconds_left() + later)
    rows = []
    for index, step in enumerate(steps):
        spent = workshop.elapsed.get(step.id)
        if index == current and workshop.status == SessionStatus.RUNNING:
            state = "now"
        elif 0 <= index < current or (
            workshop.status == SessionStatus.FINISHED and index <= current
        ):
            state = "done"
        else:
            state = "later"
        rows.append(
            {
                "id": step.id,
                "title": step.title,
                "kind": step.kind.value,
                "module": workshop.plan.module_of(step.id)[0] + 1,
                "module_title": workshop.plan.module_of(step.id)[1].title,
                "planned": round(step.minutes / speed, 1),
                "actual": round(spent / 60, 1) if spent is not None and state != "now" else None,
                "state": state,
            }
        )
    return {
        "rows": rows,
        "planned_end": planned_end.strftime("%H:%M"),
        "projected_end": projected.strftime("%H:%M"),
        "behind": round((projected - planned_end).total_seconds() / 60),
    }


def facilitator_view(
    workshop: Workshop,
    *,
    phones: int,
    remotes: Sequence[dict[str, Any]] = (),
    turned_away: TurnedAway | None = None,
    parking_on_wall: bool = False,
) -> dict[str, Any]:
    """The whole facilitator's view as JSON-ready data."""
    step = workshop.step if workshop.status != SessionStatus.WAITING else None
    index = workshop.step_index
    steps = workshop.plan.steps
    following = steps[index + 1] if 0 <= index + 1 < len(steps) else None
    if workshop.status == SessionStatus.WAITING:
        following = steps[0]
    shown = answers_step(workshop) if step is not None else None
    notes_step = step or steps[0]
    pinned = workshop.pinned
    return {
        "title": workshop.plan.title,
        "language": workshop.plan.language,
        "status": str(workshop.status),
        "rehearsal": workshop.rehearsal,
        "join_code": workshop.join_code,
        "step": _step(workshop, step) if step is not None else None,
        "timer": {
            "seconds_left": round(workshop.seconds_left(), 1),
            "running": workshop.timer.running,
            "open": workshop.is_open(),
        },
        "next": _step(workshop, following) if following is not None else None,
        "notes": notes_step.notes,
        "answers": _answers(workshop, shown) if shown is not None else None,
        "agenda": agenda(workshop),
        "phones": phones,
        "pinned": {
            "text": pinned.text if pinned else None,
            "versions": [{"text": p.text, "at": p.at} for p in workshop.pins],
        },
        "remotes": list(remotes),
        "parking": parking_block(workshop, on_wall=parking_on_wall),
        "proposals": proposals(workshop),
        "turned_away": turned_away_block(turned_away or TurnedAway(), workshop.plan.language),
    }
