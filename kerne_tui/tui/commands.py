"""Facilitator commands: the guard that turns refusals into notices, and the command palette."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from kerne_tui.catalog import Lang, t
from kerne_tui.store import StoreWriteError
from kerne_tui.workshop import Refused

if TYPE_CHECKING:
    from kerne_tui.tui.app import KerneApp

log = logging.getLogger(__name__)
T = TypeVar("T")


async def guarded(app: App[Any], lang: Lang, call: Awaitable[T]) -> tuple[bool, T | None]:
    """Await a workshop command; a refusal or a failed write becomes a notice, never a crash."""
    try:
        return True, await call
    except Refused as refused:
        app.notify(refused.message(lang), severity="warning", markup=False)
    except StoreWriteError:
        log.exception("a facilitator command could not be written")
        app.notify(t(lang, "tui.error.storage"), severity="error", markup=False, timeout=15)
    return False, None


PALETTE: list[tuple[str, str, bool]] = [
    ("toggle_timer", "tui.key.timer.long", False),
    ("next_step", "tui.key.next.long", False),
    ("previous_step", "tui.key.previous.long", False),
    ("extend", "tui.key.extend.long", False),
    ("toggle_reveal", "tui.key.reveal.long", False),
    ("show_qr", "tui.key.qr.long", False),
    ("show_agenda", "tui.key.agenda.long", False),
    ("pin", "tui.key.pin.long", False),
    ("show_notes", "tui.key.notes.long", False),
    ("toggle_theme", "tui.key.theme.long", False),
    ("close_session", "tui.key.close.long", False),
    ("quit", "tui.key.quit.long", False),
    ("help", "tui.key.help.long", False),
    ("select_next", "tui.key.select.long", True),
    ("hide_selected", "tui.key.hide.long", True),
    ("merge_selected", "tui.key.merge.long", True),
    ("show_hidden", "tui.cmd.show_hidden", True),
]
"""(action, catalog key of its title, whether it acts on the main screen's selection)."""


class FacilitatorCommands(Provider):
    """The same commands as the keys, findable by name in the command palette (ctrl+p)."""

    def _commands(self) -> list[tuple[str, Any]]:
        app: KerneApp = self.app  # type: ignore[assignment]
        found: list[tuple[str, Any]] = []
        for action, key, on_main in PALETTE:
            namespace = app.main if on_main else app
            found.append((t(app.lang, key), partial(app.run_action, action, namespace)))
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
