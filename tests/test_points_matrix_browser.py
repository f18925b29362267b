"""The points and matrix forms in a real browser: Debian's chromium at 360 px, script on and off.

Screenshots go to test-artifacts/phone-points-*.png and phone-matrix-*.png.
"""

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
from playwright.sync_api import Browser, Page, expect, sync_playwright
from support import FakeClock, copy_plan

from kerne_tui.catalog import t
from kerne_tui.plan import load_plan
from kerne_tui.workshop import Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

POINTS = ["Tid med borgeren", "Dokumentation", "Møder", "Faglig sparring"]
IDEAS = ["Fast pausetid", "Færre møder", "Ny tjekliste", "Makkerpar", "Fælles kalender"]


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
    """Serve the points and matrix plan, opened at a step, for this test."""
    with contextlib.ExitStack() as stack:

        def start(step_id: str) -> LiveSession:
            plan = load_plan(copy_plan("points-matrix", tmp_path))
            clock = FakeClock(running=True)

            async def begin() -> Workshop:
                workshop = Workshop.create(plan, tmp_path, clock=clock, join_code=JOIN_CODE)
                await workshop.open()
                await workshop.start(step_id)
                return workshop

            workshop = server_loop.run(begin())
            session = LiveSession(server_loop, workshop, clock)
            stack.callback(lambda: server_loop.run(workshop.shutdown()))
            session.serve_again()
            stack.callback(session.stop_serving)
            return session

        yield start


@pytest.fixture
def new_phone(browser: Browser) -> Iterator[Callable[..., Page]]:
    with contextlib.ExitStack() as stack:

        def open_phone(*, script: bool) -> Page:
            context = browser.new_context(**PHONE, java_script_enabled=script)
            stack.callback(context.close)
            return context.new_page()

        yield open_phone


def screenshot(page: Page, name: str) -> None:
    """Keep a picture of the page for people to look at (test-artifacts/phone-*.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)


def join(page: Page, session: LiveSession, *, script: bool) -> None:
    page.goto(session.url)
    if script:
        expect(page.locator("html.js")).to_have_count(1)


def send(page: Page) -> None:
    page.get_by_role("button", name=da("web.send")).click()


def fits_the_phone(page: Page) -> None:
    """Nothing sticks out sideways at 360 px (a phone would have to scroll to read it)."""
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]


def labels_of(session: LiveSession, step_id: str) -> dict[str, str]:
    async def read(workshop: Workshop) -> dict[str, str]:
        return {o.id: o.label for o in workshop.options(workshop.plan.step(step_id))}

    return session.do(read)


def arrived(session: LiveSession, step_id: str, field: str) -> list[dict[str, Any]]:
    labels = labels_of(session, step_id)
    return [
        {labels[key]: value for key, value in doc[field].items()}
        for doc in session.answers(step_id)
    ]


@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_points_are_shared_out_and_arrive(
    serve: Callable[[str], LiveSession], new_phone: Callable[..., Page], script: bool
) -> None:
    session = serve("fordel")
    page = new_phone(script=script)
    join(page, session, script=script)
    expect(page.locator("#points-left")).to_have_text(da("web.points.left", n=100, total=100))
    page.get_by_label(da("web.points.count", label="Tid med borgeren")).fill("60")
    page.get_by_label(da("web.points.count", label="Faglig sparring")).fill("25")
    if script:
        # Points left as you go, before anything is sent.
        expect(page.locator("#points-left")).to_have_text(da("web.points.left", n=15, total=100))
    fits_the_phone(page)
    screenshot(page, f"points-{'js' if script else 'no-js'}")
    send(page)
    if script:
        expect(page.locator("#flash")).to_contain_text(da("web.sent"))
    expect(page.locator("#mine")).to_contain_text("Tid med borgeren: 60 point")
    assert arrived(session, "fordel", "points") == [{"Tid med borgeren": 60, "Faglig sparring": 25}]


def test_points_over_the_budget_show_in_red_and_are_refused_with_the_reason(
    serve: Callable[[str], LiveSession], new_phone: Callable[..., Page]
) -> None:
    session = serve("fordel")
    page = new_phone(script=True)
    join(page, session, script=True)
    page.get_by_label(da("web.points.count", label="Tid med borgeren")).fill("80")
    page.get_by_label(da("web.points.count", label="Møder")).fill("30")
    left = page.locator("#points-left")
    expect(left).to_have_text(da("web.points.left", n=-10, total=100))
    expect(left).to_have_class("dots-left over")
    send(page)
    expect(page.locator("#flash")).to_contain_text(da("refuse.points_over", limit=100, given=110))
    assert session.answers("fordel") == []


def test_points_over_the_budget_without_script_keep_what_was_typed(
    serve: Callable[[str], LiveSession], new_phone: Callable[..., Page]
) -> None:
    session = serve("fordel")
    page = new_phone(script=False)
    join(page, session, script=False)
    page.get_by_label(da("web.points.count", label="Dokumentation")).fill("70")
    page.get_by_label(da("web.points.count", label="Møder")).fill("70")
    send(page)
    expect(page.get_by_text(da("refuse.points_over", limit=100, given=140))).to_be_visible()
    expect(page.get_by_label(da("web.points.count", label="Møder"))).to_have_value("70")
    assert session.answers("fordel") == []


def place(page: Page, label: str, x: int, y: int) -> None:
    """Tick the boxes of option *label*: *x* on the x axis, *y* on the y axis (asked first)."""
    group = page.get_by_role("group", name=label, exact=True)
    group.locator(".scale-row").nth(1).get_by_role("radio").nth(x - 1).check()
    group.locator(".scale-row").nth(0).get_by_role("radio").nth(y - 1).check()


@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_every_option_is_placed_on_the_matrix_and_arrives(
    serve: Callable[[str], LiveSession], new_phone: Callable[..., Page], script: bool
) -> None:
    session = serve("matrix")
    page = new_phone(script=script)
    join(page, session, script=script)
    expect(page.get_by_text(da("web.matrix.help", x="Indsats", y="Betydning for borgeren")))
    for n, label in enumerate(IDEAS):
        place(page, label, n + 1, 5 - n)
    expect(
        page.get_by_role("group", name="Makkerpar").get_by_text("lille indsats", exact=True)
    ).to_be_visible()
    fits_the_phone(page)
    screenshot(page, f"matrix-{'js' if script else 'no-js'}")
    send(page)
    if script:
        expect(page.locator("#flash")).to_contain_text(da("web.sent"))
    expect(page.locator("#mine")).to_contain_text(
        "Fast pausetid: Betydning for borgeren 5, Indsats 1"
    )
    assert arrived(session, "matrix", "placements") == [
        {label: [n + 1, 5 - n] for n, label in enumerate(IDEAS)}
    ]


def test_a_matrix_half_filled_in_is_not_sent(
    serve: Callable[[str], LiveSession], new_phone: Callable[..., Page]
) -> None:
    session = serve("matrix")
    page = new_phone(script=True)
    join(page, session, script=True)
    place(page, IDEAS[0], 2, 2)
    send(page)
    # The browser asks for the missing boxes itself; nothing leaves the phone.
    assert page.evaluate("document.querySelector('form#answer').checkValidity()") is False
    assert session.answers("matrix") == []
