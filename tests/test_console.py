"""``kerne console`` against a real session: Pilot drives the app, the session serves 127.0.0.1.

The session runs the phone server with its control centre on a loopback port in the test's
own event loop; the console talks to it through aiohttp's client as it does in real use, and
phones are client sessions of their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar
from aiohttp.test_utils import TestServer
from support import FakeClock, copy_plan
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from kerne_tui.catalog import t
from kerne_tui.console import ConsoleApp, ControlClient
from kerne_tui.console.screens import AgendaScreen, PairScreen
from kerne_tui.control import ControlCenter, Surface
from kerne_tui.plan import load_plan
from kerne_tui.tui.dialogs import HelpScreen
from kerne_tui.tui.qr import QrCode
from kerne_tui.web import make_app
from kerne_tui.workshop import Workshop

CODE = "KERNE"
SIZE = (130, 40)
ROUNDS = 200
"""Pauses of 50 ms a test waits at most for the session's stream to reach the console (a
bound for a loaded machine; it usually takes one or two)."""


@pytest.fixture
async def session(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Workshop]:
    path = copy_plan("console", tmp_path, "konsol.toml")
    folder = tmp_path / "data"
    folder.mkdir()
    workshop = Workshop.create(load_plan(path), folder, clock=clock, join_code=CODE)
    await workshop.open()
    yield workshop
    await workshop.shutdown()


@pytest.fixture
async def control(session: Workshop) -> ControlCenter:
    return ControlCenter(session)


@pytest.fixture
async def server(session: Workshop, control: ControlCenter) -> AsyncIterator[TestServer]:
    server = TestServer(make_app(session, control=control), host="127.0.0.1")
    await server.start_server()
    control.join_url = f"http://127.0.0.1:{server.port}/j/{CODE}"
    yield server
    await server.close()


@pytest.fixture
async def console(server: TestServer, control: ControlCenter) -> AsyncIterator[ConsoleApp]:
    client = ControlClient(server.port, control.secret)
    view = await client.state()
    yield ConsoleApp(client, view)
    await client.close()


@pytest.fixture
async def phone() -> AsyncIterator[ClientSession]:
    client = ClientSession(cookie_jar=CookieJar(unsafe=True), timeout=ClientTimeout(total=5))
    yield client
    await client.close()


def notices(app: ConsoleApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def shown(app: ConsoleApp, selector: str) -> str:
    return str(app.main.query_one(selector, Static).render())


def answers(app: ConsoleApp) -> list[str]:
    options = app.main.query_one("#c-answers", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def until(pilot: Pilot[int], condition: Callable[[], bool]) -> None:
    """Let the app run until *condition* holds (bounded: ``ROUNDS`` pauses)."""
    for _ in range(ROUNDS):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def send(phone: ClientSession, server: TestServer, step: str, text: str, cid: str) -> None:
    body = {"step": step, "client_id": cid, "text": text}
    async with phone.post(server.make_url(f"/api/{CODE}/contributions"), json=body) as response:
        assert response.status == 201, await response.text()


async def test_an_answer_to_a_hidden_step_shows_on_the_console_with_the_notes(
    console: ConsoleApp, session: Workshop, server: TestServer, phone: ClientSession
) -> None:
    await session.start("svaerdt")
    async with console.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: console.view["step"] is not None)
        await send(phone, server, "svaerdt", "Bent lytter aldrig", "c1")
        await until(pilot, lambda: any("Bent lytter aldrig" in a for a in answers(console)))
        assert "kolleger" in shown(console, "#c-notes")
        head = shown(console, "#c-answers-head")
        assert "1 · har svaret: 1" in head
        assert "IKKE vist på lærredet" in head
    assert session.revealed == set()


async def test_n_in_the_console_moves_the_session_and_the_console_follows(
    console: ConsoleApp, session: Workshop
) -> None:
    async with console.run_test(size=SIZE) as pilot:
        assert "ikke begyndt" in shown(console, "#c-step")
        await pilot.press("n")
        await until(pilot, lambda: session.current == "velkommen")
        await pilot.press("n")
        await until(pilot, lambda: "Hvad er svært?" in shown(console, "#c-step"))
        assert session.current == "svaerdt"
        assert "Næste: Tal sammen" in shown(console, "#c-next")
        await pilot.press("p")
        await until(pilot, lambda: session.current == "velkommen")


async def test_space_plus_and_r_act_on_the_session(
    console: ConsoleApp, session: Workshop, clock: FakeClock
) -> None:
    await session.start("svaerdt")
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await until(pilot, lambda: not session.timer.running)
        await until(pilot, lambda: "PAUSE" in shown(console, "#c-clock"))
        before = session.seconds_left()
        await pilot.press("plus")
        await until(pilot, lambda: session.seconds_left() >= before + 60)
        await pilot.press("r")
        await until(pilot, lambda: "svaerdt" in session.revealed)
        await until(pilot, lambda: "vises på lærredet" in shown(console, "#c-answers-head"))


async def test_h_hides_the_highlighted_answer_and_h_again_restores_it(
    console: ConsoleApp, session: Workshop, server: TestServer, phone: ClientSession
) -> None:
    await session.start("svaerdt")
    await send(phone, server, "svaerdt", "Møderne er for lange", "c1")
    async with console.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(answers(console)) == 1)
        console.main.query_one("#c-answers", OptionList).highlighted = 0
        await pilot.press("h")
        await until(pilot, lambda: session.contributions("svaerdt") == [])
        await until(pilot, lambda: "skjult" in answers(console)[0])
        await pilot.press("h")
        await until(pilot, lambda: len(session.contributions("svaerdt")) == 1)


async def test_m_twice_merges_one_answer_into_another(
    console: ConsoleApp, session: Workshop, server: TestServer, phone: ClientSession
) -> None:
    await session.start("svaerdt")
    await send(phone, server, "svaerdt", "For mange møder", "c1")
    await send(phone, server, "svaerdt", "Alt for mange møder", "c2")
    first, second = session.contributions("svaerdt")
    async with console.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(answers(console)) == 2)
        options = console.main.query_one("#c-answers", OptionList)
        options.highlighted = options.get_option_index(second.id)
        await pilot.press("m")
        options.highlighted = options.get_option_index(first.id)
        await pilot.press("m")
        await until(
            pilot,
            lambda: any(
                c.merged_into == first.id
                for c in session.contributions("svaerdt", include_invisible=True)
            ),
        )
        await until(pilot, lambda: any("×2" in a for a in answers(console)))


async def test_s_pins_a_typed_sentence(console: ConsoleApp, session: Workshop) -> None:
    await session.start("saetning")
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.press(*"Vi hjælper borgerne")
        await pilot.press("enter")
        await until(pilot, lambda: session.pinned is not None)
        assert session.pinned is not None and session.pinned.text == "Vi hjælper borgerne"
        await until(pilot, lambda: "version 1" in shown(console, "#c-pin"))
        await pilot.press("s", "ctrl+u", *"Vi er her for borgerne", "enter")
        await until(
            pilot, lambda: "(version 2): Vi er her for borgerne" in shown(console, "#c-pin")
        )
        assert "version 1: Vi hjælper borgerne" in shown(console, "#c-pin")


async def test_a_shows_the_agenda_with_planned_minutes(
    console: ConsoleApp, session: Workshop
) -> None:
    await session.start("svaerdt")
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(console.screen, AgendaScreen)
        table = console.screen.query_one("#c-agenda-table", Static)
        assert table.visual is not None
        assert "Planlagt slut" in str(
            console.screen.query_one("#c-agenda-summary", Static).render()
        )
        await pilot.press("a")
        await pilot.pause()
        assert console.screen is console.main


async def test_f_offers_a_code_that_pairs_a_phone_and_x_revokes_it(
    console: ConsoleApp, control: ControlCenter, server: TestServer, phone: ClientSession
) -> None:
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await until(pilot, lambda: isinstance(console.screen, PairScreen))
        offer = control.pairings.current_offer()
        assert offer is not None
        qr = console.screen.query_one(QrCode)
        assert qr.data.endswith(f"/control/remote?code={offer.code}")
        assert qr.data.startswith(f"http://127.0.0.1:{server.port}/")
        async with phone.post(
            server.make_url("/control/remote/pair"),
            data={"code": offer.code},
            allow_redirects=False,
        ) as response:
            assert response.status == 303
        await until(pilot, lambda: len(console.view["remotes"]) == 1)
        remotes = console.screen.query_one("#c-pair-remotes", OptionList)
        await until(pilot, lambda: "Telefon 1" in str(remotes.get_option_at_index(0).prompt))
        remotes.highlighted = 0
        await pilot.press("x")
        await until(pilot, lambda: control.pairings.remotes == [])
        async with phone.get(server.make_url("/control/state")) as refused:
            assert refused.status == 403


async def test_closing_the_pair_dialog_withdraws_its_code_at_once(
    console: ConsoleApp, control: ControlCenter, server: TestServer, phone: ClientSession
) -> None:
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await until(pilot, lambda: isinstance(console.screen, PairScreen))
        offer = control.pairings.current_offer()
        assert offer is not None
        await pilot.press("escape")
        await until(pilot, lambda: control.pairings.current_offer() is None)
        assert not isinstance(console.screen, PairScreen)
        async with phone.post(
            server.make_url("/control/remote/pair"),
            data={"code": offer.code},
            allow_redirects=False,
        ) as response:
            assert response.status == 403
        assert control.pairings.remotes == []


async def test_closing_the_pair_dialog_leaves_a_newer_code_from_the_wall(
    console: ConsoleApp, control: ControlCenter
) -> None:
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await until(pilot, lambda: isinstance(console.screen, PairScreen))
        wall = control.offer_pairing(Surface.WALL)
        await pilot.press("f")
        await until(pilot, lambda: console.offered is None)
        assert control.pairings.current_offer() == wall


async def test_question_mark_lists_the_consoles_keys_in_the_plans_language(
    console: ConsoleApp,
) -> None:
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(console.screen, HelpScreen))
        rows = dict(console.screen.rows)
        for key in ("console.key.pair.long", "console.key.merge.long", "console.key.quit.long"):
            assert t("da", key) in rows.values()
        assert rows["n / →"] == t("da", "tui.key.next.long")
        assert rows["↑ / ↓"] == t("da", "console.key.select.long")
        assert t("da", "tui.key.qr.long") not in rows.values()  # a wall key the console lacks
        strips = console.screen._compositor.render_strips()
        assert t("da", "tui.key.next.long") in "\n".join(strip.text for strip in strips)
        await pilot.press("question_mark")
        await until(pilot, lambda: not isinstance(console.screen, HelpScreen))


async def test_escape_does_not_quit_the_console_and_says_what_does(console: ConsoleApp) -> None:
    async with console.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await until(pilot, lambda: t("da", "console.quit.hint") in notices(console))
        await pilot.press("escape")
        await pilot.pause()
        assert console.is_running
        assert console.return_code is None
        await pilot.press("ctrl+q")
        await until(pilot, lambda: console.return_code == 0)


async def test_the_console_says_so_when_the_session_goes_away(
    console: ConsoleApp, server: TestServer
) -> None:
    async with console.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: console.views_received >= 2)
        await server.close()
        await until(pilot, lambda: not console.connected)
        assert "tabt" in shown(console, "#c-status")


def test_kerne_console_without_a_running_session_says_one_sentence_and_fails(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kerne_tui", "console", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "KERNE_LANG": "da"},
    )
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Der kører ingen kerne-session" in lines[0]
    assert "Traceback" not in result.stderr


async def test_the_parking_lot_keys_are_off_without_a_parking_lot(
    console: ConsoleApp, control: ControlCenter
) -> None:
    async with console.run_test(size=(200, 40)) as pilot:
        await until(pilot, lambda: console.views_received >= 1)
        await pilot.pause()
        footer = console.screen._compositor.render_strips()[-1].text
        assert t("da", "console.key.pair") in footer  # the whole footer is in view
        for key in ("console.key.parking", "console.key.answered", "console.key.drop"):
            assert t("da", key) not in footer, footer
        await pilot.press("P")
        await pilot.pause()
        assert t("da", "tui.parking.none") not in notices(console)  # nothing was asked
