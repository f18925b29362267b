"""A step's countdown: persisted as a UTC deadline, ticking on a monotonic clock.

Two clocks can disagree with the step. A session file whose deadline lies hours ahead (a
clock set wrong when it was written, or an edited file) would give an 8-minute step hours on
resume; so a resumed timer never has more than its step allows (its minutes and the minutes
added to it) nor more than it had when it was written. And a laptop that sleeps stops the
monotonic clock; a clock that counts the sleep too (``Clock.since_boot`` where the system has
one) tells it, and the countdown follows real time then, so a step that ended during lunch
has ended, and the sleep is kept for a note on the wall. A wall clock that jumps (NTP, a
clock set by hand) is no sleep and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from kerne_tui.store.layout import TimerRecord
from kerne_tui.workshop.clock import Clock, iso, parse_iso

SLEEP_SECONDS = 5.0
"""How far the clock that counts sleep may run ahead of the monotonic one before it counts as
a sleep: the two agree to the millisecond while awake; a suspended laptop opens minutes."""


def _since_boot(clock: Clock) -> float | None:
    """The clock's seconds counting sleep too, where it has such a clock (else None)."""
    reading = getattr(clock, "since_boot", None)
    if reading is None:
        return None
    value = reading()
    return float(value) if value is not None else None


@dataclass
class StepTimer:
    """Counts a step down; paused it keeps its remaining seconds, running it has a deadline."""

    clock: Clock
    planned: float
    remaining_at_mark: float
    running: bool = False
    mark: float = 0.0
    extended: float = 0.0
    """Seconds added to the step's own time (each ``extend``)."""
    boot_mark: float | None = None
    """The sleep-counting clock at *mark*, to notice a sleep the monotonic clock did not see."""
    slept: float = 0.0
    """Seconds of sleep noticed while running, in total."""
    sleeps: int = 0
    """How many sleeps were noticed (a new one is a new note on the wall)."""
    last_sleep: float = 0.0
    """Seconds of the latest sleep noticed."""

    @classmethod
    def fresh(cls, clock: Clock, seconds: float) -> StepTimer:
        """A paused timer holding the step's whole time."""
        return cls(clock=clock, planned=seconds, remaining_at_mark=seconds)

    @property
    def allowed(self) -> float:
        """The most this countdown may ever hold: the step's time and what was added."""
        return self.planned + self.extended

    def _follow_sleep(self) -> None:
        """Notice a sleep: the clock that counts sleep moved on further than the monotonic."""
        if not self.running or self.boot_mark is None:
            return
        boot = _since_boot(self.clock)
        if boot is None:
            return
        gap = (boot - self.boot_mark) - (self.clock.monotonic() - self.mark)
        if gap > SLEEP_SECONDS:
            self.mark -= gap
            self.slept += gap
            self.sleeps += 1
            self.last_sleep = gap

    def seconds_left(self) -> float:
        """Seconds until zero, never below zero."""
        if not self.running:
            return max(0.0, self.remaining_at_mark)
        self._follow_sleep()
        return max(0.0, self.remaining_at_mark - (self.clock.monotonic() - self.mark))

    @property
    def expired(self) -> bool:
        """True once the countdown is at zero; pausing it there does not reopen the step."""
        return self.seconds_left() <= 0.0

    def _set_mark(self) -> None:
        self.mark = self.clock.monotonic()
        self.boot_mark = _since_boot(self.clock)

    def start(self) -> None:
        """Run from the remaining seconds."""
        if not self.running:
            self._set_mark()
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
        self.extended += seconds
        self._set_mark()

    def to_record(self) -> TimerRecord:
        """The timer as stored: a UTC deadline when running, the remaining seconds always."""
        left = self.seconds_left()
        deadline = iso(self.clock.now() + timedelta(seconds=left)) if self.running else None
        return TimerRecord(self.planned, left, self.running, deadline, self.extended)

    @classmethod
    def from_record(cls, clock: Clock, record: TimerRecord) -> StepTimer:
        """Restore a stored timer; a running one continues from its UTC deadline.

        What it gets is clamped: never more than the seconds it had when it was written, and
        never more than its step allows (its time plus what was added). A file written before
        the added time was kept says nothing of it, so it is held to the step's own time.
        """
        planned = max(0.0, record.planned)
        stored = max(0.0, record.remaining)
        extended = max(0.0, record.extended)
        remaining = stored
        if record.running and record.deadline is not None:
            remaining = (parse_iso(record.deadline) - clock.now()).total_seconds()
        remaining = min(remaining, stored, planned + extended)
        timer = cls(
            clock=clock,
            planned=planned,
            remaining_at_mark=max(0.0, remaining),
            extended=extended,
        )
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
