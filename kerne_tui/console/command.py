"""Starting ``kerne console``: find the running session, check the way in, run the app."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import aiohttp

from kerne_tui.catalog import Lang, t
from kerne_tui.console.app import ConsoleApp
from kerne_tui.console.client import ControlClient, SessionError, SessionRefused
from kerne_tui.control import NoRunningSession, find_running


def no_session_sentence(data_dir: Path, name: str | None, lang: Lang) -> str:
    """The one sentence ``kerne console`` says when there is nothing to attach to."""
    if name:
        return t(lang, "console.no_named_session", name=name, folder=data_dir)
    return t(lang, "console.no_session", folder=data_dir)


def run_console(data_dir: Path, name: str | None, lang: Lang) -> int:
    """Attach to the latest running session in *data_dir* (or the one *name* matches).

    Without one: one clear sentence on stderr and exit status 1, never a traceback.
    """
    try:
        info = find_running(data_dir, name)
    except NoRunningSession:
        print(no_session_sentence(data_dir, name, lang), file=sys.stderr)
        return 1
    return asyncio.run(_attach(ControlClient.for_runtime(info), data_dir, name, lang))


async def _attach(client: ControlClient, data_dir: Path, name: str | None, lang: Lang) -> int:
    try:
        try:
            view = await client.state()
        except SessionRefused:
            print(t(lang, "console.refused"), file=sys.stderr)
            return 1
        except (SessionError, aiohttp.ClientError, OSError, TimeoutError):
            print(no_session_sentence(data_dir, name, lang), file=sys.stderr)
            return 1
        result = await ConsoleApp(client, view).run_async()
        return result or 0
    finally:
        await client.close()
