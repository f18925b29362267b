"""How long the facilitator waits: ``kerne serve`` to its first answered request, ``kerne run`` to
its first frame in a real terminal."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.host import tui_available
from benchmarks.http_client import Connection
from benchmarks.servers import KERNE, PLAN, ServerProcess

FRAME_TIMEOUT = 20.0
FRAME_POLL = 0.02
FRAME_LINES = 3
"""A pane with this many lines that are not blank has been drawn."""


@dataclass(frozen=True)
class Startup:
    """From spawning a server to its ``JOIN`` line and to its first answered request (seconds)."""

    joined: float
    answered: float


async def first_answer(server: ServerProcess) -> Startup:
    """Start *server* and time it until it has answered a phone's first request."""
    await server.start()
    parts = urlsplit(server.base)
    connection = await Connection.open(parts.hostname or "127.0.0.1", parts.port or 80)
    try:
        head = f"GET /api/{server.code}/state HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n"
        response = await connection.request(head.encode())
        if response.status != 200:
            raise RuntimeError(f"{server.name} answered {response.status}")
    finally:
        connection.close()
    return Startup(server.joined_after, time.monotonic() - server.started_at)


def run_available() -> bool:
    """``kerne run`` can be timed: the screen exists and tmux is installed."""
    return tui_available() and shutil.which("tmux") is not None


async def first_frame(folder: Path, name: str) -> float | None:
    """Seconds from typing ``kerne run`` in a 120x40 tmux terminal to its first drawn frame."""
    if not run_available():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    command = " ".join(
        [
            "TERM=xterm-256color",
            *KERNE,
            "run",
            str(PLAN),
            "--port",
            "0",
            "--host",
            "127.0.0.1",
            "--data-dir",
            str(folder),
        ]
    )
    # A tmux server of its own for each run: a new session on a server that the previous
    # run's last kill-session is taking down failed now and then.
    tmux = ["tmux", "-L", name]
    started = time.monotonic()
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command], check=True
    )
    try:
        deadline = started + FRAME_TIMEOUT
        while time.monotonic() < deadline:
            pane = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", name], capture_output=True, text=True
            ).stdout
            if sum(1 for line in pane.splitlines() if line.strip()) >= FRAME_LINES:
                return time.monotonic() - started
            await asyncio.sleep(FRAME_POLL)
        return float("nan")
    finally:
        with contextlib.suppress(OSError):
            subprocess.run([*tmux, "kill-server"], capture_output=True)
