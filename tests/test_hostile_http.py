"""Trust in a hostile room, over real HTTP: each phone and each disruptor on its own loopback
address (127.0.0.2, 127.0.0.3, …), as on a workshop Wi-Fi where every phone has one.

One test per row of issue 18's table that concerns the phone server: rejoining before every
answer, invented device tokens, a foreign ``Host``, guessing join codes, floods of event
streams and idle connections, invisible texts, a vote over thousands of stuffed answers.
"""

from __future__ import annotations

import asyncio
import secrets
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar, TCPConnector
from aiohttp.test_utils import TestServer
from support import FakeClock

from kerne_tui.catalog import t
from kerne_tui.cli import build_parser
from kerne_tui.hosting import admission_limits
from kerne_tui.rehearsal.addresses import (
    is_loopback_url,
    local_address_for,
    own_addresses_work,
    phone_address,
)
from kerne_tui.settings import Settings
from kerne_tui.web import make_app, phone_server
from kerne_tui.web.admission import (
    DEFAULT_DEVICES_PER_ADDRESS,
    DEFAULT_NEW_DEVICES_PER_MINUTE,
    Admission,
    AdmissionLimits,
)
from kerne_tui.web.app import HUB
from kerne_tui.web.trust import TRUST
from kerne_tui.workshop import Workshop

CODE = "KERNE"
WAIT = ClientTimeout(total=10)

pytestmark = pytest.mark.skipif(
    not own_addresses_work(), reason="this machine answers only on 127.0.0.1"
)

MakePhone = Callable[..., ClientSession]
Start = Callable[..., Awaitable[TestServer]]


@pytest.fixture
async def start(workshop: Workshop) -> AsyncIterator[Start]:
    """Start the phone server for the shared workshop on 127.0.0.1 (options as make_app's)."""
    servers: list[TestServer] = []

    async def begin(**options: Any) -> TestServer:
        server = TestServer(make_app(workshop, **options), host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        return server

    yield begin
    for server in servers:
        await server.close()


@pytest.fixture
async def phone_from(start: Start) -> AsyncIterator[Callable[[str, TestServer], ClientSession]]:
    """Make a phone: its own cookie jar, every connection from the loopback *address* given."""
    sessions: list[ClientSession] = []

    def make(address: str, server: TestServer) -> ClientSession:
        base = server.make_url("/")
        session = ClientSession(
            base_url=base,
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(address, 0)),
            headers={"Origin": str(base.origin())},
            timeout=WAIT,
        )
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        await session.close()


async def send(phone: ClientSession, step: str, client_id: str, **payload: Any) -> int:
    response = await phone.post(
        f"/api/{CODE}/contributions", json={"step": step, "client_id": client_id, **payload}
    )
    await response.read()
    return response.status


# --- one phone, one voice ------------------------------------------------------------------


async def test_rejoining_before_every_answer_counts_only_a_handful(
    workshop: Workshop, start: Start, phone_from: Callable[[str, TestServer], ClientSession]
) -> None:
    await workshop.go_to("mood", run_timer=False)
    server = await start()
    disruptor = "127.0.0.2"
    taken = 0
    for attempt in range(60):
        async with ClientSession(
            base_url=server.make_url("/"),
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(disruptor, 0)),
            timeout=WAIT,
        ) as fresh:
            await (await fresh.get(f"/j/{CODE}")).read()
            status = await send(fresh, "mood", f"c{attempt}", values={"0": 1, "1": 1})
            taken += status == 201
    assert taken <= 5
    assert workshop.respondents("mood") <= 5
    room = [phone_from(phone_address(10 + n), server) for n in range(20)]
    for number, phone in enumerate(room):
        await (await phone.get(f"/j/{CODE}")).read()
        assert await send(phone, "mood", f"r{number}", values={"0": 4, "1": 5}) == 201
    assert workshop.respondents("mood") == taken + 20


async def test_an_invented_device_token_is_refused_clearly(
    workshop: Workshop, start: Start
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    server = await start()
    statuses = []
    for attempt in range(20):
        invented = secrets.token_hex(16 if attempt % 2 else 32)
        async with ClientSession(
            base_url=server.make_url("/"),
            cookies={"kerne_device": invented},
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=("127.0.0.2", 0)),
            timeout=WAIT,
        ) as liar:
            response = await liar.post(
                f"/api/{CODE}/contributions",
                json={"step": "ideas", "client_id": "x", "text": "spam"},
            )
            body = await response.json()
            statuses.append(response.status)
    assert set(statuses) == {403}
    assert body["error"]["code"] == "unknown_device"
    assert "Genindlæs siden" in body["error"]["message"]
    assert workshop.contributions("ideas") == []


async def test_a_phone_with_a_stale_cookie_gets_a_new_one_when_it_loads_the_page(
    workshop: Workshop, start: Start, phone_from: Callable[[str, TestServer], ClientSession]
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    server = await start()
    phone = phone_from("127.0.0.4", server)
    phone.cookie_jar.update_cookies({"kerne_device": "0" * 32}, server.make_url("/"))
    page = await phone.get(f"/j/{CODE}")
    assert page.status == 200
    assert await send(phone, "ideas", "c1", text="Mere tid") == 201


# --- only our own names --------------------------------------------------------------------


async def test_a_foreign_host_is_refused_even_with_a_matching_origin(
    workshop: Workshop, start: Start, phone_from: Callable[[str, TestServer], ClientSession]
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    server = await start()
    phone = phone_from("127.0.0.2", server)
    rebinding = {
        "Host": f"evil.example:{server.port}",
        "Origin": f"http://evil.example:{server.port}",
    }
    page = await phone.get(f"/j/{CODE}", headers=rebinding)
    assert page.status == 421
    assert "QR-koden" in await page.text()
    posted = await phone.post(
        f"/api/{CODE}/contributions",
        json={"step": "ideas", "client_id": "c", "text": "ind ad bagdøren"},
        headers=rebinding,
    )
    assert posted.status == 421
    form = await phone.post(
        f"/j/{CODE}/send",
        data={"step": "ideas", "text": "x"},
        headers=rebinding,
        allow_redirects=False,
    )
    assert form.status == 421
    assert workshop.contributions("ideas") == []
    assert (await phone.get(f"/j/{CODE}")).status == 200


async def test_the_public_url_and_localhost_are_our_own(
    workshop: Workshop, start: Start, phone_from: Callable[[str, TestServer], ClientSession]
) -> None:
    server = await start(public_url="https://kerne.example.dk")
    phone = phone_from("127.0.0.2", server)
    for host in ("kerne.example.dk", f"localhost:{server.port}", f"127.0.0.1:{server.port}"):
        assert (await phone.get(f"/j/{CODE}", headers={"Host": host})).status == 200


# --- guessing join codes -------------------------------------------------------------------


async def test_guessing_join_codes_meets_a_429_early(
    workshop: Workshop, start: Start, phone_from: Callable[[str, TestServer], ClientSession]
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    server = await start()
    guesser = phone_from("127.0.0.2", server)
    statuses = []
    for number in range(300):
        guess = f"A{number:04d}"
        response = await guesser.get(f"/api/{guess}/state")
        await response.read()
        statuses.append(response.status)
        if response.status == 429:
            break
    assert statuses[-1] == 429
    assert len(statuses) <= 20
    # Now even the right code is no answer to this address, so it learns nothing.
    assert (await guesser.get(f"/api/{CODE}/state")).status == 429
    neighbour = phone_from("127.0.0.3", server)
    assert (await neighbour.get(f"/j/{CODE}")).status == 200


# --- streams and connections ---------------------------------------------------------------


async def read_first_event(response: Any) -> bytes:
    return await asyncio.wait_for(response.content.readuntil(b"\n\n"), 5)


async def test_a_flood_of_streams_from_one_address_leaves_the_room_its_streams(
    workshop: Workshop, start: Start, phone_from: Callable[[str, TestServer], ClientSession]
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    server = await start()
    flooder = ClientSession(
        base_url=server.make_url("/"),
        cookie_jar=CookieJar(unsafe=True),
        connector=TCPConnector(local_addr=("127.0.0.2", 0), limit=0),
        timeout=ClientTimeout(total=None, sock_read=10),
    )
    streams = []
    try:
        await (await flooder.get(f"/j/{CODE}")).read()
        for _ in range(40):
            stream = await flooder.get(f"/api/{CODE}/events")
            streams.append(stream)
            if stream.status == 200:
                await read_first_event(stream)
        assert server.app[HUB].connected <= 8
        room = [phone_from(phone_address(30 + n), server) for n in range(20)]
        for phone in room:
            stream = await phone.get(f"/api/{CODE}/events")
            assert stream.status == 200
            assert b"event: state" in await read_first_event(stream)
            streams.append(stream)
    finally:
        for stream in streams:
            stream.close()
        await flooder.close()


async def test_an_idle_connection_is_closed_by_the_server(workshop: Workshop, start: Start) -> None:
    server = await start(keepalive_timeout=0.3)
    loop = asyncio.get_running_loop()
    raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    raw.bind(("127.0.0.2", 0))
    raw.setblocking(False)
    await loop.sock_connect(raw, ("127.0.0.1", server.port))
    request = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode()
    await loop.sock_sendall(raw, request)
    received = b""
    try:
        async with asyncio.timeout(10):
            while chunk := await loop.sock_recv(raw, 65536):
                received += chunk
    finally:
        raw.close()
    assert received.startswith(b"HTTP/1.1 200")


# --- the wall holds its shape (phone side) -------------------------------------------------


@pytest.mark.parametrize("text", ["\u200b\u200b", "\u2060", "\u3164", "\U000e0041\U000e0042"])
async def test_an_invisible_text_is_refused_like_an_empty_one(
    workshop: Workshop,
    start: Start,
    phone_from: Callable[[str, TestServer], ClientSession],
    text: str,
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    server = await start()
    phone = phone_from("127.0.0.2", server)
    await (await phone.get(f"/j/{CODE}")).read()
    assert await send(phone, "ideas", "c1", text=text) == 422
    assert workshop.contributions("ideas") == []


async def test_a_vote_over_thousands_of_stuffed_answers_keeps_the_phone_page_small(
    workshop: Workshop, start: Start, phone_from: Callable[[str, TestServer], ClientSession]
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    await asyncio.gather(
        *(
            workshop.submit(f"fylde-{n}", "ideas", "c", {"text": f"Fyld nummer {n:04d} her"})
            for n in range(5000)
        )
    )
    await workshop.go_to("dots", run_timer=False)
    server = await start()
    phone = phone_from("127.0.0.2", server)
    page = await phone.get(f"/j/{CODE}")
    body = await page.read()
    assert page.status == 200
    assert len(body) < 64 * 1024
    state = await (await phone.get(f"/api/{CODE}/state")).json()
    assert 0 < len(state["step"]["options"]) <= 30
    first = state["step"]["options"][0]["id"]
    assert await send(phone, "dots", "v1", dots={first: 1}) == 201


# --- a venue behind one address ------------------------------------------------------------


async def join_fresh(base: str, address: str, headers: dict[str, str] | None = None) -> int:
    """A new phone (no cookie) from *address* loads the page; the status it gets."""
    async with ClientSession(
        cookie_jar=CookieJar(unsafe=True),
        connector=TCPConnector(local_addr=(address, 0)),
        timeout=WAIT,
    ) as fresh:
        response = await fresh.get(f"{base}/j/{CODE}", headers=headers or {})
        await response.read()
        return response.status


async def test_a_venue_behind_one_router_is_let_in_when_the_facilitator_says_so(
    workshop: Workshop,
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    async with phone_server(workshop, host="127.0.0.1", port=0) as info:
        base = f"http://127.0.0.1:{info.port}"
        statuses = [await join_fresh(base, "127.0.0.2") for _ in range(12)]
    assert statuses.count(200) == 3
    limits = AdmissionLimits().with_overrides(devices_per_address=60)
    async with phone_server(workshop, host="127.0.0.1", port=0, limits=limits) as info:
        base = f"http://127.0.0.1:{info.port}"
        statuses = [await join_fresh(base, "127.0.0.3") for _ in range(12)]
    assert statuses == [200] * 12


async def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(
    workshop: Workshop,
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    public = "https://kerne.example.dk"

    async def through_proxy(trust: bool) -> list[int]:
        async with phone_server(
            workshop, host="127.0.0.1", port=0, public_url=public, trust_proxy=trust
        ) as info:
            base = f"http://127.0.0.1:{info.port}"
            return [
                await join_fresh(
                    base,
                    "127.0.0.1",
                    {"Host": "kerne.example.dk", "X-Forwarded-For": f"198.51.100.{n}"},
                )
                for n in range(1, 11)
            ]

    assert (await through_proxy(trust=False)).count(200) == 3
    assert await through_proxy(trust=True) == [200] * 10


async def test_the_join_address_in_the_qr_is_an_allowed_host(workshop: Workshop) -> None:
    async with (
        phone_server(workshop, host="127.0.0.1", port=0) as info,
        ClientSession(timeout=WAIT) as phone,
    ):
        page = await phone.get(info.url)
        assert page.status == 200
        foreign = await phone.get(info.url, headers={"Host": "evil.example"})
        assert foreign.status == 421


def test_the_command_line_sets_the_limits_over_the_plan(workshop: Workshop) -> None:
    args = build_parser("en").parse_args(
        ["serve", "--devices-per-address", "40", "--new-devices-per-minute", "7"]
    )
    limits = admission_limits(workshop, Settings.from_args(args))
    assert (limits.devices_per_address, limits.new_devices_per_minute) == (40, 7)
    default = admission_limits(
        workshop, Settings.from_args(build_parser("en").parse_args(["serve"]))
    )
    assert default == AdmissionLimits()
    with pytest.raises(SystemExit):
        build_parser("en").parse_args(["serve", "--devices-per-address", "0"])


def test_phones_bind_their_own_address_only_towards_loopback() -> None:
    assert is_loopback_url("http://127.0.0.1:8765/")
    assert not is_loopback_url("http://192.168.1.2:8765/")
    assert local_address_for("http://192.168.1.2:8765", 3) is None
    if own_addresses_work():
        assert local_address_for("http://127.0.0.1:8765", 3) == (phone_address(3), 0)


async def test_a_sixth_phone_from_one_address_spaced_past_the_minute_gets_403(
    workshop: Workshop, start: Start
) -> None:
    await workshop.go_to("ideas", run_timer=False)
    server = await start()
    clock = FakeClock()
    trust = server.app[TRUST]
    trust.admission = Admission(trust.admission.limits, clock=clock.monotonic)
    base = str(server.make_url("")).rstrip("/")
    address = "127.0.0.40"
    statuses = []
    for number in range(DEFAULT_DEVICES_PER_ADDRESS + 1):
        if number and number % DEFAULT_NEW_DEVICES_PER_MINUTE == 0:
            clock.advance(61.0)  # past the per-minute limit: only the total is left
        async with ClientSession(
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(address, 0)),
            timeout=WAIT,
        ) as fresh:
            response = await fresh.get(f"{base}/api/{CODE}/state")
            body = await response.json()
            statuses.append(response.status)
    assert statuses == [200] * DEFAULT_DEVICES_PER_ADDRESS + [403]
    assert body["error"]["code"] == "too_many_devices"
    assert body["error"]["message"] == t("da", "hostile.device.too_many")
    # Later still, the address stays at its total; a phone elsewhere is let in.
    clock.advance(3600.0)
    assert await join_fresh(base, address) == 403
    assert await join_fresh(base, "127.0.0.41") == 200
