"""Simulated phones: each with its own cookie and connections, listening to the event stream.

A phone opens the event stream first, as the page's script does, and keeps the cookie the server
gives it there. A second keep-alive connection carries its requests, as a browser's would. Each
phone connects from a loopback address of its own (127.0.0.2, 127.0.0.3, …), as every phone in a
room has its own address on the Wi-Fi, so the server's limits per address apply as they would.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import orjson

from benchmarks.control import percentile
from benchmarks.http_client import Connection, EventStream, HttpError, Response, cookie_from
from kerne_tui.rehearsal.addresses import own_addresses_work, phone_address

CONNECT_CONCURRENCY = 50
"""Phones that connect at the same moment: below the server's listen backlog of 128."""
CONNECT_TIMEOUT = 20.0
SUBMITS_PER_IDENTITY = 20
"""The sustained load becomes another phone after this many submits, so that neither the
per-person cap of the benchmark plan nor the per-device rate limit (burst 30) is measured."""
IDENTITY_STRIDE = 4_000
"""Address numbers between one generation of identities and the next (more than any fleet)."""
TEXT = "Vi er her for at gøre en forskel for dem, vi arbejder for, hver eneste dag."


@dataclass
class Phone:
    """One simulated participant's phone."""

    index: int
    host: str
    port: int
    code: str
    cookie: str = ""
    states: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    stream: EventStream | None = None
    connection: Connection | None = None
    local: str | None = None
    """The loopback address this phone connects from (None: the system's choice)."""
    generation: int = 0

    def _head(self, method: str, path: str, extra: str = "") -> str:
        cookie = f"Cookie: kerne_device={self.cookie}\r\n" if self.cookie else ""
        return f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{cookie}{extra}"

    def _on_state(self, moment: float, data: bytes) -> None:
        self.states.append((moment, orjson.loads(data)))
        self.changed.set()

    async def join(self) -> None:
        """Open the event stream (which gives the cookie), then fetch the state."""
        raw = self._head("GET", f"/api/{self.code}/events", "Accept: text/event-stream\r\n\r\n")
        self.stream, head = await EventStream.open(
            self.host, self.port, raw.encode(), self._on_state, self.local
        )
        self.cookie = cookie_from(head) or self.cookie
        while not self.states:
            self.changed.clear()
            await asyncio.wait_for(self.changed.wait(), CONNECT_TIMEOUT)
        self.connection = await Connection.open(self.host, self.port, self.local)
        response = await self.request(self._head("GET", f"/api/{self.code}/state", "\r\n").encode())
        if response.status != 200:
            raise HttpError(f"state answered {response.status}")

    async def request(self, raw: bytes) -> Response:
        """One request on the phone's keep-alive connection (reopened once if it was closed)."""
        if self.connection is None or self.connection.lost:
            self.connection = await Connection.open(self.host, self.port, self.local)
        response = await self.connection.request(raw)
        if response.cookie:
            self.cookie = response.cookie
        return response

    async def submit(self, step: str) -> tuple[int, str]:
        """Send one text contribution; the status and the id the server answered with."""
        body = orjson.dumps(
            {"step": step, "client_id": uuid.uuid4().hex, "text": f"{TEXT} ({self.index})"}
        )
        head = self._head(
            "POST",
            f"/api/{self.code}/contributions",
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n",
        )
        response = await self.request(head.encode() + body)
        if response.status == 201:
            return 201, str(orjson.loads(response.body)["id"])
        return response.status, ""

    def new_identity(self) -> None:
        """Become another phone: no cookie (the server issues one) and, where phones have
        addresses of their own, another address, as another person's phone would have."""
        self.cookie = ""
        if self.local is not None:
            self.generation += 1
            self.local = phone_address(self.index + self.generation * IDENTITY_STRIDE)
            if self.connection is not None:
                self.connection.close()
                self.connection = None

    def seen_step(self, step: str) -> float | None:
        """When this phone first heard that *step* is open."""
        for moment, state in self.states:
            if state.get("step") == step:
                return moment
        return None

    def close(self) -> None:
        """Hang up the stream and the connection."""
        if self.stream is not None:
            self.stream.close()
        if self.connection is not None:
            self.connection.close()


def own_address(host: str, index: int) -> str | None:
    """The loopback address phone *index* connects from, where phones can have their own."""
    return phone_address(index) if host.startswith("127.") and own_addresses_work() else None


async def connect_phones(url: str, code: str, count: int) -> list[Phone]:
    """Bring *count* phones into the room: stream open, first state received, state fetched."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def one(index: int) -> Phone:
        phone = Phone(index, host, port, code, local=own_address(host, index))
        async with gate:
            try:
                await asyncio.wait_for(phone.join(), CONNECT_TIMEOUT)
            except BaseException:
                phone.close()
                raise
        return phone

    results = await asyncio.gather(*(one(i) for i in range(count)), return_exceptions=True)
    phones = [r for r in results if isinstance(r, Phone)]
    failures = [r for r in results if not isinstance(r, Phone)]
    if failures:
        close_phones(phones)
        raise RuntimeError(f"{len(failures)} of {count} phones could not connect: {failures[0]!r}")
    return phones


def close_phones(phones: list[Phone]) -> None:
    """Hang up every phone."""
    for phone in phones:
        phone.close()


@dataclass
class BurstResult:
    """What a room of phones got back when they all pressed send at once."""

    phones: int
    per_phone: int
    latencies: list[float] = field(default_factory=list)
    acked: list[str] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    wall: float = 0.0

    @property
    def wanted(self) -> int:
        """Submits the phones meant to make."""
        return self.phones * self.per_phone

    @property
    def unfinished(self) -> int:
        """Submits still without an answer when the time ran out."""
        return self.wanted - len(self.latencies) - sum(self.errors.values())

    @property
    def all_acked_after(self) -> float | None:
        """From the common press of send until the last acknowledgement (None if not all came)."""
        return self.wall if len(self.acked) == self.wanted else None

    def p(self, share: float) -> float | None:
        """Latency percentile, or None where the unanswered ones make it unknowable."""
        missing = self.wanted - len(self.latencies)
        if missing > self.wanted * (1 - share):
            return None
        return percentile(self.latencies + [float("inf")] * missing, share)


async def burst(phones: list[Phone], step: str, per_phone: int, limit: float) -> BurstResult:
    """Every phone presses send at the same moment, *per_phone* times in a row, within *limit* s.

    A submit's latency runs from the moment its phone pressed send: the common start for the
    first, the previous answer for the next (the person sends again at once). The burst is over
    when the last phone has its last answer.
    """
    result = BurstResult(len(phones), per_phone)
    go = asyncio.Event()
    started = 0.0
    last = 0.0

    async def one(phone: Phone) -> None:
        nonlocal last
        await go.wait()
        pressed = started
        for _ in range(per_phone):
            try:
                status, cid = await phone.submit(step)
            except (HttpError, OSError) as error:
                result.errors[type(error).__name__] += 1
                return
            answered = time.monotonic()
            last = max(last, answered)
            if status == 201:
                result.latencies.append(answered - pressed)
                result.acked.append(cid)
            else:
                result.errors[str(status)] += 1
            pressed = answered

    tasks = [asyncio.create_task(one(phone)) for phone in phones]
    await asyncio.sleep(0)
    started = time.monotonic()
    go.set()
    _, pending = await asyncio.wait(tasks, timeout=limit)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    result.wall = (last if not pending else time.monotonic()) - started
    return result


@dataclass
class SustainedResult:
    """Acknowledged submits over a fixed time with every connection busy."""

    seconds: float
    acked: list[str] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    late: int = 0
    """Acknowledged after the window closed: checked on disk, not counted in the rate."""

    @property
    def per_second(self) -> float:
        """Durable (acknowledged) submits per second within the window."""
        return (len(self.acked) - self.late) / self.seconds if self.seconds else 0.0


async def sustained(phones: list[Phone], step: str, seconds: float) -> SustainedResult:
    """Every phone submits again as soon as it is answered, for *seconds*."""
    result = SustainedResult(seconds)
    deadline = time.monotonic() + seconds
    cap = int(seconds * 1000) + SUBMITS_PER_IDENTITY

    async def one(phone: Phone) -> None:
        for count in range(cap):
            if time.monotonic() >= deadline:
                return
            if count % SUBMITS_PER_IDENTITY == 0:
                phone.new_identity()
            try:
                status, cid = await phone.submit(step)
            except (HttpError, OSError) as error:
                result.errors[type(error).__name__] += 1
                return
            if time.monotonic() > deadline:
                if status == 201:
                    result.acked.append(cid)
                    result.late += 1
                return
            if status == 201:
                result.acked.append(cid)
            else:
                result.errors[str(status)] += 1

    tasks = [asyncio.create_task(one(phone)) for phone in phones]
    _, pending = await asyncio.wait(tasks, timeout=seconds + 30)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return result


@dataclass
class FanOutResult:
    """How long a step change took to reach every connected phone."""

    phones: int
    latencies: list[float] = field(default_factory=list)

    @property
    def missing(self) -> int:
        """Phones that never heard of the change."""
        return self.phones - len(self.latencies)


async def await_step(phones: list[Phone], step: str, since: float, limit: float) -> FanOutResult:
    """Wait (at most *limit* s) until every phone has seen *step*; latencies from *since*."""
    result = FanOutResult(len(phones))

    async def one(phone: Phone) -> None:
        deadline = time.monotonic() + limit
        while (moment := phone.seen_step(step)) is None:
            phone.changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(phone.changed.wait(), left)
        result.latencies.append(moment - since)

    await asyncio.gather(*(one(phone) for phone in phones))
    return result
