"""The JSON API's shapes, as ``docs/api.md`` documents them: the state phones see.

The fields every step and every contribution has are here; what a kind adds comes from its
entry in ``kinds.WEB_KINDS``.
"""

from __future__ import annotations

from typing import Any

from kerne_tui.plan import Step
from kerne_tui.store import SessionStatus
from kerne_tui.web.kinds import WEB_KINDS, question_json, upvoted
from kerne_tui.workshop import PARKING_STEP_ID, Contribution, Workshop
from kerne_tui.workshop.parking import PARKING_MAX_LENGTH


def step_json(workshop: Workshop, step: Step) -> dict[str, Any]:
    """The public description of a step, as the API documents it."""
    data: dict[str, Any] = {
        "id": step.id,
        "kind": step.kind.value,
        "title": step.title,
        "prompt": step.prompt,
        "overall_task": workshop.plan.overall_task_of(step),
        "open": workshop.is_open(step.id),
        "seconds_left": round(workshop.seconds_left()),
        "running": workshop.timer.running,
    }
    data.update(WEB_KINDS[step.kind].step_fields(workshop, step))
    return data


def contribution_json(contribution: Contribution) -> dict[str, Any]:
    """A phone's own contribution, as it may see it again."""
    data: dict[str, Any] = {
        "id": contribution.id,
        "step": contribution.step_id,
        "kind": contribution.kind.value,
        "at": contribution.at,
    }
    data.update(WEB_KINDS[contribution.kind].contribution_fields(contribution))
    return data


def module_json(workshop: Workshop) -> dict[str, Any] | None:
    """Which module the open step belongs to."""
    if workshop.current is None:
        return None
    index, module = workshop.plan.module_of(workshop.current)
    return {
        "index": index + 1,
        "count": len(workshop.plan.modules),
        "title": module.title,
        "focus": module.focus,
    }


def full_state(workshop: Workshop, token: str | None, version: int = 0) -> dict[str, Any]:
    """``GET /api/<code>/state``: the open step and this phone's own contributions to it."""
    step = workshop.step if workshop.status == SessionStatus.RUNNING else None
    pinned = workshop.pinned
    earlier = workshop.follow_up.pinned if workshop.follow_up and pinned is None else None
    return {
        "code": workshop.join_code,
        "status": workshop.status,
        "version": version,
        "language": workshop.plan.language,
        "module": module_json(workshop),
        "step": step_json(workshop, step) if step else None,
        "pinned": pinned.text if pinned else None,
        "pinned_earlier": earlier.text if earlier else None,
        "mine": [contribution_json(c) for c in workshop.mine(token)] if token and step else [],
        "parking": parking_json(workshop, token) if workshop.plan.parking_lot else None,
    }


def parking_json(workshop: Workshop, token: str | None) -> dict[str, Any]:
    """The parking lot as a phone sees it: every shown item, and this phone's own."""
    mine = [contribution_json(c) for c in workshop.mine(token, PARKING_STEP_ID)] if token else []
    return {
        "open": workshop.status == SessionStatus.RUNNING,
        "max_length": PARKING_MAX_LENGTH,
        "items": [question_json(row) for row in workshop.parking_rows()],
        "mine": mine,
        **upvoted(mine),
    }


def live_state(workshop: Workshop) -> dict[str, Any]:
    """The small message every phone gets when the step or its timer changes."""
    running = workshop.status == SessionStatus.RUNNING
    return {
        "status": workshop.status,
        "step": workshop.current if running else None,
        "open": workshop.is_open(),
        "seconds_left": round(workshop.seconds_left()),
        "running": workshop.timer.running,
    }
