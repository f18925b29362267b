"""The console's and the remote's moderation commands: a cloud's words, closing a question or
parked item, and the parking lot on the wall. The control centre hands them over by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from kerne_tui.plan import StepKind
from kerne_tui.workshop import Outcome, Refused, Workshop

MODERATION_COMMANDS = ("hide_word", "merge_word", "answered", "owner", "drop", "parking")
"""hide_word ``{step, word}`` (again: back), merge_word ``{step, word, into}``, answered and
drop ``{id}`` (again: open again), owner ``{id, owner}``, parking (on the wall, or off it)."""

_OUTCOMES = {"answered": Outcome.ANSWERED, "owner": Outcome.OWNER, "drop": Outcome.DROPPED}


def text_arg(args: Mapping[str, Any], name: str) -> str:
    """A command's text field, or a refusal that names it."""
    value = args.get(name)
    if not isinstance(value, str) or not value:
        raise Refused("invalid", "control.missing_field", field=name)
    return value


async def moderate(
    workshop: Workshop,
    command: str,
    args: Mapping[str, Any],
    where: str,
    show_parking: Callable[[bool], None],
    parking_on_wall: bool,
) -> str | None:
    """Run one of ``MODERATION_COMMANDS``; returns a catalog key for a notice, if any."""
    if command == "hide_word":
        step, word = text_arg(args, "step"), text_arg(args, "word")
        if workshop.word_edits(step).get(word) is not None:
            await workshop.restore_word(step, word, surface=where)
            return "control.word.restored"
        await workshop.toggle_word_hidden(step, word, surface=where)
        return "control.word.hidden"
    if command == "merge_word":
        step, word = text_arg(args, "step"), text_arg(args, "word")
        await workshop.merge_word(step, word, text_arg(args, "into"), surface=where)
        return "control.word.merged"
    if command in _OUTCOMES:
        chosen = text_arg(args, "id")
        outcome = _OUTCOMES[command]
        owner = text_arg(args, "owner") if outcome is Outcome.OWNER else ""
        rows = list(workshop.parking_rows())
        open_step = workshop.step
        if open_step is not None and open_step.kind is StepKind.QUESTIONS:
            rows.extend(workshop.question_rows(open_step.id))
        row = next((r for r in rows if r.id == chosen), None)
        again = row is not None and row.outcome == outcome and outcome is not Outcome.OWNER
        closing = "" if again else str(outcome)  # the same command again opens the item again
        await workshop.set_outcome(chosen, closing, owner, surface=where)
        return f"control.closed.{closing or 'open'}"
    if command == "parking":
        if not workshop.plan.parking_lot:
            return "tui.parking.none"
        show_parking(not parking_on_wall)
        return "control.parking.shown" if not parking_on_wall else "control.parking.hidden"
    raise Refused("invalid", "control.unknown_command", command=command[:40])
