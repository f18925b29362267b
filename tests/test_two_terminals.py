"""The wall and ``kerne console`` in two real terminals on the same data folder (tmux).

A phone answers a hidden step: the console shows the answer and the step's notes within a
couple of seconds, the wall shows neither; ``n`` in the console moves the wall.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import close_tmux, copy_plan

from kerne_tui.store import read_session_data, rows

pytestmark = pytest.mark.terminal

ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/j/[A-Z0-9]+")
ANSWER = "Bent afbryder altid"
NOTE = "Hemmelig note"


class Terminal:
    """One tmux session on a private server, read and typed into as a person would."""

    def __init__(self, socket: Path, name: str) -> None:
        self.socket = socket
        self.name = name

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-S", str(self.socket), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        return result.stdout

    def start(self, command: str) -> None:
        size = ["-x", "120", "-y", "40"]
        subprocess.run(
            ["tmux", "-S", str(self.socket), "new-session", "-d", "-s", self.name, *size, command],
            check=True,
            timeout=10,
        )

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def wait_for(self, found: Callable[[str], bool], seconds: float = 20.0) -> str:
        """Poll the terminal (bounded in time and count) until *found* says yes."""
        deadline = time.monotonic() + seconds
        text = ""
        for _ in range(int(seconds / 0.1) + 1):
            text = self.text()
            if found(text) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert found(text), f"{self.name} never showed it:\n{text}"
        return text


@pytest.fixture
def terminals(tmp_path: Path) -> Iterator[tuple[Terminal, Terminal, Path, Path]]:
    """The wall (``kerne run``) in one terminal; (wall, console, data folder, wall's exit file)."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    plan = copy_plan("two-screens", tmp_path, "plan.toml")
    data = tmp_path / "data"
    exit_file = tmp_path / "wall-exit"
    socket = tmp_path / "tmux.sock"  # a private server: other tmux sessions are left alone
    wall = Terminal(socket, "wall")
    wall.start(
        f"TERM=xterm-256color KERNE_LANG=da {sys.executable} -m kerne_tui run {plan} "
        f"--port 0 --host 127.0.0.1 --data-dir {data}; echo $? > {exit_file}"
    )
    try:
        yield wall, Terminal(socket, "console"), data, exit_file
    finally:
        close_tmux(socket)


def post_json(url: str, body: dict[str, str]) -> dict[str, object]:
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), method="POST")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        answer: dict[str, object] = json.loads(response.read())
        return answer


def test_the_console_reads_a_hidden_answer_and_its_notes_and_moves_the_wall(
    terminals: tuple[Terminal, Terminal, Path, Path],
) -> None:
    wall, console, data, exit_file = terminals
    found = ADDRESS.search(wall.wait_for(lambda text: ADDRESS.search(text) is not None))
    assert found is not None
    base, code = found.group(0).split("/j/")

    console.start(
        f"TERM=xterm-256color KERNE_LANG=da {sys.executable} -m kerne_tui console --data-dir {data}"
    )
    console.wait_for(lambda text: "To skærme" in text and "ikke begyndt" in text)

    console.keys("n")  # the console starts the workshop: the wall opens the first step
    wall.wait_for(lambda text: "Hvad er svært hos os?" in text)
    console.wait_for(lambda text: "Hvad er svært hos os?" in text and NOTE in text)

    posted = post_json(
        f"{base}/api/{code}/contributions",
        {"step": "svaert", "client_id": "tmux-1", "text": ANSWER},
    )
    assert "id" in posted
    seen = console.wait_for(lambda text: ANSWER in text, seconds=5.0)
    assert "IKKE vist på lærredet" in seen
    shown = wall.wait_for(lambda text: "1 har svaret" in text)
    assert ANSWER not in shown
    assert NOTE not in shown

    console.keys("n")
    wall.wait_for(lambda text: "Tal sammen to og to" in text)
    assert ANSWER not in wall.text()

    console.keys("C-q")
    wall.keys("C-q")
    wall.wait_for(lambda text: "Luk kerne?" in text)
    wall.keys("Enter")
    for _ in range(100):
        if exit_file.exists() and exit_file.read_text().strip():
            break
        time.sleep(0.1)
    assert exit_file.read_text().strip() == "0"
    [session] = list(data.glob("*.json"))
    state = rows(read_session_data(session), "state")[0]
    assert state["current"] == "snak"
    assert state["revealed"] == []
    assert list((data / ".kerne-control").glob("*.json")) == []
