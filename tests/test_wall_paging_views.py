"""Paging and the spotlight from the facilitator's own views (issue 22): the console through
its keys over real HTTP on 127.0.0.1, and the remote in Debian's chromium at 360 px.

Both steer the session's shared page and spotlight (``ControlCenter.showing``), the state the
wall draws from (``tests/test_wall_paging.py`` shows the wall following it). No wall runs
here, so the test reports the wall's page count as the wall does when it lays out the answers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer
from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PHONE
from playwright.sync_api import Page, expect, sync_playwright
from support import FakeClock, copy_plan
from test_remote_browser import CHANGE_MS, served
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from kerne_tui.catalog import t
from kerne_tui.console import ConsoleApp, ControlClient
from kerne_tui.control import ControlCenter, Surface
from kerne_tui.plan import load_plan
from kerne_tui.web import make_app
from kerne_tui.workshop import Workshop

CODE = "KERNE"
ROUNDS = 200
WALL_PAGES = 4
"""The pages the wall would report for the answers (a wall at 80x24 with thirty phones)."""


@pytest.fixture
async def session(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Workshop]:
    path = copy_plan("console", tmp_path, "konsol.toml")
    folder = tmp_path / "data"
    folder.mkdir()
    workshop = Workshop.create(load_plan(path), folder, clock=clock, join_code=CODE)
    await workshop.open()
    yield workshop
    await workshop.shutdown()


async def until(pilot: Pilot[int], condition: Callable[[], bool]) -> None:
    for _ in range(ROUNDS):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


async def test_the_console_turns_the_walls_pages_holds_them_and_lights_an_answer(
    session: Workshop,
) -> None:
    control = ControlCenter(session)
    server = TestServer(make_app(session, control=control), host="127.0.0.1")
    await server.start_server()
    client = ControlClient(server.port, control.secret)
    try:
        await session.start("svaerdt")
        for n in range(30):
            await session.submit(f"phone-{n}", "svaerdt", f"c{n}", {"text": f"Svar {n:02d}"})
        control.showing.fit(WALL_PAGES)
        console = ConsoleApp(client, await client.state())
        async with console.run_test(size=(130, 40)) as pilot:
            head = console.main.query_one("#c-answers-head", Static)
            await until(pilot, lambda: "side 1 af 4" in str(head.render()))
            await pilot.press("pagedown")
            await until(pilot, lambda: control.showing.page == 1)
            await until(pilot, lambda: "side 2 af 4" in str(head.render()))
            await pilot.press("pageup", "pageup")
            await until(pilot, lambda: control.showing.page == WALL_PAGES - 1)
            await pilot.press("b")
            await until(pilot, lambda: control.showing.held)
            await until(pilot, lambda: "står stille" in str(head.render()))

            answers = console.main.query_one("#c-answers", OptionList)
            answers.focus()
            answers.highlighted = 3
            chosen = answers.get_option_at_index(3).id
            await pilot.press("l")
            await until(pilot, lambda: control.showing.spotlight == chosen)
            lit = next(c for c in session.contributions("svaerdt") if c.id == chosen)
            await until(pilot, lambda: f"I fokus: {lit.text}" in str(head.render()))
            await pilot.press("l")
            await until(pilot, lambda: control.showing.spotlight is None)
    finally:
        await client.close()
        await server.close()


def test_the_remote_turns_the_walls_pages_and_lights_an_answer_at_360_px(
    tmp_path: Path,
) -> None:
    with served(tmp_path) as session, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page: Page = browser.new_context(**PHONE).new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: (
                problems.append(message.text) if message.type in ("error", "warning") else None
            ),
        )

        async def room() -> None:
            for n in range(12):
                words = f"Svar {n:02d} om samarbejdet"
                await session.workshop.submit(f"phone-{n}", "svaert", f"c{n}", {"text": words})
            session.control.showing.fit(WALL_PAGES)

        session.loop.run(room())
        offer = session.control.offer_pairing(Surface.CONSOLE)
        page.goto(f"{session.base}/control/remote?code={offer.code}")
        page.get_by_role("button", name=t("da", "remote.pair.button")).click()
        wall = page.locator("#remote-wall")
        expect(wall).to_contain_text("side 1 af 4", timeout=CHANGE_MS)

        page.get_by_role("button", name=t("da", "remote.page_next")).click()
        expect(wall).to_contain_text("side 2 af 4", timeout=CHANGE_MS)
        assert session.control.showing.page == 1
        page.get_by_role("button", name=t("da", "remote.page_previous")).click()
        expect(wall).to_contain_text("side 1 af 4", timeout=CHANGE_MS)
        page.get_by_role("button", name=t("da", "remote.page_hold")).click()
        expect(wall).to_contain_text(t("da", "remote.paging.held"), timeout=CHANGE_MS)
        assert session.control.showing.held

        # The answer's own words, not another answer's merge menu that names it too.
        words = page.locator(".answer-text", has_text="Svar 07 om samarbejdet")
        item = page.locator("#remote-answers li").filter(has=words)
        item.get_by_role("button", name=t("da", "remote.spotlight")).click()
        expect(wall).to_contain_text(t("da", "paging.spotlight"), timeout=CHANGE_MS)
        chosen = next(
            c.id for c in session.workshop.contributions("svaert") if c.text.startswith("Svar 07")
        )
        assert session.control.showing.spotlight == chosen
        # Thumb-sized, and nothing wider than the phone.
        for name in ("remote.page_next", "remote.page_previous", "remote.page_hold"):
            box = page.get_by_role("button", name=t("da", name)).bounding_box()
            assert box is not None and box["height"] >= 48
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "remote-paging-360.png"), full_page=True)
        item.get_by_role("button", name=t("da", "remote.spotlight.off")).click()
        expect(wall).not_to_contain_text(t("da", "paging.spotlight"), timeout=CHANGE_MS)
        assert session.control.showing.spotlight is None
        browser.close()
    assert problems == []
