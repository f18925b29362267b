"""How ``kerne run`` holds its wall: the terminal may go away, and the room goes on.

The wall (the Textual app) ends in one of four ways: the facilitator quits it; the process is
asked to stop (SIGINT, SIGTERM); a new ``kerne run --resume`` asks for the session over the
control channel (the handover); or its terminal goes away (SIGHUP, or end-of-file or an error
on the terminal, which the wall's driver reports). In the last case the wall closes without
waiting for the terminal, the log says so once, the runtime file is marked, and the session
runs on as ``kerne serve`` would: the phones are answered, the timer keeps time, the console
and a paired remote steer it, until it is stopped or handed over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from typing import Protocol

from kerne_tui.control import ControlCenter
from kerne_tui.hosting import on_stop_signals

log = logging.getLogger("kerne")


class Wall(Protocol):
    """What the host needs of the wall's app."""

    @property
    def is_running(self) -> bool: ...

    def exit(self) -> None: ...

    async def run_async(self) -> None: ...


class WallHost:
    """What ends the wall of one ``kerne run``, and what the room does after it."""

    def __init__(self, control: ControlCenter) -> None:
        self.control = control
        self.loop = asyncio.get_running_loop()
        self.stop = asyncio.Event()
        """Set when the process should end: a stop signal, or the session was handed over."""
        self.lost: str | None = None
        """Why the terminal went away, once it has."""
        self.wall: Wall | None = None
        control.on_handover(self._stopped)
        on_stop_signals(self._stopped)
        hang_up = getattr(signal, "SIGHUP", None)
        if hang_up is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                self.loop.add_signal_handler(hang_up, self._lost, "hang-up signal")

    def terminal_lost(self, why: str) -> None:
        """The wall's driver found the terminal gone (called from its input thread)."""
        with contextlib.suppress(RuntimeError):  # the loop has closed: nothing left to do
            self.loop.call_soon_threadsafe(self._lost, why)

    async def run(self, wall: Wall) -> None:
        """Show *wall* until it ends; after a lost terminal, serve on until stopped."""
        self.wall = wall
        if self.lost is None and not self.stop.is_set():
            await wall.run_async()
        self.wall = None
        if self.lost is not None and not self.stop.is_set():
            detach_from_terminal()
            await self.stop.wait()

    def _lost(self, why: str) -> None:
        if self.lost is None:
            self.lost = why
            log.warning(
                "the wall's terminal went away (%s): the phones are served on, "
                "the console and a paired remote steer the session; "
                "bring the wall back with: kerne run --resume",
                why,
            )
            self.control.wall_lost()
        self._close_wall()

    def _stopped(self) -> None:
        self.stop.set()
        self._close_wall()

    def _close_wall(self) -> None:
        if self.wall is not None and self.wall.is_running:
            self.wall.exit()


def detach_from_terminal() -> None:
    """Point standard input, output and error at the null device: the terminal is gone.

    Nothing reads from a terminal that answers end-of-file at once, and a late print or a
    warning at exit goes nowhere instead of failing on a terminal that is no longer there.
    """
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return
    try:
        for descriptor in (0, 1, 2):
            with contextlib.suppress(OSError):
                os.dup2(null, descriptor)
    finally:
        os.close(null)
