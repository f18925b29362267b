"""The answers the connection gate writes itself, before aiohttp sees a request.

Two refusals: "full right now" (503, the laptop's cap of connections is reached) and "busy"
(429, this phone's address already holds its share of connections). Both carry
``Retry-After``, are JSON under ``/api/`` (the page's script waits and sends again, keeping
the draft) and a short page in the plan's language otherwise. Every turning away is recorded
in the control room's :class:`~kerne_tui.control.TurnedAway` under the cause of its reason
(:data:`CAUSES`), so the facilitator sees it.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Callable
from enum import StrEnum
from typing import cast

import orjson
from aiohttp import web

from kerne_tui.catalog import Lang, t
from kerne_tui.control import Cause

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 3
"""What a refused phone is told; its page adds a random share so the room does not return at
once."""
HEAD_WAIT_SECONDS = 2.0
"""How long a refused connection may take to send its request line before it is just closed."""
LINGER_SECONDS = 2.0
"""After the refusal, the rest of the request is read and dropped for at most this long, so
that closing does not reset the connection before the phone has read the answer."""
HEAD_LIMIT = 8192


class Reason(StrEnum):
    """Why the phone server turned a connection or a request away."""

    FULL = "full"
    """The laptop's cap of open connections is reached (503)."""
    CONNECTIONS = "connections"
    """The address holds its share of open connections (429)."""
    REQUESTS = "requests"
    """The device or the address has its share of requests under way (429)."""
    SLOW_BODY = "slow_body"
    """A request body did not arrive in time (408)."""


CAUSES = {
    Reason.FULL: Cause.FULL_ROOM,
    Reason.CONNECTIONS: Cause.BUSY,
    Reason.REQUESTS: Cause.BUSY,
    Reason.SLOW_BODY: Cause.SLOW_BODY,
}
"""What the facilitator is told for each reason (a hang-up is a refusal already counted)."""


_STATUS = {
    Reason.FULL: (503, "Service Unavailable", "web.full.title", "web.full"),
    Reason.CONNECTIONS: (429, "Too Many Requests", "web.busy.title", "web.busy"),
    Reason.REQUESTS: (429, "Too Many Requests", "web.busy.title", "web.busy"),
}


def refusal_body(path: str, lang: Lang, reason: Reason = Reason.FULL) -> tuple[str, bytes]:
    """Content type and body of the refusal for *reason* of a request to *path*."""
    _, _, title_key, message_key = _STATUS[reason]
    message = t(lang, message_key)
    if path.startswith("/api/"):
        code = "full" if reason is Reason.FULL else "busy"
        body = {"error": {"code": code, "message": message}, "message": message}
        return "application/json", orjson.dumps(body)
    title = html.escape(t(lang, title_key))
    page = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title></head><body><h1>{title}</h1>"
        f"<p>{html.escape(message)}</p></body></html>"
    )
    return "text/html; charset=utf-8", page.encode()


def refusal_response(path: str, lang: Lang, reason: Reason = Reason.FULL) -> web.Response:
    """The refusal as an aiohttp response (for requests that did reach the application)."""
    content_type, body = refusal_body(path, lang, reason)
    status = _STATUS[reason][0]
    response = web.Response(
        status=status, body=body, headers={"Retry-After": str(RETRY_AFTER_SECONDS)}
    )
    response.headers["Content-Type"] = content_type
    response.headers["Cache-Control"] = "no-store"
    return response


def refusal_bytes(path: str, lang: Lang, reason: Reason = Reason.FULL) -> bytes:
    """The whole HTTP answer, head and body, written straight to a refused connection."""
    content_type, body = refusal_body(path, lang, reason)
    status, phrase, _, _ = _STATUS[reason]
    head = (
        f"HTTP/1.1 {status} {phrase}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Retry-After: {RETRY_AFTER_SECONDS}\r\n"
        "Cache-Control: no-store\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode() + body


class Refusal(asyncio.Protocol):
    """Reads the request line, answers the refusal, and closes without a reset.

    *done* is called once the connection is gone (its file is free again).
    """

    def __init__(self, reason: Reason, lang: Callable[[], Lang], done: Callable[[], None]) -> None:
        self.reason = reason
        self.lang = lang
        self.done = done
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
        self.done()

    def _answer(self, path: str) -> None:
        assert self.transport is not None
        self.answered = True
        self.buffer.clear()
        self.transport.write(refusal_bytes(path, self.lang(), self.reason))
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


class Hangup(asyncio.Protocol):
    """Past every reserve: the connection is closed at once, freeing its file."""

    def __init__(self, done: Callable[[], None] | None = None) -> None:
        self.done = done

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        cast(asyncio.Transport, transport).abort()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.done is not None:
            self.done()
