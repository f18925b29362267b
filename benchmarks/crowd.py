"""A room larger than the server may hold: phones that take what they get and say what it was.

The phones of :mod:`benchmarks.phones` stop the benchmark when one cannot connect; these do
not. Each tries its event stream once (a 200 or a refusal), then presses send once at the
common moment, and every outcome is counted: acknowledged (201), refused clearly (503 with
``Retry-After``), any other status, a time-out, or a connection the server broke. Every loop is
bounded in count and time.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import orjson

from benchmarks.control import percentile
from benchmarks.http_client import EventStream, HttpError, cookie_from
from benchmarks.phones import TEXT, Phone, own_address

STREAM_TIMEOUT = 5.0
LATE_AFTER = 1.0
LATE_PHONE = 60_000
"""The late phone's address number: apart from the room's (each phone has its own address)."""
JOIN_CONCURRENCY = 200
"""Phones that join at the same moment: a room's phones scan the code within seconds."""
SUBMIT_TIMEOUT = 15.0
"""A phone's browser gives up on a request after about this long; so does the issue's count."""


class _TolerantStream(EventStream):
    """An event stream that reads a refusal (a 503 with a JSON body) without choking on it."""

    def _dechunk(self) -> None:
        if self.head is not None and self.head[9:12] != b"200":
            self.buffer.clear()
            return
        super()._dechunk()


@dataclass
class CrowdResult:
    """Everything a room of phones saw, from joining to the answer of its one send."""

    phones: int
    streams: int = 0
    stream_refused: int = 0
    stream_failed: Counter[str] = field(default_factory=Counter)
    acked: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    refused: int = 0
    """503 with Retry-After: the clear "full right now"."""
    refusal_latencies: list[float] = field(default_factory=list)
    other: Counter[str] = field(default_factory=Counter)
    timed_out: int = 0
    broken: Counter[str] = field(default_factory=Counter)
    last_answer: float = 0.0
    """Seconds from the common press of send to the last answer of any kind."""
    late_phone: str = ""
    log_growth: int = 0

    @property
    def answered_clearly(self) -> int:
        """Phones that got a 201 or a clear refusal."""
        return len(self.acked) + self.refused

    def p(self, share: float) -> float | None:
        """Latency percentile of the acknowledged sends (None when there are none)."""
        return percentile(self.latencies, share) if self.latencies else None

    def summary(self) -> str:
        """One line for the table's note."""
        extra = "".join(f", {n} {what}" for what, n in {**self.other, **self.broken}.items())
        return (
            f"{len(self.acked)}/{self.phones} acked, {self.refused} clear 503, "
            f"{self.timed_out} timed out{extra}; streams {self.streams} "
            f"(refused {self.stream_refused}, failed {sum(self.stream_failed.values())}); "
            f"last answer {self.last_answer:.2f} s; late phone: {self.late_phone}; "
            f"log +{self.log_growth / 1e3:.0f} kB"
        )


async def open_stream(phone: Phone) -> str:
    """Try the phone's event stream once: "ok", "refused" or what went wrong."""
    raw = phone._head("GET", f"/api/{phone.code}/events", "Accept: text/event-stream\r\n\r\n")
    loop = asyncio.get_running_loop()
    try:
        _, stream = await asyncio.wait_for(
            loop.create_connection(
                lambda: _TolerantStream(phone._on_state),
                phone.host,
                phone.port,
                local_addr=(phone.local, 0) if phone.local else None,
            ),
            STREAM_TIMEOUT,
        )
        phone.stream = stream
        assert stream.transport is not None
        stream.transport.write(raw.encode())
        head = await asyncio.wait_for(stream.opened, STREAM_TIMEOUT)
    except TimeoutError:
        return "timeout"
    except (HttpError, OSError) as error:
        return type(error).__name__
    phone.cookie = cookie_from(head) or phone.cookie
    if head[9:12] != b"200":
        stream.close()
        return "refused" if head[9:12] == b"503" else f"status {head[9:12].decode()}"
    return "ok"


async def join_crowd(url: str, code: str, count: int, result: CrowdResult) -> list[Phone]:
    """Bring *count* phones in, each trying its stream once (at most 200 at the same moment)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    gate = asyncio.Semaphore(JOIN_CONCURRENCY)
    # Each phone on its own address, as on a workshop Wi-Fi; its stream brings its cookie.
    phones = [
        Phone(index, host, port, code, local=own_address(host, index)) for index in range(count)
    ]

    async def one(phone: Phone) -> None:
        async with gate:
            outcome = await open_stream(phone)
        if outcome == "ok":
            result.streams += 1
        elif outcome == "refused":
            result.stream_refused += 1
        else:
            result.stream_failed[outcome] += 1

    await asyncio.gather(*(one(phone) for phone in phones))
    return phones


async def send_once(phone: Phone, step: str, started: float, result: CrowdResult) -> None:
    """One press of send, answered or given up after :data:`SUBMIT_TIMEOUT`."""
    try:
        status, cid, retry = await asyncio.wait_for(_submit(phone, step), SUBMIT_TIMEOUT)
    except TimeoutError:
        result.timed_out += 1
        return
    except (HttpError, OSError) as error:
        result.broken[type(error).__name__] += 1
        return
    answered = time.monotonic() - started
    result.last_answer = max(result.last_answer, answered)
    if status == 201:
        result.acked.append(cid)
        result.latencies.append(answered)
    elif status == 503 and retry:
        result.refused += 1
        result.refusal_latencies.append(answered)
    else:
        result.other[f"{status}{'' if retry else ' (no Retry-After)'}"] += 1


async def _submit(phone: Phone, step: str) -> tuple[int, str, bool]:
    body = orjson.dumps({"step": step, "client_id": uuid.uuid4().hex, "text": f"{TEXT} (sal)"})
    head = phone._head(
        "POST",
        f"/api/{phone.code}/contributions",
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n",
    )
    response = await phone.request(head.encode() + body)
    cid = str(orjson.loads(response.body)["id"]) if response.status == 201 else ""
    return response.status, cid, response.retry_after


async def crowd_burst(phones: list[Phone], step: str, result: CrowdResult) -> None:
    """Every phone presses send at the same moment, once."""
    go = asyncio.Event()
    started = 0.0

    async def one(phone: Phone) -> None:
        await go.wait()
        await send_once(phone, step, started, result)

    tasks = [asyncio.create_task(one(phone)) for phone in phones]
    await asyncio.sleep(0)
    started = time.monotonic()
    go.set()
    _, pending = await asyncio.wait(tasks, timeout=SUBMIT_TIMEOUT + 5)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


async def late_phone(url: str, code: str, step: str) -> str:
    """A phone that comes in a second after the burst: what its send got ("201": served)."""
    await asyncio.sleep(LATE_AFTER)
    parts = urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    phone = Phone(-1, host, parts.port or 80, code, local=own_address(host, LATE_PHONE))
    try:
        stream = await open_stream(phone)
        probe = CrowdResult(1)
        await send_once(phone, step, time.monotonic(), probe)
        if probe.acked:
            return f"201 (stream {stream})"
        return f"not served (stream {stream}; {probe.summary()})"
    finally:
        phone.close()


def log_bytes(folder: Path) -> int:
    """Bytes of everything the server logged in *folder*: its stderr and kerne.log files."""
    total = 0
    for path in [folder / "server.log", *folder.rglob("kerne.log*")]:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total
