"""What the wall shows of the answers just now: which page, whether it turns, the spotlight.

Session state shared by the three views: the wall turns pages by itself and by key, the
console and the remote turn them and pick one answer for the spotlight through named
commands. The wall alone knows how many pages its terminal holds and reports that here, so
the console and the remote can say "page 2 of 5" too. Nothing here is written to the session
file: a restarted wall starts again at the first page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_PAGE_SECONDS = 8
"""How long a page stays before the wall turns it, unless the plan says ``page_seconds``."""

SHOWING_COMMANDS = ("page_next", "page_previous", "page_hold", "spotlight")
"""The named commands of paging and the spotlight (the wall's PageDown, PageUp, b and l)."""


@dataclass(frozen=True, slots=True)
class ShowingChanged:
    """The page, the turning or the spotlight changed (the wall redraws its answers)."""


ShowingListener = Callable[[ShowingChanged], None]


class Showing:
    """The page on the wall, whether the pages turn by themselves, and the spotlight."""

    def __init__(self, monotonic: Callable[[], float], page_seconds: float) -> None:
        self._monotonic = monotonic
        self.page_seconds = page_seconds
        self.page = 0
        """The page on show, counted from 0."""
        self.pages = 1
        """How many pages the wall needs for the answers on show (reported by the wall)."""
        self.held = False
        """The facilitator stopped the pages from turning by themselves."""
        self.spotlight: str | None = None
        """The id of the one answer the wall shows alone, large."""
        self._turned_at = monotonic()
        self._listeners: list[ShowingListener] = []

    def subscribe(self, listener: ShowingListener) -> Callable[[], None]:
        """Call *listener* after every change; returns a function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _changed(self) -> None:
        for listener in list(self._listeners):
            try:
                listener(ShowingChanged())
            except Exception:
                log.exception("a showing listener failed")

    # --- what the wall reports ------------------------------------------------------------
    def fit(self, pages: int) -> None:
        """The answers on show take *pages* pages on the wall now (a new step, a resize)."""
        pages = max(1, pages)
        if pages == self.pages and self.page < pages:
            return
        self.pages = pages
        self.page = min(self.page, pages - 1)
        self._changed()

    def reset(self) -> None:
        """Another step's answers: first page, no spotlight, turning again."""
        if self.page == 0 and self.spotlight is None and not self.held:
            self._turned_at = self._monotonic()
            return
        self.page = 0
        self.spotlight = None
        self.held = False
        self._turned_at = self._monotonic()
        self._changed()

    def due(self) -> bool:
        """True when the page has stood its time and should turn by itself."""
        if self.held or self.spotlight is not None or self.pages <= 1:
            return False
        return self._monotonic() - self._turned_at >= self.page_seconds

    # --- the commands ---------------------------------------------------------------------
    def turn(self, by: int) -> None:
        """Go *by* pages on (back when negative), round the end to the start."""
        self._turned_at = self._monotonic()
        if self.pages <= 1:
            return
        self.page = (self.page + by) % self.pages
        self._changed()

    def toggle_hold(self) -> bool:
        """Stop the pages turning by themselves, or let them turn again; True when held now."""
        self.held = not self.held
        self._turned_at = self._monotonic()
        self._changed()
        return self.held

    def set_spotlight(self, answer_id: str | None) -> None:
        """Show the answer *answer_id* alone on the wall (None: the answers again)."""
        if answer_id == self.spotlight:
            return
        self.spotlight = answer_id
        self._turned_at = self._monotonic()
        self._changed()

    def as_json(self) -> dict[str, Any]:
        """The paging and the spotlight as the console and the remote read them."""
        return {
            "page": self.page + 1,
            "pages": self.pages,
            "held": self.held,
            "spotlight": self.spotlight,
            "page_seconds": self.page_seconds,
        }


def perform_showing(showing: Showing, command: str, answer_id: str | None) -> str | None:
    """Run one of :data:`SHOWING_COMMANDS`; returns a catalog key for a notice, if any."""
    if command == "page_next":
        showing.turn(1)
        return None
    if command == "page_previous":
        showing.turn(-1)
        return None
    if command == "page_hold":
        return "control.paging.held" if showing.toggle_hold() else "control.paging.turning"
    if command == "spotlight":
        showing.set_spotlight(answer_id or None)
        return "control.spotlight.on" if answer_id else "control.spotlight.off"
    raise ValueError(command)
