"""The control endpoints over real HTTP on 127.0.0.1: the console, a paired phone, and no one else.

The session is the small plan of ``conftest.py`` served by the real phone server with a control
centre. The console is a client that sends the secret of the runtime file; a phone is a client
with its own cookie jar, as a browser would be.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any
from unittest import mock

import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar
from aiohttp.test_utils import TestServer, make_mocked_request

from kerne_tui.control import ControlCenter, Pairings, RemotePaired, Surface
from kerne_tui.control.pairing import CODE_SECONDS, GUESSES_PER_MINUTE
from kerne_tui.store import read_session_data, rows
from kerne_tui.web import make_app, phone_server
from kerne_tui.web.control import (
    CONSOLE_HEADER,
    REMOTE_COOKIE,
    ViewCache,
    console_secret_accepted,
    control_state,
    is_loopback,
)
from kerne_tui.workshop import Workshop

CODE = "KERNE"
WAIT = 5.0
"""Upper bound for awaiting anything from the server; reached only when a test fails."""

ENDPOINTS: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/control/state", None),
    ("GET", "/control/events", None),
    ("POST", "/control/commands/next", {}),
    ("POST", "/control/commands/hide", {"id": "x"}),
    ("POST", "/control/commands/reveal", {}),
    ("POST", "/control/pairing", None),
    ("DELETE", "/control/pairing/ACDEFH", None),
    ("DELETE", "/control/remotes/abcd", None),
    ("POST", "/control/handover", {}),
]
"""Every control endpoint, with a body where it takes one."""


class Ticking:
    """A monotonic clock for the pairing codes, moved by hand."""

    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticking() -> Ticking:
    return Ticking()


@pytest.fixture
async def control(workshop: Workshop, ticking: Ticking) -> ControlCenter:
    center = ControlCenter(workshop, pairings=Pairings(monotonic=ticking, stamp=lambda: "09:00"))
    return center


@pytest.fixture
async def server(workshop: Workshop, control: ControlCenter) -> AsyncIterator[TestServer]:
    server = TestServer(make_app(workshop, control=control), host="127.0.0.1")
    await server.start_server()
    control.join_url = f"http://127.0.0.1:{server.port}/j/{CODE}"
    yield server
    await server.close()


@pytest.fixture
async def clients() -> AsyncIterator[Callable[[], ClientSession]]:
    """New clients, each with its own cookie jar (as separate phones have)."""
    made: list[ClientSession] = []

    def new() -> ClientSession:
        client = ClientSession(cookie_jar=CookieJar(unsafe=True), timeout=ClientTimeout(total=WAIT))
        made.append(client)
        return client

    yield new
    for client in made:
        await client.close()


def url(server: TestServer, path: str) -> str:
    return f"http://127.0.0.1:{server.port}{path}"


async def status_of(
    client: ClientSession,
    server: TestServer,
    method: str,
    path: str,
    body: dict[str, Any] | None,
    **options: Any,
) -> int:
    async with client.request(method, url(server, path), json=body, **options) as response:
        return response.status


async def pair_phone(
    client: ClientSession, server: TestServer, control: ControlCenter
) -> tuple[str, int]:
    """Pair *client* as a remote with a fresh code from the console; returns the code, status."""
    code = control.offer_pairing(Surface.CONSOLE).code
    async with client.post(
        url(server, "/control/remote/pair"), data={"code": code}, allow_redirects=False
    ) as response:
        return code, response.status


async def console_post(
    client: ClientSession,
    server: TestServer,
    control: ControlCenter,
    path: str,
    body: dict[str, Any] | None = None,
) -> Any:
    headers = {CONSOLE_HEADER: control.secret}
    async with client.post(url(server, path), json=body, headers=headers) as response:
        assert response.status < 300, await response.text()
        return await response.json()


# --- the console ------------------------------------------------------------------------------


async def test_the_console_sees_hidden_answers_and_the_notes(
    server: TestServer,
    workshop: Workshop,
    control: ControlCenter,
    clients: Callable[[], ClientSession],
) -> None:
    await workshop.start("ideas")
    phone, console = clients(), clients()
    answer = {"step": "ideas", "client_id": "c1", "text": "Mere tid til borgerne"}
    async with phone.post(url(server, f"/api/{CODE}/contributions"), json=answer) as response:
        assert response.status == 201
    headers = {CONSOLE_HEADER: control.secret}
    async with console.get(url(server, "/control/state"), headers=headers) as response:
        assert response.status == 200
        view = await response.json()
    assert view["answers"]["revealed"] is False
    assert [item["text"] for item in view["answers"]["items"]] == ["Mere tid til borgerne"]
    assert view["answers"]["respondents"] == 1
    assert view["step"]["title"] == "Idéer"
    assert view["next"]["id"] == "pairs"


async def test_a_console_command_moves_the_session(
    server: TestServer,
    workshop: Workshop,
    control: ControlCenter,
    clients: Callable[[], ClientSession],
) -> None:
    console = clients()
    await console_post(console, server, control, "/control/commands/next")
    assert workshop.current == "intro"
    await console_post(console, server, control, "/control/commands/next")
    assert workshop.current == "ideas"
    await console_post(console, server, control, "/control/commands/back")
    assert workshop.current == "intro"


async def test_a_refused_command_says_why_in_the_plans_language(
    server: TestServer,
    workshop: Workshop,
    control: ControlCenter,
    clients: Callable[[], ClientSession],
) -> None:
    await workshop.start("ideas")
    headers = {CONSOLE_HEADER: control.secret}
    async with clients().post(
        url(server, "/control/commands/hide"), json={"id": "nope"}, headers=headers
    ) as response:
        assert response.status == 404
        body = await response.json()
    assert "ikke" in body["error"]["message"]


async def test_the_event_stream_sends_a_new_view_when_an_answer_arrives(
    server: TestServer,
    workshop: Workshop,
    control: ControlCenter,
    clients: Callable[[], ClientSession],
) -> None:
    await workshop.start("ideas")
    console, phone = clients(), clients()
    headers = {CONSOLE_HEADER: control.secret}
    async with console.get(url(server, "/control/events"), headers=headers) as stream:
        assert stream.status == 200
        first = await asyncio.wait_for(stream.content.readuntil(b"\n\n"), WAIT)
        assert b"event: view" in first
        assert control.attached
        answer = {"step": "ideas", "client_id": "c1", "text": "Kaffe"}
        async with phone.post(url(server, f"/api/{CODE}/contributions"), json=answer) as sent:
            assert sent.status == 201
        message = await asyncio.wait_for(stream.content.readuntil(b"\n\n"), WAIT)
        assert b"Kaffe" in message


# --- nobody else --------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
async def test_a_participant_cookie_gets_403_from_every_control_endpoint(
    server: TestServer,
    workshop: Workshop,
    clients: Callable[[], ClientSession],
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    await workshop.start("ideas")
    phone = clients()
    async with phone.get(url(server, f"/api/{CODE}/state")) as response:
        assert response.status == 200
    assert phone.cookie_jar.filter_cookies(server.make_url("/"))  # a participant cookie
    assert await status_of(phone, server, method, path, body) == 403
    assert workshop.current == "ideas"


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
async def test_the_join_code_grants_no_control(
    server: TestServer,
    clients: Callable[[], ClientSession],
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    headers = {CONSOLE_HEADER: CODE, "Authorization": f"Bearer {CODE}"}
    status = await status_of(
        clients(), server, method, path + f"?code={CODE}", body, headers=headers
    )
    assert status == 403


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
async def test_a_wrong_remote_token_gets_403_from_every_control_endpoint(
    server: TestServer,
    clients: Callable[[], ClientSession],
    control: ControlCenter,
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    genuine = clients()
    _, paired = await pair_phone(genuine, server, control)
    assert paired == 303
    forger = clients()
    forger.cookie_jar.update_cookies({REMOTE_COOKIE: "A" * 43}, response_url=server.make_url("/"))
    assert await status_of(forger, server, method, path, body) == 403


async def test_a_wrong_console_secret_gets_403(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    headers = {CONSOLE_HEADER: control.secret[:-1] + "x"}
    assert await status_of(clients(), server, "GET", "/control/state", None, headers=headers) == 403


async def test_the_console_secret_is_refused_through_a_proxy(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    headers = {CONSOLE_HEADER: control.secret, "X-Forwarded-For": "192.168.1.40"}
    assert await status_of(clients(), server, "GET", "/control/state", None, headers=headers) == 403


def test_the_console_secret_works_only_from_a_loopback_peer() -> None:
    headers = {CONSOLE_HEADER: "s3cret"}
    assert console_secret_accepted("127.0.0.1", headers, "s3cret")
    assert console_secret_accepted("127.0.0.2", headers, "s3cret")
    assert console_secret_accepted("::1", headers, "s3cret")
    assert not console_secret_accepted("192.168.1.20", headers, "s3cret")
    assert not console_secret_accepted("10.0.0.7", headers, "s3cret")
    assert not console_secret_accepted(None, headers, "s3cret")
    assert not console_secret_accepted("127.0.0.1", {CONSOLE_HEADER: "other"}, "s3cret")
    assert not is_loopback("not an address")


async def test_a_request_with_the_secret_from_a_lan_peer_gets_403(
    workshop: Workshop, control: ControlCenter
) -> None:
    app = make_app(workshop, control=control)
    transport = mock.Mock()
    transport.get_extra_info.side_effect = lambda name, default=None: (
        ("192.168.1.20", 50000) if name == "peername" else default
    )
    request = make_mocked_request(
        "GET",
        "/control/state",
        headers={CONSOLE_HEADER: control.secret},
        app=app,
        transport=transport,
    )
    assert request.remote == "192.168.1.20"
    response = await control_state(request)
    assert response.status == 403


# --- the remote ---------------------------------------------------------------------------------


async def test_a_paired_phone_moves_the_session_sees_hidden_answers_and_hides_one(
    server: TestServer,
    workshop: Workshop,
    control: ControlCenter,
    clients: Callable[[], ClientSession],
) -> None:
    await workshop.start("ideas")
    participant, remote = clients(), clients()
    answer = {"step": "ideas", "client_id": "c1", "text": "Noget grimt om Bent"}
    async with participant.post(url(server, f"/api/{CODE}/contributions"), json=answer) as sent:
        assert sent.status == 201
    _, paired = await pair_phone(remote, server, control)
    assert paired == 303
    async with remote.get(url(server, "/control/state")) as response:
        assert response.status == 200
        view = await response.json()
    (item,) = view["answers"]["items"]
    assert item["text"] == "Noget grimt om Bent"
    async with remote.post(url(server, "/control/commands/hide"), json={"id": item["id"]}) as hid:
        assert hid.status == 200
    assert workshop.contributions("ideas") == []
    async with remote.post(url(server, "/control/commands/next"), json={}) as moved:
        assert moved.status == 200
    assert workshop.current == "pairs"


async def test_the_remote_cookie_is_not_the_participant_cookie(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    remote = clients()
    code = control.offer_pairing(Surface.CONSOLE).code
    async with remote.post(
        url(server, "/control/remote/pair"), data={"code": code}, allow_redirects=False
    ) as response:
        assert response.status == 303
        cookie = response.cookies[REMOTE_COOKIE]
    assert cookie["httponly"]
    assert cookie["path"] == "/control"
    assert cookie["samesite"] == "Strict"
    assert cookie.value not in await (await remote.get(url(server, "/control/remote"))).text()


async def test_a_used_pairing_code_is_refused(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    first, second = clients(), clients()
    code, status = await pair_phone(first, server, control)
    assert status == 303
    async with second.post(
        url(server, "/control/remote/pair"), data={"code": code}, allow_redirects=False
    ) as response:
        assert response.status == 403
        assert REMOTE_COOKIE not in response.cookies
        assert "allerede brugt" in await response.text()
    assert await status_of(second, server, "GET", "/control/state", None) == 403


async def test_a_code_the_console_withdrew_is_refused_at_once(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    console, phone = clients(), clients()
    offer = await console_post(console, server, control, "/control/pairing")
    headers = {CONSOLE_HEADER: control.secret}
    path = url(server, f"/control/pairing/{offer['code']}")
    async with console.delete(path, headers=headers) as response:
        assert response.status == 204
    assert control.pairings.current_offer() is None
    async with phone.post(
        url(server, "/control/remote/pair"), data={"code": offer["code"]}, allow_redirects=False
    ) as response:
        assert response.status == 403
        assert REMOTE_COOKIE not in response.cookies
    assert control.pairings.remotes == []


async def test_withdrawing_an_older_code_leaves_the_newer_one(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    console = clients()
    older = await console_post(console, server, control, "/control/pairing")
    newer = control.offer_pairing(Surface.WALL)
    headers = {CONSOLE_HEADER: control.secret}
    path = url(server, f"/control/pairing/{older['code']}")
    async with console.delete(path, headers=headers) as response:
        assert response.status == 204
    assert control.pairings.current_offer() == newer


async def test_a_remote_may_not_withdraw_a_code(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    remote = clients()
    await pair_phone(remote, server, control)
    offer = control.offer_pairing(Surface.CONSOLE)
    path = f"/control/pairing/{offer.code}"
    assert await status_of(remote, server, "DELETE", path, None) == 403
    assert control.pairings.current_offer() == offer


async def test_an_expired_pairing_code_is_refused(
    server: TestServer,
    control: ControlCenter,
    ticking: Ticking,
    clients: Callable[[], ClientSession],
) -> None:
    code = control.offer_pairing(Surface.CONSOLE).code
    ticking.now += CODE_SECONDS + 1
    phone = clients()
    async with phone.post(
        url(server, "/control/remote/pair"), data={"code": code}, allow_redirects=False
    ) as response:
        assert response.status == 403
        assert "udløbet" in await response.text()
    assert await status_of(phone, server, "GET", "/control/state", None) == 403


async def test_guessing_pairing_codes_is_rate_limited(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    code = control.offer_pairing(Surface.CONSOLE).code
    guesser = clients()
    for _ in range(GUESSES_PER_MINUTE):
        async with guesser.post(
            url(server, "/control/remote/pair"), data={"code": "AAAAAA"}, allow_redirects=False
        ) as response:
            assert response.status == 403
    async with guesser.post(
        url(server, "/control/remote/pair"), data={"code": code}, allow_redirects=False
    ) as response:
        assert response.status == 429
    assert control.pairings.remotes == []


@pytest.mark.parametrize(("method", "path", "body"), ENDPOINTS)
async def test_a_revoked_remote_gets_403_from_every_control_endpoint(
    server: TestServer,
    workshop: Workshop,
    control: ControlCenter,
    clients: Callable[[], ClientSession],
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    await workshop.start("ideas")
    remote = clients()
    await pair_phone(remote, server, control)
    assert await status_of(remote, server, "GET", "/control/state", None) == 200
    (paired,) = control.pairings.remotes
    async with clients().delete(
        url(server, f"/control/remotes/{paired.id}"), headers={CONSOLE_HEADER: control.secret}
    ) as response:
        assert response.status == 204
    assert await status_of(remote, server, method, path, body) == 403
    assert workshop.current == "ideas"


async def test_a_revoked_remotes_open_stream_ends_at_once(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    remote = clients()
    await pair_phone(remote, server, control)
    async with remote.get(url(server, "/control/events")) as stream:
        await asyncio.wait_for(stream.content.readuntil(b"\n\n"), WAIT)
        (paired,) = control.pairings.remotes
        control.revoke(paired.id)
        rest = await asyncio.wait_for(stream.content.read(), WAIT)
    assert b"event: view" not in rest


async def test_a_remote_may_not_pair_more_phones_or_revoke(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    remote = clients()
    await pair_phone(remote, server, control)
    (paired,) = control.pairings.remotes
    assert await status_of(remote, server, "POST", "/control/pairing", None) == 403
    assert await status_of(remote, server, "DELETE", f"/control/remotes/{paired.id}", None) == 403
    assert control.pairings.remotes == [paired]


async def test_pairing_is_announced_without_the_token(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    seen: list[object] = []
    control.subscribe(seen.append)
    await pair_phone(clients(), server, control)
    assert RemotePaired(1, Surface.CONSOLE) in seen


async def test_no_remote_token_reaches_the_session_file(
    server: TestServer,
    workshop: Workshop,
    control: ControlCenter,
    clients: Callable[[], ClientSession],
) -> None:
    await workshop.start("ideas")
    remote = clients()
    code = control.offer_pairing(Surface.CONSOLE).code
    async with remote.post(
        url(server, "/control/remote/pair"), data={"code": code}, allow_redirects=False
    ) as response:
        token = response.cookies[REMOTE_COOKIE].value
    async with remote.post(url(server, "/control/commands/next"), json={}) as moved:
        assert moved.status == 200
    await workshop.save_state()
    text = workshop.path.read_text(encoding="utf-8")
    assert token not in text
    assert control.secret not in text
    data = read_session_data(workshop.path)
    assert any(row.get("action") == "next" for row in rows(data, "log"))


async def test_every_facilitator_action_is_logged_with_its_surface_and_no_device(
    server: TestServer,
    workshop: Workshop,
    control: ControlCenter,
    clients: Callable[[], ClientSession],
) -> None:
    await workshop.start("ideas")  # the wall's space key
    console, remote = clients(), clients()
    await console_post(console, server, control, "/control/commands/extend")
    await pair_phone(remote, server, control)
    async with remote.post(url(server, "/control/commands/next"), json={}) as moved:
        assert moved.status == 200
    await workshop.save_state()
    log = rows(read_session_data(workshop.path), "log")
    surfaces = [
        (entry["action"], entry.get("surface")) for entry in log if entry["action"] != "save"
    ]
    assert surfaces == [("start", "wall"), ("extend", "console"), ("next", "remote")]
    for entry in log:
        assert set(entry) <= {"action", "at", "step", "seconds", "surface", "text", "source"}


async def test_a_server_bound_to_one_address_opens_127_0_0_1_for_the_console(
    workshop: Workshop, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    async with phone_server(workshop, host="127.0.0.2", port=0, control=control) as info:
        assert info.local_port not in (0, info.port)
        headers = {CONSOLE_HEADER: control.secret}
        state = f"http://127.0.0.1:{info.local_port}/control/state"
        async with clients().get(state, headers=headers) as response:
            assert response.status == 200


async def test_the_view_is_made_once_per_change_for_every_stream(
    workshop: Workshop, control: ControlCenter
) -> None:
    now = [0.0]
    views = ViewCache(control, monotonic=lambda: now[0])
    await workshop.start("ideas")
    first = views.message()
    assert views.message() is first
    await workshop.submit("p" * 32, "ideas", "1", {"text": "Kaffe"})
    second = views.message()
    assert second is not first and b"Kaffe" in second
    now[0] += 2.0  # idle, but the phones' count and the projected end may have moved
    assert views.message() is not second


# --- the handover to a new kerne run --resume (issue 27) ---------------------------------------


async def test_the_console_secret_hands_the_session_over(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    asked: list[bool] = []
    control.on_handover(lambda: asked.append(True))
    answer = await console_post(clients(), server, control, "/control/handover", {})
    assert answer == {"ok": True}
    assert asked == [True]


async def test_a_paired_phone_may_not_hand_the_session_over(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    asked: list[bool] = []
    control.on_handover(lambda: asked.append(True))
    remote = clients()
    await pair_phone(remote, server, control)
    assert await status_of(remote, server, "POST", "/control/handover", {}) == 403
    assert asked == []


async def test_a_session_nothing_can_hand_over_says_so(
    server: TestServer, control: ControlCenter, clients: Callable[[], ClientSession]
) -> None:
    headers = {CONSOLE_HEADER: control.secret}
    async with clients().post(
        url(server, "/control/handover"), json={}, headers=headers
    ) as response:
        assert response.status == 409
        error = (await response.json())["error"]
    assert error["message"] == "Denne session kan ikke overdrages herfra."
