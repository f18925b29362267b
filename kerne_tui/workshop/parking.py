"""The parking lot: questions phones park at any step while the session runs.

Parked items are question contributions under a step id no plan can use (plan ids begin with
a letter or a digit), so they are stored, retried, retracted, hidden and upvoted exactly like
the questions of a ``questions`` step, and the rules of :class:`QuestionsSpec` apply.
"""

from __future__ import annotations

from enum import StrEnum

from kerne_tui.plan.model import Show, Step, StepKind

PARKING_STEP_ID = "_parking"
"""The step id parked items are stored under."""

PARKING_MAX_LENGTH = 300
PARKING_PER_PHONE = 10


class Outcome(StrEnum):
    """How a question or a parked item was closed."""

    ANSWERED = "answered"
    OWNER = "owner"
    DROPPED = "dropped"


PARKING_STEP = Step(
    id=PARKING_STEP_ID,
    kind=StepKind.QUESTIONS,
    title="",
    prompt="",
    minutes=1,
    show=Show.LIVE,
    min_answers=1,
    max_length=PARKING_MAX_LENGTH,
    max_per_person=PARKING_PER_PHONE,
)
"""The rules the parking lot is checked by (it is not a step of the plan)."""
