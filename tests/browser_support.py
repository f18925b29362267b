"""Real parts for the browser tests: a workshop served from a background event loop.

The phone server must run on an asyncio loop, and Playwright's sync API must not; so the
server lives on a loop in a daemon thread and the test drives the engine through
``asyncio.run_coroutine_threadsafe``, exactly as the projected screen would drive it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

from support import FakeClock, plan_text

from kerne_tui.plan import load_plan
from kerne_tui.web import phone_server
from kerne_tui.workshop import Workshop

T = TypeVar("T")

JOIN_CODE = "KAFFE"
"""A fixed join code (from the join alphabet), so addresses and screenshots are stable."""

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE: dict[str, Any] = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "locale": "da-DK",
}

ALL_KINDS_PLAN = plan_text("browser")
"""The phone tests' plan with every kind (``tests/data/browser.toml``)."""


class LoopThread:
    """An asyncio event loop in a daemon thread, for the server while the test runs a browser."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="phone-server")
        self._thread.daemon = True
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = 15.0) -> T:
        """Run *coro* on the loop and wait (bounded) for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def stop(self) -> None:
        """Stop the loop and wait for its thread."""
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5.0)
        self.loop.close()


class LiveSession:
    """A workshop served to phones on 127.0.0.1, driven from the test like the facilitator."""

    def __init__(self, loop: LoopThread, workshop: Workshop, clock: FakeClock) -> None:
        self.loop = loop
        self.workshop = workshop
        self.clock = clock
        self.port = 0
        self.base = ""
        """``http://127.0.0.1:<port>``"""
        self.url = ""
        """The join address, as the QR code carries it."""
        self._server: contextlib.AsyncExitStack | None = None

    def serve_again(self) -> None:
        """Start the phone server (on the same port as before, if it ran before)."""

        async def start() -> None:
            stack = contextlib.AsyncExitStack()
            info = await stack.enter_async_context(
                phone_server(self.workshop, host="127.0.0.1", port=self.port)
            )
            self._server = stack
            if self.port and info.port != self.port:
                raise RuntimeError(f"port {self.port} was taken, the server moved to {info.port}")
            self.port = info.port
            self.base = f"http://127.0.0.1:{info.port}"
            self.url = info.url

        self.loop.run(start())

    def stop_serving(self) -> None:
        """Stop the phone server (the laptop went away); the workshop itself goes on."""
        if self._server is not None:
            stack, self._server = self._server, None
            self.loop.run(stack.aclose())

    def do(self, command: Callable[[Workshop], Awaitable[T]]) -> T:
        """Run a facilitator command (a coroutine function of the workshop) on the server loop."""

        async def call() -> T:
            return await command(self.workshop)

        return self.loop.run(call())

    def go_to(self, step_id: str) -> None:
        """Open *step_id* with its countdown running."""
        self.do(lambda w: w.go_to(step_id))

    def next_step(self) -> None:
        """Move on as the facilitator does."""
        self.do(lambda w: w.next_step())

    def run_out(self) -> None:
        """Let the open step's countdown reach zero now (input closes, phones are told)."""

        async def expire(workshop: Workshop) -> None:
            self.clock.advance(workshop.seconds_left() + 1.0)
            workshop.tick()

        self.do(expire)

    def texts(self, step_id: str) -> list[str]:
        """The texts that reached the session for *step_id* (retracted ones left out)."""
        return [doc["text"] for doc in self.answers(step_id)]

    def answers(self, step_id: str) -> list[dict[str, Any]]:
        """The live contributions of *step_id* as stored documents (to check what arrived)."""

        async def read(workshop: Workshop) -> list[dict[str, Any]]:
            return [
                c.to_doc()
                for c in workshop.contributions(step_id, include_invisible=True)
                if not c.retracted
            ]

        return self.do(read)


@contextlib.contextmanager
def live_session(
    loop: LoopThread,
    data_dir: Path,
    start_at: str | None,
    language: str = "da",
    plan_name: str = "browser",
) -> Iterator[LiveSession]:
    """Serve the all-kinds plan (or the test plan *plan_name*), opened at *start_at* (or
    waiting when None), for one test."""
    plan_path = data_dir / "alle-trin.toml"
    text = ALL_KINDS_PLAN if plan_name == "browser" else plan_text(plan_name)
    text = text.replace('language = "da"', f'language = "{language}"', 1)
    plan_path.write_text(text, encoding="utf-8")
    plan = load_plan(plan_path)
    clock = FakeClock(running=True)

    async def start() -> Workshop:
        workshop = Workshop.create(plan, data_dir, clock=clock, join_code=JOIN_CODE)
        await workshop.open()
        if start_at is not None:
            await workshop.start(start_at)
        return workshop

    workshop = loop.run(start())
    session = LiveSession(loop, workshop, clock)
    try:
        session.serve_again()
        yield session
    finally:
        session.stop_serving()
        loop.run(workshop.shutdown())
