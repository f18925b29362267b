"""Spreading a room's simultaneous submits over several passes of the event loop."""

from __future__ import annotations

import asyncio
from collections import deque


class Pacer:
    """Lets at most *per_pass* requests start their work in one pass of the event loop.

    When the countdown ends, hundreds of phones press send in the same instant and every
    request becomes ready in the same pass of the loop; handled back to back they hold the loop
    (and with it the projected countdown) for the whole burst. Here the rest wait their turn, a
    few dozen per pass, with the loop free in between. A quiet room never waits.
    """

    def __init__(self, per_pass: int = 16) -> None:
        self.per_pass = per_pass
        self._started = 0
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._pass_scheduled = False

    async def turn(self) -> None:
        """Return when this request may go ahead."""
        loop = asyncio.get_running_loop()
        self._schedule_next_pass(loop)
        if self._started < self.per_pass and not self._waiting:
            self._started += 1
            return
        future: asyncio.Future[None] = loop.create_future()
        self._waiting.append(future)
        await future

    def _schedule_next_pass(self, loop: asyncio.AbstractEventLoop) -> None:
        if not self._pass_scheduled:
            self._pass_scheduled = True
            loop.call_soon(self._next_pass, loop)

    def _next_pass(self, loop: asyncio.AbstractEventLoop) -> None:
        self._pass_scheduled = False
        self._started = 0
        while self._waiting and self._started < self.per_pass:
            future = self._waiting.popleft()
            if not future.done():  # a phone that went away no longer needs its turn
                future.set_result(None)
                self._started += 1
        if self._waiting or self._started:
            self._schedule_next_pass(loop)

    @property
    def waiting(self) -> int:
        """How many requests are waiting for their turn."""
        return len(self._waiting)
