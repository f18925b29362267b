"""A log that cannot flood: size-capped and rotated, repeats folded, no tracebacks for load.

``kerne.log`` sits beside the session file on the same disk. A room that arrives faster than
files can be opened used to write tens of megabytes a second there; now the file rotates at
:data:`MAX_BYTES` through :data:`BACKUPS` old copies, the same message repeated within a minute
is written once and then as one line with its count, and conditions that are expected under
load (out of open files, a phone that hung up) are written as one line without a traceback.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import logging.handlers
import sys
from collections import OrderedDict
from pathlib import Path
from typing import Any

MAX_BYTES = 2_000_000
BACKUPS = 3
WINDOW_SECONDS = 60.0
KEYS_KEPT = 256
"""Different messages followed for repeats at the same time; the oldest is let go first."""
EXPECTED_ERRNOS = frozenset(
    {
        errno.EMFILE,
        errno.ENFILE,
        errno.ENOBUFS,
        errno.ENOMEM,
        errno.ECONNRESET,
        errno.ECONNABORTED,
        errno.EPIPE,
        errno.ETIMEDOUT,
    }
)
"""Errors a full room produces: they say something about the load, not about kerne's code."""

log = logging.getLogger("kerne.load")


def expected_under_load(error: BaseException | None) -> bool:
    """True for an error that a crowded room causes and whose traceback tells nothing."""
    if isinstance(error, ConnectionError):
        return True
    return isinstance(error, OSError) and error.errno in EXPECTED_ERRNOS


class FoldingHandler(logging.Handler):
    """Hands records on to *target*, folding repeats and dropping tracebacks of load errors."""

    def __init__(self, target: logging.Handler, window: float = WINDOW_SECONDS) -> None:
        super().__init__(target.level)
        self.target = target
        self.window = window
        self._seen: OrderedDict[tuple[Any, ...], list[Any]] = OrderedDict()
        """Per message: [start of its window, repeats held back, the last such record]."""

    def emit(self, record: logging.LogRecord) -> None:
        _drop_expected_traceback(record)
        now = record.created
        self._release_expired(now)
        key = _key(record)
        seen = self._seen.get(key)
        if seen is not None and now - seen[0] < self.window:
            seen[1] += 1
            seen[2] = record
            return
        self._seen[key] = [now, 0, record]
        self._seen.move_to_end(key)
        while len(self._seen) > KEYS_KEPT:
            _, (_, count, last) = self._seen.popitem(last=False)
            self._summary(count, last)
        self.target.handle(record)

    def _release_expired(self, now: float) -> None:
        for key, (start, count, last) in list(self._seen.items()):
            if now - start >= self.window:
                del self._seen[key]
                self._summary(count, last)

    def _summary(self, count: int, last: logging.LogRecord) -> None:
        if not count:
            return
        text = last.getMessage().splitlines()[0] if last.getMessage() else ""
        summary = logging.LogRecord(
            last.name,
            last.levelno,
            last.pathname,
            last.lineno,
            "%s (repeated %s times in the last minute)",
            (text, f"{count:,}"),
            None,
        )
        summary.created = last.created
        self.target.handle(summary)

    def flush(self) -> None:
        self.target.flush()

    def close(self) -> None:
        """Write what is still held back, then close the file."""
        for _, count, last in self._seen.values():
            self._summary(count, last)
        self._seen.clear()
        self.target.close()
        super().close()

    def setFormatter(self, fmt: logging.Formatter | None) -> None:
        super().setFormatter(fmt)
        self.target.setFormatter(fmt)


def _key(record: logging.LogRecord) -> tuple[Any, ...]:
    error = record.exc_info[1] if record.exc_info else None
    return (record.name, record.levelno, record.getMessage()[:200], type(error).__name__)


def _drop_expected_traceback(record: logging.LogRecord) -> None:
    error = record.exc_info[1] if record.exc_info else None
    if error is None or not expected_under_load(error):
        return
    record.msg = f"{record.getMessage()}: {type(error).__name__}: {error}"
    record.args = None
    record.exc_info = None
    record.exc_text = None


def log_handlers(path: Path, *, to_stderr: bool) -> list[logging.Handler]:
    """The handlers of ``kerne.log`` (capped, rotated, folded) and, if wanted, of stderr."""
    file = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [FoldingHandler(file)]
    if to_stderr:
        handlers.append(FoldingHandler(logging.StreamHandler(sys.stderr)))
    return handlers


def quiet_accept_errors(loop: asyncio.AbstractEventLoop) -> None:
    """Write the loop's errors from a full room as one line each, without a traceback.

    asyncio reports a failing ``accept`` (out of open files) through the loop's exception
    handler, once per waiting connection; the folding handler then counts the repeats.
    """
    previous = loop.get_exception_handler()

    def handle(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        error = context.get("exception")
        if isinstance(error, BaseException) and expected_under_load(error):
            log.warning("%s: %s", context.get("message", "event loop"), error)
            return
        if previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    if getattr(previous, "kerne_quiet", False):
        return
    handle.kerne_quiet = True  # type: ignore[attr-defined]
    loop.set_exception_handler(handle)
