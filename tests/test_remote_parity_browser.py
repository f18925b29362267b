"""The remote runs the whole day too, in Debian's chromium at 360 px: the parking lot (on the
wall, answered, owner, drop), a cloud's words (hide, merge), pinning a vote's leader, and the
phones turned away. A real session with its control centre serves 127.0.0.1 from a loop in a
thread; thirty phones park and upvote over real HTTP, each from a loopback address of its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar, TCPConnector
from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PHONE, LoopThread
from playwright.sync_api import Locator, Page, expect, sync_playwright
from support import FakeClock, copy_plan

from kerne_tui.catalog import t
from kerne_tui.control import ControlCenter, Surface
from kerne_tui.plan import load_plan
from kerne_tui.rehearsal.addresses import phone_address
from kerne_tui.web import phone_server
from kerne_tui.workshop import Outcome, Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

CODE = "DAGEN"
ROOM = 30
CHANGE_MS = 5000
ASKED = [
    "Hvornår kommer den nye vagtplan?",
    "Hvem svarer på forældremails om aftenen, når ingen er på arbejde?",
    "Kan vi få et møde om sygefravær?",
]


class Served:
    def __init__(self, loop: LoopThread, workshop: Workshop, control: ControlCenter) -> None:
        self.loop = loop
        self.workshop = workshop
        self.control = control
        self.base = ""


@contextlib.contextmanager
def served(tmp_path: Path) -> Iterator[Served]:
    loop = LoopThread()
    plan_path = copy_plan("console-parity", tmp_path, "dagen.toml")
    folder = tmp_path / "data"
    folder.mkdir()

    async def start() -> Workshop:
        workshop = Workshop.create(
            load_plan(plan_path), folder, clock=FakeClock(running=True), join_code=CODE
        )
        await workshop.open()
        await workshop.start("tjek-ind")
        return workshop

    workshop = loop.run(start())
    control = ControlCenter(workshop)
    session = Served(loop, workshop, control)
    stack = contextlib.AsyncExitStack()

    async def serve() -> None:
        info = await stack.enter_async_context(
            phone_server(workshop, host="127.0.0.1", port=0, control=control)
        )
        control.join_url = info.url
        session.base = f"http://127.0.0.1:{info.port}"

    loop.run(serve())
    try:
        yield session
    finally:
        loop.run(stack.aclose())
        loop.run(workshop.shutdown())
        loop.stop()


async def room(base: str) -> None:
    """Thirty phones: words for the cloud, three parked questions, upvotes for the second."""
    ids: list[str] = []
    sent = [["spændt", "lidt træt"], ["spændt"], ["træt"]]
    for n in range(ROOM):
        async with ClientSession(
            base_url=base,
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(phone_address(n), 0)),
            timeout=ClientTimeout(total=10),
        ) as phone:
            words = {"step": "tjek-ind", "client_id": "w", "words": sent[n % 3]}
            async with phone.post(f"/api/{CODE}/contributions", json=words) as response:
                assert response.status == 201
            if n < len(ASKED):
                body = {"client_id": "p", "text": ASKED[n]}
                async with phone.post(f"/api/{CODE}/parking", json=body) as response:
                    assert response.status == 201
                    ids.append((await response.json())["id"])
            else:
                body = {"client_id": "u", "upvote": ids[1]}
                async with phone.post(f"/api/{CODE}/parking", json=body) as response:
                    assert response.status == 201
    # A room behind one router: the fourth new phone from it is turned away.
    for _ in range(4):
        async with ClientSession(
            connector=TCPConnector(local_addr=("127.0.0.99", 0)),
            cookie_jar=CookieJar(unsafe=True),
        ) as fresh:
            await (await fresh.get(f"{base}/j/{CODE}")).read()


def test_the_remote_moderates_words_closes_parked_items_and_pins_at_360_px(
    tmp_path: Path,
) -> None:
    with served(tmp_path) as session, sync_playwright() as driver:
        session.loop.run(room(session.base))
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page: Page = browser.new_context(**PHONE).new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: problems.append(message.text) if message.type == "error" else None,
        )
        offer = session.control.offer_pairing(Surface.CONSOLE)
        page.goto(f"{session.base}/control/remote?code={offer.code}")
        page.get_by_role("button", name=t("da", "remote.pair.button")).click()
        expect(page.locator("#remote-step")).to_have_text("Hvordan møder du op?", timeout=CHANGE_MS)

        # Phones turned away: how many, why, and the setting that lets them in.
        turned = page.locator("#remote-turned")
        expect(turned).to_contain_text(t("da", "control.turned_away.per_address"))
        expect(turned).to_contain_text("--devices-per-address")

        # A cloud's words: merge "lidt træt" into "træt", hide "spændt".
        word = page.locator("#remote-answers li", has_text="lidt træt (10)")
        expect(word).to_be_visible(timeout=CHANGE_MS)
        word.locator("select").select_option("træt")
        expect(page.locator("#remote-answers li", has_text="træt (20)")).to_be_visible(
            timeout=CHANGE_MS
        )
        assert dict(session.workshop.word_edits("tjek-ind")) == {"lidt træt": "træt"}
        spaendt = page.locator("#remote-answers li", has_text="spændt (20)")
        spaendt.get_by_role("button", name=t("da", "remote.hide")).click()
        expect(spaendt).to_contain_text(t("da", "remote.hidden_mark"), timeout=CHANGE_MS)
        assert session.workshop.word_edits("tjek-ind")["spændt"] == ""

        # The parking lot: most upvotes first; on the wall and off it; closed three ways.
        lot = page.locator("#remote-parking li")
        expect(lot.first).to_contain_text(ASKED[1], timeout=CHANGE_MS)
        expect(lot.first).to_contain_text("27 støtter")
        page.get_by_role("button", name=t("da", "remote.parking.toggle")).click()
        expect(page.locator("#remote-notice")).to_have_text(
            t("da", "control.parking.shown"), timeout=CHANGE_MS
        )
        assert session.control.parking_on_wall
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "remote-parking-360.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        for name in ("remote.answered", "remote.owner", "remote.drop"):
            box = lot.first.get_by_role("button", name=t("da", name)).bounding_box()
            assert box is not None and box["height"] >= 48 and box["x"] + box["width"] <= 360

        def outcome(index: int) -> str:
            rows = {row.text: row for row in session.workshop.parking_rows()}
            return rows[ASKED[index]].outcome

        lot.filter(has_text=ASKED[0]).get_by_role("button", name=t("da", "remote.answered")).click()
        expect(lot.filter(has_text=ASKED[0])).to_contain_text("besvaret", timeout=CHANGE_MS)
        assert outcome(0) == Outcome.ANSWERED
        page.once("dialog", lambda dialog: dialog.accept("Mette"))
        lot.filter(has_text=ASKED[1]).get_by_role("button", name=t("da", "remote.owner")).click()
        expect(lot.filter(has_text=ASKED[1])).to_contain_text("ejer: Mette", timeout=CHANGE_MS)
        assert outcome(1) == Outcome.OWNER
        lot.filter(has_text=ASKED[2]).get_by_role("button", name=t("da", "remote.drop")).click()
        expect(lot.filter(has_text=ASKED[2])).to_contain_text("droppet", timeout=CHANGE_MS)
        assert outcome(2) == Outcome.DROPPED
        page.get_by_role("button", name=t("da", "remote.parking.toggle")).click()
        expect(page.locator("#remote-notice")).to_have_text(
            t("da", "control.parking.hidden"), timeout=CHANGE_MS
        )
        assert not session.control.parking_on_wall
        browser.close()
    assert problems == []


def test_the_remote_pins_the_votes_leader_never_a_ballot(tmp_path: Path) -> None:
    with served(tmp_path) as session, sync_playwright() as driver:

        async def vote() -> None:
            workshop = session.workshop
            await workshop.go_to("forslag")
            for n, text in enumerate(["Vi ser hvert barn.", "Vi giver lyst til at lære."]):
                await workshop.submit(f"{n:032d}", "forslag", "s", {"text": text})
            await workshop.go_to("prikker")
            first, second = (o.id for o in workshop.options(workshop.plan.step("prikker")))
            for n in range(ROOM):
                dots = {second: 2, first: 1} if n % 2 else {second: 1}
                await workshop.submit(f"v{n:031d}", "prikker", "v", {"dots": dots})

        session.loop.run(vote())
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(**PHONE).new_page()
        offer = session.control.offer_pairing(Surface.CONSOLE)
        page.goto(f"{session.base}/control/remote?code={offer.code}")
        page.get_by_role("button", name=t("da", "remote.pair.button")).click()
        leader = page.locator("#remote-proposals li").first
        expect(leader).to_contain_text("Vi giver lyst til at lære. · 45 prikker", timeout=CHANGE_MS)
        leader.get_by_role("button", name=t("da", "remote.pin")).click()
        expect(page.locator("#remote-notice")).to_have_text(
            t("da", "control.pinned"), timeout=CHANGE_MS
        )
        browser.close()
    pinned = session.workshop.pinned
    assert pinned is not None and pinned.text == "Vi giver lyst til at lære."


def test_the_remote_merges_a_duplicate_answer_as_the_consoles_m_does(tmp_path: Path) -> None:
    with served(tmp_path) as session, sync_playwright() as driver:

        async def sentences() -> None:
            workshop = session.workshop
            await workshop.go_to("forslag")
            for n in range(ROOM):
                text = ["Vi ser hvert barn.", "Vi ser hvert barn!", "Vi giver lyst til at lære."][
                    n % 3
                ]
                await workshop.submit(f"s{n:031d}", "forslag", "s", {"text": f"{text} ({n})"})

        session.loop.run(sentences())
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(**PHONE).new_page()
        offer = session.control.offer_pairing(Surface.CONSOLE)
        page.goto(f"{session.base}/control/remote?code={offer.code}")
        page.get_by_role("button", name=t("da", "remote.pair.button")).click()

        def answer(text: str) -> Locator:
            return page.locator("#remote-answers .answer-text", has_text=text)

        expect(answer("Vi ser hvert barn! (28)")).to_be_visible(timeout=CHANGE_MS)
        # Each menu is named by its answer, as the hide buttons are.
        menu = page.get_by_role("combobox", name="Vi ser hvert barn! (28)", exact=False)
        expect(menu).to_have_count(1)
        target = session.workshop.contributions("forslag")[-3]  # "Vi ser hvert barn. (27)"
        menu.select_option(target.id)
        expect(answer("Vi ser hvert barn. (27)")).to_contain_text("×2", timeout=CHANGE_MS)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        browser.close()
    every = session.workshop.contributions("forslag", include_invisible=True)
    merged = {c.text: c.merged_into for c in every}
    assert merged["Vi ser hvert barn! (28)"] == target.id
