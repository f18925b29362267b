"""What the session file holds, named once: its status values (more of the layout follows)."""

from __future__ import annotations

from enum import StrEnum


class SessionStatus(StrEnum):
    """Where a session is in its day, as the session file and the phone API spell it."""

    WAITING = "waiting"
    RUNNING = "running"
    FINISHED = "finished"
