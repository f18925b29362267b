"""One phone must never close the room (issue 23, the network half), over real HTTP.

Every disruptor and every phone has its own loopback address (127.0.0.2, 127.0.0.3, …), as on
a workshop Wi-Fi. A body that never ends is a POST whose ``Content-Length`` is never reached,
or a chunked body that trickles one byte now and then; each is answered and closed within
seconds, and while one device or one address holds all it may, a phone elsewhere is served.
What a request says (its origin, its headers, pairing codes) is in test_hostile_requests.py.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import TypeVar

import orjson
import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar, TCPConnector
from test_full_room import serve_under

from benchmarks.files import kerne_ids
from benchmarks.phones import Phone
from kerne_tui.catalog import t
from kerne_tui.rehearsal.addresses import own_addresses_work
from kerne_tui.web import phone_server
from kerne_tui.web.budget import BODY_SECONDS, LINGER_SECONDS, OPEN_REQUESTS_PER_DEVICE
from kerne_tui.workshop import Workshop

CODE = "KERNE"
T = TypeVar("T")
WAIT = ClientTimeout(total=10)
CLOSED_WITHIN = BODY_SECONDS + LINGER_SECONDS + 3.0
"""A never-ending body is answered after BODY_SECONDS and closed LINGER_SECONDS later; the
rest is room for a busy machine."""

pytestmark = pytest.mark.skipif(
    not own_addresses_work(), reason="this machine answers only on 127.0.0.1"
)

Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def device_from(address: str, port: int) -> str:
    """A device token this session issued, for a phone on *address* (it loads the page)."""
    async with ClientSession(
        cookie_jar=CookieJar(unsafe=True),
        connector=TCPConnector(local_addr=(address, 0)),
        timeout=WAIT,
    ) as phone:
        response = await phone.get(f"http://127.0.0.1:{port}/j/{CODE}")
        await response.read()
        assert response.status == 200
        return response.cookies["kerne_device"].value


async def send(address: str, port: int, device: str, client_id: str) -> tuple[int, dict[str, str]]:
    """One whole contribution from *device* on *address*: the status and the answer's JSON."""
    body = {"step": "ideas", "client_id": client_id, "text": "Mere luft"}
    async with ClientSession(
        cookies={"kerne_device": device},
        connector=TCPConnector(local_addr=(address, 0)),
        timeout=WAIT,
    ) as phone:
        response = await phone.post(f"http://127.0.0.1:{port}/api/{CODE}/contributions", json=body)
        answer = orjson.loads(await response.read())
        if "Retry-After" in response.headers:
            answer["retry_after"] = response.headers["Retry-After"]
        return response.status, answer


def endless_head(
    port: int, device: str | None, *, code: str = CODE, chunked: bool = False
) -> bytes:
    """The head of a post whose body will not end, and its first bytes."""
    cookie = f"Cookie: kerne_device={device}\r\n" if device else ""
    framing = "Transfer-Encoding: chunked" if chunked else "Content-Length: 600"
    head = (
        f"POST /api/{code}/contributions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{cookie}"
        f"Content-Type: application/json\r\n{framing}\r\n\r\n"
    )
    first = b'5\r\n{"ste\r\n' if chunked else b'{"step": "ideas", "te'
    return head.encode() + first


async def hold_body(address: str, port: int, device: str | None, code: str = CODE) -> Connection:
    """Open a connection from *address* and start a body that never ends."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(address, 0))
    writer.write(endless_head(port, device, code=code))
    await writer.drain()
    return reader, writer


def hang_up(connections: list[Connection]) -> None:
    for _, writer in connections:
        writer.transport.abort()


async def busy_for(address: str, port: int, device: str) -> None:
    """Wait (bounded) until the server counts *device* at its share: its next request is 429."""
    async with ClientSession(
        cookies={"kerne_device": device},
        connector=TCPConnector(local_addr=(address, 0), force_close=True),
        timeout=WAIT,
    ) as phone:
        for _ in range(100):
            # An empty object: 400 while there is room (nothing is stored), 429 once there is none.
            response = await phone.post(
                f"http://127.0.0.1:{port}/api/{CODE}/contributions", json={}
            )
            await response.read()
            if response.status == 429:
                return
            await asyncio.sleep(0.05)
    raise AssertionError("the held bodies were never counted")


@asynccontextmanager
async def served(workshop: Workshop) -> AsyncIterator[int]:
    await workshop.go_to("ideas", run_timer=False)
    async with phone_server(workshop, host="127.0.0.1", port=0) as info:
        yield info.port


# --- a lone body that never ends -----------------------------------------------------------


@pytest.mark.parametrize("chunked", [False, True], ids=["length-never-reached", "chunked-trickle"])
async def test_a_lone_never_ending_body_is_answered_and_closed_within_seconds(
    workshop: Workshop, chunked: bool
) -> None:
    async with served(workshop) as port:
        device = await device_from("127.0.0.2", port)
        reader, writer = await asyncio.open_connection(
            "127.0.0.1", port, local_addr=("127.0.0.2", 0)
        )
        loop = asyncio.get_running_loop()
        started = loop.time()
        writer.write(endless_head(port, device, chunked=chunked))

        async def trickle() -> None:
            # One byte now and then, for longer than the server waits (bounded).
            for _ in range(int(CLOSED_WITHIN * 4)):
                await asyncio.sleep(0.25)
                writer.write(b"1\r\nx\r\n" if chunked else b"x")

        dripping = asyncio.create_task(trickle())
        try:
            answer = await asyncio.wait_for(reader.read(), CLOSED_WITHIN + 5)
            closed_after = loop.time() - started
        finally:
            dripping.cancel()
            with suppress(asyncio.CancelledError, ConnectionError):
                await dripping
            writer.transport.abort()
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        body = orjson.loads(answer.split(b"\r\n\r\n", 1)[1])
        assert body["error"] == {
            "code": "slow_body",
            "message": t("da", "web.error.slow_body"),
        }
        assert closed_after < CLOSED_WITHIN, f"closed only after {closed_after:.1f} s"
        assert await send("127.0.0.3", port, await device_from("127.0.0.3", port), "c") == (
            201,
            {"id": workshop.contributions("ideas")[0].id},
        )


# --- a handful of requests under way per device and per address ----------------------------


async def test_a_device_and_an_address_past_their_share_are_told_busy_and_others_are_served(
    workshop: Workshop,
) -> None:
    async with served(workshop) as port:
        crowded = "127.0.0.4"
        first, second, third = [await device_from(crowded, port) for _ in range(3)]
        held: list[Connection] = []
        try:
            held += [await hold_body(crowded, port, first) for _ in range(OPEN_REQUESTS_PER_DEVICE)]
            await busy_for(crowded, port, first)
            status, answer = await send(crowded, port, first, "a1")
            assert status == 429
            assert answer["error"] == {"code": "busy", "message": t("da", "web.busy")}
            assert int(answer["retry_after"]) >= 1
            # Another phone on the same address still has room, until the address is full.
            assert (await send(crowded, port, second, "b1"))[0] == 201
            held += [
                await hold_body(crowded, port, second) for _ in range(OPEN_REQUESTS_PER_DEVICE)
            ]
            await busy_for(crowded, port, second)
            status, answer = await send(crowded, port, third, "c1")
            assert (status, answer["error"]["code"]) == (429, "busy")
            # A phone elsewhere never feels it.
            elsewhere = await device_from("127.0.0.5", port)
            assert (await send("127.0.0.5", port, elsewhere, "e1"))[0] == 201
            # Once the held bodies have timed out, the first phone's answer goes through.
            for reader, _ in held:
                answer_bytes = await asyncio.wait_for(reader.read(), CLOSED_WITHIN + 5)
                assert answer_bytes.startswith(b"HTTP/1.1 408"), answer_bytes[:100]
            assert (await send(crowded, port, first, "a1"))[0] == 201
        finally:
            hang_up(held)
    # Every answer that was acknowledged is there (b1, e1 and a1), and nothing else.
    assert len(workshop.contributions("ideas")) == 3


# --- five hundred never-ending bodies under a 512 open-files limit -------------------------


ATTACK = 500
ROOM = 30
"""The room's phones, each on an address of its own, that must be served meanwhile."""


async def in_time(phone: Phone, call: Awaitable[T]) -> T:
    try:
        return await asyncio.wait_for(call, 15)
    except TimeoutError:
        pytest.fail(f"phone {phone.index} was not served within 15 s")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="open-files limits are POSIX")
async def test_five_hundred_endless_bodies_from_one_address_leave_thirty_other_phones_served(
    tmp_path: Path,
) -> None:
    async with serve_under(512, 512, tmp_path) as (base, code):
        port = int(base.rsplit(":", 1)[1])
        attacker = "127.0.0.2"
        device = await device_from_code(attacker, port, code)
        held: list[Connection] = []

        async def one() -> None:
            with suppress(OSError, TimeoutError):  # a door closed at once
                held.append(await asyncio.wait_for(hold_body(attacker, port, device, code), 5))

        try:
            await asyncio.gather(*(one() for _ in range(ATTACK)))
            room = [
                Phone(n, "127.0.0.1", port, code, local=f"127.0.3.{1 + n}") for n in range(ROOM)
            ]
            try:
                await asyncio.gather(*(in_time(phone, phone.join()) for phone in room))
                sent = await asyncio.gather(*(in_time(p, p.submit("burst")) for p in room))
            finally:
                for phone in room:
                    phone.close()
            # What the attacker's connections heard: a clear 429 or 408, or a closed door.
            answers = await asyncio.gather(
                *(asyncio.wait_for(reader.read(), CLOSED_WITHIN + 10) for reader, _ in held),
                return_exceptions=True,
            )
        finally:
            hang_up(held)
    assert [status for status, _ in sent] == [201] * ROOM
    heads = Counter(a[:12] for a in answers if isinstance(a, bytes) and a)
    assert not [a for a in answers if isinstance(a, TimeoutError)], "a body was held for good"
    assert set(heads) <= {b"HTTP/1.1 429", b"HTTP/1.1 408"}, heads
    assert heads[b"HTTP/1.1 408"] <= OPEN_REQUESTS_PER_DEVICE, "a device held more than its share"
    assert {contribution for _, contribution in sent} <= kerne_ids(tmp_path), "an ack was lost"
    stderr = (tmp_path / "server.log").read_text(encoding="utf-8")
    assert "Traceback" not in stderr


async def device_from_code(address: str, port: int, code: str) -> str:
    """A device token from the server under test, whose join code is *code*."""
    async with ClientSession(
        cookie_jar=CookieJar(unsafe=True),
        connector=TCPConnector(local_addr=(address, 0)),
        timeout=WAIT,
    ) as phone:
        response = await phone.get(f"http://127.0.0.1:{port}/api/{code}/state")
        await response.read()
        assert response.status == 200
        return response.cookies["kerne_device"].value
