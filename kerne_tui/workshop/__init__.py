"""The rules of a running workshop, with no Textual and no aiohttp in them."""

from kerne_tui.workshop.clock import Clock, SystemClock, iso, parse_iso
from kerne_tui.workshop.engine import (
    JOIN_ALPHABET,
    Workshop,
    new_join_code,
    normalise_join_code,
)
from kerne_tui.workshop.follow_up import (
    ComparedRow,
    FollowUpError,
    agreements,
    compared,
    earlier_scale,
    require_earlier,
)
from kerne_tui.workshop.model import (
    CommandUndone,
    Contribution,
    ContributionModerated,
    ContributionReceived,
    ContributionRetracted,
    Event,
    Pin,
    Refused,
    ResultsRevealed,
    SentencePinned,
    SessionClosed,
    StepClosed,
    StepOpened,
    TimerChanged,
)
from kerne_tui.workshop.parking import PARKING_STEP_ID, Outcome
from kerne_tui.workshop.results import StepResults, merge_roots, results_for
from kerne_tui.workshop.rollback import CommandNotSaved

__all__ = [
    "JOIN_ALPHABET",
    "PARKING_STEP_ID",
    "Clock",
    "CommandNotSaved",
    "CommandUndone",
    "ComparedRow",
    "Contribution",
    "ContributionModerated",
    "ContributionReceived",
    "ContributionRetracted",
    "Event",
    "FollowUpError",
    "Outcome",
    "Pin",
    "Refused",
    "ResultsRevealed",
    "SentencePinned",
    "SessionClosed",
    "StepClosed",
    "StepOpened",
    "StepResults",
    "SystemClock",
    "TimerChanged",
    "Workshop",
    "agreements",
    "compared",
    "earlier_scale",
    "iso",
    "merge_roots",
    "new_join_code",
    "normalise_join_code",
    "parse_iso",
    "require_earlier",
    "results_for",
]
