"""The participant page in a real browser: Debian's chromium at a phone's size, with and
without JavaScript, against a workshop served on 127.0.0.1 and driven like the facilitator."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
    live_session,
)
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from kerne_tui.catalog import t

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

STEP_CHANGE_MS = 3000
"""How long a phone may take to show the facilitator's new step (it usually takes ~0.1 s)."""

KIND_STEPS = ["tanker", "saetning", "prikker", "klarhed", "valg", "rang", "handlinger"]
ALL_STEPS = ["velkommen", "tanker", "snak", "saetning", *KIND_STEPS[2:]]


def da(key: str, **values: object) -> str:
    """The Danish text the page shows for *key*."""
    return t("da", key, **values)


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server_loop() -> Iterator[LoopThread]:
    """One event loop in a thread for the servers of this module's tests."""
    loop = LoopThread()
    yield loop
    loop.stop()


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver, started once for the module."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's chromium, launched once for the module (never a downloaded browser)."""
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def serve(server_loop: LoopThread, tmp_path: Path) -> Iterator[Callable[..., LiveSession]]:
    """Serve the all-kinds plan for this test, opened at a step (or waiting for None)."""
    with contextlib.ExitStack() as stack:
        numbers = itertools.count()

        def start(step: str | None = "tanker", language: str = "da") -> LiveSession:
            folder = tmp_path / f"data-{next(numbers)}"
            folder.mkdir()
            return stack.enter_context(live_session(server_loop, folder, step, language))

        yield start


@pytest.fixture
def new_phone(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh phone (its own cookies, so its own device token)."""
    with contextlib.ExitStack() as stack:

        def open_phone(*, script: bool = True, **overrides: Any) -> Page:
            context = browser.new_context(**{**PHONE, **overrides}, java_script_enabled=script)
            stack.callback(context.close)
            return context.new_page()

        yield open_phone


@pytest.fixture
def phone(new_phone: Callable[..., Page]) -> Page:
    """A phone with JavaScript on."""
    return new_phone()


@pytest.fixture
def plain_phone(new_phone: Callable[..., Page]) -> Page:
    """A phone with JavaScript off: everything goes through plain forms."""
    return new_phone(script=False)


def join(page: Page, session: LiveSession) -> Page:
    """Open the join address and wait until the script has taken over the page."""
    page.goto(session.url)
    expect(page.locator("html.js")).to_have_count(1)
    return page


def screenshot(page: Page, name: str) -> None:
    """Keep a picture of the page for people to look at (test-artifacts/phone-*.png)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"), full_page=True)


def send(page: Page) -> None:
    """Press the page's send button."""
    page.get_by_role("button", name=da("web.send")).click()


def expect_received(page: Page) -> None:
    """Wait for the page to say the answer was received (on disk)."""
    expect(page.locator("#flash")).to_contain_text(da("web.sent"))


def expect_title(page: Page, title: str, timeout: float = 5000) -> None:
    """Wait (bounded) for the page to show the step called *title*."""
    expect(page.locator("#step-title")).to_have_text(title, timeout=timeout)


def place_dots(page: Page, label: str, count: int) -> None:
    """Tap the plus button of the option *label* *count* times."""
    for _ in range(count):
        page.get_by_role("button", name=da("web.dots.add", label=label)).click()


def answer_step(page: Page, step: str, *, script: bool) -> None:
    """Answer *step* of the all-kinds plan as a participant would, and send it."""
    if step in ("tanker", "saetning"):
        page.get_by_label(da("web.text.label" if step == "tanker" else "web.sentence.label")).fill(
            f"Svar på {step}: borgeren først"
        )
    elif step == "prikker":
        if script:
            place_dots(page, "Mere tid hos borgerne", 2)
            place_dots(page, "Færre og kortere møder", 1)
        else:
            page.get_by_label("Mere tid hos borgerne").fill("2")
            page.get_by_label("Færre og kortere møder").fill("1")
    elif step == "klarhed":
        page.locator(".scale").nth(0).get_by_role("radio", name="4", exact=True).check()
        page.locator(".scale").nth(1).get_by_role("radio", name="2", exact=True).check()
    elif step == "valg":
        page.get_by_label("MED-mødet").check()
    elif step == "rang":
        page.get_by_label(da("web.rank.place", n=1)).select_option(label="Møder")
        page.get_by_label(da("web.rank.place", n=2)).select_option(label="Dokumentation")
    elif step == "handlinger":
        page.get_by_label(da("web.action.what")).fill("Tage kerneopgaven op på MED-mødet")
        page.get_by_label(da("web.action.who")).fill("Lederen")
        page.get_by_label(da("web.action.when")).fill("Marts")
        page.get_by_label("Hvordan kan vi se, at det er sket?").fill("Punktet står i referatet")
    send(page)


EXPECTED: dict[str, dict[str, Any]] = {
    "tanker": {"text": "Svar på tanker: borgeren først"},
    "saetning": {"text": "Svar på saetning: borgeren først"},
    "prikker": {"dots": {"1": 2, "2": 1}},
    "klarhed": {"values": {"0": 4, "1": 2}},
    "valg": {"choices": ["2"]},
    "rang": {"ranking": ["2", "1"]},
    "handlinger": {
        "what": "Tage kerneopgaven op på MED-mødet",
        "who": "Lederen",
        "when": "Marts",
        "evidence": "Punktet står i referatet",
    },
}
"""What each answer of ``answer_step`` must arrive as in the session."""


def arrived(session: LiveSession, step: str) -> list[dict[str, Any]]:
    """The fields of ``EXPECTED[step]`` as the session stored them, one dict per answer."""
    return [{key: doc[key] for key in EXPECTED[step]} for doc in session.answers(step)]


# --- joining --------------------------------------------------------------------------------


def test_join_address_opens_the_step_in_danish(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    expect_title(phone, "Hvad er vi her for?")
    expect(phone.locator("html")).to_have_attribute("lang", "da")
    expect(phone.locator("#prompt")).to_contain_text("med dine egne ord")
    screenshot(phone, "join")


def test_an_english_plan_gets_an_english_page(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("prikker", language="en")
    join(phone, session)
    expect(phone.locator("html")).to_have_attribute("lang", "en")
    expect(phone.locator("#dots-left")).to_have_text(t("en", "web.dots.left", n=3, total=3))
    add = t("en", "web.dots.add", label="Færre og kortere møder")
    expect(phone.get_by_role("button", name=add)).to_be_visible()


def test_code_typed_in_lower_case_on_the_front_page_joins(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    phone.goto(session.base + "/")
    phone.get_by_label(da("web.join.label")).fill(JOIN_CODE.lower())
    phone.get_by_role("button", name=da("web.join.button")).click()
    expect_title(phone, "Hvad er vi her for?")
    assert phone.url == session.url


def test_waiting_page_turns_into_the_first_step_when_the_workshop_starts(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve(None)
    join(phone, session)
    expect(phone.locator("#main")).to_contain_text(da("web.waiting"))
    session.do(lambda w: w.start("velkommen"))
    expect_title(phone, "Velkommen", timeout=STEP_CHANGE_MS)


# --- answering with the script ----------------------------------------------------------


def test_text_is_sent_without_reload_and_shown_as_received(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    phone.evaluate("window.sameDocument = true")
    phone.get_by_label(da("web.text.label")).fill("Trygge rammer for borgerne")
    expect(phone.locator("#counter")).to_have_text(da("web.chars", n=26, limit=300))
    send(phone)
    expect_received(phone)
    expect(phone.locator("#mine")).to_contain_text("Trygge rammer for borgerne")
    expect(phone.get_by_label(da("web.text.label"))).to_have_value("")
    assert phone.evaluate("window.sameDocument") is True
    assert session.texts("tanker") == ["Trygge rammer for borgerne"]
    screenshot(phone, "text-sent")


def test_dots_are_placed_with_plus_and_minus_and_sent(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("prikker")
    join(phone, session)
    place_dots(phone, "Mere tid hos borgerne", 2)
    place_dots(phone, "Bedre overlevering mellem vagter", 1)
    expect(phone.locator("#dots-left")).to_have_text(da("web.dots.left", n=0, total=3))
    expect(phone.get_by_role("button", name=da("web.dots.add", label="Færre og kortere møder")))
    expect(
        phone.get_by_role("button", name=da("web.dots.add", label="Færre og kortere møder"))
    ).to_be_disabled()
    screenshot(phone, "dots")
    phone.get_by_role(
        "button", name=da("web.dots.remove", label="Bedre overlevering mellem vagter")
    ).click()
    place_dots(phone, "Færre og kortere møder", 1)
    send(phone)
    expect_received(phone)
    assert arrived(session, "prikker") == [EXPECTED["prikker"]]


def test_dots_on_one_option_stop_at_its_cap(serve: Callable[..., LiveSession], phone: Page) -> None:
    session = serve("prikker")
    join(phone, session)
    place_dots(phone, "Mere tid hos borgerne", 2)
    add = phone.get_by_role("button", name=da("web.dots.add", label="Mere tid hos borgerne"))
    expect(add).to_be_disabled()
    expect(phone.locator("#dots-left")).to_have_text(da("web.dots.left", n=1, total=3))


@pytest.mark.parametrize("step", ["klarhed", "valg", "rang", "handlinger", "saetning"])
def test_each_kind_of_answer_arrives(
    serve: Callable[..., LiveSession], phone: Page, step: str
) -> None:
    session = serve(step)
    join(phone, session)
    answer_step(phone, step, script=True)
    expect_received(phone)
    assert arrived(session, step) == [EXPECTED[step]]


def test_a_single_answer_kind_offers_retract_instead_of_a_second_answer(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("valg")
    join(phone, session)
    answer_step(phone, "valg", script=True)
    expect(phone.locator("#answered")).to_have_text(da("refuse.already_answered"))
    expect(phone.locator("form#answer")).to_have_count(0)
    expect(phone.get_by_role("button", name=da("web.retract"))).to_be_visible()


def test_a_ranked_option_cannot_take_a_second_place(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("rang")
    join(phone, session)
    phone.get_by_label(da("web.rank.place", n=1)).select_option(label="Møder")
    taken = phone.get_by_label(da("web.rank.place", n=2)).locator("option", has_text="Møder")
    expect(taken).to_be_disabled()


def test_own_contribution_can_be_retracted(serve: Callable[..., LiveSession], phone: Page) -> None:
    session = serve("tanker")
    join(phone, session)
    phone.get_by_label(da("web.text.label")).fill("Det tager jeg tilbage")
    send(phone)
    expect(phone.locator("#mine")).to_contain_text("Det tager jeg tilbage")
    phone.get_by_role("button", name=da("web.retract")).click()
    expect(phone.locator("#flash")).to_contain_text(da("web.retracted"))
    expect(phone.locator("#mine")).to_have_count(0)
    assert session.texts("tanker") == []


def test_double_tap_on_send_makes_one_contribution(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    phone.get_by_label(da("web.text.label")).fill("Kun én gang")
    phone.get_by_role("button", name=da("web.send")).dblclick()
    expect_received(phone)
    assert session.texts("tanker") == ["Kun én gang"]


# --- following the facilitator ------------------------------------------------------------


def test_page_moves_to_the_next_step_when_the_facilitator_does(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    session.next_step()
    expect_title(phone, "Tal sammen to og to", timeout=STEP_CHANGE_MS)
    expect(phone).to_have_title(re.compile("^Tal sammen to og to"))
    expect(phone.locator("#main")).to_contain_text(da("web.no_input"))


def test_countdown_ticks_on_the_phone(serve: Callable[..., LiveSession], phone: Page) -> None:
    session = serve("tanker")
    join(phone, session)
    timer = phone.locator("#timer")
    expect(timer).to_have_text(re.compile(r"^[45]:\d\d$"))
    first = timer.inner_text()
    expect(timer).not_to_have_text(first)


def test_extra_time_reaches_the_phone(serve: Callable[..., LiveSession], phone: Page) -> None:
    session = serve("tanker")
    join(phone, session)
    expect(phone.locator("#timer")).to_have_text(re.compile(r"^[45]:\d\d$"))
    session.do(lambda w: w.extend(120))
    expect(phone.locator("#timer")).to_have_text(re.compile(r"^[67]:\d\d$"))


def test_paused_countdown_says_so(serve: Callable[..., LiveSession], phone: Page) -> None:
    session = serve("tanker")
    join(phone, session)
    expect(phone.locator("#paused")).to_be_hidden()
    session.do(lambda w: w.toggle_timer())
    expect(phone.locator("#paused")).to_be_visible()
    expect(phone.locator("#paused")).to_have_text(da("web.paused"))


def test_closed_step_disables_the_form_says_why_and_keeps_the_draft(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    field = phone.get_by_label(da("web.text.label"))
    field.fill("Nåede jeg det?")
    session.run_out()
    expect(phone.locator("#closed-note")).to_have_text(da("web.closed"))
    expect(field).to_be_disabled()
    expect(field).to_have_value("Nåede jeg det?")
    expect(phone.locator("#send")).to_be_disabled()
    expect(phone.locator("form#answer")).to_have_attribute("aria-describedby", "closed-note")
    assert session.texts("tanker") == []
    screenshot(phone, "closed")
    # More time opens the same form again, with the draft still in it.
    session.do(lambda w: w.extend(60))
    expect(field).to_be_enabled(timeout=STEP_CHANGE_MS)
    expect(field).to_have_value("Nåede jeg det?")
    send(phone)
    expect_received(phone)
    assert session.texts("tanker") == ["Nåede jeg det?"]


def test_text_not_sent_before_the_step_changed_stays_visible(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    phone.get_by_label(da("web.text.label")).fill("Halvt færdig tanke")
    session.next_step()
    expect_title(phone, "Tal sammen to og to", timeout=STEP_CHANGE_MS)
    unsent = phone.locator(".unsent")
    expect(unsent).to_contain_text(da("web.unsent.heading"))
    expect(unsent.locator("textarea")).to_have_value("Halvt færdig tanke")
    screenshot(phone, "unsent")


def test_typing_goes_on_when_the_page_redraws_the_same_step(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    field = phone.get_by_label(da("web.text.label"))
    field.click()
    phone.keyboard.type("Borgeren ")
    session.do(lambda w: w.pin("Vi er her for borgeren"))
    expect(phone.locator(".pinned")).to_contain_text("Vi er her for borgeren")
    phone.keyboard.type("først")
    expect(field).to_have_value("Borgeren først")
    expect(field).to_be_focused()


def test_draft_comes_back_when_the_facilitator_returns_to_its_step(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    phone.get_by_label(da("web.text.label")).fill("Gemt til senere")
    session.next_step()
    expect_title(phone, "Tal sammen to og to", timeout=STEP_CHANGE_MS)
    session.do(lambda w: w.previous_step())
    expect_title(phone, "Hvad er vi her for?", timeout=STEP_CHANGE_MS)
    expect(phone.get_by_label(da("web.text.label"))).to_have_value("Gemt til senere")


def test_reload_keeps_a_draft(serve: Callable[..., LiveSession], phone: Page) -> None:
    session = serve("tanker")
    join(phone, session)
    phone.get_by_label(da("web.text.label")).fill("Skrevet før genindlæsning")
    phone.reload()
    expect(phone.locator("html.js")).to_have_count(1)
    expect(phone.get_by_label(da("web.text.label"))).to_have_value("Skrevet før genindlæsning")
    expect(phone.locator("#counter")).to_have_text(da("web.chars", n=25, limit=300))


def test_sent_text_is_no_longer_a_draft_after_reload(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    phone.get_by_label(da("web.text.label")).fill("Sendt og glemt")
    send(phone)
    expect_received(phone)
    phone.reload()
    expect(phone.locator("html.js")).to_have_count(1)
    expect(phone.get_by_label(da("web.text.label"))).to_have_value("")


def test_offline_notice_shows_while_the_browser_itself_is_offline(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    expect(phone.locator("#connection")).to_be_hidden()
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_be_visible()
    expect(phone.locator("#connection")).to_have_text(da("web.offline"))
    session.next_step()
    phone.context.set_offline(False)
    expect_title(phone, "Tal sammen to og to", timeout=10_000)
    expect(phone.locator("#connection")).to_be_hidden()


def test_offline_notice_shows_while_the_laptop_is_away_and_the_page_catches_up(
    serve: Callable[..., LiveSession], phone: Page
) -> None:
    session = serve("tanker")
    join(phone, session)
    session.stop_serving()
    expect(phone.locator("#connection")).to_be_visible()
    expect(phone.locator("#connection")).to_have_text(da("web.offline"))
    session.next_step()
    session.serve_again()
    expect_title(phone, "Tal sammen to og to", timeout=10_000)
    expect(phone.locator("#connection")).to_be_hidden()


# --- without JavaScript -------------------------------------------------------------------


def test_without_script_text_is_sent_and_retracted_through_forms(
    serve: Callable[..., LiveSession], plain_phone: Page
) -> None:
    session = serve("tanker")
    plain_phone.goto(session.url)
    plain_phone.get_by_label(da("web.text.label")).fill("Uden JavaScript")
    send(plain_phone)
    expect_received(plain_phone)
    expect(plain_phone.locator("#mine")).to_contain_text("Uden JavaScript")
    assert session.texts("tanker") == ["Uden JavaScript"]
    screenshot(plain_phone, "noscript-sent")
    plain_phone.get_by_role("button", name=da("web.retract")).click()
    expect(plain_phone.locator("#flash")).to_contain_text(da("web.retracted"))
    assert session.texts("tanker") == []


def test_without_script_the_reload_link_shows_the_next_step(
    serve: Callable[..., LiveSession], plain_phone: Page
) -> None:
    session = serve("tanker")
    plain_phone.goto(session.url)
    session.next_step()
    plain_phone.get_by_role("link", name=da("web.reload")).click()
    expect_title(plain_phone, "Tal sammen to og to")


def test_without_script_a_closed_step_refuses_and_keeps_the_draft(
    serve: Callable[..., LiveSession], plain_phone: Page
) -> None:
    session = serve("tanker")
    plain_phone.goto(session.url)
    plain_phone.get_by_label(da("web.text.label")).fill("For sent")
    session.run_out()
    send(plain_phone)
    expect(plain_phone.locator("#flash")).to_contain_text(da("refuse.step_closed"))
    field = plain_phone.get_by_label(da("web.text.label"))
    expect(field).to_have_value("For sent")
    expect(field).to_be_disabled()
    expect(plain_phone.locator("#send")).to_be_disabled()
    expect(plain_phone.locator("#closed-note")).to_have_text(da("web.closed"))
    assert session.texts("tanker") == []
    screenshot(plain_phone, "noscript-closed")


def test_without_script_text_for_a_step_that_ended_is_shown_apart(
    serve: Callable[..., LiveSession], plain_phone: Page
) -> None:
    session = serve("tanker")
    plain_phone.goto(session.url)
    plain_phone.get_by_label(da("web.text.label")).fill("Skrevet til det forrige trin")
    session.next_step()
    session.next_step()
    send(plain_phone)
    expect_title(plain_phone, "Én sætning")
    expect(plain_phone.locator(".unsent textarea")).to_have_value("Skrevet til det forrige trin")
    expect(plain_phone.get_by_label(da("web.sentence.label"))).to_have_value("")
    screenshot(plain_phone, "noscript-unsent")


# --- a whole plan -------------------------------------------------------------------------


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_whole_plan_from_start_to_end(
    serve: Callable[..., LiveSession], new_phone: Callable[..., Page], script: bool
) -> None:
    session = serve(None)
    page = new_phone(script=script)
    page.goto(session.url)
    session.do(lambda w: w.start())
    plan = session.workshop.plan
    for number, step in enumerate(plan.steps):
        if number:
            session.next_step()
        if not script:
            page.get_by_role("link", name=da("web.reload")).click()
        expect_title(page, step.title, timeout=STEP_CHANGE_MS)
        if step.kind.takes_input:
            answer_step(page, step.id, script=script)
            expect_received(page)
            expect(page.locator("#mine li").first).to_be_visible()
            if script:
                screenshot(page, f"plan-{step.id}")
    session.do(lambda w: w.close())
    if not script:
        page.get_by_role("link", name=da("web.reload")).click()
    expect_title(page, da("web.finished"), timeout=STEP_CHANGE_MS)
    for step_id in KIND_STEPS:
        assert arrived(session, step_id) == [EXPECTED[step_id]], step_id


# --- the page itself: one tour of every step at 320 px, checked from several sides ---------


@dataclass
class Tour:
    """What a 320 px phone met on its way through every step, answering where it could."""

    widths: dict[str, int] = field(default_factory=dict)
    unlabelled: dict[str, list[str]] = field(default_factory=dict)
    small_targets: dict[str, list[str]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    base: str = ""


UNLABELLED_FIELDS = """() => Array.from(
        document.querySelectorAll('input, select, textarea, button'))
    .filter(el => el.type !== 'hidden')
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
        && !el.getAttribute('aria-labelledby') && !el.textContent.trim())
    .map(el => el.outerHTML)"""

SMALL_TARGETS = """() => Array.from(document.querySelectorAll(
        'button, select, textarea, input:not([type=hidden]):not([type=radio])'
        + ':not([type=checkbox]), .option, .scale-point, a'))
    .filter(el => el.getClientRects().length > 0)
    .map(el => [el, el.getBoundingClientRect()])
    .filter(([el, box]) => box.width < 44 || box.height < 44)
    .map(([el, box]) => `${el.tagName}.${el.className} ${box.width}x${box.height}`)"""


def note_console_error(tour: Tour, message: ConsoleMessage) -> None:
    """Keep what the browser console reports as an error (a CSP violation lands there too)."""
    if message.type == "error":
        tour.problems.append(message.text)


@pytest.fixture(scope="module")
def tour(
    server_loop: LoopThread, browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Tour]:
    """Walk a 320 px phone with JavaScript through every step once, with long words in it."""
    found = Tour()
    with live_session(server_loop, tmp_path_factory.mktemp("tour"), "tanker") as session:
        found.base = session.base
        session.do(lambda w: w.pin("Vi-skaber-trygge-rammer-for-hverdagen" * 4))
        context = browser.new_context(**{**PHONE, "viewport": {"width": 320, "height": 640}})
        page = context.new_page()
        page.on("request", lambda request: found.requests.append(request.url))
        page.on("pageerror", lambda error: found.problems.append(str(error)))
        page.on("console", lambda message: note_console_error(found, message))
        for step in ALL_STEPS:
            session.go_to(step)
            join(page, session)
            if step == "tanker":
                page.get_by_label(da("web.text.label")).fill("Langtordsomikkekanbrydes" * 8)
                send(page)
                expect_received(page)
            elif step in KIND_STEPS:
                answer_step(page, step, script=True)
                expect_received(page)
            found.widths[step] = page.evaluate("document.scrollingElement.scrollWidth")
            found.unlabelled[step] = page.evaluate(UNLABELLED_FIELDS)
            found.small_targets[step] = page.evaluate(SMALL_TARGETS)
            if step in ("tanker", "prikker"):
                screenshot(page, f"320-{step}")
        context.close()
    yield found


def test_nothing_overflows_sideways_at_320_px(tour: Tour) -> None:
    assert {step: width for step, width in tour.widths.items() if width > 320} == {}


def test_every_field_has_a_label(tour: Tour) -> None:
    assert {step: found for step, found in tour.unlabelled.items() if found} == {}


def test_touch_targets_are_at_least_44_px(tour: Tour) -> None:
    assert {step: found for step, found in tour.small_targets.items() if found} == {}


def test_page_loads_nothing_from_other_hosts(tour: Tour) -> None:
    assert tour.requests
    assert [url for url in tour.requests if not url.startswith(tour.base + "/")] == []


def test_page_has_no_script_errors_or_blocked_resources(tour: Tour) -> None:
    assert tour.problems == []


def test_keyboard_focus_is_visible(serve: Callable[..., LiveSession], phone: Page) -> None:
    session = serve("tanker")
    join(phone, session)
    phone.get_by_label(da("web.text.label")).fill("Klar")
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("button", name=da("web.send"))).to_be_focused()
    outline = phone.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] == "solid" and outline[1] >= 2


def test_dark_phones_get_the_dark_colours(
    serve: Callable[..., LiveSession], new_phone: Callable[..., Page]
) -> None:
    session = serve("klarhed")
    page = new_phone(color_scheme="dark")
    join(page, session)
    page.locator(".scale").nth(0).get_by_role("radio", name="4", exact=True).check()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 21, 20)"
    screenshot(page, "dark")


# --- against the real headless server -------------------------------------------------------


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_a_phone_takes_part_through_kerne_serve(
    new_phone: Callable[..., Page], tmp_path: Path, script: bool
) -> None:
    command = [sys.executable, "-m", "kerne_tui", "serve", "kerneopgaven-kort"]
    command += ["--port", "0", "--host", "127.0.0.1", "--data-dir", str(tmp_path)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert first.startswith("JOIN http://127.0.0.1:"), first
        page = new_phone(script=script)
        page.goto(first.split()[1])
        page.locator("#text").fill("Børnenes trivsel først, også når det er svært.")
        page.locator("#send").click()
        expect(page.get_by_text(da("web.sent"))).to_be_visible()
        expect(page.get_by_text("Børnenes trivsel først")).to_be_visible()
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=15)
    assert code == 0
    (session_file,) = tmp_path.glob("*.json")
    stored = json.loads(session_file.read_text(encoding="utf-8"))["contributions"].values()
    assert [c["text"] for c in stored] == ["Børnenes trivsel først, også når det er svært."]
