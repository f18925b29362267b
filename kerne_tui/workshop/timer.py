"""A step's countdown: persisted as a UTC deadline, ticking on a monotonic clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from kerne_tui.workshop.clock import Clock, iso, parse_iso


@dataclass
class StepTimer:
    """Counts a step down; paused it keeps its remaining seconds, running it has a deadline."""

    clock: Clock
    planned: float
    remaining_at_mark: float
    running: bool = False
    mark: float = 0.0

    @classmethod
    def fresh(cls, clock: Clock, seconds: float) -> StepTimer:
        """A paused timer holding the step's whole time."""
        return cls(clock=clock, planned=seconds, remaining_at_mark=seconds)

    def seconds_left(self) -> float:
        """Seconds until zero, never below zero."""
        if not self.running:
            return max(0.0, self.remaining_at_mark)
        return max(0.0, self.remaining_at_mark - (self.clock.monotonic() - self.mark))

    @property
    def expired(self) -> bool:
        """True once the countdown is at zero; pausing it there does not reopen the step."""
        return self.seconds_left() <= 0.0

    def start(self) -> None:
        """Run from the remaining seconds."""
        if not self.running:
            self.mark = self.clock.monotonic()
            self.running = True

    def pause(self) -> None:
        """Stop counting, keeping what is left."""
        if self.running:
            self.remaining_at_mark = self.seconds_left()
            self.running = False

    def extend(self, seconds: float) -> None:
        """Add *seconds*; a timer at zero comes back to life with them."""
        left = self.seconds_left()
        self.remaining_at_mark = left + seconds
        self.mark = self.clock.monotonic()

    def to_doc(self) -> dict[str, Any]:
        """The timer as stored: a UTC deadline when running, the remaining seconds always."""
        left = self.seconds_left()
        doc: dict[str, Any] = {"planned": self.planned, "remaining": left, "running": self.running}
        if self.running:
            doc["deadline"] = iso(self.clock.now() + timedelta(seconds=left))
        return doc

    @classmethod
    def from_doc(cls, clock: Clock, doc: dict[str, Any]) -> StepTimer:
        """Restore a stored timer; a running one continues from its UTC deadline."""
        planned = float(doc.get("planned", 0.0))
        remaining = float(doc.get("remaining", planned))
        running = bool(doc.get("running", False))
        if running and "deadline" in doc:
            remaining = (parse_iso(str(doc["deadline"])) - clock.now()).total_seconds()
        timer = cls(clock=clock, planned=planned, remaining_at_mark=max(0.0, remaining))
        if running:
            timer.start()
        return timer
