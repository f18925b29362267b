"""The HTML report in a real browser: on screen, on A4 and as a PDF a leader can print."""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fixtures.archive_sessions import ALL_KINDS_FILE, copy_all_kinds
from playwright.sync_api import Page, Request, ViewportSize, sync_playwright

from kerne_tui.archive import read_record, write_report

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
A4: ViewportSize = {"width": 794, "height": 1123}
"""A4 at 96 dpi, in CSS pixels."""
ZONE = ZoneInfo("Europe/Copenhagen")
MADE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    """A page of Debian's chromium (never a downloaded browser), shared by these tests."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (make chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser.new_page(viewport=A4)
        browser.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixed session's HTML report as a file."""
    folder = tmp_path_factory.mktemp("report")
    return write_report(copy_all_kinds(folder), "html", None, now=MADE, zone=ZONE)


def count_pages(pdf: bytes) -> int:
    """Pages in a PDF: pypdf where the venv has it, else the page objects in its bytes."""
    try:
        pypdf = importlib.import_module("pypdf")
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_report_loads_nothing_from_outside_the_file(page: Page, report: Path) -> None:
    requested: list[str] = []

    def remember(request: Request) -> None:
        requested.append(request.url)

    page.on("request", remember)
    try:
        page.goto(report.as_uri())
    finally:
        page.remove_listener("request", remember)
    assert requested == [report.as_uri()]


def test_pdf_on_a4_has_a_page_or_more_per_module(page: Page, report: Path) -> None:
    modules = len(read_record(ALL_KINDS_FILE).plan.modules)
    page.goto(report.as_uri())
    pdf = page.pdf(format="A4")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "report.pdf").write_bytes(pdf)
    # The first pages hold the summary; every module starts on a page of its own.
    assert count_pages(pdf) >= modules + 1


def test_every_module_starts_on_a_new_printed_page(page: Page, report: Path) -> None:
    page.goto(report.as_uri())
    page.emulate_media(media="print")
    try:
        breaks = page.eval_on_selector_all(
            "section.module", "nodes => nodes.map(n => getComputedStyle(n).breakBefore)"
        )
    finally:
        page.emulate_media(media="screen")
    assert breaks and set(breaks) == {"page"}


def test_report_on_screen_at_a4_width_is_saved_for_review(page: Page, report: Path) -> None:
    page.goto(report.as_uri())
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    assert not overflow
    assert (ARTIFACTS / "report.png").stat().st_size > 0
