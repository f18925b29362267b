"""Phones the session turned away: how many, why, and what would let them in.

One :class:`TurnedAway` per running session. Every place that refuses a phone calls
:meth:`TurnedAway.record` with its :class:`Cause` (one call, nothing else to know); the
facilitator's view reads :meth:`TurnedAway.counts`, and the log gets one line per cause and
minute, however many phones were refused in it.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from enum import StrEnum

log = logging.getLogger(__name__)

LOG_SECONDS = 60.0
"""One log line per cause within this long; the next line says how many came in between."""
NOTIFY_SECONDS = 1.0
"""The facilitator's view is told at most this often (a full room refuses by the hundred)."""


class Cause(StrEnum):
    """Why a phone was turned away."""

    PER_ADDRESS = "per_address"
    """Its network address brought in more new phones than the session allows (a shared
    router or guest Wi-Fi puts a whole room behind one address)."""
    FULL_ROOM = "full_room"
    """The server had as many connections or event streams open as it can hold."""
    STORAGE = "storage"
    """The session file could not be written, so its answer could not be kept."""
    BUSY = "busy"
    """Its device or address already had its share of connections or requests under way."""
    SLOW_BODY = "slow_body"
    """Its answer did not arrive in time (a weak signal, or a phone holding the line)."""


REMEDY = {
    Cause.PER_ADDRESS: "raise the per-address limit: --devices-per-address N, or "
    "devices_per_address in the plan's [limits]",
    Cause.FULL_ROOM: "raise the open-files limit (ulimit -n) before kerne run",
    Cause.STORAGE: "free space on the disk of the data folder, or check that it is writable",
    Cause.BUSY: "if many phones share one address (one router), raise --devices-per-address",
    Cause.SLOW_BODY: "nothing in kerne: the phone sends again by itself; check the Wi-Fi",
}
"""What lets them in, for the log (the console and the remote say it in the plan's language)."""


class TurnedAway:
    """Counts of phones turned away by cause, with a log line per cause and minute."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._counts: Counter[Cause] = Counter()
        self._logged_at: dict[Cause, float] = {}
        self._unlogged: Counter[Cause] = Counter()
        self._notified_at = -NOTIFY_SECONDS
        self.on_change: Callable[[], None] = lambda: None
        """Called (at most every ``NOTIFY_SECONDS``) after a refusal: the control centre's."""

    def record(self, cause: Cause) -> None:
        """A phone was turned away for *cause*."""
        self._counts[cause] += 1
        now = self._monotonic()
        logged = self._logged_at.get(cause)
        if logged is None or now - logged >= LOG_SECONDS:
            between = self._unlogged.pop(cause, 0)
            log.warning(
                "phones turned away (%s): %d in all, %d since the last line; to let them in: %s",
                cause.value,
                self._counts[cause],
                between + 1,
                REMEDY[cause],
            )
            self._logged_at[cause] = now
        else:
            self._unlogged[cause] += 1
        if now - self._notified_at >= NOTIFY_SECONDS:
            self._notified_at = now
            self.on_change()

    def counts(self) -> dict[Cause, int]:
        """How many phones were turned away for each cause so far (causes seen only)."""
        return {cause: self._counts[cause] for cause in Cause if self._counts[cause]}

    @property
    def total(self) -> int:
        """How many phones were turned away in all."""
        return sum(self._counts.values())
