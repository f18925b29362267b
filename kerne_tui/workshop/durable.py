"""The durability handshake: a repeated send waits until the first one is on disk."""

from __future__ import annotations

import asyncio

from kerne_tui.store import StoreWriteError
from kerne_tui.workshop.model import Refused


class InFlight:
    """Contributions on their way to disk, with the repeated sends (retries) waiting for them."""

    def __init__(self) -> None:
        self._waiting: dict[str, list[asyncio.Future[None]]] = {}

    def begin(self, contribution_id: str) -> None:
        """A contribution was queued for writing."""
        self._waiting[contribution_id] = []

    def settle(self, contribution_id: str, error: BaseException | None) -> None:
        """The write of a contribution ended: answer everyone who waits for it."""
        for waiter in self._waiting.pop(contribution_id, []):
            if waiter.done():
                continue
            if error is None:
                waiter.set_result(None)
            else:
                waiter.set_exception(StoreWriteError(str(error)))

    async def wait(self, contribution_id: str) -> None:
        """Return once a contribution sent before is on disk; :class:`Refused` if it failed."""
        waiters = self._waiting.get(contribution_id)
        if waiters is None:
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        waiters.append(waiter)
        try:
            await waiter
        except StoreWriteError:
            raise Refused("storage", "refuse.storage") from None
