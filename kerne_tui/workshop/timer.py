"""A step's countdown: persisted as a UTC deadline, ticking on a monotonic clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from kerne_tui.store.layout import TimerRecord
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

    def to_record(self) -> TimerRecord:
        """The timer as stored: a UTC deadline when running, the remaining seconds always."""
        left = self.seconds_left()
        deadline = iso(self.clock.now() + timedelta(seconds=left)) if self.running else None
        return TimerRecord(self.planned, left, self.running, deadline)

    @classmethod
    def from_record(cls, clock: Clock, record: TimerRecord) -> StepTimer:
        """Restore a stored timer; a running one continues from its UTC deadline."""
        remaining = record.remaining
        if record.running and record.deadline is not None:
            remaining = (parse_iso(record.deadline) - clock.now()).total_seconds()
        timer = cls(clock=clock, planned=record.planned, remaining_at_mark=max(0.0, remaining))
        if record.running:
            timer.start()
        return timer

    def to_doc(self) -> dict[str, Any]:
        """The stored timer as its document (see :class:`TimerRecord`)."""
        return self.to_record().to_doc()

    @classmethod
    def from_doc(cls, clock: Clock, doc: dict[str, Any]) -> StepTimer:
        """Restore a timer from its document (raises LayoutError if it is damaged)."""
        return cls.from_record(clock, TimerRecord.from_doc(doc))
