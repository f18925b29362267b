"""What goes wrong when an archive or a report is written, and what a failed run left behind."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
from pathlib import Path

PART_PREFIX = ".kerne-archive-"
PART_SUFFIX = ".part"
_PART = re.compile(rf"^{re.escape(PART_PREFIX)}(\d+)-.*{re.escape(PART_SUFFIX)}$")
STALE_SECONDS = 600
"""A temporary archive without a living writer's process id is left this long (a run of an
older kerne may still be writing it) before the next run removes it."""


class WriteFailed(OSError):
    """An archive or a report could not be written in *folder*; *error* says why.

    Still an :class:`OSError` with the cause's number, for callers that catch those.
    """

    def __init__(self, folder: Path, error: OSError) -> None:
        super().__init__(error.errno, error.strerror or str(error))
        self.folder = folder
        self.error = error


def part_prefix() -> str:
    """The start of this process's temporary archive names: its process id is in them."""
    return f"{PART_PREFIX}{os.getpid()}-"


def remove_stale_parts(folder: Path) -> list[Path]:
    """Delete temporary archives that a killed run left in *folder*; return what went."""
    removed = []
    for part in folder.glob(f"{PART_PREFIX}*{PART_SUFFIX}"):
        match = _PART.match(part.name)
        if sys.platform == "win32":
            match = None  # os.kill(pid, 0) would send Ctrl+C there: only the age tells
        if match is not None and _alive(int(match.group(1))):
            continue
        if match is None and _age(part) < STALE_SECONDS:
            continue
        with contextlib.suppress(OSError):
            part.unlink()
            removed.append(part)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: leave its file
    return True


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0
