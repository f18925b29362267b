"""Starting ``kerne console``: find the running session, check the way in, run the app."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp

from kerne_tui.catalog import Lang, t
from kerne_tui.console.app import ConsoleApp
from kerne_tui.console.client import ControlClient, Rejoin, SessionError, SessionRefused
from kerne_tui.control import NoRunningSession, find_running


def no_session_sentence(data_dir: Path, name: str | None, lang: Lang) -> str:
    """The one sentence ``kerne console`` says when there is nothing to attach to."""
    if name:
        return t(lang, "console.no_named_session", name=name, folder=data_dir)
    return t(lang, "console.no_session", folder=data_dir)


class ConsoleUnavailable(Exception):
    """There is nothing the console can attach to; the message is one sentence for the user."""


def run_console(data_dir: Path, name: str | None, lang: Lang) -> int:
    """Attach to the latest running session in *data_dir* (or the one *name* matches).

    Without one: :class:`ConsoleUnavailable` with one clear sentence, never a traceback (the
    command line prints it and exits with status 1).
    """
    try:
        info = find_running(data_dir, name)
    except NoRunningSession:
        raise ConsoleUnavailable(no_session_sentence(data_dir, name, lang)) from None
    rejoin = Rejoin(data_dir, info.session)
    return asyncio.run(_attach(ControlClient.for_runtime(info), data_dir, name, lang, rejoin))


async def _attach(
    client: ControlClient, data_dir: Path, name: str | None, lang: Lang, rejoin: Rejoin
) -> int:
    try:
        try:
            view = await client.state()
        except SessionRefused:
            raise ConsoleUnavailable(t(lang, "console.refused")) from None
        except (SessionError, aiohttp.ClientError, OSError, TimeoutError):
            raise ConsoleUnavailable(no_session_sentence(data_dir, name, lang)) from None
        # The app closes the client it ends with (a new one, if the session restarted).
        result = await ConsoleApp(client, view, rejoin).run_async()
        return result or 0
    finally:
        await client.close()
