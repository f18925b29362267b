"""The session's event bus: the screen and the phones' live channel listen to it."""

from __future__ import annotations

import logging
from collections.abc import Callable

from kerne_tui.workshop.model import Event

log = logging.getLogger(__name__)

Listener = Callable[[Event], None]


class EventBus:
    """Calls every listener with every event, in the order they subscribed.

    A listener that raises is logged and the others still hear the event: one broken view
    must not keep the others from updating.
    """

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call *listener* with every event; returns a function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, event: Event) -> None:
        """Tell every listener about *event*."""
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("a listener failed on %r", event)
