"""Taking a running session's wall into this terminal (``kerne run --resume``).

A session whose wall's terminal went away runs on in its old process. ``kerne run --resume``
finds it by its runtime file, asks whether to bring its wall here, and asks the old process
over the control channel (127.0.0.1, the console's secret) to hand the session over: the old
process writes everything, closes its phone server, releases the session file, removes its
runtime file and exits. This process then opens the session on the same port, so the phones'
pages reconnect by themselves. Without ``--resume``, ``kerne run`` says that a session is still
running without its wall and how to take it back.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from kerne_tui.catalog import Lang, t
from kerne_tui.control.runtime import RuntimeInfo, process_alive, running_sessions
from kerne_tui.settings import Settings, data_folder
from kerne_tui.user_errors import UserError

CONSOLE_HEADER = "X-Kerne-Console"
"""The header of the console's secret (``web/control.py``; the cli does not import the web)."""
ASK_SECONDS = 10.0
GONE_SECONDS = 30.0
"""How long the old process is given to write everything and exit."""
POLL_SECONDS = 0.1

Ask = Callable[[str], str]
"""Asks a question and returns the answer typed; EOFError when no one can answer."""


def ask_on_terminal(question: str) -> str:
    """Ask on the terminal the wall would open on; EOFError without one (output to a pipe)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise EOFError
    return input(question)


def running_session_first(
    settings: Settings, lang: Lang, ask: Ask = ask_on_terminal
) -> Settings | None:
    """The settings to open the session with, once a running one has been dealt with.

    Returns None when the facilitator chose to leave the running session where it is. Raises
    UserError when ``kerne run`` without ``--resume`` finds a session running without its
    wall, or when the handover fails.
    """
    running = running_sessions(settings.data_dir)
    if not settings.resuming:
        lost = [info for info in running if info.wall_lost]
        if lost:
            raise UserError(
                t(lang, "cli.running.wall_lost", title=lost[0].title, pid=lost[0].pid),
                t(lang, "cli.running.wall_lost.hint", where=_where(settings)),
            )
        return settings
    wanted = (settings.resume or "").lower()
    found = [info for info in running if not wanted or _names(info, wanted)]
    if not found:
        return settings
    info = found[0]
    answer = _answer(ask, t(lang, "cli.running.ask", title=info.title, pid=info.pid), lang)
    if answer is None:
        return settings  # nobody to ask (no terminal): the session file's lock answers as ever
    if not answer:
        return None
    hand_over(info, lang)
    return dataclasses.replace(
        settings, resume=info.session, plan=None, port=info.phone_port or settings.port
    )


def _names(info: RuntimeInfo, wanted: str) -> bool:
    return wanted in Path(info.session).name.lower()


def _where(settings: Settings) -> str:
    """The ``--data-dir`` to add to the hint, unless the folder is the one found without it."""
    return "" if settings.data_dir == data_folder(None) else f" --data-dir {settings.data_dir}"


def _answer(ask: Ask, question: str, lang: Lang) -> bool | None:
    """Yes (Enter included) or no; None when there is nothing to read an answer from."""
    try:
        answer = ask(question).strip().lower()
    except EOFError:
        return None
    return answer == "" or answer in t(lang, "cli.running.yes").split(",")


def hand_over(info: RuntimeInfo, lang: Lang, *, seconds: float = GONE_SECONDS) -> None:
    """Ask the process of *info* to hand its session over, and wait until it has exited."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{info.port}/control/handover",
        data=b"{}",
        method="POST",
        headers={CONSOLE_HEADER: info.secret, "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=ASK_SECONDS) as response:
            response.read()
    except urllib.error.HTTPError as refused:
        raise _refused(info, _message(refused), lang) from None
    except OSError as error:
        raise _refused(info, str(getattr(error, "reason", error)), lang) from None
    deadline = time.monotonic() + seconds
    for _ in range(int(seconds / POLL_SECONDS) + 1):
        if ended(info.pid) or time.monotonic() > deadline:
            break
        time.sleep(POLL_SECONDS)
    if not ended(info.pid):
        raise UserError(t(lang, "cli.running.still_there", pid=info.pid, seconds=int(seconds)))


def ended(pid: int) -> bool:
    """True once process *pid* has exited (an exited process its parent has not yet reaped,
    as an orphan whose terminal went away may stay, counts as ended)."""
    if not process_alive(pid):
        return True
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")
    return False


def _message(refused: urllib.error.HTTPError) -> str:
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        return str(json.loads(refused.read())["error"]["message"])
    return f"HTTP {refused.code}"


def _refused(info: RuntimeInfo, reason: str, lang: Lang) -> UserError:
    return UserError(
        t(lang, "cli.running.refused", pid=info.pid, reason=reason),
        t(lang, "cli.running.refused.hint"),
    )
