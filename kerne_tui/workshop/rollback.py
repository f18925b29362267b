"""The session never disagrees with itself: a facilitator command whose write fails is undone.

A command changes the session in memory, then writes it. When the write fails (a full disk),
the screen, the phones and the file must still agree, so what the command changed in memory
is put back as it was before, and the failure is told to the facilitator with what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kerne_tui.store import SessionStatus, StoreWriteError
from kerne_tui.workshop.model import Pin
from kerne_tui.workshop.queries import SessionQueries
from kerne_tui.workshop.timer import StepTimer

ACTIONS = {
    "start": "hostile.action.open",
    "next": "hostile.action.open",
    "previous": "hostile.action.open",
    "go_to": "hostile.action.open",
    "pause": "hostile.action.timer",
    "resume": "hostile.action.timer",
    "extend": "hostile.action.extend",
    "reveal": "hostile.action.reveal",
    "conceal": "hostile.action.reveal",
    "close": "hostile.action.close",
    "pin": "hostile.action.pin",
    "hide": "hostile.action.moderate",
    "unhide": "hostile.action.moderate",
    "merge": "hostile.action.moderate",
}
"""Each logged action and the words that name it for the facilitator."""


def action_words(action: str) -> str:
    """The catalog key of the words that name a logged *action* for the facilitator."""
    return ACTIONS.get(action, "hostile.action.moderate")


class CommandNotSaved(StoreWriteError):
    """A facilitator command could not be written and was undone; *action* names it."""

    def __init__(self, action: str, reason: str) -> None:
        super().__init__(reason)
        self.action = action

    @property
    def action_key(self) -> str:
        """The catalog key of the words for what was tried."""
        return action_words(self.action)


@dataclass(frozen=True, slots=True)
class SessionSnapshot:
    """What a facilitator command may change in memory, as it was before the command."""

    status: SessionStatus
    current: str | None
    revealed: frozenset[str]
    pins: tuple[Pin, ...]
    elapsed: tuple[tuple[str, float], ...]
    left: tuple[tuple[str, float], ...]
    started_at: str | None
    ended_at: str | None
    current_since_mono: float
    timer: StepTimer
    closed_announced: bool


def take(workshop: SessionQueries) -> SessionSnapshot:
    """The session's changeable state now."""
    return SessionSnapshot(
        status=workshop.status,
        current=workshop.current,
        revealed=frozenset(workshop.revealed),
        pins=tuple(workshop.pins),
        elapsed=tuple(workshop.elapsed.items()),
        left=tuple(workshop.left.items()),
        started_at=workshop.started_at,
        ended_at=workshop.ended_at,
        current_since_mono=workshop._current_since_mono,
        timer=replace(workshop.timer),
        closed_announced=workshop._closed_announced,
    )


def restore(workshop: SessionQueries, snapshot: SessionSnapshot) -> None:
    """Put the session back as *snapshot* found it."""
    workshop.status = snapshot.status
    workshop.current = snapshot.current
    workshop.revealed = set(snapshot.revealed)
    workshop.pins = list(snapshot.pins)
    workshop.elapsed = dict(snapshot.elapsed)
    workshop.left = dict(snapshot.left)
    workshop.started_at = snapshot.started_at
    workshop.ended_at = snapshot.ended_at
    workshop._current_since_mono = snapshot.current_since_mono
    workshop.timer = replace(snapshot.timer)
    workshop._closed_announced = snapshot.closed_announced
