"""Mistakes a newcomer can make get one clear sentence and a hint, never a traceback.

The command-line cases run ``kerne`` as its own process, exactly as a person types it, with
``KERNE_LANG=en`` so the sentences can be named here. Every server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from tui_support import screen_text

from kerne_tui.catalog import t
from kerne_tui.hosting import server_notices
from kerne_tui.plan import Plan, builtin_plans
from kerne_tui.tui.app import build_app
from kerne_tui.tui.screens import MIN_HEIGHT, MIN_WIDTH
from kerne_tui.web import phone_server
from kerne_tui.web import server as web_server
from kerne_tui.web.network import PORT_TRIES, Candidate
from kerne_tui.workshop import Workshop

WAIT = 30.0
"""Upper bound for a kerne process to answer; reached only when a test fails."""


def kerne(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``kerne`` in its own process, in English, and wait for it to end."""
    return subprocess.run(
        [sys.executable, "-m", "kerne_tui", *args],
        capture_output=True,
        text=True,
        timeout=WAIT,
        cwd=cwd,
        env={**os.environ, "KERNE_LANG": "en"},
    )


def assert_told_plainly(result: subprocess.CompletedProcess[str]) -> None:
    """A clean refusal: non-zero exit, an error sentence and a hint, and no traceback."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "error: " in result.stderr


# --- the terminal -------------------------------------------------------------------------


async def test_a_terminal_too_small_says_the_smallest_size_that_works(
    workshop: Workshop, plan: Plan, tmp_path: Path
) -> None:
    await workshop.start()
    app = build_app(workshop, join_url="http://127.0.0.1:8765/j/KERNE", data_dir=tmp_path)
    async with app.run_test(size=(MIN_WIDTH - 10, MIN_HEIGHT - 5)) as pilot:
        await pilot.pause()
        shown = " ".join(screen_text(app).split())
    said = t(
        plan.language,
        "tui.too_small",
        width=MIN_WIDTH,
        height=MIN_HEIGHT,
        now_width=MIN_WIDTH - 10,
        now_height=MIN_HEIGHT - 5,
    )
    assert said in shown


# --- the plan -----------------------------------------------------------------------------


def test_an_unknown_plan_is_refused_with_the_built_in_plans_listed(tmp_path: Path) -> None:
    result = kerne("run", "kerneopgaven-lang", "--data-dir", str(tmp_path / "data"), cwd=tmp_path)
    assert_told_plainly(result)
    assert "The plan 'kerneopgaven-lang' does not exist." in result.stderr
    assert "hint: Built-in plans: " in result.stderr
    for plan in builtin_plans():
        assert plan.stem in result.stderr


# --- the data folder ----------------------------------------------------------------------


def test_a_data_folder_that_cannot_be_made_is_refused_with_a_hint(tmp_path: Path) -> None:
    # A path below a regular file cannot become a folder, even for root (unlike chmod).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    result = kerne("serve", "kerneopgaven-kort", "--data-dir", str(blocker / "data"), cwd=tmp_path)
    assert_told_plainly(result)
    assert "The data folder cannot be used:" in result.stderr
    assert "hint: Choose a folder you can write to with --data-dir" in result.stderr


# --- the port -----------------------------------------------------------------------------


@contextlib.contextmanager
def taken_ports(count: int) -> Iterator[int]:
    """Listen on *count* consecutive ports of 127.0.0.1 and yield the first of them."""
    for base in range(41000, 61000, 997):
        held: list[socket.socket] = []
        try:
            for port in range(base, base + count):
                sock = socket.socket()
                held.append(sock)
                sock.bind(("127.0.0.1", port))
                sock.listen()
        except OSError:
            for sock in held:
                sock.close()
            continue
        try:
            yield base
        finally:
            for sock in held:
                sock.close()
        return
    pytest.skip(f"no {count} consecutive free ports on 127.0.0.1")


async def test_a_taken_port_moves_to_the_next_one_and_says_so(workshop: Workshop) -> None:
    with taken_ports(1) as wanted:
        async with phone_server(workshop, host="127.0.0.1", port=wanted) as info:
            notices = server_notices(info, wanted, "en")
    assert info.port != wanted
    assert t("en", "cli.port_moved", wanted=wanted, port=info.port) in notices


def test_every_port_taken_is_refused_with_a_hint(tmp_path: Path) -> None:
    with taken_ports(PORT_TRIES) as first:
        result = kerne(
            "serve",
            "kerneopgaven-kort",
            "--host",
            "127.0.0.1",
            "--port",
            str(first),
            "--data-dir",
            str(tmp_path / "data"),
            cwd=tmp_path,
        )
    assert_told_plainly(result)
    last = first + PORT_TRIES - 1
    assert f"No free port between {first} and {last} on 127.0.0.1." in result.stderr
    assert "hint: Choose another port with --port" in result.stderr


# --- the network --------------------------------------------------------------------------


def test_without_a_lan_address_the_join_address_falls_back_to_this_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(web_server, "candidate_addresses", lambda: [Candidate("127.0.0.1", "lo")])
    assert web_server.choose_public_host("0.0.0.0") == ("127.0.0.1", False)


async def test_without_a_lan_address_the_facilitator_is_told_so_with_a_hint(
    workshop: Workshop,
) -> None:
    async with phone_server(workshop, host="127.0.0.1", port=0) as info:
        notices = server_notices(replace(info, lan_found=False), info.port, "en")
    assert notices == [t("en", "cli.no_lan") + " " + t("en", "cli.no_lan.hint")]
    assert "Found no network address the phones can reach." in notices[0]
    assert "--public-url" in notices[0]


# --- the session file ---------------------------------------------------------------------


async def test_a_second_kerne_on_the_same_session_file_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kerne_tui",
        "serve",
        "kerneopgaven-kort",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--data-dir",
        str(data),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=tmp_path,
        env={**os.environ, "KERNE_LANG": "en"},
    )
    try:
        assert first.stdout is not None
        line = await asyncio.wait_for(first.stdout.readline(), WAIT)
        assert line.startswith(b"JOIN ")
        second = await asyncio.to_thread(
            kerne, "run", "--resume", "--data-dir", str(data), cwd=tmp_path
        )
    finally:
        if first.returncode is None:
            first.send_signal(signal.SIGTERM)
        await asyncio.wait_for(first.communicate(), WAIT)
    assert_told_plainly(second)
    assert "already in use by another kerne program" in second.stderr
    assert "One session file, one writer." in second.stderr
    assert "hint: Close the other window running kerne" in second.stderr
    assert first.returncode == 0


def test_a_damaged_session_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    damaged = data / "2026-11-23-kerneopgaven-kort-KERNE.json"
    content = b'{"session": {"1": {"title": "Kerneopgaven", "format": "kerne-sess'
    damaged.write_bytes(content)
    result = kerne("run", "--resume", str(damaged), "--data-dir", str(data), cwd=tmp_path)
    assert_told_plainly(result)
    assert "The session file is damaged (not valid JSON)" in result.stderr
    assert "It was not changed." in result.stderr
    assert damaged.read_bytes() == content
    assert sorted(p.name for p in data.iterdir() if p.name != "kerne.log") == [damaged.name]
