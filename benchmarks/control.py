"""What the benchmark's own server processes share: stdin commands and an event-loop lag probe.

The orchestrator talks to a server it started by writing lines to its stdin (``next``,
``reveal``, ``lag start``, ``lag stop``, ``stats``, ``quit``; SIGTERM stops it too) and reading
lines from its stdout (``JOIN``, ``NEXT``, ``REVEALED``, ``LAG``, ``STATS``), so no server
needs an admin endpoint.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

LAG_INTERVAL = 0.010
"""The probe sleeps 10 ms at a time; how late it wakes is how long the loop was busy."""
LAG_MAX_SAMPLES = 60_000
"""Ten minutes of samples at most; the probe stops by itself after that."""


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of *values* (0 for none); *share* is between 0 and 1."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(share * len(ordered))))
    return ordered[rank - 1]


class LagProbe:
    """Measures how late a 10 ms sleeper wakes up: the time the loop was busy with others."""

    def __init__(self, interval: float = LAG_INTERVAL) -> None:
        self.interval = interval
        self.samples: list[float] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin sampling (again, from no samples)."""
        self.stop()
        self.samples = []
        self._task = asyncio.create_task(self._sample())

    def stop(self) -> tuple[float, float, int]:
        """Stop and return (max, p99, count) of the overshoot in seconds."""
        if self._task is not None:
            self._task.cancel()
            self._task = None
        return max(self.samples, default=0.0), percentile(self.samples, 0.99), len(self.samples)

    async def _sample(self) -> None:
        for _ in range(LAG_MAX_SAMPLES):
            before = time.monotonic()
            await asyncio.sleep(self.interval)
            self.samples.append(max(0.0, time.monotonic() - before - self.interval))


async def settle(quiet: float = 0.5, limit: float = 60.0) -> None:
    """Wait until the loop has kept up for *quiet* seconds (a redraw of thousands of answers
    takes a while), at most *limit* seconds."""
    deadline = time.monotonic() + limit
    calm_since = time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - calm_since < quiet:
        before = time.monotonic()
        await asyncio.sleep(LAG_INTERVAL)
        if time.monotonic() - before > 2 * LAG_INTERVAL:
            calm_since = time.monotonic()


async def stdin_lines() -> asyncio.StreamReader:
    """The process's stdin as an asyncio stream, read on the loop without a thread."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    return reader


def say(line: str) -> None:
    """One line to the orchestrator."""
    print(line, flush=True)


async def _nothing() -> None:
    return None


@dataclass
class Commands:
    """What a server does for each command; ``reveal`` only means something to kerne."""

    next_step: Callable[[], Awaitable[None]]
    probe: LagProbe = field(default_factory=LagProbe)
    stats: Callable[[], str] = lambda: "{}"
    reveal: Callable[[], Awaitable[None]] = _nothing


async def serve_commands(commands: Commands, announce: Sequence[str]) -> None:
    """Say the *announce* lines (``JOIN <url>`` first), then obey the orchestrator until it
    says ``quit``, closes stdin or sends SIGTERM."""
    reader = await stdin_lines()
    stopped = asyncio.Event()
    with contextlib.suppress(NotImplementedError):
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stopped.set)
    # Only now: a SIGTERM right after JOIN must stop the server cleanly, not kill it.
    for text in announce:
        say(text)
    stop = asyncio.create_task(stopped.wait())
    try:
        while True:
            line = asyncio.create_task(reader.readline())
            await asyncio.wait({line, stop}, return_when=asyncio.FIRST_COMPLETED)
            if not line.done():
                line.cancel()
                return
            command = line.result().decode().strip()
            if command in ("", "quit"):
                return
            await _obey(command, commands)
    finally:
        stop.cancel()


async def _obey(command: str, commands: Commands) -> None:
    if command == "next":
        started = time.monotonic()
        await commands.next_step()
        say(f"NEXT {started:.6f}")
    elif command == "reveal":
        await commands.reveal()
        await settle()
        say("REVEALED")
    elif command == "lag start":
        commands.probe.start()
        say("LAG started")
    elif command == "lag stop":
        worst, p99, count = commands.probe.stop()
        say(f"LAG {worst:.6f} {p99:.6f} {count}")
    elif command == "stats":
        say(f"STATS {commands.stats()}")
    else:
        say(f"UNKNOWN {command}")
