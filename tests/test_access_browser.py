"""Accessibility beyond what axe-core sees (WCAG 2.1 AA, EN 301 549), in Debian's chromium.

For the participant's page at every step kind, the facilitator's remote and the HTML report:

- each kind's whole form by keyboard alone, with a visible focus at every stop;
- text at 200 % (Chromium's own text-size setting, as a reader sets it) at 320 CSS px: no
  sideways scrolling (1.4.4, 1.4.10), no heading, countdown or button broken inside a word;
- ``prefers-reduced-motion``: nothing moves;
- the accessible name and role of every control, from Playwright's aria snapshot (kept in
  test-artifacts/aria-*.yml for people to read): every control named, no two buttons alike;
- axe-core (WCAG 2.1 A/AA and best practice) on every page, before and after answering.

``docs/tilgaengelighed.md`` says what this shows and what it does not.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from browser_support import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    JOIN_CODE,
    LiveSession,
    LoopThread,
    live_session,
)
from fixtures.archive_sessions import copy_all_kinds
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from support import FakeClock, copy_plan
from support.follow_up import run_day, shipped

from kerne_tui.archive import read_earlier, write_archive, write_report
from kerne_tui.catalog import t
from kerne_tui.control import ControlCenter, Surface
from kerne_tui.plan import load_plan
from kerne_tui.web import phone_server
from kerne_tui.workshop import Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

NARROW = {"width": 320, "height": 640}
TEXT_200 = {"standard": 32, "fixed": 26}
"""Chromium's text-size setting at twice its default (16 px and 13 px)."""
WAIT_MS = 5000
MAX_TAB_STOPS = 80
"""Tab presses one form may take at most (the longest, a review, takes about 30)."""
AXE = Path(__import__("axe_playwright_python").__file__).with_name("axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WHOLE_WORDS = "h1, h2, h3, #timer, .paused, button, summary, .remote-clock, th"
"""What must never be broken inside a word or number (headings, countdown, buttons). A
statement or an agreement (a legend) may be a word too long for any line of a 320 px phone."""
CONTROL_ROLES = ("button", "link", "textbox", "checkbox", "radio", "combobox", "spinbutton")

BROKEN_WORDS = """(selector) => {
  const broken = [];
  for (const element of document.querySelectorAll(selector)) {
    if (!element.getClientRects().length) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects())
          .filter((box) => box.width > 0).map((box) => Math.round(box.bottom)));
        if (lines.size > 1) broken.push(`${element.tagName.toLowerCase()}: ${match[0]}`);
      }
    }
  }
  return broken;
}"""

FOCUS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const shown = element.matches('.scale-point input') ? element.nextElementSibling : element;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {
    tag: element.tagName.toLowerCase(),
    type: element.type || '',
    name: element.name || '',
    id: element.id || '',
    inAnswer: !!element.closest('form#answer'),
    inStepper: !!element.closest('.stepper'),
    delta: element.getAttribute('data-delta') || '',
    groupChecked: element.type === 'radio'
      ? !!element.form.querySelector(`input[name="${CSS.escape(element.name)}"]:checked`)
      : false,
    checked: !!element.checked,
    label: (element.labels && element.labels[0] ? element.labels[0].textContent : '')
      || element.getAttribute('aria-label') || element.textContent || '',
    visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
      && box.width > 0 && box.height > 0,
  };
}"""

WIDE = """() => Array.from(document.querySelectorAll('main *, body > *'))
    .filter((element) => element.getBoundingClientRect().right > innerWidth + 0.5)
    .slice(-3).map((element) => `${element.tagName.toLowerCase()}.${element.className}`)"""
"""The innermost elements that reach past the screen's right edge (to say what overflows)."""

MOTION = """() => {
  const moving = [];
  for (const element of document.querySelectorAll('*')) {
    const style = getComputedStyle(element);
    const transition = style.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
    if (transition || style.animationName !== 'none') moving.push(element.tagName);
  }
  const smooth = getComputedStyle(document.documentElement).scrollBehavior === 'smooth';
  return {moving, animations: document.getAnimations().length, smooth};
}"""


def da(key: str, **values: object) -> str:
    return t("da", key, **values)


# --- what a page is measured for ---------------------------------------------------------


@dataclass
class Findings:
    """What the pages met on a tour showed, by page (``plan:step`` and ``after`` or ``before``)."""

    widths: dict[str, int] = field(default_factory=dict)
    wide: dict[str, list[str]] = field(default_factory=dict)
    broken: dict[str, list[str]] = field(default_factory=dict)
    text_scale: dict[str, float] = field(default_factory=dict)
    unnamed: dict[str, list[str]] = field(default_factory=dict)
    alike: dict[str, list[str]] = field(default_factory=dict)
    axe: dict[str, list[str]] = field(default_factory=dict)
    unseen_focus: dict[str, list[str]] = field(default_factory=dict)
    stops: dict[str, int] = field(default_factory=dict)
    arrived: dict[str, bool] = field(default_factory=dict)
    snapshots: dict[str, str] = field(default_factory=dict)


def large_text(page: Page) -> None:
    """Set Chromium's text size to 200 % for *page* (the reader's setting, not a zoom)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": TEXT_200})


def controls(snapshot: str) -> list[tuple[str, str]]:
    """(role, name) of every control in an aria snapshot; name "" when it has none."""
    found = []
    for line in snapshot.splitlines():
        match = re.match(r"\s*- '?([a-z]+)(?: \"((?:[^\"\\]|\\.)*)\")?", line)
        if match and match.group(1) in CONTROL_ROLES:
            found.append((match.group(1), match.group(2) or ""))
    return found


def axe_violations(page: Page) -> list[str]:
    """axe-core's violations on *page* (WCAG 2.1 A/AA and best practice), one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')))""",
        AXE_TAGS,
    )


def measure(page: Page, where: str, found: Findings, *, base_font: float) -> None:
    """Everything a page is checked for, kept under *where*."""
    found.widths[where] = page.evaluate("document.scrollingElement.scrollWidth")
    found.wide[where] = page.evaluate(WIDE)
    found.broken[where] = page.evaluate(BROKEN_WORDS, WHOLE_WORDS)
    body = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
    found.text_scale[where] = body / base_font
    snapshot = page.locator("body").aria_snapshot()
    found.snapshots[where] = snapshot
    named = controls(snapshot)
    found.unnamed[where] = [role for role, name in named if not name]
    buttons = [name for role, name in named if role == "button" and name]
    found.alike[where] = sorted({name for name in buttons if buttons.count(name) > 1})
    found.axe[where] = axe_violations(page)


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


def problems(by_page: dict[str, Any]) -> dict[str, Any]:
    return {where: value for where, value in by_page.items() if value}


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


# --- the facilitator's remote -----------------------------------------------------------------


@contextlib.contextmanager
def remote_page(browser: Browser, tmp_path: Path, **options: Any) -> Iterator[tuple[Page, Any]]:
    """A paired remote at 320 px, with three answers (two alike at first sight) to hide."""
    loop = LoopThread()
    plan_path = copy_plan("remote", tmp_path, "fjern.toml")
    (tmp_path / "data").mkdir()

    async def start() -> Workshop:
        workshop = Workshop.create(
            load_plan(plan_path), tmp_path / "data", clock=FakeClock(running=True)
        )
        await workshop.open()
        await workshop.start("svaert")
        for n, text in enumerate(("Bent afbryder", "Møderne er for lange", "For mange møder")):
            await workshop.submit(f"{n}" * 32, "svaert", f"c{n}", {"text": text})
        return workshop

    workshop = loop.run(start())
    control = ControlCenter(workshop)
    stack = contextlib.AsyncExitStack()

    async def serve() -> str:
        info = await stack.enter_async_context(
            phone_server(workshop, host="127.0.0.1", port=0, control=control)
        )
        control.join_url = info.url
        return f"http://127.0.0.1:{info.port}"

    base = loop.run(serve())
    context: BrowserContext = browser.new_context(viewport=NARROW, bypass_csp=True, **options)
    try:
        page = context.new_page()
        offer = control.offer_pairing(Surface.CONSOLE)
        page.goto(f"{base}/control/remote?code={offer.code}")
        base_font = float(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
        large_text(page)
        page.get_by_role("button", name=t("da", "remote.pair.button")).click()
        expect(page.locator("#remote-answers li")).to_have_count(3, timeout=WAIT_MS)
        yield page, base_font
    finally:
        context.close()
        loop.run(stack.aclose())
        loop.run(workshop.shutdown())
        loop.stop()


def test_the_remotes_hide_buttons_are_named_by_their_answer(
    browser: Browser, tmp_path: Path
) -> None:
    with remote_page(browser, tmp_path) as (page, base_font):
        found = Findings()
        measure(page, "remote", found, base_font=base_font)
        (ARTIFACTS / "aria-remote.yml").write_text(found.snapshots["remote"], encoding="utf-8")
        hide = da("remote.hide")
        names = [name for role, name in controls(found.snapshots["remote"]) if role == "button"]
        assert sorted(name for name in names if name.startswith(hide)) == [
            f"{hide} Bent afbryder",
            f"{hide} For mange møder",
            f"{hide} Møderne er for lange",
        ]
        page.get_by_role("button", name=f"{hide} For mange møder").click()
        restore = da("remote.restore")
        expect(page.get_by_role("button", name=re.compile(f"^{restore} For mange"))).to_be_visible(
            timeout=WAIT_MS
        )
        assert found.unnamed["remote"] == []
        assert found.alike["remote"] == []
        assert found.axe["remote"] == []
        assert found.widths["remote"] <= 320
        assert found.broken["remote"] == []
        assert found.text_scale["remote"] == pytest.approx(2.0, abs=0.01)


def test_the_remote_is_used_by_keyboard_with_its_focus_shown(
    browser: Browser, tmp_path: Path
) -> None:
    with remote_page(browser, tmp_path, reduced_motion="reduce") as (page, _base_font):
        unseen = []
        reached = []
        for _ in range(20):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS)
            if focus is None:
                continue
            reached.append(focus["label"].strip())
            if not focus["visible"]:
                unseen.append(focus["label"])
        assert unseen == []
        assert da("remote.next") in reached
        assert page.evaluate(MOTION) == {"moving": [], "animations": 0, "smooth": False}


# --- the HTML report --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixed all-kinds session's HTML report."""
    folder = tmp_path_factory.mktemp("report")
    made = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    return write_report(
        copy_all_kinds(folder), "html", None, now=made, zone=ZoneInfo("Europe/Copenhagen")
    )


@pytest.fixture
def report_page(browser: Browser, report: Path) -> Iterator[Page]:
    # The report forbids every script in its policy; axe is the test's own, so it may run.
    context = browser.new_context(viewport=NARROW, bypass_csp=True, reduced_motion="reduce")
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("text", ["100", "200"])
def test_the_report_reflows_at_320_px(report_page: Page, report: Path, text: str) -> None:
    report_page.goto(report.as_uri())
    base_font = float(report_page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
    if text == "200":
        large_text(report_page)
        report_page.goto(report.as_uri())
    found = Findings()
    measure(report_page, "report", found, base_font=base_font)
    (ARTIFACTS / f"aria-report-{text}.yml").write_text(found.snapshots["report"], "utf-8")
    report_page.screenshot(path=str(ARTIFACTS / f"access-report-{text}.png"), full_page=False)
    assert found.widths["report"] <= 320
    # Body text in the reader's own size: the text setting doubles it.
    assert found.text_scale["report"] == pytest.approx(int(text) / 100, abs=0.01)
    assert found.axe["report"] == []
    assert report_page.evaluate(MOTION) == {"moving": [], "animations": 0, "smooth": False}


def test_the_report_has_one_main_landmark(report_page: Page, report: Path) -> None:
    report_page.goto(report.as_uri())
    assert report_page.get_by_role("main").count() == 1
    expect(report_page.get_by_role("main").get_by_role("heading", level=1)).to_have_count(1)


def relative_luminance(rgb: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(part) for part in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def test_the_histogram_colours_stand_out_3_to_1_against_white(
    report_page: Page, report: Path
) -> None:
    report_page.goto(report.as_uri())
    fills = report_page.evaluate(
        """() => Object.fromEntries([1, 2, 3, 4, 5].map((v) => {
            const bar = document.querySelector(`.scale rect.v${v}`);
            return [v, bar ? getComputedStyle(bar).fill : null];
        }))"""
    )
    assert all(fills.values()), fills
    ratios = {v: round(1.05 / (relative_luminance(fill) + 0.05), 2) for v, fill in fills.items()}
    assert {v: ratio for v, ratio in ratios.items() if ratio < 3} == {}


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
