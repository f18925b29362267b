"""The wall's terminal: Textual's driver, told what to do when the terminal goes away.

When the terminal is closed (its window shut, a remote shell dropped, the tmux session killed)
the process may not get SIGHUP (a parent that ignores it, ``nohup``, a pipe in between). The
terminal then answers every read at once with end-of-file, and Textual's input thread, which
waits for input with ``select`` and takes an empty read as nothing to do, selects and reads
again at once: one thread at 100 % of a core for as long as the process lives.

This driver stops reading at the first end-of-file or read error and says so once through
*on_lost* (from the input thread: the callback must be thread-safe). Its writes to a terminal
that is gone are dropped instead of raised, so the writer thread lives on and the app can exit
without waiting for a terminal that will never answer.
"""

from __future__ import annotations

import os
import selectors
import sys
from codecs import getincrementaldecoder
from collections.abc import Callable
from typing import IO, Any

from textual.driver import Driver

TerminalLost = Callable[[str], None]
"""Called once with a few words on why (end of file, the read error), from any thread."""


class _ForgivingOutput:
    """The terminal's output: once a write fails, everything after it is dropped."""

    def __init__(self, file: IO[str], on_lost: TerminalLost) -> None:
        self._file = file
        self._on_lost = on_lost
        self.lost = False

    def write(self, text: str) -> int:
        if not self.lost:
            try:
                self._file.write(text)
            except (OSError, ValueError) as error:
                self._gone(error)
        return len(text)

    def flush(self) -> None:
        if not self.lost:
            try:
                self._file.flush()
            except (OSError, ValueError) as error:
                self._gone(error)

    def _gone(self, error: Exception) -> None:
        self.lost = True
        self._on_lost(f"write: {error}")

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return self._file.isatty()


def lost_terminal_driver(on_lost: TerminalLost) -> type[Driver] | None:
    """The wall's driver class on Linux and macOS; None (Textual's own) on Windows."""
    if sys.platform == "win32":
        return None
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver

    class WallDriver(LinuxDriver):
        """Textual's Linux driver whose input stops at end-of-file and errors."""

        def __init__(self, app: Any, **options: Any) -> None:
            super().__init__(app, **options)
            told = False

            def once(why: str) -> None:
                nonlocal told
                if not told:
                    told = True
                    on_lost(why)

            self._lost = once
            if self._file is not None:
                self._file = _ForgivingOutput(self._file, once)  # type: ignore[assignment]

        def run_input_thread(self) -> None:
            """Read keys until the app stops, the terminal ends or a read fails."""
            selector = selectors.DefaultSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            parser = XTermParser(self._debug)
            decode = getincrementaldecoder("utf-8")(errors="replace").decode
            try:
                while not self.exit_event.is_set():
                    if selector.select(0.1):
                        try:
                            data = os.read(self.fileno, 4096)
                        except OSError as error:
                            self._lost(f"read: {error}")
                            return
                        if not data:
                            self._lost("end of file")
                            return
                        for message in parser.feed(decode(data)):
                            self.process_message(message)
                    for message in parser.tick():
                        self.process_message(message)
            finally:
                selector.close()

    return WallDriver
