"""Server-Sent Events: one small message per change of step or timer, to every phone.

A contribution never produces a message to the phones: the room's answers are shown on the
projected screen, not pushed to every pocket (a vote app that did so turned one 500-phone
burst into 250,000 messages). The one exception is a list every phone acts on, the parking
lot and an open questions step: a change there reaches the phones at most once a second
(``LIST_SETTLE``), however many upvotes arrive in that second. What changes together in one
turn of the event loop (the step opens and its timer starts) goes out as one message,
serialised once for every phone.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

import orjson

from kerne_tui.plan import StepKind
from kerne_tui.workshop import (
    PARKING_STEP_ID,
    ContributionModerated,
    ContributionReceived,
    ContributionRetracted,
    Event,
    SentencePinned,
    SessionClosed,
    StepClosed,
    StepOpened,
    TimerChanged,
    Workshop,
)

RETRY_MILLISECONDS = 2000
"""How soon a phone's browser reconnects after the stream drops."""
MAX_STREAMS = 2000
"""Open streams the laptop keeps at most: a room of a few hundred phones, some with two tabs."""
KEEPALIVE = b": keepalive\n\n"
LIST_SETTLE = 1.0
"""Seconds a change of a list the phones act on (parked items, questions) waits, so a burst of
upvotes costs each phone one fetch."""
_CLOSE = b""
_CONTRIBUTION_EVENTS = (ContributionReceived, ContributionRetracted, ContributionModerated)


class LiveHub:
    """Fans the step's public state out to every connected phone, serialised once per change."""

    def __init__(self, workshop: Workshop, state: Callable[[], dict[str, Any]]) -> None:
        self._workshop = workshop
        self._state = state
        self._queues: set[asyncio.Queue[bytes]] = set()
        self._unsubscribe = workshop.subscribe(self._on_event)
        self._scheduled = False
        self._list_pending = False
        self._closed = False
        self.version = 0
        """Grows whenever the page shows something new beyond the timer (step, options, pin)."""
        self.messages_sent = 0
        """Messages put on phones' streams so far (one per phone per change), for tests and load."""

    @property
    def connected(self) -> int:
        """How many phones hold an event stream open."""
        return len(self._queues)

    @property
    def full(self) -> bool:
        """True when no more streams are taken."""
        return len(self._queues) >= MAX_STREAMS

    def _on_event(self, event: Event) -> None:
        if isinstance(event, StepOpened | SentencePinned):
            self.version += 1
            self._schedule()
        elif isinstance(event, TimerChanged | StepClosed | SessionClosed):
            self._schedule()
        elif isinstance(event, _CONTRIBUTION_EVENTS):
            if self._is_shared_list(event.step_id):
                self._list_changed()
            elif isinstance(event, ContributionModerated):
                # Otherwise only a moderated answer that is an option of the open step counts.
                step = self._workshop.step
                if step is not None and step.options_from == event.step_id:
                    self.version += 1
                    self._schedule()

    def _is_shared_list(self, step_id: str) -> bool:
        """True for the parking lot and the open questions step: lists every phone acts on."""
        if step_id == PARKING_STEP_ID:
            return True
        step = self._workshop.step
        return step is not None and step.id == step_id and step.kind is StepKind.QUESTIONS

    def _list_changed(self) -> None:
        if self._closed or self._list_pending:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._publish_list()
            return
        self._list_pending = True
        loop.call_later(LIST_SETTLE, self._publish_list)

    def _publish_list(self) -> None:
        self._list_pending = False
        if not self._closed:
            self.version += 1
            self._schedule()

    def _schedule(self) -> None:
        if self._closed or self._scheduled:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.broadcast()
            return
        self._scheduled = True
        loop.call_soon(self._flush)

    def _flush(self) -> None:
        self._scheduled = False
        if not self._closed:
            self.broadcast()

    def broadcast(self) -> None:
        """Send the current public state to every phone (an unsent older state is dropped)."""
        message = self.message()
        for queue in self._queues:
            _replace_contents(queue, message)
        self.messages_sent += len(self._queues)

    def state(self) -> dict[str, Any]:
        """The public state as the phones get it."""
        return {**self._state(), "version": self.version}

    def message(self) -> bytes:
        """The current state as one SSE message."""
        return b"event: state\ndata: " + orjson.dumps(self.state()) + b"\n\n"

    def first_message(self) -> bytes:
        """What a stream starts with: the reconnect delay and the current state (catch-up)."""
        return f"retry: {RETRY_MILLISECONDS}\n".encode() + self.message()

    def subscribe(self) -> asyncio.Queue[bytes]:
        """A queue for one phone's stream; it holds at most the latest state."""
        queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=1)
        if self._closed:
            queue.put_nowait(_CLOSE)
        else:
            self._queues.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[bytes]) -> None:
        """Forget a phone's stream."""
        self._queues.discard(queue)

    def end(self, queue: asyncio.Queue[bytes]) -> None:
        """End one phone's stream now (its address opened too many)."""
        self._queues.discard(queue)
        _replace_contents(queue, _CLOSE)

    def close(self) -> None:
        """End every stream (the server is stopping)."""
        if self._closed:
            return
        self._closed = True
        for queue in self._queues:
            _replace_contents(queue, _CLOSE)
        self._unsubscribe()


def _replace_contents(queue: asyncio.Queue[bytes], message: bytes) -> None:
    # Every message is the whole state, so a phone that is behind only needs the newest one.
    with contextlib.suppress(asyncio.QueueEmpty):
        while True:
            queue.get_nowait()
    queue.put_nowait(message)


def is_close(message: bytes) -> bool:
    """True for the message that ends a stream."""
    return message == _CLOSE
