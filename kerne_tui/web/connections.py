"""Keeping the phones' connections below the open-files limit, and saying "full" quickly.

Past the cap a new connection is not left to wait for a slot: it gets an HTTP 503 with
``Retry-After`` at once (JSON for the API, a short page in the plan's language otherwise) and
is closed. Before that, when the cap comes near, idle keep-alive connections are closed first:
a phone reopens one in a few milliseconds when it next sends. A reserve of open files is kept
for these refusals, so that ``accept`` itself never fails for want of a file (asyncio's accept
loop logs and retries such a failure once per waiting connection, which flooded the log).
"""

from __future__ import annotations

import asyncio
import html
import logging
import socket
import sys
from collections.abc import Awaitable, Callable
from typing import Any, cast

import orjson
from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from kerne_tui.catalog import Lang, t
from kerne_tui.control import Cause, TurnedAway
from kerne_tui.limits import Capacity
from kerne_tui.memory import settle

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 3
"""What a refused phone is told; its page adds a random share so the room does not return at
once."""
IDLE_SHARE = 0.9
"""Idle keep-alive connections are closed from this share of the cap on."""
IDLE_CLOSED_AT_ONCE = 64
IDLE_PAUSE_SECONDS = 0.05
"""After a look for idle connections found none, the next look waits this long (a look walks
every connection)."""
HEAD_WAIT_SECONDS = 2.0
"""How long a refused connection may take to send its request line before it is just closed."""
LINGER_SECONDS = 2.0
"""After the refusal, the rest of the request is read and dropped for at most this long, so
that closing does not reset the connection before the phone has read the answer."""
HEAD_LIMIT = 8192
SETTLE_QUIET_SECONDS = 1.0
SETTLE_GROWTH = 100
"""When this many more phones have joined and none has for a second, the memory is settled
(:func:`kerne_tui.memory.settle`): the room's new connections are then not walked by a full
collection in the middle of its first burst."""


class ConnectionGate:
    """The protocol factory the listening socket uses: kerne's own handler, or a refusal."""

    def __init__(
        self,
        capacity: Capacity,
        lang: Callable[[], Lang],
        turned_away: TurnedAway | None = None,
    ) -> None:
        self.server: web.Server | None = None
        self.turned_away = turned_away or TurnedAway()
        """Every refusal of the gate is recorded here (the facilitator sees a full room)."""
        """The application's server, set once the runner is set up."""
        self.capacity = capacity
        self.lang = lang
        self.refusing = 0
        """Refusals under way (answered and closing): each holds an open file."""
        self.refused = 0
        self.streams = 0
        self.admitting = 0
        """Connections handed to the application whose transport is still being made."""
        self.served: set[RequestHandler] = set()
        """Connections that have carried a request: idle ones among them may be closed."""
        self.last_join = 0.0
        self.idle_scanned_at = -IDLE_PAUSE_SECONDS
        self.settle_timer: asyncio.TimerHandle | None = None
        self.streams_settled = 0
        self.listener: Listener | None = None
        """kerne's own accepting socket, paused while the refusal reserve is in use."""

    def out_of_reserve(self) -> bool:
        """True while every file kept for refusals is in use."""
        return self.refusing >= self.capacity.refusals

    def refusal_done(self) -> None:
        """A refusal has closed: its file is free again."""
        self.refusing -= 1
        if self.listener is not None and not self.out_of_reserve():
            self.listener.resume()

    def __call__(self) -> asyncio.Protocol:
        assert self.server is not None, "the gate opens once the runner is set up"
        connections = self.server._connections
        cap = self.capacity.connections
        if len(connections) + self.admitting >= cap * IDLE_SHARE:
            now = asyncio.get_running_loop().time()
            if now - self.idle_scanned_at >= IDLE_PAUSE_SECONDS:
                # A scan that found none idle is not repeated at once (it walks them all).
                found = self.close_idle(connections)
                self.idle_scanned_at = now if not found else -IDLE_PAUSE_SECONDS
        if len(connections) + self.admitting < cap:
            return cast(asyncio.Protocol, self.server())
        self.refused += 1
        self.turned_away.record(Cause.FULL_ROOM)
        if self.out_of_reserve():
            return _Hangup()
        self.refusing += 1
        return _Refusal(self)

    def close_idle(self, connections: dict[RequestHandler, asyncio.Transport]) -> int:
        """Close keep-alive connections that wait for their next request; how many.

        A connection that has not yet carried a request is not idle: its phone is sending.
        """
        closed = 0
        for handler in list(self.served):
            if closed >= IDLE_CLOSED_AT_ONCE:
                break
            waiter = handler._waiter
            if handler not in connections:
                self.served.discard(handler)
                continue
            if handler._request_in_progress:
                continue
            if waiter is None or waiter.done():
                continue
            handler.force_close()
            closed += 1
        return closed

    @web.middleware
    async def streams_middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """Refuse an event stream past half the cap, so that sending always has room."""
        self.served.add(request.protocol)
        if self.server is not None and len(self.served) > 2 * len(self.server._connections) + 64:
            self.served &= set(self.server._connections)
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
        quiet = loop.time() - self.last_join
        if quiet < SETTLE_QUIET_SECONDS:
            self.settle_timer = loop.call_later(SETTLE_QUIET_SECONDS - quiet, self._maybe_settle)
            return
        self.settle_timer = None
        if self.streams - self.streams_settled >= SETTLE_GROWTH:
            self.streams_settled = self.streams
            settle()


def refusal_body(path: str, lang: Lang) -> tuple[str, bytes]:
    """Content type and body of the "full right now" answer for a request to *path*."""
    message = t(lang, "web.full")
    if path.startswith("/api/"):
        body = {"error": {"code": "full", "message": message}, "message": message}
        return "application/json", orjson.dumps(body)
    title = html.escape(t(lang, "web.full.title"))
    page = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head><body><h1>{title}</h1>"
        f"<p>{html.escape(message)}</p></body></html>"
    )
    return "text/html; charset=utf-8", page.encode()


def refusal_response(path: str, lang: Lang) -> web.Response:
    """The refusal as an aiohttp response (for requests that did reach the application)."""
    content_type, body = refusal_body(path, lang)
    response = web.Response(
        status=503, body=body, headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
    )
    response.headers["Content-Type"] = content_type
    response.headers["Cache-Control"] = "no-store"
    return response


def refusal_bytes(path: str, lang: Lang) -> bytes:
    """The whole HTTP answer, head and body, written straight to a refused connection."""
    content_type, body = refusal_body(path, lang)
    head = (
        "HTTP/1.1 503 Service Unavailable\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Retry-After: {RETRY_AFTER_SECONDS}\r\n"
        "Cache-Control: no-store\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


class _Refusal(asyncio.Protocol):
    """Reads the request line, answers 503 with Retry-After, and closes without a reset."""

    def __init__(self, gate: ConnectionGate) -> None:
        self.gate = gate
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.answered = False
        self.timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)
        loop = asyncio.get_running_loop()
        self.timer = loop.call_later(HEAD_WAIT_SECONDS, self._give_up)

    def data_received(self, data: bytes) -> None:
        if self.answered:
            return  # the rest of the request, read and dropped
        self.buffer += data
        line_end = self.buffer.find(b"\r\n")
        if line_end < 0 and len(self.buffer) < HEAD_LIMIT:
            return
        parts = bytes(self.buffer[: max(line_end, 0)]).split(b" ")
        path = parts[1].decode("latin-1") if len(parts) > 1 else "/"
        self._answer(path)

    def eof_received(self) -> bool:
        if not self.answered:
            self._answer("/")
        self._close()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        self.gate.refusal_done()

    def _answer(self, path: str) -> None:
        assert self.transport is not None
        self.answered = True
        self.transport.write(refusal_bytes(path, self.gate.lang()))
        if self.transport.can_write_eof():
            self.transport.write_eof()
        if self.timer is not None:
            self.timer.cancel()
        self.timer = asyncio.get_running_loop().call_later(LINGER_SECONDS, self._close)

    def _give_up(self) -> None:
        if not self.answered:
            self._answer("/")
        else:
            self._close()

    def _close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.close()


class _Hangup(asyncio.Protocol):
    """Past even the refusal reserve: the connection is closed at once, freeing its file."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        cast(asyncio.Transport, transport).abort()


class GatedSite(web.TCPSite):
    """A TCP site whose connections pass through a :class:`ConnectionGate`.

    On selector loops (macOS, Linux) kerne accepts connections itself, so that it can stop
    accepting while its refusal reserve is in use: the system keeps the newcomers waiting in
    the listen backlog for those few milliseconds instead of kerne opening files it does not
    have. Elsewhere (Windows' Proactor loop has no open-files limit) asyncio accepts.
    """

    def __init__(self, runner: web.AppRunner, host: str, port: int, gate: ConnectionGate) -> None:
        super().__init__(runner, host, port, backlog=LISTEN_BACKLOG)
        self.gate = gate

    async def start(self) -> None:
        await web.BaseSite.start(self)
        loop = asyncio.get_running_loop()
        if not hasattr(loop, "add_reader") or sys.platform == "win32":
            self._server = await loop.create_server(
                self.gate, self._host, self._port, backlog=self._backlog
            )
        else:
            host = self._host or "0.0.0.0"
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            sock = socket.create_server((host, self._port), family=family, backlog=self._backlog)
            listener = Listener(loop, sock, self.gate)
            self.gate.listener = listener
            self._server = listener
        sockets = self._server.sockets
        self._bound_port = sockets[0].getsockname()[1] if sockets else self._port


class Listener(asyncio.AbstractServer):
    """A listening socket that kerne accepts on, and can pause while it is out of reserve."""

    def __init__(
        self, loop: asyncio.AbstractEventLoop, sock: socket.socket, gate: ConnectionGate
    ) -> None:
        self.loop = loop
        self.sock = sock
        self.gate = gate
        sock.setblocking(False)
        self.reading = False
        self.closed = False
        self.retry: asyncio.TimerHandle | None = None
        self.opening: set[asyncio.Task[Any]] = set()
        self.resume()

    @property
    def sockets(self) -> tuple[socket.socket, ...]:
        return () if self.closed else (self.sock,)

    def resume(self) -> None:
        """Accept again (the reserve has room, or the pause after a failure is over)."""
        self.retry = None
        if not self.closed and not self.reading:
            self.loop.add_reader(self.sock, self._accept)
            self.reading = True

    def pause(self) -> None:
        """Leave newcomers in the system's backlog until a refusal has finished."""
        if self.reading:
            self.loop.remove_reader(self.sock)
            self.reading = False

    def _accept(self) -> None:
        for _ in range(ACCEPT_BATCH):
            if self.gate.out_of_reserve():
                self.pause()
                return
            try:
                conn, _ = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:
                continue
            except OSError as error:
                # Out of files after all (something else opened them): wait, do not spin.
                log.warning("accepting a phone failed, trying again in 1 s: %s", error)
                self.pause()
                if self.retry is None:
                    self.retry = self.loop.call_later(1.0, self.resume)
                return
            conn.setblocking(False)
            protocol = self.gate()
            task = self.loop.create_task(
                self.loop.connect_accepted_socket(lambda p=protocol: p, conn)  # type: ignore[misc]
            )
            self.opening.add(task)
            if isinstance(protocol, RequestHandler):
                self.gate.admitting += 1
                task.add_done_callback(self._admitted)
            task.add_done_callback(self._opened)

    def _admitted(self, task: asyncio.Task[Any]) -> None:
        self.gate.admitting -= 1

    def _opened(self, task: asyncio.Task[Any]) -> None:
        self.opening.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("a phone's connection could not be opened: %s", task.exception())

    def close(self) -> None:
        if self.closed:
            return
        self.pause()
        if self.retry is not None:
            self.retry.cancel()
        self.closed = True
        self.sock.close()

    def get_loop(self) -> asyncio.AbstractEventLoop:
        return self.loop

    def is_serving(self) -> bool:
        return not self.closed

    async def start_serving(self) -> None:
        return None

    async def serve_forever(self) -> None:
        raise NotImplementedError("kerne's listener serves from the running loop")

    async def wait_closed(self) -> None:
        return None


ACCEPT_BATCH = 256
"""Connections accepted in one turn of the loop at most, so that answering keeps its share."""
LISTEN_BACKLOG = 1024
"""Connections the system completes and queues before kerne accepts them (a hall arrives at
once); Linux caps it at ``net.core.somaxconn``, 4,096 today."""
