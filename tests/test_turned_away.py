"""Phones the session turns away reach the facilitator: how many, why, and what lets them in.

Real servers on 127.0.0.1 (``phone_server``, as ``kerne run`` starts it), phones from loopback
addresses of their own, the console in Pilot and the remote's own cookie over HTTP.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar, TCPConnector
from support import FakeClock, copy_plan
from textual.pilot import Pilot
from textual.widgets import Static

from kerne_tui.catalog import t
from kerne_tui.console import ConsoleApp, ControlClient
from kerne_tui.control import Cause, ControlCenter, Surface, TurnedAway
from kerne_tui.control.view_moderation import turned_away_block
from kerne_tui.limits import Capacity
from kerne_tui.plan import load_plan
from kerne_tui.rehearsal.addresses import phone_address
from kerne_tui.web import phone_server
from kerne_tui.web.admission import AdmissionLimits
from kerne_tui.workshop import Workshop

CODE = "AFVIST"
WAIT = ClientTimeout(total=10)
SHARED = "127.0.0.77"
"""The one address a room behind a router shares."""


@pytest.fixture
async def session(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Workshop]:
    path = copy_plan("console", tmp_path, "afvist.toml")
    folder = tmp_path / "data"
    folder.mkdir()
    workshop = Workshop.create(load_plan(path), folder, clock=clock, join_code=CODE)
    await workshop.open()
    await workshop.start("svaerdt")
    yield workshop
    await workshop.shutdown()


async def join_fresh(base: str, address: str) -> int:
    """A new phone (no cookie) from *address* loads the join page; the status it gets."""
    async with ClientSession(
        cookie_jar=CookieJar(unsafe=True),
        connector=TCPConnector(local_addr=(address, 0)),
        timeout=WAIT,
    ) as fresh:
        response = await fresh.get(f"{base}/j/{CODE}")
        await response.read()
        return response.status


async def until(pilot: Pilot[int], condition: Callable[[], bool]) -> None:
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def test_a_fourth_phone_from_one_address_shows_on_the_console_with_the_setting(
    session: Workshop, caplog: pytest.LogCaptureFixture
) -> None:
    control = ControlCenter(session)
    caplog.set_level(logging.WARNING, logger="kerne_tui.control.turned_away")
    async with phone_server(session, host="127.0.0.1", port=0, control=control) as info:
        base = f"http://127.0.0.1:{info.port}"
        # Thirty phones of their own address come in; three more from one shared address do
        # too, the fourth and fifth from it are turned away ("wait a minute").
        room = [await join_fresh(base, phone_address(n)) for n in range(30)]
        assert room == [200] * 30
        shared = [await join_fresh(base, SHARED) for _ in range(5)]
        assert shared == [200, 200, 200, 429, 429]
        client = ControlClient(info.port, control.secret)
        view = await client.state()
        assert view["turned_away"]["total"] == 2
        (cause,) = view["turned_away"]["causes"]
        assert cause["cause"] == "per_address"
        assert "--devices-per-address" in cause["remedy"]
        console = ConsoleApp(client, view)
        async with console.run_test(size=(100, 30)) as pilot:
            turned = console.main.query_one("#c-turned", Static)
            await until(pilot, lambda: turned.display and "Afvist: 2." in str(turned.render()))
            said = " ".join(str(turned.render()).split())
            assert t("da", "control.turned_away.per_address") in said
            assert "--devices-per-address" in said
            # One more refused phone: the console counts it without being asked.
            assert await join_fresh(base, SHARED) == 429
            await until(pilot, lambda: "Afvist: 3." in str(turned.render()))
        await client.close()
    lines = [r for r in caplog.records if "per_address" in r.getMessage()]
    assert len(lines) == 1, "one log line per cause and minute"
    assert "--devices-per-address" in lines[0].getMessage()


async def test_the_remote_sees_the_phones_turned_away(session: Workshop) -> None:
    control = ControlCenter(session)
    async with phone_server(session, host="127.0.0.1", port=0, control=control) as info:
        base = f"http://127.0.0.1:{info.port}"
        control.join_url = f"{base}/j/{CODE}"
        for _ in range(4):
            await join_fresh(base, SHARED)
        offer = control.offer_pairing(Surface.CONSOLE)
        async with ClientSession(cookie_jar=CookieJar(unsafe=True), timeout=WAIT) as remote:
            paired = await remote.post(
                f"{base}/control/remote/pair", data={"code": offer.code}, allow_redirects=False
            )
            assert paired.status == 303
            state = await (await remote.get(f"{base}/control/state")).json()
    assert state["turned_away"]["total"] == 1
    assert state["turned_away"]["causes"][0]["why"] == t("da", "control.turned_away.per_address")


async def test_a_full_room_is_counted_as_such(
    session: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = Capacity(files=64, before=64, hard=64, connections=4, refusals=8)
    monkeypatch.setattr("kerne_tui.web.server.take_open_files", lambda: small)
    control = ControlCenter(session)
    async with phone_server(session, host="127.0.0.1", port=0, control=control) as info:
        held = []
        for n in range(4):
            sock = socket.create_connection(
                ("127.0.0.1", info.port), source_address=(phone_address(n), 0)
            )
            held.append(sock)
        await asyncio.sleep(0.1)
        status = await join_fresh(f"http://127.0.0.1:{info.port}", phone_address(9))
        for sock in held:
            sock.close()
    assert status == 503
    assert control.turned_away.counts().get(Cause.FULL_ROOM, 0) >= 1
    assert control.view()["turned_away"]["causes"][0]["cause"] == "full_room"


def test_one_log_line_per_cause_and_minute(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    turned = TurnedAway(monotonic=lambda: now[0])
    caplog.set_level(logging.WARNING, logger="kerne_tui.control.turned_away")
    for _ in range(50):
        turned.record(Cause.PER_ADDRESS)
        now[0] += 0.5  # 50 refusals in 25 seconds
    turned.record(Cause.FULL_ROOM)
    assert len(caplog.records) == 2
    now[0] = 61.0
    turned.record(Cause.PER_ADDRESS)
    assert len(caplog.records) == 3
    assert "51 in all, 1 since the last line" not in caplog.records[-1].getMessage()
    assert "51 in all, 50 since the last line" in caplog.records[-1].getMessage()
    assert turned.counts() == {Cause.PER_ADDRESS: 51, Cause.FULL_ROOM: 1}


def test_more_devices_per_address_let_the_shared_room_in() -> None:
    """The option the console names does what it says (the admission's own arithmetic)."""
    limits = AdmissionLimits().with_overrides(devices_per_address=60)
    assert limits.new_devices_per_minute >= 30


@pytest.mark.parametrize("cause", list(Cause))
def test_every_cause_is_told_to_the_facilitator_with_what_lets_the_phones_in(cause: Cause) -> None:
    # Busy and slow refusals come from the request path's budget (issue 23); each cause the
    # server records must reach the console and the remote in words, in both languages.
    turned = TurnedAway()
    turned.record(cause)
    for lang in ("da", "en"):
        block = turned_away_block(turned, lang)
        assert block["total"] == 1
        [said] = block["causes"]
        assert said["count"] == 1 and said["why"] and said["remedy"]
        assert said["why"] != f"control.turned_away.{cause.value}"
