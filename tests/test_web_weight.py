"""What a page load weighs on a venue's Wi-Fi: compressed answers and cached files.

Over real HTTP on 127.0.0.1 (aiohttp's client, as in ``test_web_api.py``) for the headers,
and in Debian's chromium for the bytes a phone really reads from the network on a first and
a second load of the participant page.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, CookieJar
from aiohttp.test_utils import TestServer
from browser_support import CHROMIUM, CHROMIUM_ARGS, PHONE, LoopThread, live_session
from playwright.sync_api import Page, sync_playwright

from kerne_tui.web import make_app
from kerne_tui.web.static_files import LONG_LIFE, StaticFiles
from kerne_tui.workshop import Workshop

CODE = "KERNE"
STATIC_FOLDER = Path(__file__).resolve().parent.parent / "kerne_tui" / "web" / "static"
SECOND_LOAD_MOST = 4_000
"""Bytes a second load of the vote page may read (its page gzipped: 2.5 kB; plain: 5.6 kB)."""


@pytest.fixture
async def base(workshop: Workshop) -> AsyncIterator[str]:
    """The phone server on 127.0.0.1, at the plan's text step."""
    await workshop.go_to("ideas", run_timer=False)
    server = TestServer(make_app(workshop), host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("/")).rstrip("/")
    await server.close()


@pytest.fixture
async def phone(base: str) -> AsyncIterator[ClientSession]:
    """A phone that says nothing about encodings itself (each test says what it offers)."""
    async with ClientSession(
        base_url=base, cookie_jar=CookieJar(unsafe=True), auto_decompress=False
    ) as session:
        yield session


def static_addresses(page: str) -> list[str]:
    """The addresses of the page's own files, as the page names them."""
    return re.findall(r"""(?:src|href)=["'](/static/[^"']+)["']""", page)


async def page_text(phone: ClientSession) -> str:
    response = await phone.get(f"/j/{CODE}", headers={"Accept-Encoding": "identity"})
    return await response.text()


async def test_the_page_goes_gzipped_to_a_phone_that_offers_gzip(phone: ClientSession) -> None:
    plain = await phone.get(f"/j/{CODE}", headers={"Accept-Encoding": "identity"})
    packed = await phone.get(f"/j/{CODE}", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    body = await packed.read()
    assert len(body) * 2 < len(await plain.read())
    assert b"<main" in gzip.decompress(body)
    # Per phone (its token, its own answers): never stored by anyone on the way.
    assert packed.headers["Cache-Control"] == "no-store"


async def test_the_page_names_its_files_by_version_and_they_live_a_year(
    phone: ClientSession,
) -> None:
    addresses = static_addresses(await page_text(phone))
    names = {address.split("?")[0].rsplit("/", 1)[1] for address in addresses}
    assert {"style.css", "app.js", "kinds.js", "drafts.js", "icon.svg"} <= names
    for address in addresses:
        assert re.search(r"\?v=[0-9a-f]{12}$", address), address
        response = await phone.get(address, headers={"Accept-Encoding": "gzip"})
        assert response.status == 200
        assert response.headers["Cache-Control"] == LONG_LIFE
        assert response.headers["Content-Encoding"] == "gzip"
        name = address.split("?")[0].rsplit("/", 1)[1]
        assert gzip.decompress(await response.read()) == (STATIC_FOLDER / name).read_bytes()


async def test_a_file_asked_again_with_its_validator_is_not_sent_again(
    phone: ClientSession,
) -> None:
    first = await phone.get("/static/app.js", headers={"Accept-Encoding": "identity"})
    assert first.headers["Cache-Control"] == "no-cache"
    tag = first.headers["ETag"]
    again = await phone.get(
        "/static/app.js", headers={"If-None-Match": tag, "Accept-Encoding": "gzip"}
    )
    assert again.status == 304
    assert await again.read() == b""
    assert again.headers["ETag"] == tag
    other = await phone.get("/static/app.js", headers={"If-None-Match": 'W/"0000"'})
    assert other.status == 200


async def test_an_old_version_in_the_address_is_not_kept_for_a_year(phone: ClientSession) -> None:
    response = await phone.get("/static/app.js?v=000000000000")
    assert response.status == 200
    assert response.headers["Cache-Control"] == "no-cache"


def test_a_changed_file_gets_a_new_address(tmp_path: Path) -> None:
    (tmp_path / "app.js").write_text("var a = 1;", encoding="utf-8")
    before = StaticFiles(tmp_path).versioned("/static/app.js", "app.js")
    (tmp_path / "app.js").write_text("var a = 2;", encoding="utf-8")
    after = StaticFiles(tmp_path).versioned("/static/app.js", "app.js")
    assert before != after
    assert before.startswith("/static/app.js?v=")


# --- in chromium: the bytes of a first and a second page load -----------------------------


def loaded_bytes(page: Page, url: str, *, reload: bool = False) -> dict[str, int]:
    """Bytes read from the network by URL path while *page* loads *url* (the stream left out)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    paths: dict[str, str] = {}
    read: dict[str, int] = {}

    def on_request(event: dict[str, Any]) -> None:
        paths[event["requestId"]] = event["request"]["url"].split("?")[0].split("/", 3)[-1]

    def on_finished(event: dict[str, Any]) -> None:
        path = paths.get(event["requestId"], "?")
        if not path.endswith("/events"):
            read[path] = read.get(path, 0) + int(event["encodedDataLength"])

    cdp.on("Network.requestWillBeSent", on_request)
    cdp.on("Network.loadingFinished", on_finished)
    if reload:
        page.reload(wait_until="load")
    else:
        page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    cdp.detach()
    return read


@pytest.fixture(scope="module")
def chromium_page() -> Iterator[Page]:
    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(**PHONE)
        yield context.new_page()
        browser.close()


@pytest.mark.browser
def test_a_second_page_load_reads_only_the_page_gzipped(
    chromium_page: Page, tmp_path: Path
) -> None:
    loop = LoopThread()
    try:
        with live_session(loop, tmp_path, "prikker") as session:
            first = loaded_bytes(chromium_page, session.url)
            again = loaded_bytes(chromium_page, session.url)
            reloaded = loaded_bytes(chromium_page, session.url, reload=True)
    finally:
        loop.stop()
    assert any(path.startswith("static/") for path in first), first
    assert sum(first.values()) < 30_000, first
    for second in (again, reloaded):
        assert not [path for path, size in second.items() if path.startswith("static/") and size]
        assert sum(second.values()) < SECOND_LOAD_MOST, second
