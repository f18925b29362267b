"""A phone at a follow-up's review step, in Chromium: the day's agreements, a status each, sent.

The page's script builds the review's payload from its own table (static/kinds.js); this is the
one test that runs it. A picture of the page is kept in test-artifacts/phone-review.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    JOIN_CODE,
    PHONE,
    LiveSession,
    LoopThread,
)
from playwright.sync_api import Browser, expect, sync_playwright
from support import FakeClock
from support.follow_up import DAY_AGREEMENTS, run_day, shipped

from kerne_tui.archive import read_earlier, write_archive
from kerne_tui.catalog import t
from kerne_tui.workshop import Workshop


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def review_session(tmp_path: Path) -> Iterator[LiveSession]:
    """The follow-up, built on the archived day, served at its review step."""
    loop = LoopThread()
    # Playwright's sync API runs a loop on this thread: the day runs on the server's loop.
    day_zip = write_archive(loop.run(run_day(tmp_path / "day", FakeClock())), tmp_path / "z")
    plan = shipped("opfoelgning")
    record = read_earlier(day_zip, plan)
    clock = FakeClock(running=True)

    async def start() -> Workshop:
        workshop = Workshop.create(
            plan, tmp_path / "data", clock=clock, join_code=JOIN_CODE, follow_up=record
        )
        await workshop.open()
        await workshop.start("aftalerne")
        return workshop

    workshop = loop.run(start())
    session = LiveSession(loop, workshop, clock)
    try:
        session.serve_again()
        yield session
    finally:
        session.stop_serving()
        loop.run(workshop.shutdown())
        loop.stop()


def test_a_phone_reviews_the_day_s_agreements(
    browser: Browser, review_session: LiveSession
) -> None:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(review_session.url)
        expect(page.locator("html.js")).to_have_count(1)
        for what, who, when in DAY_AGREEMENTS:
            group = page.get_by_role("group", name=what)
            expect(group).to_contain_text(t("da", "review.who_when", who=who, when=when))
        first, second, third = (page.get_by_role("group", name=w) for w, _, _ in DAY_AGREEMENTS)
        first.get_by_label(t("da", "review.status.done")).check()
        second.get_by_label(t("da", "review.status.under_way")).check()
        third.get_by_label(t("da", "review.status.dropped")).check()
        third.get_by_label(t("da", "review.comment")).fill("Forældremødet blev aflyst")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "phone-review.png"), full_page=True)
        page.get_by_role("button", name=t("da", "web.send")).click()
        expect(page.locator("#flash")).to_contain_text(t("da", "web.sent"))
        (stored,) = review_session.answers("aftalerne")
        assert sorted(stored["statuses"].values()) == ["done", "dropped", "under_way"]
        assert list(stored["comments"].values()) == ["Forældremødet blev aflyst"]
        expect(page.locator("#mine")).to_contain_text("Forældremødet blev aflyst")
    finally:
        context.close()
