"""``kerne console`` comes back by itself when the session it steers restarts (tmux).

The wall (``kerne run``) runs in one real terminal and the console in another. The wall is
stopped (quit and confirmed, or killed as a crash would) and started again with
``kerne run --resume``: a new port and a new secret. Without being restarted, the console shows
the resumed session's fresh figures within 10 seconds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import close_tmux, copy_plan
from test_two_terminals import ADDRESS, Terminal, post_json

pytestmark = pytest.mark.terminal

BACK_SECONDS = 10.0
"""How soon the console must show the resumed session's figures."""


@pytest.fixture
def day(tmp_path: Path) -> Iterator[tuple[Terminal, Terminal, Path, Path]]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    plan = copy_plan("two-screens", tmp_path, "plan.toml")
    data = tmp_path / "data"
    socket = tmp_path / "tmux.sock"  # a private server: other tmux sessions are left alone
    try:
        yield Terminal(socket, "wall"), Terminal(socket, "console"), data, plan
    finally:
        close_tmux(socket)


def run_wall(wall: Terminal, data: Path, what: str) -> tuple[str, str]:
    """Start ``kerne run`` with *what* in the wall's terminal; its (base address, join code)."""
    wall.start(
        f"TERM=xterm-256color KERNE_LANG=da {sys.executable} -m kerne_tui run {what} "
        f"--port 0 --host 127.0.0.1 --data-dir {data}"
    )
    found = ADDRESS.search(wall.wait_for(lambda text: ADDRESS.search(text) is not None))
    assert found is not None
    base, code = found.group(0).split("/j/")
    return base, code


def runtime(data: Path) -> dict[str, object]:
    [path] = list((data / ".kerne-control").glob("*.json"))
    info: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return info


@pytest.mark.parametrize("stop", ["quit", "crash"])
def test_the_console_comes_back_with_fresh_figures_after_the_wall_resumes(
    day: tuple[Terminal, Terminal, Path, Path], stop: str
) -> None:
    wall, console, data, plan = day
    base, code = run_wall(wall, data, str(plan))
    before = runtime(data)
    console.start(
        f"TERM=xterm-256color KERNE_LANG=da {sys.executable} -m kerne_tui console --data-dir {data}"
    )
    console.wait_for(lambda text: "ikke begyndt" in text)
    console.keys("n")
    console.wait_for(lambda text: "Hvad er svært hos os?" in text)
    post_json(
        f"{base}/api/{code}/contributions",
        {"step": "svaert", "client_id": "før", "text": "Svar før genstart"},
    )
    console.wait_for(lambda text: "Svar før genstart" in text, seconds=5.0)

    if stop == "quit":
        wall.keys("C-q")
        wall.wait_for(lambda text: "Luk kerne?" in text)
        wall.keys("Enter")
    else:
        os.kill(int(str(before["pid"])), signal.SIGKILL)
    console.wait_for(lambda text: "tabt" in text, seconds=10.0)
    wall.tmux("kill-session", "-t", "wall")

    base, code = run_wall(wall, data, "--resume")
    after = runtime(data)
    assert (after["port"], after["secret"]) != (before["port"], before["secret"])
    post_json(
        f"{base}/api/{code}/contributions",
        {"step": "svaert", "client_id": "efter", "text": "Svar efter genstart"},
    )
    started = time.monotonic()
    seen = console.wait_for(
        lambda text: "Svar efter genstart" in text and "tabt" not in text, seconds=BACK_SECONDS
    )
    took = time.monotonic() - started
    assert took <= BACK_SECONDS
    assert "Svar før genstart" in seen  # the day goes on from where it was
    # Fresh figures: the resumed session counts both answers.
    assert re.search(r"2 · har svaret:[\s│]*2", seen), seen
    console.keys("n")  # and it steers the resumed wall
    wall.wait_for(lambda text: "Tal sammen to og to" in text)
    console.keys("C-q")
