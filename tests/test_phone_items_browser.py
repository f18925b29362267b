"""What a participant noticed on the phone (issue 26, "On the phone"), in Debian's chromium at
360 px, with and without JavaScript, against a workshop served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    LiveSession,
    LoopThread,
    live_session,
)
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from kerne_tui.catalog import t
from kerne_tui.plan import StepKind, load_plan
from kerne_tui.web.live import LIST_SETTLE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]

CHANGE_MS = 3000 + LIST_SETTLE * 1000
"""How long a phone may take to show a change (the parking lot waits LIST_SETTLE first)."""
SESSIONS = Path(__file__).resolve().parent.parent / "sessions"


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
def serve(server_loop: LoopThread, tmp_path: Path) -> Iterator[Callable[..., LiveSession]]:
    """Serve a test plan (the all-kinds plan unless named), opened at a step."""
    with contextlib.ExitStack() as stack:
        numbers = itertools.count()

        def start(step: str, plan_name: str = "browser") -> LiveSession:
            folder = tmp_path / f"data-{next(numbers)}"
            folder.mkdir()
            return stack.enter_context(live_session(server_loop, folder, step, plan_name=plan_name))

        yield start


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """A fresh phone (its own cookie, so its own device); more pages in it are the same phone."""
    with contextlib.ExitStack() as stack:

        def open_context(*, script: bool = True, **overrides: Any) -> BrowserContext:
            context = browser.new_context(**{**PHONE, **overrides}, java_script_enabled=script)
            stack.callback(context.close)
            return context

        yield open_context


def join(page: Page, session: LiveSession, *, script: bool = True) -> Page:
    page.goto(session.url)
    if script:
        expect(page.locator("html.js")).to_have_count(1)
    return page


def send_text(page: Page, text: str, *, script: bool = True) -> None:
    """Type *text*, send it, and wait until it is listed among the phone's own answers."""
    page.get_by_label(da("web.text.label")).fill(text)
    page.get_by_role("button", name=da("web.send")).click()
    expect(page.locator("#mine li", has_text=text)).to_have_count(1)


# --- a per-person cap ------------------------------------------------------------------------


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_once_the_cap_is_reached_the_form_says_so_instead_of_offering_send(
    serve: Callable[..., LiveSession],
    new_context: Callable[..., BrowserContext],
    script: bool,
) -> None:
    session = serve("tanker")  # three answers per person
    page = join(new_context(script=script).new_page(), session, script=script)
    for n in range(1, 4):
        send_text(page, f"Svar nummer {n}", script=script)
    expect(page.locator("#answered")).to_have_text(da("web.cap_reached", n=3, total=3))
    expect(page.locator("#answered")).to_contain_text("Du har sendt 3 af 3")
    expect(page.get_by_role("button", name=da("web.send"))).to_have_count(0)
    # Taking one back brings the form back.
    page.locator("#mine li").first.get_by_role("button", name=da("web.retract")).click()
    expect(page.get_by_role("button", name=da("web.send"))).to_be_visible()
    assert len(session.texts("tanker")) == 2


def test_a_refused_draft_stays_with_its_step_and_is_not_shown_on_later_steps(
    serve: Callable[..., LiveSession], new_context: Callable[..., BrowserContext]
) -> None:
    session = serve("tanker")
    phone = new_context()
    page = join(phone.new_page(), session)
    send_text(page, "Første")
    send_text(page, "Andet")
    # The same phone sends its third in another tab; this tab still offers the form.
    other = join(phone.new_page(), session)
    send_text(other, "Tredje")
    other.close()
    page.get_by_label(da("web.text.label")).fill("Et fjerde, der ikke må komme med")
    page.get_by_role("button", name=da("web.send")).click()
    expect(page.locator("#flash")).to_contain_text(da("refuse.cap", limit=3))
    expect(page.locator("#flash")).to_contain_text(da("web.draft_kept"))

    for step, title in (("snak", "Tal sammen to og to"), ("saetning", "Én sætning")):
        session.go_to(step)
        expect(page.locator("#step-title")).to_have_text(title, timeout=CHANGE_MS)
        expect(page.locator(".unsent")).to_have_count(0)
        expect(page.get_by_text(da("web.unsent.help"))).to_have_count(0)

    # Back at its own step, it is that step's draft: it returns once there is room again.
    session.go_to("tanker")
    expect(page.locator("#answered")).to_contain_text("Du har sendt 3 af 3", timeout=CHANGE_MS)
    page.locator("#mine li").first.get_by_role("button", name=da("web.retract")).click()
    expect(page.get_by_label(da("web.text.label"))).to_have_value(
        "Et fjerde, der ikke må komme med"
    )
    assert session.texts("tanker") == ["Andet", "Tredje"]


def test_text_cut_off_by_the_step_ending_is_still_shown_apart(
    serve: Callable[..., LiveSession], new_context: Callable[..., BrowserContext]
) -> None:
    """The refusal rule above must not hide what the step's end really cut off."""
    session = serve("tanker")
    page = join(new_context().new_page(), session)
    page.get_by_label(da("web.text.label")).fill("Nåede ikke at sende")
    session.go_to("snak")
    expect(page.locator(".unsent textarea")).to_have_value("Nåede ikke at sende", timeout=CHANGE_MS)


# --- the parking lot, live -------------------------------------------------------------------


def open_parking(page: Page) -> None:
    page.locator("#parkering summary").click()
    expect(page.locator("#park-text")).to_be_visible()


def test_the_parking_lot_updates_live_and_shows_ones_own_support(
    serve: Callable[..., LiveSession], new_context: Callable[..., BrowserContext]
) -> None:
    session = serve("fordel", "all-new-kinds")
    asker = join(new_context().new_page(), session)
    supporter = join(new_context().new_page(), session)
    bystander = join(new_context().new_page(), session)
    open_parking(asker)
    open_parking(supporter)
    open_parking(bystander)
    bystander.locator("#park-text").fill("Halvt skrevet")

    asker.locator("#park-text").fill("Hvem betaler kaffen?")
    asker.get_by_role("button", name=da("web.parking.send")).click()
    mine = asker.locator("#parkering ul.mine")
    expect(mine).to_contain_text("Hvem betaler kaffen?")

    # The others see it without a step change, and can support it at once.
    upvote = supporter.get_by_role("button", name=f"{da('web.questions.upvote')} Hvem betaler")
    expect(upvote).to_be_visible(timeout=CHANGE_MS)
    upvote.click()
    expect(supporter.locator("#parkering .upvoted")).to_have_text(da("web.questions.you_upvoted"))

    # The asker's own question shows its real support, live.
    expect(mine).to_contain_text(da("web.questions.votes", n=1), timeout=CHANGE_MS)
    expect(asker.locator("#parkering .question .votes")).to_have_text("▲ 1")

    # Someone typing in the open parking lot keeps it open and keeps the text.
    expect(bystander.locator("#parkering .question .votes")).to_have_text("▲ 1", timeout=CHANGE_MS)
    expect(bystander.locator("#parkering")).to_have_attribute("open", "")
    expect(bystander.locator("#park-text")).to_have_value("Halvt skrevet")


# --- without script --------------------------------------------------------------------------


def test_without_script_no_status_of_the_script_is_in_the_page(
    serve: Callable[..., LiveSession], new_context: Callable[..., BrowserContext]
) -> None:
    """A text browser shows what is hidden too: the page as served must not say it."""
    session = serve("tanker")
    page = join(new_context(script=False).new_page(), session, script=False)
    # All the text of the page, hidden or not, as a text browser shows it.
    text = page.evaluate("document.body.textContent")
    assert da("web.offline") not in text
    assert not re.search(rf"\b{da('web.paused')}\b", text)
    expect(page.locator("#timer")).to_be_visible()

    session.do(lambda w: w.toggle_timer())
    page.reload()
    expect(page.locator("#paused")).to_have_text(da("web.paused"))


def test_with_script_the_status_still_shows_when_it_is_true(
    serve: Callable[..., LiveSession], new_context: Callable[..., BrowserContext]
) -> None:
    session = serve("tanker")
    context = new_context()
    page = join(context.new_page(), session)
    expect(page.locator("#paused")).to_be_hidden()
    session.do(lambda w: w.toggle_timer())
    expect(page.locator("#paused")).to_have_text(da("web.paused"), timeout=CHANGE_MS)
    context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    expect(page.locator("#connection")).to_have_text(da("web.offline"))
    context.set_offline(False)


# --- what the forms say ----------------------------------------------------------------------


def test_the_matrix_form_asks_in_the_order_of_the_shipped_prompts(
    serve: Callable[..., LiveSession], new_context: Callable[..., BrowserContext]
) -> None:
    for path in sorted(SESSIONS.glob("*.toml")):
        for step in load_plan(path).steps:
            if step.kind is StepKind.MATRIX:
                prompt = step.prompt.lower()
                first = prompt.find(step.y_label.split()[0].lower())
                second = prompt.find(step.x_label.split()[0].lower())
                assert 0 <= first < second, f"{path.name} {step.id}: the prompt asks x first"
    session = serve("matrix", "all-new-kinds")
    page = join(new_context().new_page(), session)
    step = session.workshop.plan.step("matrix")
    expect(page.get_by_text(da("web.matrix.help", x=step.x_label, y=step.y_label))).to_be_visible()
    for option in page.locator(".matrix-option").all():
        axes = option.locator(".matrix-axis").all_inner_texts()
        assert axes == [step.y_label, step.x_label]


def test_the_scale_receipt_reads_as_a_sentence(
    serve: Callable[..., LiveSession], new_context: Callable[..., BrowserContext]
) -> None:
    session = serve("klarhed")
    page = join(new_context().new_page(), session)
    page.locator(".scale").nth(0).get_by_role("radio", name="4", exact=True).check()
    page.locator(".scale").nth(1).get_by_role("radio", name="2", exact=True).check()
    page.get_by_role("button", name=da("web.send")).click()
    mine = page.locator("#mine")
    expect(mine).to_contain_text("Jeg kan forklare kerneopgaven i én sætning. Dit svar: 4.")
    expect(mine).to_contain_text("Vi prioriterer efter kerneopgaven. Dit svar: 2.")
    assert ".:" not in mine.inner_text()


def test_a_sentence_of_200_characters_is_typed_in_a_field_that_shows_it_whole(
    serve: Callable[..., LiveSession], new_context: Callable[..., BrowserContext]
) -> None:
    session = serve("saetning")  # up to 200 characters
    page = join(new_context().new_page(), session)
    field = page.get_by_label(da("web.sentence.label"))
    sentence = ("Vi skaber trygge rammer, så borgeren kan leve det liv, der giver mening. " * 3)[
        :200
    ]
    field.fill(sentence)
    assert field.evaluate("el => el.tagName") == "TEXTAREA"
    assert field.evaluate("el => el.scrollHeight <= el.clientHeight + 1")
    page.get_by_role("button", name=da("web.send")).click()
    expect(page.locator("#flash")).to_contain_text(da("web.sent"))
    assert session.texts("saetning") == [sentence.strip()]
