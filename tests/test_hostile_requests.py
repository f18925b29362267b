"""One phone must never close the room (issue 23, the network half): what a request says.

Over real HTTP on 127.0.0.1, each sender on its own loopback address: another site's page
posting for a phone (``Origin: null``, no ``Origin`` at all), headers kerne cannot read (a
device token or a phone's name must reach neither the log nor an error body), and wrong
pairing codes from the room. The bodies and budgets are in test_hostile_network.py.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from aiohttp import ClientSession, CookieJar, TCPConnector
from support import form_token
from test_hostile_network import CODE, WAIT, device_from, send, served

from kerne_tui.catalog import t
from kerne_tui.console.lines import top_line
from kerne_tui.control import ControlCenter
from kerne_tui.control.pairing import GUESSES_PER_MINUTE, Surface
from kerne_tui.rehearsal.addresses import own_addresses_work
from kerne_tui.web import phone_server
from kerne_tui.web.control import CONSOLE_HEADER, REMOTE_COOKIE
from kerne_tui.workshop import Workshop

pytestmark = pytest.mark.skipif(
    not own_addresses_work(), reason="this machine answers only on 127.0.0.1"
)


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
