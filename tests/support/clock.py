"""The tests' one clock: it stands still until a test moves it, or runs on the real clocks.

The engine reads two clocks (``kerne_tui.workshop.clock.Clock``): a monotonic one for counting
down and a wall clock for what is stored. On a laptop they drift apart when it sleeps or when
NTP corrects the time, so this clock can move them apart too: :meth:`FakeClock.advance` lets
time pass on both, :meth:`FakeClock.jump_wall` moves only the wall clock.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
"""Where a frozen clock stands unless told otherwise: Monday 23 November 2026, 09:00 UTC."""
MONOTONIC_START = 1000.0
"""The frozen monotonic clock's first reading (any number will do; it only counts up)."""


class FakeClock:
    """A clock for the engine that a test moves by hand.

    Frozen (the default), it reads *start* and :data:`MONOTONIC_START` until moved. With
    ``running=True`` it follows the real clocks plus whatever the test added, for tests where a
    real server and a real browser need time to pass (a countdown is then run out by
    :meth:`advance`, not by waiting).
    """

    def __init__(self, start: datetime | None = None, *, running: bool = False) -> None:
        self.running = running
        self._wall_base = start or (datetime.now(UTC) if running else START)
        self._mono_base = time.monotonic() if running else MONOTONIC_START
        self._real_base = time.monotonic()
        self._mono_moved = 0.0
        self._wall_moved = 0.0

    def _real_elapsed(self) -> float:
        return time.monotonic() - self._real_base if self.running else 0.0

    def monotonic(self) -> float:
        """Seconds on the monotonic clock (moved only by :meth:`advance`)."""
        return self._mono_base + self._real_elapsed() + self._mono_moved

    def now(self) -> datetime:
        """The wall-clock time, timezone-aware UTC."""
        seconds = self._real_elapsed() + self._wall_moved
        return self._wall_base + timedelta(seconds=seconds)

    def advance(self, seconds: float) -> None:
        """Let *seconds* pass, on the monotonic and the wall clock alike."""
        if seconds < 0:
            raise ValueError("time passes forward only; use jump_wall to set the wall clock back")
        self._mono_moved += seconds
        self._wall_moved += seconds

    def jump_wall(self, seconds: float) -> None:
        """Move only the wall clock by *seconds* (either way), as NTP or a suspend would.

        The monotonic clock does not move: no time passed for a countdown that runs on it.
        """
        self._wall_moved += seconds
