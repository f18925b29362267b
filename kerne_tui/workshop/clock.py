"""Time for the engine: a monotonic clock for ticking, wall-clock UTC for what is stored."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """What the engine needs to know about time; tests pass a clock they move by hand."""

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps."""
        ...

    def now(self) -> datetime:
        """The wall-clock time, timezone-aware UTC."""
        ...


class SystemClock:
    """The real clocks."""

    def monotonic(self) -> float:
        return time.monotonic()

    def since_boot(self) -> float | None:
        """Seconds on a clock that never jumps and goes on while the laptop sleeps.

        Linux's CLOCK_BOOTTIME and macOS's CLOCK_MONOTONIC count a suspend where
        ``time.monotonic`` does not; elsewhere there is none (None), and no sleep is noticed
        beyond what the monotonic clock itself counts.
        """
        boottime = getattr(time, "CLOCK_BOOTTIME", None)
        if boottime is not None:
            return time.clock_gettime(boottime)
        if sys.platform == "darwin":
            return time.clock_gettime(time.CLOCK_MONOTONIC)
        return None

    def now(self) -> datetime:
        return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """A UTC time as stored in the session file."""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """Read a time written by :func:`iso`."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


FAR_FROM_PLAN_SECONDS = 3600.0
"""A session begun further than this from the plan's start runs the day from its real start."""


def day_start(start: str, started_at: datetime | None, now: datetime) -> datetime:
    """The day's start in local time: the plan's ``start`` ("HH:MM") on the session's day.

    A session that began more than an hour from it (the afternoon run of a morning plan) is
    projected from when it really began, so the agenda does not say "444 min ahead" all day.
    """
    anchor = (started_at or now).astimezone()
    if not start:
        return anchor
    hours, minutes = (int(part) for part in start.split(":"))
    planned = anchor.replace(hour=hours, minute=minutes, second=0, microsecond=0)
    if started_at is not None and abs((anchor - planned).total_seconds()) > FAR_FROM_PLAN_SECONDS:
        return anchor
    return planned
