"""Facilitator commands: the guard that turns refusals into notices, and the command palette."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from functools import partial
from typing import Any, TypeVar

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from kerne_tui.catalog import Lang, t
from kerne_tui.store import StoreWriteError
from kerne_tui.tui.keys import KeyedScreen, palette_entries
from kerne_tui.workshop import CommandNotSaved, Refused

log = logging.getLogger(__name__)
T = TypeVar("T")


async def guarded(app: App[Any], lang: Lang, call: Awaitable[T]) -> tuple[bool, T | None]:
    """Await a workshop command; a refusal or a failed write becomes a notice, never a crash."""
    try:
        return True, await call
    except Refused as refused:
        app.notify(refused.message(lang), severity="warning", markup=False)
    except CommandNotSaved:
        # Undone in memory already; the wall says so when the workshop tells it (CommandUndone),
        # whichever surface (wall, console, remote) gave the command.
        log.exception("a facilitator command could not be written and was undone")
    except StoreWriteError:
        log.exception("a facilitator command could not be written")
        app.notify(t(lang, "tui.error.storage"), severity="error", markup=False, timeout=15)
    return False, None


PALETTE: list[tuple[str, str, bool]] = palette_entries()
"""(action, catalog key of its title, whether the screen on top carries it out), from the keys."""


class FacilitatorCommands(Provider):
    """The same commands as the keys, findable by name in the command palette (ctrl+p)."""

    def _commands(self) -> list[tuple[str, Any]]:
        screen = self.screen
        if not isinstance(screen, KeyedScreen):
            return []
        found: list[tuple[str, Any]] = []
        for action, key, on_screen in PALETTE:
            namespace: DOMNode = screen if on_screen else self.app
            if on_screen and not screen.check_action(action, ()):
                continue
            found.append((t(screen.lang, key), partial(self.app.run_action, action, namespace)))
        return found

    async def discover(self) -> Hits:
        for title, run in self._commands():
            yield DiscoveryHit(title, run, text=title)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, text=title)
