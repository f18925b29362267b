"""A lean HTTP/1.1 client for the load generator: little CPU per request.

aiohttp's client spent about 0.37 ms of CPU on each request here, as much as the no-storage
server spent answering it, so the load generator on its own core set the pace instead of the
server under test; this one spends about 0.1 ms. It speaks just what the phone API needs over
asyncio protocols: keep-alive requests with a cookie, one at a time per connection, and an event
stream (chunked transfer encoding, Server-Sent Events).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import cast

COOKIE = b"kerne_device"
HEAD_LIMIT = 64 * 1024


class HttpError(ConnectionError):
    """The server closed the connection or answered something this client cannot read."""


def cookie_from(head: bytes) -> str | None:
    """The device token in a ``Set-Cookie`` header of *head*, if there is one."""
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"set-cookie":
            pair = value.strip().split(b";", 1)[0]
            key, _, token = pair.partition(b"=")
            if key.strip() == COOKIE:
                return token.strip().decode()
    return None


def content_length(head: bytes) -> int:
    """The body length the head announces (0 where it announces none)."""
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


class Response:
    """What came back for one request."""

    __slots__ = ("body", "cookie", "retry_after", "status")

    def __init__(
        self, status: int, cookie: str | None, body: bytes, retry_after: bool = False
    ) -> None:
        self.status = status
        self.cookie = cookie
        self.body = body
        self.retry_after = retry_after
        """True when the answer says when to try again (a clear "full right now")."""


class Connection(asyncio.Protocol):
    """One keep-alive connection that carries one request at a time."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future[Response] | None = None
        self.lost = False

    @classmethod
    async def open(cls, host: str, port: int, local: str | None = None) -> Connection:
        """Connect to *host*:*port*, from the address *local* if given (one phone's own)."""
        loop = asyncio.get_running_loop()
        bind = (local, 0) if local else None
        _, protocol = await loop.create_connection(cls, host, port, local_addr=bind)
        return protocol

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(HttpError("the server closed the connection"))

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if self.waiter is None or self.waiter.done():
            return
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(self.buffer) > HEAD_LIMIT:
                self.waiter.set_exception(HttpError("response head too long"))
            return
        head = bytes(self.buffer[:end])
        total = end + 4 + content_length(head)
        if len(self.buffer) < total:
            return
        body = bytes(self.buffer[end + 4 : total])
        del self.buffer[:total]
        retry = b"\r\nretry-after:" in head.lower()
        self.waiter.set_result(Response(int(head[9:12]), cookie_from(head), body, retry))

    async def request(self, raw: bytes) -> Response:
        """Send one complete request and wait for its response."""
        if self.lost or self.transport is None:
            raise HttpError("the connection is closed")
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(raw)
        return await self.waiter

    def close(self) -> None:
        """Hang up."""
        if self.transport is not None:
            self.transport.close()


class EventStream(asyncio.Protocol):
    """A Server-Sent Events stream: every ``state`` message is handed over with its arrival time."""

    def __init__(self, on_message: Callable[[float, bytes], None]) -> None:
        self.on_message = on_message
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.body = bytearray()
        self.head: bytes | None = None
        self.opened: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self.closed = asyncio.Event()

    @classmethod
    async def open(
        cls,
        host: str,
        port: int,
        raw: bytes,
        on_message: Callable[[float, bytes], None],
        local: str | None = None,
    ) -> tuple[EventStream, bytes]:
        """Connect (from *local* if given), send the request and wait for the response head."""
        loop = asyncio.get_running_loop()
        bind = (local, 0) if local else None
        _, stream = await loop.create_connection(
            lambda: cls(on_message), host, port, local_addr=bind
        )
        assert stream.transport is not None
        stream.transport.write(raw)
        head = await stream.opened
        return stream, head

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.opened.done():
            self.opened.set_exception(HttpError("the server closed the stream"))
        self.closed.set()

    def data_received(self, data: bytes) -> None:
        moment = time.monotonic()
        self.buffer += data
        if self.head is None:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            self.head = bytes(self.buffer[:end])
            del self.buffer[: end + 4]
            self.opened.set_result(self.head)
        self._dechunk()
        while (end := self.body.find(b"\n\n")) >= 0:
            message = bytes(self.body[:end])
            del self.body[: end + 2]
            self._dispatch(moment, message)

    def _dechunk(self) -> None:
        while True:
            line_end = self.buffer.find(b"\r\n")
            if line_end < 0:
                return
            size = int(bytes(self.buffer[:line_end]).split(b";")[0], 16)
            if len(self.buffer) < line_end + 2 + size + 2:
                return
            start = line_end + 2
            self.body += self.buffer[start : start + size]
            del self.buffer[: start + size + 2]
            if size == 0 and self.transport is not None:
                self.transport.close()
                return

    def _dispatch(self, moment: float, message: bytes) -> None:
        event, data = b"", b""
        for line in message.split(b"\n"):
            if line.startswith(b"event:"):
                event = line[6:].strip()
            elif line.startswith(b"data:"):
                data += line[5:].strip()
        if event == b"state" and data:
            self.on_message(moment, data)

    def close(self) -> None:
        """Hang up."""
        if self.transport is not None:
            self.transport.close()
