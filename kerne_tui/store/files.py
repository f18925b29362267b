"""Durable file primitives: atomic replace with fsync, and one writer per session file."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any


def write_atomic(path: Path, payload: bytes | Sequence[bytes]) -> None:
    """Replace *path* with *payload* so that a crash leaves either the old or the new file.

    *payload* is the bytes, or pieces of them to be joined here: in a worker thread the join
    runs without the interpreter lock (CPython releases it for large joins), and the file gets
    one large write instead of one system call, and one wait for the lock, per piece.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, and the
    temporary file is renamed over the target; then the folder is fsynced so the rename itself
    survives a power cut (skipped where the system cannot open a folder, such as Windows).
    """
    temporary = temporary_path(path)
    try:
        with open_private(temporary) as handle:
            handle.write(payload if isinstance(payload, bytes) else b"".join(payload))
            handle.flush()
            full_fsync(handle.fileno())
        replace_with_retry(temporary, path)
    except BaseException:
        # A half-written temporary file (disk full, folder gone) is of no use to anyone.
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    fsync_folder(path.parent)


PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
"""Session files, reports and archives are this user's only, whatever the umask: a session
file holds the device-token key, the device hashes and the hidden texts."""


def open_private(path: Path) -> IO[bytes]:
    """Open *path* for writing (made or emptied), readable and writable by this user only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, PRIVATE_FILE)  # an existing file keeps its mode otherwise
        return os.fdopen(descriptor, "wb")
    except BaseException:
        os.close(descriptor)
        raise


def make_private_folder(folder: Path) -> bool:
    """Make *folder* (and its parents) if missing; the folder made is this user's only.

    Returns True when it was made here. A folder that exists keeps its mode: it may be one the
    user chose for other things too (the files kerne writes in it are private anyway).
    """
    if folder.is_dir():
        return False
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    os.chmod(folder, PRIVATE_FOLDER)  # the umask may have taken bits from mkdir's mode
    return True


REPLACE_TRIES = 8
REPLACE_PAUSE = 0.02
"""On Windows a rename over a file that another process holds open (an antivirus scanner, the
search indexer, ``kerne report``) fails with a permission error for a moment; it is tried this
many times, this many seconds apart at first and twice as long each time (2.5 s in all)."""


def full_fsync(descriptor: int) -> None:
    """Flush a file to the disk itself: on macOS ``fsync`` stops at the drive's cache, so
    ``F_FULLFSYNC`` is asked for (as SQLite's ``fullfsync`` does), with ``fsync`` where the
    file system refuses it."""
    fullfsync = getattr(fcntl_module(), "F_FULLFSYNC", None) if sys.platform == "darwin" else None
    if fullfsync is not None:
        try:
            fcntl_module().fcntl(descriptor, fullfsync)
            return
        except OSError:
            pass  # not every file system (network shares, some USB sticks) supports it
    os.fsync(descriptor)


def replace_with_retry(source: Path, target: Path) -> None:
    """``os.replace``, retried briefly where Windows refuses it while the target is held open.

    Elsewhere, or after the last try, the error is raised as it came (and the batch is refused
    as a storage error, which the screen shows).
    """
    pause = REPLACE_PAUSE
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == REPLACE_TRIES - 1:
                raise
        time.sleep(pause)
        pause *= 2


def fcntl_module() -> Any:
    """:mod:`fcntl` where it exists (not on Windows)."""
    import fcntl

    return fcntl


def temporary_path(path: Path) -> Path:
    """The temporary file this process writes before renaming it over *path*."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files a killed process left beside *path* (call with the lock held)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


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
        for _ in range(10):
            handle = open(self.path, "a+b")  # noqa: SIM115 - held open for the session's life
            try:
                _lock(handle)
            except OSError:
                handle.close()
                raise SessionLocked(str(self.path)) from None
            if _same_file(handle, self.path):
                self._handle = handle
                return
            # The holder released and removed the lock file between our open and our lock:
            # we locked an orphan that a third process would not see. Try the new file.
            handle.close()
        raise SessionLocked(str(self.path))

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


def _same_file(handle: IO[bytes], path: Path) -> bool:
    """True if *handle* is still the file at *path* (it was not removed or replaced)."""
    try:
        named = os.stat(path)
    except OSError:
        return False
    opened = os.fstat(handle.fileno())
    if sys.platform == "win32":
        # Windows cannot remove a file another process holds open, so it is the same one.
        return True
    return (opened.st_dev, opened.st_ino) == (named.st_dev, named.st_ino)


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
