"""Keeping the phones' connections below the open-files limit, and each address to its share.

Past the cap a new connection is not left to wait for a slot: it gets an HTTP 503 with
``Retry-After`` at once and is closed. Before that, when the cap comes near, idle keep-alive
connections are closed first: a phone reopens one in a few milliseconds when it next sends. A
reserve of open files is kept for these refusals, so that ``accept`` itself never fails for want
of a file (asyncio's accept loop logs and retries such a failure once per waiting connection,
which flooded the log).

Each address holds a share of the connections (:data:`CONNECTIONS_PER_PHONE_ADDRESS` per
phone's worth of it); past its share it is answered 429 (:mod:`kerne_tui.web.refusals`), and it
may have only :data:`REFUSALS_PER_ADDRESS` refusals under way per phone's worth (never half the
reserve): the rest of its newcomers are closed at once, so one participant never spends the
reserve that answers everybody else.

Everything here rests on aiohttp's public surface: the gate is the protocol factory of a
listening socket of kerne's own (``listener.GatedSite``, a ``web.BaseSite``), and wraps each of
aiohttp's request handlers in a protocol of its own (:class:`Counted`) that knows its address,
when it opened and closed and whether it is between requests.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Protocol, cast

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from kerne_tui.catalog import Lang
from kerne_tui.control import Cause, TurnedAway
from kerne_tui.limits import Capacity
from kerne_tui.memory import settle
from kerne_tui.web.aiohttp_seams import quiet_handler
from kerne_tui.web.refusals import CAUSES, Hangup, Reason, Refusal, refusal_response

log = logging.getLogger(__name__)

IDLE_SHARE = 0.9
"""Idle keep-alive connections are closed from this share of the cap on."""
IDLE_CLOSED_AT_ONCE = 64
IDLE_PAUSE_SECONDS = 0.05
"""After a look for idle connections found none, the next look waits this long (a look walks
every connection)."""
IDLE_AFTER_SECONDS = 0.05
"""A connection is idle once its last answer is this old and nothing has arrived since (the
answer is written in the same pass of the loop as the handler returns; closing flushes it)."""
CONNECTIONS_PER_PHONE_ADDRESS = 16
"""Open connections one phone's address may hold: its event stream, the six a browser opens at
most to one server, a second tab and the QR scanner's own browser, with room to spare."""
REFUSALS_PER_ADDRESS = 2
"""Refusals one address may have under way; its further newcomers are closed at once."""
SETTLE_QUIET_SECONDS = 1.0
SETTLE_GROWTH = 100
"""When this many more phones have joined and for a second none has joined and none was
answered, the memory is settled (:func:`kerne_tui.memory.settle`): the room's new connections
are then not walked by a full collection in the middle of its first burst."""


class Resumable(Protocol):
    """What the gate asks of the socket that accepts for it: to accept again."""

    def resume(self) -> None: ...


class Counted(asyncio.Protocol):
    """aiohttp's request handler for one connection, seen from the gate.

    It passes everything through, and notes what the gate needs: that the connection is open,
    whether a request is under way, when the last answer was given and when bytes last came.
    """

    def __init__(
        self, handler: RequestHandler, address: str | None, closed: Callable[[Counted], None]
    ) -> None:
        self.handler = handler
        self.address = address
        """The address it is counted under (None: not counted under any)."""
        self.closed = closed
        self.transport: asyncio.Transport | None = None
        self.requests = 0
        """Requests under way on this connection (counted by the gate's middleware)."""
        self.served = 0
        self.last_answer = 0.0
        self.last_data = 0.0
        self.gone = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)
        self.handler.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        self.last_data = asyncio.get_running_loop().time()
        self.handler.data_received(data)

    def eof_received(self) -> bool | None:
        self.handler.eof_received()
        return None

    def pause_writing(self) -> None:
        self.handler.pause_writing()

    def resume_writing(self) -> None:
        self.handler.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        try:
            self.handler.connection_lost(exc)
        finally:
            self.abandon()

    def abandon(self) -> None:
        """The connection is gone (or never opened): the gate forgets it, once."""
        if not self.gone:
            self.gone = True
            self.closed(self)

    def idle(self, now: float) -> bool:
        """True between requests: answered, quiet since, and not a phone still sending."""
        return (
            self.served > 0
            and self.requests == 0
            and self.last_data <= self.last_answer
            and now - self.last_answer >= IDLE_AFTER_SECONDS
        )


class ConnectionGate:
    """The protocol factory the listening socket uses: kerne's own handler, or a refusal."""

    def __init__(
        self,
        capacity: Capacity,
        lang: Callable[[], Lang],
        *,
        phones_per_address: float = 1.0,
        shared: Callable[[str], bool] = lambda address: False,
        turned_away: TurnedAway | None = None,
    ) -> None:
        self.server: web.Server | None = None
        """The application's server, set once the runner is set up."""
        self.turned_away = turned_away or TurnedAway()
        """Every refusal of the gate is recorded here (the facilitator sees a full room)."""
        self.capacity = capacity
        self.lang = lang
        self.per_address = round(CONNECTIONS_PER_PHONE_ADDRESS * phones_per_address)
        """Connections one address may hold open (more where the facilitator said that many
        phones share one, behind a NAT)."""
        self.refusals_per_address = min(
            round(REFUSALS_PER_ADDRESS * phones_per_address), max(1, capacity.refusals // 2)
        )
        """Refusals one address may have under way: never more than half the reserve."""
        self.shared = shared
        """True for an address every phone arrives from (a trusted proxy): no share applies."""
        self.refusing = 0
        """Refusals under way (answered and closing): each holds an open file."""
        self.refusing_from: Counter[str] = Counter()
        self.refused = 0
        self.streams = 0
        self.live: dict[RequestHandler, Counted] = {}
        """Every connection handed to aiohttp and not yet closed."""
        self.held_by: Counter[str] = Counter()
        self.last_join = 0.0
        self.last_answer = 0.0
        self.idle_scanned_at = -IDLE_PAUSE_SECONDS
        self.settle_timer: asyncio.TimerHandle | None = None
        self.streams_settled = 0
        self.listener: Resumable | None = None
        """kerne's own accepting socket (``listener.Listener``), paused while the refusal
        reserve is in use."""

    def out_of_reserve(self) -> bool:
        """True while every file kept for refusals is in use."""
        return self.refusing >= self.capacity.refusals

    def holds(self, address: str) -> int:
        """Open connections *address* holds."""
        return self.held_by[address]

    def __call__(self) -> asyncio.Protocol:
        return self.admit(None)

    def admit(self, address: str | None) -> asyncio.Protocol:
        """The protocol for a new connection from *address* (None: not known)."""
        assert self.server is not None, "the gate opens once the runner is set up"
        cap = self.capacity.connections
        if len(self.live) >= cap * IDLE_SHARE:
            now = asyncio.get_running_loop().time()
            if now - self.idle_scanned_at >= IDLE_PAUSE_SECONDS:
                # A scan that found none idle is not repeated at once (it walks them all).
                found = self.close_idle(now)
                self.idle_scanned_at = now if not found else -IDLE_PAUSE_SECONDS
        counted_as = address if address is not None and not self.shared(address) else None
        if len(self.live) >= cap:
            return self._refuse(Reason.FULL, counted_as)
        if counted_as is not None and self.held_by[counted_as] >= self.per_address:
            return self._refuse(Reason.CONNECTIONS, counted_as)
        counted = Counted(quiet_handler(self.server, self.lang), counted_as, self._gone)
        self.live[counted.handler] = counted
        if counted_as is not None:
            self.held_by[counted_as] += 1
        return counted

    def _gone(self, counted: Counted) -> None:
        self.live.pop(counted.handler, None)
        address = counted.address
        if address is not None:
            self.held_by[address] -= 1
            if self.held_by[address] <= 0:
                del self.held_by[address]

    def _refuse(self, reason: Reason, address: str | None) -> asyncio.Protocol:
        self.refused += 1
        self.turned_away.record(CAUSES[reason])
        spent = address is not None and self.refusing_from[address] >= self.refusals_per_address
        if self.out_of_reserve() or spent:
            return Hangup()
        self.refusing += 1
        if address is not None:
            self.refusing_from[address] += 1
        return Refusal(reason, self.lang, lambda: self.refusal_done(address))

    def refusal_done(self, address: str | None = None) -> None:
        """A refusal has closed: its file is free again."""
        self.refusing -= 1
        if address is not None:
            self.refusing_from[address] -= 1
            if self.refusing_from[address] <= 0:
                del self.refusing_from[address]
        if self.listener is not None and not self.out_of_reserve():
            self.listener.resume()

    def close_idle(self, now: float) -> int:
        """Close keep-alive connections that wait for their next request; how many.

        A connection that has not yet carried a request is not idle: its phone is sending.
        """
        closed = 0
        for counted in list(self.live.values()):
            if closed >= IDLE_CLOSED_AT_ONCE:
                break
            if counted.transport is None or not counted.idle(now):
                continue
            counted.transport.close()
            # Closing is reported on the next pass of the loop; until then the file is still
            # open, so the connection stays counted, but it is no longer offered as idle.
            counted.served = 0
            closed += 1
        return closed

    @web.middleware
    async def streams_middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Note each request on its connection; refuse an event stream past half the cap, so
        that sending always has room."""
        counted = self.live.get(request.protocol)
        if counted is not None:
            counted.requests += 1
        try:
            return await self._stream_or_request(request, handler)
        finally:
            if counted is not None:
                counted.requests -= 1
                counted.served += 1
                counted.last_answer = self.last_answer = asyncio.get_running_loop().time()

    async def _stream_or_request(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if not request.path.endswith("/events"):
            return await handler(request)
        if self.streams >= self.capacity.streams:
            self.refused += 1
            self.turned_away.record(Cause.FULL_ROOM)
            return refusal_response(request.path, self.lang())
        self.streams += 1
        self._joined()
        try:
            return await handler(request)
        finally:
            self.streams -= 1

    def _joined(self) -> None:
        """A phone opened its stream: once the room has stopped arriving, settle the memory."""
        loop = asyncio.get_running_loop()
        self.last_join = loop.time()
        if self.settle_timer is None:
            self.settle_timer = loop.call_later(SETTLE_QUIET_SECONDS, self._maybe_settle)

    def _maybe_settle(self) -> None:
        loop = asyncio.get_running_loop()
        # Quiet means no phone joining and none being answered: a room that joined and sends
        # at once is settled after its burst, not in the middle of it (150 ms, benchmarks/).
        quiet = loop.time() - max(self.last_join, self.last_answer)
        if quiet < SETTLE_QUIET_SECONDS:
            self.settle_timer = loop.call_later(SETTLE_QUIET_SECONDS - quiet, self._maybe_settle)
            return
        self.settle_timer = None
        if self.streams - self.streams_settled >= SETTLE_GROWTH:
            self.streams_settled = self.streams
            settle()
