"""The runtime file: how ``kerne console`` finds the running session on this laptop.

A running ``kerne run`` or ``kerne serve`` writes one small JSON file per session into the data
folder's ``.kerne-control`` folder: its local port, a random secret, its process id and the
session file. The file is readable by the user only, removed when the session stops, and a
file left behind by a crash is recognised (its process is gone, or its port does not answer).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

FOLDER = ".kerne-control"
"""The runtime files' folder inside the data folder (hidden: it holds no session data)."""
FILE_MODE = 0o600
CONNECT_SECONDS = 0.5
"""How long a stale file's port is given to answer before the file counts as left behind."""


@dataclass(frozen=True, slots=True)
class RuntimeInfo:
    """What a console needs to attach to one running session."""

    port: int
    secret: str
    pid: int
    session: str
    """The session file's path."""
    title: str
    join_url: str
    started: str
    phone_port: int = 0
    """The port the phones use (0 in files written before it was kept: use *port*)."""
    wall_lost: bool = False
    """True once the wall's terminal went away: the session runs on without its screen."""


class NoRunningSession(Exception):
    """No running session could be found (none, or only stale files, or not the one named)."""

    def __init__(self, folder: Path, name: str | None) -> None:
        super().__init__(f"{folder}: {name or 'no running session'}")
        self.folder = folder
        self.name = name


def runtime_folder(data_dir: Path) -> Path:
    """The folder of the runtime files of sessions kept in *data_dir*."""
    return data_dir / FOLDER


def new_secret() -> str:
    """The console's secret for one run: 256 random bits."""
    return secrets.token_urlsafe(32)


def write_runtime(data_dir: Path, info: RuntimeInfo) -> Path:
    """Write *info* for *info.session*, readable by the user only; returns its path.

    The file is made with mode 0600 from its first byte (never widened after the fact) and
    then moved into place, so a console never reads half of it.
    """
    folder = runtime_folder(data_dir)
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / f"{Path(info.session).stem}.json"
    temporary = folder / f".{path.name}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(asdict(info), handle)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    os.replace(temporary, path)
    return path


def remove_runtime(path: Path, pid: int | None = None) -> None:
    """Remove a runtime file, only if it is still this process's own (*pid*)."""
    owner = read_runtime(path)
    if owner is not None and pid is not None and owner.pid != pid:
        return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def read_runtime(path: Path) -> RuntimeInfo | None:
    """The runtime file at *path*, or None if it is missing or not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return RuntimeInfo(
            port=int(data["port"]),
            secret=str(data["secret"]),
            pid=int(data["pid"]),
            session=str(data["session"]),
            title=str(data.get("title", "")),
            join_url=str(data.get("join_url", "")),
            started=str(data.get("started", "")),
            phone_port=int(data.get("phone_port", 0)),
            wall_lost=data.get("wall_lost") is True,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def mark_wall_lost(data_dir: Path, path: Path) -> None:
    """Say in this process's runtime file that its wall is gone (the session runs on)."""
    info = read_runtime(path)
    if info is not None and info.pid == os.getpid() and not info.wall_lost:
        write_runtime(data_dir, replace(info, wall_lost=True))


def process_alive(pid: int) -> bool:
    """True if a process with *pid* exists (on Windows this cannot be asked safely: True)."""
    if sys.platform == "win32":
        # os.kill(pid, 0) on Windows sends Ctrl+C (signal 0 is CTRL_C_EVENT): the port decides.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def port_answers(port: int, timeout: float = CONNECT_SECONDS) -> bool:
    """True if something accepts a connection on 127.0.0.1:*port*."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def is_stale(info: RuntimeInfo) -> bool:
    """True for a file left behind: its process is gone, or nothing listens on its port."""
    return not process_alive(info.pid) or not port_answers(info.port)


def running_sessions(data_dir: Path) -> list[RuntimeInfo]:
    """The sessions running from *data_dir*, newest first; files left behind are removed."""
    found: list[RuntimeInfo] = []
    folder = runtime_folder(data_dir)
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        info = read_runtime(path)
        if info is None:
            continue
        if is_stale(info):
            if not process_alive(info.pid):
                with contextlib.suppress(OSError):
                    path.unlink()
            continue
        found.append(info)
    found.sort(key=lambda info: info.started, reverse=True)
    return found


def find_running(data_dir: Path, name: str | None = None) -> RuntimeInfo:
    """The latest running session, or the one whose file name or join code contains *name*."""
    for info in running_sessions(data_dir):
        if not name or name.lower() in Path(info.session).name.lower():
            return info
    raise NoRunningSession(data_dir, name)


@contextlib.contextmanager
def published(
    data_dir: Path,
    *,
    port: int,
    secret: str,
    session: Path,
    title: str,
    join_url: str,
    phone_port: int = 0,
) -> Iterator[Path]:
    """Keep this process's runtime file in place for the duration of the block."""
    info = RuntimeInfo(
        port=port,
        secret=secret,
        pid=os.getpid(),
        session=str(session),
        title=title,
        join_url=join_url,
        started=datetime.now(UTC).isoformat(timespec="seconds"),
        phone_port=phone_port,
    )
    path = write_runtime(data_dir, info)
    try:
        yield path
    finally:
        remove_runtime(path, info.pid)
