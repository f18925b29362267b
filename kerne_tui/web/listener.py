"""kerne's own listening socket for the phone server, and the aiohttp site around it.

On selector loops (macOS, Linux) kerne accepts connections itself, so that the connection
gate (``connections.py``) knows each newcomer's address before anything is opened for it, and
so that accepting can pause while the gate's refusal reserve is in use.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import sys
from functools import partial
from typing import Any

from aiohttp import web

from kerne_tui.web.connections import ConnectionGate, Counted
from kerne_tui.web.refusals import Refusal

log = logging.getLogger(__name__)


class GatedSite(web.BaseSite):
    """A TCP site whose connections pass through a :class:`ConnectionGate`.

    On selector loops (macOS, Linux) kerne accepts connections itself, so that it knows each
    newcomer's address before it opens anything for it, and can stop accepting while its
    refusal reserve is in use: the system keeps the newcomers waiting in the listen backlog for
    those few milliseconds instead of kerne opening files it does not have. Elsewhere
    (Windows' Proactor loop has no open-files limit) asyncio accepts.
    """

    def __init__(self, runner: web.AppRunner, host: str, port: int, gate: ConnectionGate) -> None:
        super().__init__(runner, backlog=LISTEN_BACKLOG)
        self.host = host
        self.wanted_port = port
        self.gate = gate
        self.listening: asyncio.AbstractServer | None = None
        self.bound_port = port

    @property
    def name(self) -> str:
        return f"http://{self.host or '0.0.0.0'}:{self.bound_port}"

    @property
    def port(self) -> int:
        """The port the site listens on (the system's pick when 0 was asked for)."""
        return self.bound_port

    async def start(self) -> None:
        await super().start()
        loop = asyncio.get_running_loop()
        if not hasattr(loop, "add_reader") or sys.platform == "win32":
            self.listening = await loop.create_server(
                self.gate, self.host, self.wanted_port, backlog=LISTEN_BACKLOG
            )
        else:
            host = self.host or "0.0.0.0"
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            sock = socket.create_server(
                (host, self.wanted_port), family=family, backlog=LISTEN_BACKLOG
            )
            listener = Listener(loop, sock, self.gate)
            self.gate.listener = listener
            self.listening = listener
        sockets = self.listening.sockets
        self.bound_port = sockets[0].getsockname()[1] if sockets else self.wanted_port

    async def stop(self) -> None:
        if self.listening is not None:
            self.listening.close()
            self.listening = None
        await super().stop()


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
                conn, peer = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:
                continue
            except OSError as error:
                # Out of files after all (something else opened them): wait, do not spin.
                log.warning("accepting a phone failed, trying again in 1 s: %s", error.strerror)
                self.pause()
                if self.retry is None:
                    self.retry = self.loop.call_later(1.0, self.resume)
                return
            conn.setblocking(False)
            address = str(peer[0]) if isinstance(peer, tuple) and peer else None
            protocol = self.gate.admit(address)
            task = self.loop.create_task(
                self.loop.connect_accepted_socket(lambda p=protocol: p, conn)  # type: ignore[misc]
            )
            self.opening.add(task)
            task.add_done_callback(partial(self._opened, protocol=protocol))

    def _opened(self, task: asyncio.Task[Any], *, protocol: asyncio.Protocol) -> None:
        self.opening.discard(task)
        if task.cancelled() or task.exception() is not None:
            if not task.cancelled():
                log.warning("a phone's connection could not be opened: %s", task.exception())
            if isinstance(protocol, Counted):
                protocol.abandon()
            elif isinstance(protocol, Refusal):
                protocol.connection_lost(None)

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
