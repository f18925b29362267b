"""One phone must never close the room (issue 23, the network half), over real HTTP.

Every disruptor and every phone has its own loopback address (127.0.0.2, 127.0.0.3, …), as on
a workshop Wi-Fi. A body that never ends is a POST whose ``Content-Length`` is never reached,
or a chunked body that trickles one byte now and then; each is answered and closed within
seconds, and while one device or one address holds all it may, a phone elsewhere is served.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections import Counter
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

import orjson
import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar, TCPConnector
from support import form_token
from test_full_room import serve_under

from benchmarks.files import kerne_ids
from benchmarks.phones import Phone
from kerne_tui.catalog import t
from kerne_tui.console.lines import top_line
from kerne_tui.control import ControlCenter
from kerne_tui.control.pairing import GUESSES_PER_MINUTE, Surface
from kerne_tui.rehearsal.addresses import own_addresses_work
from kerne_tui.web import phone_server
from kerne_tui.web.budget import BODY_SECONDS, LINGER_SECONDS, OPEN_REQUESTS_PER_DEVICE
from kerne_tui.web.control import CONSOLE_HEADER, REMOTE_COOKIE
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
            response = await phone.get(f"http://127.0.0.1:{port}/api/{CODE}/state")
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


# --- another site's page posting for a phone -------------------------------------------------


ADDRESSES = iter(range(10, 250))


async def post_as(
    port: int, path: str, headers: dict[str, str], *, device: str | None = None, **kwargs: Any
) -> int:
    """A post from a phone of its own address (a cookieless post brings in a new device)."""
    cookies = {"kerne_device": device} if device else {}
    address = "127.0.0.6" if device else f"127.0.1.{next(ADDRESSES)}"
    async with ClientSession(
        cookies=cookies,
        connector=TCPConnector(local_addr=(address, 0)),
        timeout=WAIT,
    ) as phone:
        response = await phone.post(
            f"http://127.0.0.1:{port}{path}", headers=headers, allow_redirects=False, **kwargs
        )
        await response.read()
        return response.status


async def test_origin_null_and_a_cross_site_form_without_origin_are_refused(
    workshop: Workshop,
) -> None:
    async with served(workshop) as port:
        device = await device_from("127.0.0.6", port)
        submit = f"/api/{CODE}/contributions"
        body = {"step": "ideas", "client_id": "n1", "text": "fra en sandkasse"}
        form = {"step": "ideas", "client_id": "f1", "text": "fra en anden side"}
        # A sandboxed frame or a data: page: Origin null, with and without the phone's cookie.
        assert await post_as(port, submit, {"Origin": "null"}, device=device, json=body) == 403
        assert await post_as(port, f"/j/{CODE}/send", {"Origin": "null"}, data=form) == 403
        # No Origin at all, but the browser says where the form came from: refused even with
        # the phone's cookie and its form token.
        async with ClientSession(
            base_url=f"http://127.0.0.1:{port}",
            cookies={"kerne_device": device},
            connector=TCPConnector(local_addr=("127.0.0.6", 0)),
            timeout=WAIT,
        ) as own_page:
            token = await form_token(own_page, CODE)
        for headers in (
            {"Sec-Fetch-Site": "cross-site"},
            {"Sec-Fetch-Site": "same-site"},
            {"Referer": "http://evil.example/side"},
            {"Referer": "null"},
        ):
            status = await post_as(
                port, f"/j/{CODE}/send", headers, device=device, data={**form, "csrf": token}
            )
            assert status == 403, headers
        # Without a cookie and the form token this phone was given, a form proves nothing.
        assert await post_as(port, f"/j/{CODE}/send", {}, data=form) == 403
        assert workshop.contributions("ideas") == []
        # kerne's own no-script form: a same-origin Referer (or its Origin) and its token.
        async with ClientSession(
            base_url=f"http://127.0.0.1:{port}",
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=("127.0.0.7", 0)),
            timeout=WAIT,
        ) as phone:
            token = await form_token(phone, CODE)
            own = {"Referer": f"http://127.0.0.1:{port}/j/{CODE}", "Sec-Fetch-Site": "same-origin"}
            response = await phone.post(
                f"/j/{CODE}/send", data={**form, "csrf": token}, headers=own, allow_redirects=False
            )
            assert response.status == 303
        assert [c.text for c in workshop.contributions("ideas")] == ["fra en anden side"]


# --- nothing from a request's headers in the log or an error body ------------------------------


async def raw_exchange(port: int, request: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=("127.0.0.8", 0))
    try:
        writer.write(request)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.transport.abort()


async def test_a_malformed_request_is_logged_as_its_kind_and_echoes_nothing(
    workshop: Workshop, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with served(workshop) as port:
        token = await device_from("127.0.0.8", port)
        phone_name = "Mettes iPhone"
        long_cookie = f"kerne_device={token}; pad=" + "x" * 9000
        malformed = [
            f"GET /j/{CODE} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {long_cookie}\r\n\r\n",
            f"GET /j/{CODE} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: kerne_device={token}\r\n"
            f"User-Agent: Mozilla/5.0 ({phone_name}\x01)\r\n\r\n",
        ]
        for request in malformed:
            answer = await raw_exchange(port, request.encode("latin-1"))
            head, _, body = answer.partition(b"\r\n\r\n")
            assert head.split(b"\r\n")[0].endswith(b" 400 Bad Request"), head
            assert body.decode() == t("da", "web.error.malformed")
            assert token.encode() not in answer and phone_name.encode() not in answer
        # The room is still served.
        assert (await send("127.0.0.9", port, await device_from("127.0.0.9", port), "m"))[0] == 201
    logged = "\n".join(
        record.getMessage()
        + (logging.Formatter().formatException(record.exc_info) if record.exc_info else "")
        for record in caplog.records
    )
    assert token not in logged and phone_name not in logged
    assert "refused with 400: LineTooLong" in logged
    assert "refused with 400: BadHttpMessage" in logged or "InvalidHeader" in logged


# --- pairing cannot be griefed -----------------------------------------------------------------


async def guess(port: int, address: str, code: str) -> int:
    async with ClientSession(
        cookie_jar=CookieJar(unsafe=True),
        connector=TCPConnector(local_addr=(address, 0)),
        timeout=WAIT,
    ) as phone:
        response = await phone.post(
            f"http://127.0.0.1:{port}/control/remote/pair",
            data={"code": code},
            allow_redirects=False,
        )
        await response.read()
        if response.status == 303:
            assert response.cookies[REMOTE_COOKIE].value
        return response.status


async def test_wrong_pairing_codes_from_the_room_never_keep_the_facilitator_from_pairing(
    workshop: Workshop,
) -> None:
    control = ControlCenter(workshop)
    await workshop.go_to("ideas", run_timer=False)
    async with phone_server(workshop, host="127.0.0.1", port=0, control=control) as info:
        port = info.port
        offer = control.offer_pairing(Surface.CONSOLE)
        guessers = [f"127.0.2.{n}" for n in range(1, 9)]
        statuses = [
            await guess(port, address, f"GAET{n:02d}")
            for address in guessers
            for n in range(GUESSES_PER_MINUTE)
        ]
        assert statuses == [403] * len(guessers) * GUESSES_PER_MINUTE
        # A guesser past its limit is held up, even with the right code.
        assert await guess(port, guessers[0], offer.code) == 429
        # The facilitator's phone pairs with the code the console shows.
        assert await guess(port, "127.0.2.100", offer.code) == 303
        assert len(control.pairings.remotes) == 1
        # And the console says guessing was seen.
        async with ClientSession(timeout=WAIT) as console:
            response = await console.get(
                f"http://127.0.0.1:{port}/control/state",
                headers={CONSOLE_HEADER: control.secret},
            )
            view = await response.json()
    wrong = len(guessers) * GUESSES_PER_MINUTE
    assert view["pairing_guesses"] == wrong
    line = top_line(view, "da").plain
    assert t("da", "console.pair.guessing", n=wrong) in line
