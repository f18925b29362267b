"""The phone page when the laptop is full: a calm notice, a retry with backoff, the draft kept."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from browser_support import CHROMIUM, JOIN_CODE, LiveSession
from playwright.sync_api import Page, Route, expect
from test_phone_browser import (  # noqa: F401 - the fixtures are used by name
    browser,
    da,
    join,
    new_phone,
    phone,
    playwright,
    send,
    serve,
    server_loop,
)

from kerne_tui.catalog import t
from kerne_tui.web.budget import OPEN_REQUESTS_PER_DEVICE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]


def test_a_full_laptop_is_tried_again_and_the_draft_is_kept(
    serve: Callable[..., LiveSession],  # noqa: F811 - the imported fixtures
    phone: Page,  # noqa: F811 - the imported fixtures
) -> None:
    session = serve("tanker")
    join(phone, session)
    refused: list[str] = []

    def full_twice(route: Route) -> None:
        if len(refused) < 2:
            refused.append(route.request.method)
            message = t("da", "web.full")
            route.fulfill(
                status=503,
                headers={"Retry-After": "1", "Content-Type": "application/json"},
                body=orjson.dumps({"error": {"code": "full", "message": message}}),
            )
            return
        route.continue_()

    phone.route("**/api/*/contributions", full_twice)
    field = phone.get_by_label(da("web.text.label"))
    field.fill("Tid til at lytte")
    send(phone)
    waiting = da("web.full.retrying", seconds="").split(" – ")[0]
    expect(phone.locator("#flash")).to_contain_text(waiting)
    expect(field).to_have_value("Tid til at lytte")
    expect(phone.locator("#flash")).to_contain_text(da("web.sent"), timeout=15_000)
    assert refused == ["POST", "POST"]
    assert session.texts("tanker") == ["Tid til at lytte"]


def test_a_busy_phone_is_told_so_tried_again_and_the_draft_is_kept(
    serve: Callable[..., LiveSession],  # noqa: F811 - the imported fixtures
    phone: Page,  # noqa: F811 - the imported fixtures
) -> None:
    session = serve("tanker")
    join(phone, session)
    device = next(c["value"] for c in phone.context.cookies() if c["name"] == "kerne_device")
    # Something holds this phone's share of requests open (bodies that never end), so the
    # server itself answers its send 429 "busy" until they time out.
    head = (
        f"POST /api/{JOIN_CODE}/contributions HTTP/1.1\r\nHost: 127.0.0.1:{session.port}\r\n"
        f"Cookie: kerne_device={device}\r\nContent-Type: application/json\r\n"
        'Content-Length: 600\r\n\r\n{"step": "tanker", "te'
    ).encode()
    held = []
    try:
        for _ in range(OPEN_REQUESTS_PER_DEVICE):
            holder = socket.create_connection(("127.0.0.1", session.port), timeout=5)
            holder.sendall(head)
            held.append(holder)
        time.sleep(0.5)
        field = phone.get_by_label(da("web.text.label"))
        field.fill("Plads til pauser")
        send(phone)
        waiting = da("web.busy.retrying", seconds="").split(" – ")[0]
        expect(phone.locator("#flash")).to_contain_text(waiting)
        expect(field).to_have_value("Plads til pauser")
        expect(phone.locator("#flash")).to_contain_text(da("web.sent"), timeout=25_000)
    finally:
        for holder in held:
            holder.close()
    assert session.texts("tanker") == ["Plads til pauser"]
