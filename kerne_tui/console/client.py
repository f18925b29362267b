"""The console's side of the control channel: aiohttp's client, to 127.0.0.1 only."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

from kerne_tui.control.runtime import RuntimeInfo, running_sessions

CONSOLE_HEADER = "X-Kerne-Console"
"""Named as the server's ``kerne_tui.web.control`` names it (the console never imports web)."""
REQUEST_SECONDS = 10.0


class SessionRefused(Exception):
    """The session answered 403: this is not its console (another user's, or a new secret)."""


class SessionError(Exception):
    """The session answered something else than expected, with its status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message or str(status))
        self.status = status
        self.message = message


class ControlClient:
    """Talks to one running session over 127.0.0.1 with the console's secret."""

    def __init__(self, port: int, secret: str) -> None:
        self.port = port
        self.secret = secret
        self.base = f"http://127.0.0.1:{port}"
        self._headers = {CONSOLE_HEADER: secret}
        self._session: aiohttp.ClientSession | None = None

    @classmethod
    def for_runtime(cls, info: RuntimeInfo) -> ControlClient:
        """The client for the session a runtime file describes."""
        return cls(info.port, info.secret)

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                headers=self._headers,
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=REQUEST_SECONDS),
            )
        return self._session

    async def close(self) -> None:
        """Close the connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _answer(self, response: aiohttp.ClientResponse) -> Any:
        if response.status == 403:
            raise SessionRefused()
        if response.status == 204:
            return None
        try:
            body = await response.json(content_type=None)
        except (aiohttp.ContentTypeError, json.JSONDecodeError, UnicodeDecodeError):
            body = None
        if response.status >= 400:
            message = ""
            if isinstance(body, dict) and isinstance(body.get("error"), dict):
                message = str(body["error"].get("message", ""))
            raise SessionError(response.status, message)
        return body

    async def state(self) -> dict[str, Any]:
        """The facilitator's view now."""
        timeout = aiohttp.ClientTimeout(total=REQUEST_SECONDS)
        async with self._client().get(f"{self.base}/control/state", timeout=timeout) as response:
            body = await self._answer(response)
        return body if isinstance(body, dict) else {}

    async def command(self, name: str, **args: Any) -> str | None:
        """Run one of the wall's commands; returns the session's notice, if any."""
        timeout = aiohttp.ClientTimeout(total=REQUEST_SECONDS)
        url = f"{self.base}/control/commands/{name}"
        async with self._client().post(url, json=args, timeout=timeout) as response:
            body = await self._answer(response)
        notice = body.get("notice") if isinstance(body, dict) else None
        return notice if isinstance(notice, str) else None

    async def pair(self) -> dict[str, Any]:
        """A fresh pairing code for the facilitator's phone: ``code``, ``seconds``, ``url``."""
        timeout = aiohttp.ClientTimeout(total=REQUEST_SECONDS)
        url = f"{self.base}/control/pairing"
        async with self._client().post(url, timeout=timeout) as response:
            body = await self._answer(response)
        return body if isinstance(body, dict) else {}

    async def withdraw(self, code: str) -> None:
        """Take back a pairing code this console offered (its dialog closed)."""
        timeout = aiohttp.ClientTimeout(total=REQUEST_SECONDS)
        url = f"{self.base}/control/pairing/{code}"
        async with self._client().delete(url, timeout=timeout) as response:
            await self._answer(response)

    async def revoke(self, remote_id: str) -> None:
        """Revoke a paired phone."""
        timeout = aiohttp.ClientTimeout(total=REQUEST_SECONDS)
        url = f"{self.base}/control/remotes/{remote_id}"
        async with self._client().delete(url, timeout=timeout) as response:
            await self._answer(response)

    async def views(self) -> AsyncIterator[dict[str, Any]]:
        """Every view the session sends on its event stream, until the stream ends."""
        async with self._client().get(f"{self.base}/control/events") as response:
            if response.status != 200:
                await self._answer(response)
                return
            # Chunks, not lines: a view with many long answers is longer than a line may be.
            buffer = b""
            async for chunk in response.content.iter_any():
                buffer += chunk
                while b"\n\n" in buffer:
                    message, buffer = buffer.split(b"\n\n", 1)
                    view = _view_of(message)
                    if view is not None:
                        yield view


class Rejoin:
    """Finds the session again after it restarted (``kerne run --resume``, a crash and resume):
    its new runtime file, for the same session file, with a new port or secret."""

    def __init__(self, data_dir: Path, session: str) -> None:
        self.data_dir = data_dir
        self.session = session

    async def __call__(self, current: ControlClient) -> ControlClient | None:
        """A client for the session's new run, or None while it is not back (or never left)."""
        found = await asyncio.to_thread(running_sessions, self.data_dir)
        for info in found:
            moved = (info.port, info.secret) != (current.port, current.secret)
            if info.session == self.session and moved:
                return ControlClient.for_runtime(info)
        return None


def _view_of(message: bytes) -> dict[str, Any] | None:
    """The view an SSE message carries, if it is one (``event: view``)."""
    event = ""
    data: list[str] = []
    for line in message.decode("utf-8").splitlines():
        if line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())
    if event != "view" or not data:
        return None
    view = json.loads("\n".join(data))
    return view if isinstance(view, dict) else None
