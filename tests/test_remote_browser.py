"""The facilitator's remote in a real browser: Debian's chromium at 360 px, against a session
served on 127.0.0.1 with its control centre, paired with a code as the console shows it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PHONE, LoopThread
from playwright.sync_api import Page, expect, sync_playwright
from support import FakeClock, copy_plan, plan_text

from kerne_tui.catalog import t
from kerne_tui.control import ControlCenter, Surface
from kerne_tui.plan import load_plan
from kerne_tui.web import phone_server
from kerne_tui.workshop import Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

CHANGE_MS = 5000
"""How long the remote may take to show a change (it usually takes ~0.1 s)."""


class Served:
    """A session with its control centre, served from a loop in a thread."""

    def __init__(self, loop: LoopThread, workshop: Workshop, control: ControlCenter) -> None:
        self.loop = loop
        self.workshop = workshop
        self.control = control
        self.base = ""


@contextlib.contextmanager
def served(tmp_path: Path, extra: str = "") -> Iterator[Served]:
    loop = LoopThread()
    plan_path = copy_plan("remote", tmp_path, "fjern.toml", plan_text("remote") + extra)
    folder = tmp_path / "data"
    folder.mkdir()

    async def start() -> Workshop:
        workshop = Workshop.create(
            load_plan(plan_path), folder, clock=FakeClock(running=True), join_code="KAFFE"
        )
        await workshop.open()
        await workshop.start("svaert")
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


def test_a_phone_pairs_steers_reads_hidden_answers_and_hides_one_at_360_px(
    tmp_path: Path,
) -> None:
    with served(tmp_path) as session, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(**PHONE)
        page: Page = context.new_page()
        problems: list[str] = []
        page.on(
            "console",
            lambda message: (
                problems.append(message.text) if message.type in ("error", "warning") else None
            ),
        )
        page.on("pageerror", lambda error: problems.append(str(error)))

        offer = session.control.offer_pairing(Surface.CONSOLE)
        page.goto(f"{session.base}/control/remote?code={offer.code}")
        expect(page.locator("#code")).to_have_value(offer.code)
        page.get_by_role("button", name=t("da", "remote.pair.button")).click()
        expect(page.locator("#remote-step")).to_have_text(
            "Hvad er svært i samarbejdet?", timeout=CHANGE_MS
        )
        expect(page.locator("#remote-notes")).to_contain_text("der kan stå navne")

        async def answer() -> None:
            await session.workshop.submit("a" * 32, "svaert", "c1", {"text": "Bent afbryder"})

        session.loop.run(answer())
        words = page.locator(".answer-text", has_text="Bent afbryder")
        item = page.locator("#remote-answers li").filter(has=words)
        expect(item).to_be_visible(timeout=CHANGE_MS)
        expect(page.locator("#remote-counts")).to_contain_text(t("da", "remote.not_on_wall"))

        # Thumb-sized buttons, and nothing wider than the phone.
        for name in ("remote.next", "remote.back", "remote.extend"):
            box = page.get_by_role("button", name=t("da", name)).bounding_box()
            assert box is not None and box["height"] >= 48
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "remote-360.png"), full_page=True)

        item.get_by_role("button", name=t("da", "remote.hide")).click()
        expect(item).to_contain_text(t("da", "remote.hidden_mark"), timeout=CHANGE_MS)
        assert session.workshop.contributions("svaert") == []

        page.get_by_role("button", name=t("da", "remote.next")).click()
        expect(page.locator("#remote-step")).to_have_text("Tal sammen", timeout=CHANGE_MS)
        assert session.workshop.current == "snak"

        (remote,) = session.control.pairings.remotes
        session.loop.run(_revoke(session.control, remote.id))
        expect(page.locator("#remote-notice")).to_have_text(
            t("da", "remote.revoked"), timeout=CHANGE_MS
        )
        page.get_by_role("button", name=t("da", "remote.back")).click(force=True)
        assert session.workshop.current == "snak"
        browser.close()
    # The 403s after revoking are expected; nothing else may complain (CSP, scripts).
    assert [p for p in problems if "403" not in p] == []


VOTE_STEP = """
[[modules.steps]]
id = "stemme"
kind = "vote"
title = "Hvad fylder mest?"
prompt = "Sæt din prik."
minutes = 3
dots = 1
options = ["Møder", "Mails"]
"""


def test_the_remote_holds_back_four_votes_and_shows_five(tmp_path: Path) -> None:
    with served(tmp_path, VOTE_STEP) as session, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page: Page = browser.new_context(**PHONE).new_page()
        offer = session.control.offer_pairing(Surface.CONSOLE)
        page.goto(f"{session.base}/control/remote?code={offer.code}")
        page.get_by_role("button", name=t("da", "remote.pair.button")).click()
        workshop = session.workshop

        async def votes(phones: range) -> None:
            await workshop.go_to("stemme")
            mails = workshop.options(workshop.plan.step("stemme"))[1].id
            for n in phones:
                await workshop.submit(f"{n:032x}", "stemme", "v", {"dots": {mails: 1}})

        session.loop.run(votes(range(4)))
        counts = page.locator("#remote-counts")
        expect(counts).to_contain_text(
            "tallene holdes tilbage, til mindst 5 har svaret", timeout=CHANGE_MS
        )
        expect(page.locator("#remote-answers")).not_to_contain_text("Mails")
        session.loop.run(votes(range(4, 5)))
        expect(page.locator("#remote-answers")).to_contain_text("Mails", timeout=CHANGE_MS)
        expect(counts).not_to_contain_text("holdes tilbage")
        browser.close()


async def _revoke(control: ControlCenter, remote_id: str) -> None:
    assert control.revoke(remote_id)


def test_a_wrong_code_is_refused_on_the_page_in_danish(tmp_path: Path) -> None:
    with served(tmp_path) as session, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(**PHONE).new_page()
        session.control.offer_pairing(Surface.CONSOLE)
        page.goto(f"{session.base}/control/remote")
        page.locator("#code").fill("AAAAAA")
        page.get_by_role("button", name=t("da", "remote.pair.button")).click()
        expect(page.get_by_role("alert")).to_have_text(t("da", "control.pair.unknown"))
        assert session.control.pairings.remotes == []
        browser.close()
