"""Word clouds, questions and the parking lot on a phone of 360 px, with JavaScript on and off."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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
from conftest import FakeClock
from playwright.sync_api import Browser, Page, expect, sync_playwright

from kerne_tui.catalog import t
from kerne_tui.plan import load_plan
from kerne_tui.workshop import Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

PLAN_FILE = Path(__file__).parent / "data" / "words_questions.toml"


def da(key: str, **values: object) -> str:
    return t("da", key, **values)


@pytest.fixture(scope="module")
def server_loop() -> Iterator[LoopThread]:
    loop = LoopThread()
    yield loop
    loop.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def serve(server_loop: LoopThread, tmp_path: Path) -> Iterator[Callable[[str], LiveSession]]:
    """Serve the word-cloud plan, opened at a step with its countdown paused."""
    with contextlib.ExitStack() as stack:

        def start(step: str) -> LiveSession:
            clock = FakeClock()

            async def begin() -> Workshop:
                workshop = Workshop.create(
                    load_plan(PLAN_FILE), tmp_path, clock=clock, join_code=JOIN_CODE
                )
                await workshop.open()
                await workshop.start(step, run_timer=False)
                return workshop

            workshop = server_loop.run(begin())
            session = LiveSession(server_loop, workshop, clock)
            session.serve_again()
            stack.callback(lambda: server_loop.run(workshop.shutdown()))
            stack.callback(session.stop_serving)
            return session

        yield start


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**PHONE, java_script_enabled=request.param)
    try:
        yield context.new_page()
    finally:
        context.close()


def opened(page: Page, session: LiveSession) -> Page:
    page.goto(session.url)
    expect(page.locator("#step-title")).to_be_visible()
    return page


def fits_the_phone(page: Page) -> None:
    """Nothing is wider than the 360 px screen (no sideways scrolling)."""
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360


def keep(page: Page, name: str, script: bool) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    suffix = "js" if script else "nojs"
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}-{suffix}.png"), full_page=True)


def stored(session: LiveSession, step_id: str) -> list[Any]:
    async def read(workshop: Workshop) -> list[Any]:
        return list(workshop.contributions(step_id))

    return session.loop.run(read(session.workshop))


def script_on(page: Page) -> bool:
    return page.locator("html.js").count() == 1


def test_words_are_sent_from_the_phone_and_arrive_folded(
    serve: Callable[[str], LiveSession], phone: Page
) -> None:
    session = serve("tjek-ind")
    opened(phone, session)
    script = script_on(phone)
    phone.get_by_label(da("web.words.label", n=1)).fill("Nysgerrig")
    phone.get_by_label(da("web.words.label", n=3)).fill("lidt træt")
    fits_the_phone(phone)
    keep(phone, "words", script)
    phone.get_by_role("button", name=da("web.send")).click()
    expect(phone.locator("#mine")).to_contain_text("nysgerrig")
    (sent,) = stored(session, "tjek-ind")
    assert sent.words == ("nysgerrig", "lidt træt")
    expect(phone.locator("#answered")).to_have_text(da("refuse.already_answered"))


def test_a_question_is_asked_and_another_upvoted(
    serve: Callable[[str], LiveSession], phone: Page
) -> None:
    session = serve("spoergsmaal")
    other = session.do(lambda w: w.submit("another", "spoergsmaal", "o", {"text": "Budgettet?"}))
    opened(phone, session)
    script = script_on(phone)
    phone.get_by_label(da("web.questions.ask"), exact=True).fill("Hvornår kommer planen?")
    phone.get_by_role("button", name=da("web.send")).click()
    expect(phone.locator("#questions")).to_contain_text("Hvornår kommer planen?")
    phone.locator("li.question", has_text="Budgettet?").get_by_role(
        "button", name=da("web.questions.upvote")
    ).click()
    expect(phone.locator("li.question", has_text="Budgettet?")).to_contain_text(
        da("web.questions.you_upvoted")
    )
    fits_the_phone(phone)
    keep(phone, "questions", script)
    rows = session.do(lambda w: _rows(w))
    assert rows == [("Budgettet?", 1), ("Hvornår kommer planen?", 0)]
    assert other.id == session.do(lambda w: _first_id(w))


async def _rows(workshop: Workshop) -> list[tuple[str, int]]:
    return [(row.text, row.votes) for row in workshop.question_rows("spoergsmaal")]


async def _first_id(workshop: Workshop) -> str:
    return workshop.question_rows("spoergsmaal")[0].id


def test_the_parking_button_is_there_at_any_step_and_parks_a_question(
    serve: Callable[[str], LiveSession], phone: Page
) -> None:
    session = serve("tjek-ind")
    opened(phone, session)
    script = script_on(phone)
    phone.get_by_text(da("web.parking.button")).click()
    phone.get_by_label(da("web.parking.label")).fill("Hvad med vagtplanen?")
    fits_the_phone(phone)
    phone.get_by_role("button", name=da("web.parking.send")).click()
    expect(phone.locator("#parkering")).to_contain_text(da("web.parking.mine"))
    expect(phone.locator("#parkering .question-list")).to_contain_text("Hvad med vagtplanen?")
    keep(phone, "parking", script)

    async def parked(workshop: Workshop) -> list[str]:
        return [row.text for row in workshop.parking_rows()]

    assert session.do(parked) == ["Hvad med vagtplanen?"]
