"""The day's clock as the agenda shows it: when each step starts, how long, when it ends.

Worked out from the document's plain values, so it is there while the plan still has
problems: a step whose minutes cannot be read counts as 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True, slots=True)
class Timeline:
    """Start offsets in minutes by (module, step), the total, and the day's clock if set."""

    offsets: dict[tuple[int, int], float]
    module_minutes: list[float]
    total: float
    start: int | None
    """Minutes after midnight the day starts at, when the plan says."""
    limit: int | None
    """Minutes after midnight the day must be over by, when the plan says."""

    def clock(self, offset: float) -> str:
        """The clock time *offset* minutes into the day ("" without a start)."""
        if self.start is None:
            return ""
        return clock_of(self.start + offset)

    @property
    def end(self) -> str:
        """When the day ends by the plan ("" without a start)."""
        return self.clock(self.total)

    @property
    def over(self) -> int:
        """Minutes the day runs past the end the facilitator set (0 when it fits)."""
        if self.start is None or self.limit is None:
            return 0
        return max(0, round(self.start + self.total - self.limit))


def clock_of(minutes: float) -> str:
    """Minutes after midnight as HH:MM (past midnight wraps)."""
    whole = round(minutes) % (24 * 60)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def _minutes_of(clock: object) -> int | None:
    if not isinstance(clock, str):
        return None
    match = _CLOCK.match(clock.strip())
    return int(match.group(1)) * 60 + int(match.group(2)) if match else None


def _step_minutes(step: object) -> float:
    value = step.get("minutes") if isinstance(step, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return 0.0
    return float(value)


def timeline(data: dict[str, Any]) -> Timeline:
    """The timeline of the plan's plain values."""
    offsets: dict[tuple[int, int], float] = {}
    module_minutes: list[float] = []
    elapsed = 0.0
    modules = data.get("modules")
    for m_index, module in enumerate(modules if isinstance(modules, list) else []):
        steps = module.get("steps") if isinstance(module, dict) else None
        before = elapsed
        for s_index, step in enumerate(steps if isinstance(steps, list) else []):
            offsets[(m_index, s_index)] = elapsed
            elapsed += _step_minutes(step)
        module_minutes.append(elapsed - before)
    return Timeline(
        offsets,
        module_minutes,
        elapsed,
        _minutes_of(data.get("start")),
        _minutes_of(data.get("end")),
    )
