"""A whole run in a real terminal: `kerne run` in tmux, a phone over HTTP, keys, and quit."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import close_tmux

from kerne_tui.rehearsal.addresses import phone_address
from kerne_tui.store import read_session_data, rows

pytestmark = pytest.mark.terminal

PLAN = """\
title = "Terminalprøven"
language = "da"
description = "To trin til terminaltesten."

[[modules]]
title = "Prøvemodul"
focus = "Et svar og en snak."

[[modules.steps]]
id = "svar"
kind = "text"
title = "Skriv et svar"
prompt = "Hvad er vi her for?"
minutes = 5
min_answers = 3

[[modules.steps]]
id = "snak"
kind = "discuss"
title = "Tal sammen om svarene"
prompt = "Hvad ser I?"
minutes = 5
"""
ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/j/[A-Z0-9]+")


class Pane:
    """A tmux session on a private server, read and typed into like a person would."""

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

    def text(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def wait_for(self, found: Callable[[str], bool], seconds: float = 20.0) -> str:
        """Poll the pane (bounded in time and count) until *found* says yes."""
        deadline = time.monotonic() + seconds
        for _ in range(int(seconds / 0.1) + 1):
            text = self.text()
            if found(text) or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        assert found(text), f"the pane never showed it:\n{text}"
        return text


@pytest.fixture
def pane(tmp_path: Path) -> Iterator[tuple[Pane, Path, Path]]:
    """`kerne run` on a test plan in a 120x40 tmux pane; (pane, data folder, exit-code file)."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    data = tmp_path / "data"
    exit_file = tmp_path / "exit-code"
    socket = tmp_path / "tmux.sock"  # a private server: other tmux sessions are left alone
    command = (
        f"TERM=xterm-256color {sys.executable} -m kerne_tui run {plan} --port 0 "
        f"--host 127.0.0.1 --data-dir {data}; echo $? > {exit_file}"
    )
    subprocess.run(
        [
            "tmux",
            "-S",
            str(socket),
            "new-session",
            "-d",
            "-s",
            "kerne",
            "-x",
            "120",
            "-y",
            "40",
            command,
        ],
        check=True,
        timeout=10,
    )
    try:
        yield Pane(socket, "kerne"), data, exit_file
    finally:
        close_tmux(socket)


def http_json(url: str, body: dict[str, str] | None = None, phone: int = 0) -> dict[str, object]:
    """GET (or POST *body* as JSON) from *phone*'s own loopback address; the JSON answer."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1",
        parts.port,
        timeout=10,
        source_address=(phone_address(phone), 0),
    )
    data = json.dumps(body).encode("utf-8") if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    try:
        connection.request("POST" if data else "GET", parts.path, body=data, headers=headers)
        answer: dict[str, object] = json.loads(connection.getresponse().read())
    finally:
        connection.close()
    return answer


def test_a_workshop_runs_from_the_keyboard_in_a_real_terminal(
    pane: tuple[Pane, Path, Path],
) -> None:
    screen, data, exit_file = pane
    found = ADDRESS.search(screen.wait_for(lambda text: ADDRESS.search(text) is not None))
    assert found is not None
    address = found.group(0)
    base, code = address.split("/j/")

    screen.keys("Space")  # begin: the welcome code gives way to the first step
    screen.wait_for(lambda text: "0 har svaret" in text)
    state = http_json(f"{base}/api/{code}/state")
    step = state["step"]
    assert isinstance(step, dict) and step["id"] == "svar"

    # Three phones: the plan shows this step at three answers, and the wall says so.
    for phone, text in enumerate(("Vi er her for borgerne", "For børnene", "For familierne")):
        posted = http_json(
            f"{base}/api/{code}/contributions",
            {"step": "svar", "client_id": f"tmux-{phone}", "text": text},
            phone=phone + 1,
        )
        assert "id" in posted
    screen.wait_for(lambda text: "3 har svaret" in text)

    screen.keys("r")
    screen.wait_for(lambda text: "Vi er her for borgerne" in text and "vises ved 3 svar" in text)
    screen.keys("n")
    screen.wait_for(lambda text: "Tal sammen om svarene" in text)

    screen.keys("C-q")
    screen.wait_for(lambda text: "Luk kerne?" in text)
    screen.keys("Enter")
    for _ in range(100):
        if exit_file.exists() and exit_file.read_text().strip():
            break
        time.sleep(0.1)
    assert exit_file.read_text().strip() == "0"

    [session] = list(data.glob("*.json"))
    contributions = rows(read_session_data(session), "contributions")
    assert [c["text"] for c in contributions] == [
        "Vi er her for borgerne",
        "For børnene",
        "For familierne",
    ]
    state_doc = rows(read_session_data(session), "state")[0]
    assert state_doc["current"] == "snak" and state_doc["revealed"] == ["svar"]


def test_after_archiving_on_the_wall_the_session_file_is_deleted_when_kerne_ends(
    pane: tuple[Pane, Path, Path],
) -> None:
    screen, data, exit_file = pane
    found = ADDRESS.search(screen.wait_for(lambda text: ADDRESS.search(text) is not None))
    assert found is not None
    base, code = found.group(0).split("/j/")
    screen.keys("Space")
    screen.wait_for(lambda text: "0 har svaret" in text)
    http_json(
        f"{base}/api/{code}/contributions",
        {"step": "svar", "client_id": "tmux-1", "text": "Vi er her for borgerne"},
        phone=1,
    )
    screen.wait_for(lambda text: "1 har svaret" in text)
    [session] = list(data.glob("*.json"))

    screen.keys("c")
    screen.wait_for(lambda text: "Afslut sessionen?" in text)
    screen.keys("Enter")
    screen.wait_for(lambda text: "Arkivér sessionen nu?" in text)
    screen.keys("j")
    screen.wait_for(lambda text: "Slet sessionsfilen på denne computer?" in text, seconds=30)
    assert session.exists()  # asked, not yet: the running session holds its file
    screen.keys("j")
    screen.wait_for(lambda text: "Slet sessionsfilen på denne computer?" not in text)
    assert session.exists()
    screen.keys("C-q")
    screen.wait_for(lambda text: "Luk kerne?" in text)
    screen.keys("Enter")
    for _ in range(100):
        if exit_file.exists() and exit_file.read_text().strip():
            break
        time.sleep(0.1)
    assert exit_file.read_text().strip() == "0"
    assert not session.exists()
    assert not session.with_name(session.name + ".lock").exists()
    [zip_path] = list((data / "archives").glob("*.zip"))
    assert zip_path.stat().st_size > 0
