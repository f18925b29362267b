"""Server-Sent Events: one small message per change of step or timer, to every phone."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from kerne_tui.workshop import (
    ContributionModerated,
    Event,
    SessionClosed,
    StepClosed,
    StepOpened,
    TimerChanged,
    Workshop,
)

_CLOSE = b""


class LiveHub:
    """Fans the step's public state out to every connected phone, serialised once per change."""

    def __init__(self, workshop: Workshop, render: Callable[[], bytes]) -> None:
        self._workshop = workshop
        self._render = render
        self._queues: set[asyncio.Queue[bytes]] = set()
        self._unsubscribe = workshop.subscribe(self._on_event)
        self.messages_sent = 0

    @property
    def connected(self) -> int:
        """How many phones hold an event stream open."""
        return len(self._queues)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, StepOpened | TimerChanged | StepClosed | SessionClosed):
            self.broadcast()
        elif isinstance(event, ContributionModerated):
            step = self._workshop.step
            if step is not None and step.options_from == event.step_id:
                self.broadcast()

    def broadcast(self) -> None:
        """Send the current public state to every phone (old unsent states are dropped)."""
        message = self.message()
        for queue in self._queues:
            if queue.full():
                with contextlib.suppress(asyncio.QueueEmpty):
                    queue.get_nowait()
            queue.put_nowait(message)
        self.messages_sent += len(self._queues)

    def message(self) -> bytes:
        """The current state as one SSE message."""
        return b"event: state\ndata: " + self._render() + b"\n\n"

    def subscribe(self) -> asyncio.Queue[bytes]:
        """A queue for one phone's stream."""
        queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=4)
        self._queues.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[bytes]) -> None:
        """Forget a phone's stream."""
        self._queues.discard(queue)

    def close(self) -> None:
        """End every stream (the server is stopping)."""
        for queue in self._queues:
            with contextlib.suppress(asyncio.QueueEmpty):
                while True:
                    queue.get_nowait()
            queue.put_nowait(_CLOSE)
        self._unsubscribe()


def is_close(message: bytes) -> bool:
    """True for the message that ends a stream."""
    return message == _CLOSE
