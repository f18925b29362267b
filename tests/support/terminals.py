"""Closing a test's private tmux server without leaving a kerne behind.

Since a wall outlives its terminal (issue 27: the room goes on when the terminal is lost), killing
the tmux server no longer ends the ``kerne run`` inside it: the hang-up only takes the wall
away. So a test first stops what runs in each pane (SIGTERM to the pane's process group, which
kerne answers by writing everything and leaving), waits for it a bounded while, and only then
kills the server.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

STOP_SECONDS = 10.0
"""How long the processes of the panes get to end after SIGTERM, before SIGKILL."""


def pane_groups(socket: Path) -> list[int]:
    """The process group of every pane on the tmux server at *socket* (none if it is gone)."""
    listed = subprocess.run(
        ["tmux", "-S", str(socket), "list-panes", "-a", "-F", "#{pane_pid}"],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    groups = []
    for line in listed.stdout.split():
        with contextlib.suppress(ValueError, ProcessLookupError):
            groups.append(os.getpgid(int(line)))
    return groups


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def close_tmux(socket: Path) -> None:
    """Stop every pane's processes on the server at *socket*, then kill the server."""
    groups = pane_groups(socket)
    for group in groups:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for _ in range(int(STOP_SECONDS / 0.1)):
        if not any(_alive(group) for group in groups) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    for group in groups:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True, timeout=10)
