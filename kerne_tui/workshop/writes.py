"""How a command writes what it changed: the log line, the state, and the undo when it fails.

:class:`SessionWrites` is the base of :class:`~kerne_tui.workshop.engine.Workshop`'s commands:
every command that changes the session in memory writes it through :meth:`~SessionWrites._persist`
(or :meth:`~SessionWrites._moderate` for one contribution), inside
:meth:`~SessionWrites._undone_if_unsaved` when what it changed must be put back on a failed write.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from kerne_tui.store import (
    Insert,
    SessionStatus,
    StoreWriteError,
    Update,
    log_entry,
    put_state,
)
from kerne_tui.workshop.clock import iso
from kerne_tui.workshop.model import CommandUndone, Contribution, ContributionModerated
from kerne_tui.workshop.queries import SessionQueries
from kerne_tui.workshop.rollback import CommandNotSaved, restore, take

WALL = "wall"
"""Where a facilitator command comes from unless it says otherwise: the projected screen."""
RUNNING = SessionStatus.RUNNING
FINISHED = SessionStatus.FINISHED
WAITING = SessionStatus.WAITING


class SessionWrites(SessionQueries):
    """The session's state with the ways a command writes it (and undoes it when it cannot)."""

    @contextlib.asynccontextmanager
    async def _undone_if_unsaved(self, action: str) -> AsyncIterator[None]:
        """Undo in memory what the block changed when its write fails, and say what failed.

        The screen, the phones and the session file then still say the same; the failure
        reaches the facilitator as :class:`~.rollback.CommandNotSaved`, naming what was tried.
        """
        before = take(self)
        try:
            yield
        except StoreWriteError as error:
            restore(self, before)
            if isinstance(error, CommandNotSaved):
                raise  # told once already, by the block inside this one
            self._bus.publish(CommandUndone(action))
            raise CommandNotSaved(action, str(error)) from None

    def _account_elapsed(self) -> None:
        if self.current is not None and self.status in (RUNNING, FINISHED):
            spent = self.clock.monotonic() - self._current_since_mono
            self.elapsed[self.current] = self.elapsed.get(self.current, 0.0) + max(0.0, spent)
        self._current_since_mono = self.clock.monotonic()

    def _log_op(self, action: str, **details: Any) -> Insert:
        return log_entry(action, iso(self.clock.now()), **details)

    async def _persist(self, action: str, **details: Any) -> None:
        self._account_elapsed()
        await self.store.commit([put_state(self._state()), self._log_op(action, **details)])

    async def _moderate(
        self, updated: Contribution, action: str, fields: dict[str, Any], **details: Any
    ) -> None:
        previous = self._get(updated.id)
        self._index.replace(updated)
        try:
            await self.store.commit(
                [
                    Update(updated.id, fields),
                    self._log_op(action, contribution=updated.id, **details),
                ]
            )
        except StoreWriteError as error:
            self._index.replace(previous)
            self._bus.publish(CommandUndone(action))
            raise CommandNotSaved(action, str(error)) from None
        self._bus.publish(ContributionModerated(updated.step_id, updated.id))
