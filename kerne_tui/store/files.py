"""Durable file primitives: atomic replace with fsync, and one writer per session file."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO


def write_atomic(path: Path, payload: bytes) -> None:
    """Replace *path* with *payload* so that a crash leaves either the old or the new file.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, and the
    temporary file is renamed over the target; then the folder is fsynced so the rename itself
    survives a power cut (skipped where the system cannot open a folder, such as Windows).
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in *folder* durable where the platform allows it."""
    if sys.platform == "win32":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


class SessionLocked(Exception):
    """Another kerne process already holds this session file."""


class WriterLock:
    """An exclusive lock beside a session file, released by the system if the process dies."""

    def __init__(self, session_path: Path) -> None:
        self.path = session_path.with_name(session_path.name + ".lock")
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        """Take the lock or raise :class:`SessionLocked`."""
        handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the session's life
        try:
            _lock(handle)
        except OSError:
            handle.close()
            raise SessionLocked(str(self.path)) from None
        self._handle = handle

    def release(self) -> None:
        """Give the lock back and remove the lock file."""
        if self._handle is None:
            return
        with contextlib.suppress(OSError):
            _unlock(self._handle)
        self._handle.close()
        self._handle = None
        with contextlib.suppress(OSError):
            self.path.unlink()


if sys.platform == "win32":
    import msvcrt

    def _lock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
