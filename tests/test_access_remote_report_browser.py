"""Accessibility of the facilitator's remote and the HTML report, in Debian's chromium.

At 320 CSS px with the text at 100 % and 200 % (Chromium's own setting): no sideways
scrolling, the text really grows, every control named (the remote's hide buttons by their
answer), axe-core with best practice clean, a ``main`` landmark in the report, its histogram
colours at 3:1 or more against white, the remote by keyboard alone, and nothing that moves.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

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
)
from browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, LoopThread
from fixtures.archive_sessions import copy_all_kinds
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from support import FakeClock, copy_plan

from kerne_tui.archive import write_report
from kerne_tui.catalog import t
from kerne_tui.control import ControlCenter, Surface
from kerne_tui.plan import load_plan
from kerne_tui.web import phone_server
from kerne_tui.workshop import Workshop

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
