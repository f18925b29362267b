"""A phone's page in chromium follows the session through a lost wall and its handover.

``kerne run`` in tmux (as in ``test_lost_terminal.py``); a phone's page (Debian's chromium at
360 px) is open on the first step. The tmux session is killed; the console moves the session
on and the page follows; ``kerne run --resume`` in a new tmux terminal takes the session over,
the console moves it back, and the same page, never reloaded, follows the new process.
"""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, PHONE
from playwright.sync_api import expect, sync_playwright
from support import copy_plan
from test_lost_terminal import (
    LAUNCHES,
    Room,
    gone,
    runtime_files,
    stop_leftovers,
    tmux_socket,
    wait_until,
    wall_command,
)
from test_two_terminals import Terminal

pytestmark = [
    pytest.mark.browser,
    pytest.mark.terminal,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium"),
]
__all__ = ["tmux_socket"]  # the fixture, used by name

FOLLOW_MS = 40_000
"""How long the page may take to follow: its stream retries after 2, 4, 8 and 15 s at most."""


def test_a_phone_page_follows_the_session_through_the_handover_without_a_reload(
    tmp_path: Path, tmux_socket: Path
) -> None:
    launch = LAUNCHES[0]
    plan = copy_plan("two-screens", tmp_path, "plan.toml")
    data = tmp_path / "data"
    wall = Terminal(tmux_socket, "wall")
    wall.start(wall_command(launch, plan, data, tmp_path / "old-exit"))
    try:
        [old] = wait_until(lambda: runtime_files(data), 30, "the runtime file")  # type: ignore[misc]
        base, code = old.join_url.split("/j/")
        room = Room(base, code, old.secret, old.port)
        wall.wait_for(lambda text: "To skærme" in text)
        room.console("POST", "/control/commands/next")
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(**PHONE).new_page()
            page.goto(old.join_url)
            expect(page.locator("#step-title")).to_have_text("Hvad er svært hos os?")
            page.evaluate("window.kerneNeverReloaded = true")

            wall.tmux("kill-session", "-t", "wall")
            wait_until(lambda: [i for i in runtime_files(data) if i.wall_lost], 15, "the loss")
            room.console("POST", "/control/commands/next")
            title = page.locator("#step-title")
            expect(title).to_have_text("Tal sammen to og to", timeout=FOLLOW_MS)

            new_wall = Terminal(tmux_socket, "wall2")
            new_wall.start(
                f"export TERM={launch.term} KERNE_LANG=da; {shlex.quote(sys.executable)} -m "
                f"kerne_tui run --resume --port 0 --host 127.0.0.1 "
                f"--data-dir {shlex.quote(str(data))}"
            )
            new_wall.wait_for(lambda text: "[J/n]" in text)
            new_wall.keys("Enter")  # the default answer is yes
            new_wall.wait_for(lambda text: "Tal sammen to og to" in text, seconds=40)
            wait_until(lambda: gone(old.pid), 10, "the old process has exited")
            [new] = wait_until(  # type: ignore[misc]
                lambda: [i for i in runtime_files(data) if i.pid != old.pid], 10, "new runtime"
            )
            room.control, room.secret = f"http://127.0.0.1:{new.port}", new.secret
            time.sleep(0.5)
            room.console("POST", "/control/commands/back")  # the new process moves it back

            expect(title).to_have_text("Hvad er svært hos os?", timeout=FOLLOW_MS)
            assert page.evaluate("window.kerneNeverReloaded === true")
            browser.close()
    finally:
        stop_leftovers(data)
