"""Deleting a session from the laptop: its session file and the files kerne wrote beside it.

``kerne sessions --delete NAME`` and the offer after archiving both come here. The session's
writer lock tells whether it still runs: a session another kerne holds is refused, never
deleted under it. While the lock is held here, the session file, its reports written beside
it by ``kerne report``, and any temporary file a killed write left are removed; the lock file
goes last. The archives stay: they are the workplace's record, and deleting one is deleting
its zip (``archived_copies`` names them).
"""

from __future__ import annotations

import contextlib
import glob
from dataclasses import dataclass
from pathlib import Path

from kerne_tui.archive.export import FORMATS, default_report_path
from kerne_tui.archive.status import is_archived
from kerne_tui.store import ARCHIVES, SessionLocked, SessionSummary
from kerne_tui.store.files import WriterLock, fsync_folder
from kerne_tui.store.journal import journal_path

__all__ = ["Deletion", "SessionLocked", "archived_copies", "delete_session", "session_files"]


@dataclass(frozen=True, slots=True)
class Deletion:
    """What deleting a session removed."""

    removed: tuple[Path, ...]


def session_files(path: Path) -> list[Path]:
    """The session file and the files kerne wrote beside it, those that exist."""
    # The journal holds the newest answers until they are folded into the file.
    beside = [journal_path(path), *(default_report_path(path, fmt) for fmt in FORMATS)]
    # A write killed half-way leaves a temporary copy (store/files.py): it holds the data too.
    left = sorted(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    return [file for file in (path, *beside, *left) if file.exists()]


def archived_copies(summary: SessionSummary, data_dir: Path) -> list[Path]:
    """The zips in the data folder's archives made of this session (they are kept)."""
    archives = data_dir / ARCHIVES
    if not is_archived(summary, archives):
        return []
    return sorted(archives.glob(f"*{glob.escape(summary.join_code)}*.zip"))


def delete_session(path: Path) -> Deletion:
    """Remove the session at *path* and its files; :class:`SessionLocked` if it runs.

    The writer lock is taken first, so no kerne can open the session while it goes, and one
    that runs it refuses the lock. A file that is already gone is no error.
    """
    lock = WriterLock(path)
    lock.acquire()
    removed = []
    try:
        for file in session_files(path):
            with contextlib.suppress(FileNotFoundError):
                file.unlink()
                removed.append(file)
    finally:
        lock.release()
    with contextlib.suppress(OSError):
        fsync_folder(path.parent)
    return Deletion(tuple(removed))
