"""Accessibility of the participant's page beyond what axe-core sees (WCAG 2.1 AA, EN 301 549).

One phone at 320 CSS px with its text at 200 % goes through every step kind (three plans:
every basic kind, the four newer kinds with the parking lot, a follow-up's review), and at
each step, before and after answering:

- the whole form by keyboard alone, with a visible focus at every stop;
- no sideways scrolling (1.4.4, 1.4.10), no heading, countdown or button broken inside a word;
- the accessible name and role of every control from Playwright's aria snapshot (kept in
  test-artifacts/aria-phone-*.yml for people to read): every control named, no two buttons
  alike;
- axe-core (WCAG 2.1 A/AA and best practice).

And ``prefers-reduced-motion``: nothing moves. The remote and the report are in
``test_access_remote_report_browser.py``; ``docs/tilgaengelighed.md`` says what this shows and
what it does not.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from access_support import (
    FOCUS,
    MOTION,
    NARROW,
    WAIT_MS,
    Findings,
    controls,
    da,
    large_text,
    measure,
    problems,
)
from browser_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    JOIN_CODE,
    LiveSession,
    LoopThread,
    live_session,
)
from playwright.sync_api import Browser, Page, expect, sync_playwright
from support import FakeClock
from support.follow_up import run_day, shipped

from kerne_tui.archive import read_earlier, write_archive
from kerne_tui.workshop import Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

MAX_TAB_STOPS = 80
"""Tab presses one form may take at most (the longest, a review, takes about 30)."""

# --- answering by keyboard alone ------------------------------------------------------------


def answer_by_keyboard(page: Page, where: str, found: Findings) -> None:
    """Fill the whole form with Tab, arrows, Space, Enter and typing, then send it with Enter.

    Each stop's focus must be visible; a field is filled the first time it is reached.
    """
    page.locator("#step-title").click()  # start from the top, as a reader does
    unseen: list[str] = []
    placed_dots = 0
    for stop in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        focus: dict[str, Any] | None = page.evaluate(FOCUS)
        if focus is None:
            continue
        if not focus["visible"]:
            unseen.append(f"{focus['tag']} {focus['name'] or focus['id'] or focus['label']}")
        if not focus["inAnswer"]:
            continue
        tag, kind = focus["tag"], focus["type"]
        if focus["id"] == "send":
            found.stops[where] = stop + 1
            page.keyboard.press("Enter")
            break
        if tag == "textarea" or (tag == "input" and kind in ("text", "")):
            page.keyboard.type(f"Svar{stop}")
        elif tag == "input" and kind == "number" and not focus["inStepper"]:
            page.keyboard.press("Control+A")
            page.keyboard.type("20")
        elif tag == "button" and focus["delta"] == "1" and placed_dots < 2:
            page.keyboard.press("Enter")
            placed_dots += 1
        elif tag == "input" and kind == "radio" and not focus["groupChecked"]:
            page.keyboard.press("ArrowRight")  # moves to 2 and ticks it
        elif tag == "input" and kind == "checkbox" and not focus["checked"]:
            page.keyboard.press("Space")
        elif tag == "select":
            page.keyboard.press("ArrowDown")
    found.unseen_focus[where] = unseen
    found.arrived[where] = False
    with contextlib.suppress(AssertionError):
        expect(page.locator("#flash")).to_contain_text(da("web.sent"), timeout=WAIT_MS)
        found.arrived[where] = True


def park_by_keyboard(page: Page) -> None:
    """Open the parking lot and park a question, by keyboard alone."""
    page.locator("#parkering summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#park-text")).to_be_focused()
    page.keyboard.type("Hvornår får vi svar på budgettet?")
    page.keyboard.press("Enter")
    expect(page.locator("#parkering ul.mine")).to_contain_text("budgettet", timeout=WAIT_MS)


def tour_session(
    browser: Browser, session: LiveSession, plan: str, steps: list[str], found: Findings
) -> None:
    """One phone with 200 % text at 320 px, answering every step by keyboard."""
    # bypass_csp lets the test's own axe-core in (the pages' policy takes no inline script).
    context = browser.new_context(viewport=NARROW, locale="da-DK", bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(session.url)
        base_font = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
        large_text(page)
        for step in steps:
            session.go_to(step)
            page.goto(session.url)
            expect(page.locator("html.js")).to_have_count(1)
            measure(page, f"{plan}:{step} before", found, base_font=base_font)
            if page.locator("form#answer").count():
                answer_by_keyboard(page, f"{plan}:{step}", found)
                measure(page, f"{plan}:{step} after", found, base_font=base_font)
            if step == "parkering":
                park_by_keyboard(page)
                measure(page, f"{plan}:parking after", found, base_font=base_font)
            if step in ("prikker", "klarhed", "aftalerne"):
                page.screenshot(path=str(ARTIFACTS / f"access-{step}-200.png"), full_page=False)
    finally:
        context.close()


@contextlib.contextmanager
def review_session(loop: LoopThread, folder: Path) -> Iterator[LiveSession]:
    """A follow-up built on an archived day, served at its review step."""
    day_zip = write_archive(loop.run(run_day(folder / "day", FakeClock())), folder / "zip")
    plan = shipped("opfoelgning")
    record = read_earlier(day_zip, plan)
    clock = FakeClock(running=True)

    async def start() -> Workshop:
        workshop = Workshop.create(
            plan, folder / "data", clock=clock, join_code=JOIN_CODE, follow_up=record
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def phones(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Findings:
    """Every step kind on the participant's page, before and after answering by keyboard."""
    ARTIFACTS.mkdir(exist_ok=True)
    found = Findings()
    loop = LoopThread()
    try:
        folder = tmp_path_factory.mktemp("access")
        for name in ("a", "b"):
            (folder / name).mkdir()
        with live_session(loop, folder / "a", "velkommen") as session:
            steps = [step.id for step in session.workshop.plan.steps]
            tour_session(browser, session, "browser", steps, found)
        with live_session(loop, folder / "b", "tjek-ind", plan_name="all-new-kinds") as session:
            steps = [step.id for step in session.workshop.plan.steps]
            tour_session(browser, session, "new-kinds", steps, found)
        with review_session(loop, folder / "c") as session:
            tour_session(browser, session, "follow-up", ["aftalerne"], found)
    finally:
        loop.stop()
    for where, snapshot in found.snapshots.items():
        name = re.sub(r"[^a-z0-9-]+", "-", where.lower()).strip("-")
        (ARTIFACTS / f"aria-phone-{name}.yml").write_text(snapshot, encoding="utf-8")
    return found


# --- the participant's page -----------------------------------------------------------------


def test_the_tour_met_every_kind_before_and_after_answering(phones: Findings) -> None:
    answered = {where.split(" ")[0] for where in phones.widths if where.endswith("after")}
    assert answered == {
        *(f"browser:{step}" for step in ("tanker", "saetning", "prikker", "klarhed")),
        *(f"browser:{step}" for step in ("valg", "rang", "handlinger")),
        *(f"new-kinds:{step}" for step in ("tjek-ind", "spoergsmaal", "fordel", "matrix")),
        "new-kinds:parking",
        "follow-up:aftalerne",
    }
    seen = {where.split(" ")[0] for where in phones.widths}
    assert {"browser:velkommen", "browser:snak", "new-kinds:parkering"} <= seen


def test_each_kinds_whole_form_is_answered_by_keyboard_alone(phones: Findings) -> None:
    assert phones.stops, "no form was met"
    assert {where: ok for where, ok in phones.arrived.items() if not ok} == {}


def test_every_keyboard_stop_shows_its_focus(phones: Findings) -> None:
    assert problems(phones.unseen_focus) == {}


def test_text_at_200_percent_really_is_twice_the_size(phones: Findings) -> None:
    assert {where: s for where, s in phones.text_scale.items() if abs(s - 2) > 0.01} == {}


def test_no_sideways_scrolling_at_320_px_with_200_percent_text(phones: Findings) -> None:
    too_wide = {where: width for where, width in phones.widths.items() if width > 320}
    assert too_wide == {}, {where: phones.wide[where] for where in too_wide}


def test_no_heading_countdown_or_button_is_broken_inside_a_word(phones: Findings) -> None:
    assert problems(phones.broken) == {}


def test_every_control_has_a_name_and_no_two_buttons_are_alike(phones: Findings) -> None:
    assert problems(phones.unnamed) == {}
    assert problems(phones.alike) == {}


def test_axe_finds_nothing_on_any_step_before_or_after_answering(phones: Findings) -> None:
    assert problems(phones.axe) == {}


def test_nothing_moves_for_a_reader_who_asked_for_less_motion(
    browser: Browser, tmp_path: Path
) -> None:
    loop = LoopThread()
    try:
        with live_session(loop, tmp_path, "prikker") as session:
            context = browser.new_context(viewport=NARROW, reduced_motion="reduce")
            page = context.new_page()
            page.goto(session.url)
            expect(page.locator("html.js")).to_have_count(1)
            page.get_by_role(
                "button", name=da("web.dots.add", label="Mere tid hos borgerne")
            ).click()
            page.get_by_role("button", name=da("web.send")).click()
            expect(page.locator("#flash")).to_contain_text(da("web.sent"))
            session.go_to("klarhed")
            expect(page.locator("#step-title")).to_have_text("Hvor klar er opgaven?")
            assert page.evaluate(MOTION) == {"moving": [], "animations": 0, "smooth": False}
            context.close()
    finally:
        loop.stop()


def test_repeated_buttons_are_named_by_what_they_act_on(browser: Browser, tmp_path: Path) -> None:
    """Two own answers to take back, and others' questions to support: each button its own."""
    loop = LoopThread()
    try:
        with live_session(loop, tmp_path, "spoergsmaal", plan_name="all-new-kinds") as session:

            async def others_ask(workshop: Workshop) -> None:
                for n, text in enumerate(("Hvornår kommer budgettet?", "Hvem beslutter?")):
                    await workshop.submit(f"{n}" * 32, "spoergsmaal", f"q{n}", {"text": text})

            session.do(others_ask)
            context = browser.new_context(viewport=NARROW, bypass_csp=True)
            page = context.new_page()
            page.goto(session.url)
            for text in ("Må vi få mere tid?", "Hvad med vikarerne?"):
                page.locator("#text").fill(text)
                page.get_by_role("button", name=da("web.send")).click()
                expect(page.locator("#mine li", has_text=text)).to_have_count(1)
            found = Findings()
            measure(page, "questions", found, base_font=17.0)
            names = [name for role, name in controls(found.snapshots["questions"])]
            retract, upvote = da("web.retract"), da("web.questions.upvote")
            assert f"{retract} Må vi få mere tid?" in names
            assert f"{retract} Hvad med vikarerne?" in names
            assert f"{upvote} Hvornår kommer budgettet?" in names
            assert f"{upvote} Hvem beslutter?" in names
            assert found.alike["questions"] == []
            assert found.axe["questions"] == []
            context.close()
    finally:
        loop.stop()
