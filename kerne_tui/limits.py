"""How many phones this laptop can hold: the open-files limit, raised where the system allows.

Every phone holds two connections (its event stream and its requests), and on macOS and Linux
each connection is an open file. A terminal on macOS starts with 256 of them and most Linux
desktops with 1,024, while the hard limit, which a process may raise its own soft limit to, is
usually far higher. On Windows the Proactor event loop has no such limit.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from types import ModuleType

from kerne_tui.catalog import Lang, t

FILES_KEPT = 48
"""Open files kerne keeps for itself: the session file and its lock, the temporary file of a
write and the folder it fsyncs, the log, the terminal, Textual's pipes, the loop's selector and
self-pipe, the listening socket, and modules imported late."""
REFUSAL_SHARE = 8
"""One connection in this many of what is left is kept for answering "full" quickly."""
CONNECTIONS_PER_PHONE = 2
FULL_ROOM = 500
"""Phones a facilitator may expect in a large room; below this the screen says so."""
MACOS_TRIES = (1_048_576, 524_288, 245_760, 122_880, 65_536, 24_576, 12_288, 10_240, 8_192, 4_096)
"""Soft limits tried from the top down where the hard limit is "unlimited" or refused: macOS
accepts no value above its per-process maximum (``kern.maxfilesperproc``, often 10,240 or
245,760), whatever the hard limit says."""
NO_LIMIT = sys.maxsize


@dataclass(frozen=True, slots=True)
class Capacity:
    """What this process may keep open, and what that means for phones."""

    files: int
    """The soft open-files limit after raising (:data:`NO_LIMIT` where there is none)."""
    before: int
    """The soft limit kerne was started with."""
    hard: int
    connections: int
    """Open connections kerne keeps at most (phones' streams and requests together)."""
    refusals: int
    """Connections beyond that which are answered "full, try again" and closed at once."""

    @property
    def phones(self) -> int:
        """How many phones fit, each with its stream and a request connection."""
        return self.connections // CONNECTIONS_PER_PHONE

    @property
    def streams(self) -> int:
        """Event streams taken at most: half the connections, so requests always have room."""
        return max(1, self.connections // CONNECTIONS_PER_PHONE)

    @property
    def short(self) -> bool:
        """True when a full room will not fit, so the facilitator should be told."""
        return self.files != NO_LIMIT and self.phones < FULL_ROOM


def capacity_for(files: int, before: int | None = None, hard: int | None = None) -> Capacity:
    """The connection cap and refusal reserve for a soft limit of *files* open files."""
    if files == NO_LIMIT:
        return Capacity(NO_LIMIT, NO_LIMIT, NO_LIMIT, NO_LIMIT // 4, 256)
    usable = max(8, files - FILES_KEPT)
    refusals = max(4, usable // REFUSAL_SHARE)
    return Capacity(
        files,
        files if before is None else before,
        files if hard is None else hard,
        max(4, usable - refusals),
        refusals,
    )


def take_open_files(resource_module: ModuleType | None = None) -> Capacity:
    """Raise the soft open-files limit as far as the system allows, and say what it holds.

    *resource_module* stands in for :mod:`resource` in tests. Where there is none (Windows),
    the loop has no open-files limit and nothing is changed.
    """
    module = resource_module if resource_module is not None else _resource()
    if module is None:
        return capacity_for(NO_LIMIT)
    soft, hard = module.getrlimit(module.RLIMIT_NOFILE)
    infinity = module.RLIM_INFINITY
    if soft == infinity:
        return capacity_for(NO_LIMIT)
    wanted = [hard] if hard != infinity else []
    wanted += [value for value in MACOS_TRIES if value < (NO_LIMIT if hard == infinity else hard)]
    for value in wanted:
        if value <= soft:
            break
        try:
            module.setrlimit(module.RLIMIT_NOFILE, (value, hard))
        except (ValueError, OSError):
            continue
        return capacity_for(value, soft, hard)
    return capacity_for(soft, soft, hard)


def capacity_notice(capacity: Capacity | None, lang: Lang) -> list[str]:
    """One plain line for the screen and stderr when a full room will not fit; else none."""
    if capacity is None or not capacity.short:
        return []
    short = t(lang, "limits.short", phones=f"{capacity.phones:,}", files=f"{capacity.files:,}")
    return [f"{short} {t(lang, 'limits.short.hint')}"]


def _resource() -> ModuleType | None:
    try:
        import resource
    except ImportError:
        return None
    return resource
