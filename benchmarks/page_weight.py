"""``python -m benchmarks.page_weight``: the bytes a phone downloads per page load.

The real ``kerne serve`` on 127.0.0.1 with a shipped plan, opened at one step; Debian's
chromium at a phone's size loads the participant page once (a fresh phone), then again by
following the join address (the phone comes back), then reloads it. Every byte the browser
reads from the network is counted (Chromium's own ``encodedDataLength``: headers and body as
sent, compressed or not); what the browser takes from its cache costs nothing. The event
stream is left out (it stays open and carries a few hundred bytes per change).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path

from playwright.async_api import Page, async_playwright

from benchmarks.servers import KERNE, ROOT, ServerProcess

CHROMIUM = "/usr/bin/chromium"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "locale": "da-DK"}
DEFAULT_PLAN = ROOT / "sessions" / "kerneopgaven.toml"


async def _counted(page: Page, load: str, url: str) -> dict[str, int]:
    """Bytes and requests that went over the network while *load* ran on *page*."""
    cdp = await page.context.new_cdp_session(page)
    await cdp.send("Network.enable")
    counted: dict[str, int] = {"bytes": 0, "requests": 0}
    streams: set[str] = set()

    def on_response(event: dict[str, object]) -> None:
        response = event.get("response")
        if isinstance(response, dict) and str(response.get("url", "")).endswith("/events"):
            streams.add(str(event["requestId"]))

    def on_finished(event: dict[str, object]) -> None:
        if str(event["requestId"]) in streams:
            return
        length = event.get("encodedDataLength", 0)
        counted["bytes"] += int(length) if isinstance(length, int | float) else 0
        counted["requests"] += 1

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    if load == "reload":
        await page.reload(wait_until="load")
    else:
        await page.goto(url, wait_until="load")
    await page.wait_for_timeout(300)
    await cdp.detach()
    return counted


async def measure(plan: Path, step: str) -> dict[str, dict[str, int]]:
    """First load, a return by the join address, and a reload, on one phone."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        argv = [*KERNE, "serve", str(plan), "--step", step]
        argv += ["--port", "0", "--host", "127.0.0.1", "--data-dir", str(data)]
        server = ServerProcess("kerne", argv, data / "server.log", core=None)
        await server.start()
        try:
            url = f"{server.base}/j/{server.code}"
            async with async_playwright() as driver:
                browser = await driver.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
                )
                context = await browser.new_context(**PHONE)  # type: ignore[arg-type]
                page = await context.new_page()
                figures = {
                    "first": await _counted(page, "goto", url),
                    "again": await _counted(page, "goto", url),
                    "reload": await _counted(page, "reload", url),
                }
                await browser.close()
        finally:
            await server.stop()
    return figures


def main() -> None:
    """Print the figures as JSON (one object: load -> bytes and requests)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.page_weight")
    parser.add_argument("--plan", type=Path, default=DEFAULT_PLAN)
    parser.add_argument("--step", default="min-opgave")
    args = parser.parse_args()
    figures = asyncio.run(measure(args.plan, args.step))
    json.dump(figures, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
