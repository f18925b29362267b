"""Damaged insides: a session file that is valid JSON but not a sound session gets one clear
sentence from every command that opens it, never a Python repr, a traceback or a 500."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from kerne_tui.workshop import Workshop

WAIT = 30.0

Damage = Callable[[dict[str, Any]], None]


def _state(data: dict[str, Any]) -> dict[str, Any]:
    table: dict[str, dict[str, Any]] = data["state"]
    return table[next(iter(table))]


DAMAGES: dict[str, Damage] = {
    "current step not in the plan": lambda d: _state(d).__setitem__("current", "borte"),
    "no join code": lambda d: d["session"]["1"].pop("join_code"),
    "no plan": lambda d: d["session"]["1"].pop("plan"),
    "a timer that is text": lambda d: _state(d).__setitem__("timer", "x"),
    "a status kerne does not know": lambda d: _state(d).__setitem__("status", "dansende"),
    "a contribution without its kind": lambda d: next(iter(d["contributions"].values())).pop(
        "kind"
    ),
    "contributions that are a list": lambda d: d.__setitem__("contributions", [1, 2]),
}


@pytest.fixture
async def sound_session(workshop: Workshop) -> Path:
    """A session with an open step and one answer, shut down and ready to damage."""
    await workshop.go_to("ideas")
    await workshop.submit("telefon-1", "ideas", "c1", {"text": "Mere tid"})
    await workshop.shutdown()
    return workshop.path


def kerne(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kerne_tui", *args],
        capture_output=True,
        text=True,
        timeout=WAIT,
        cwd=cwd,
        env={**os.environ, "KERNE_LANG": "en"},
    )


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_serving_a_damaged_session_says_one_clear_sentence(
    sound_session: Path, damage: str
) -> None:
    data = orjson.loads(sound_session.read_bytes())
    damaged = copy.deepcopy(data)
    DAMAGES[damage](damaged)
    sound_session.write_bytes(orjson.dumps(damaged))
    before = sound_session.read_bytes()
    result = kerne(
        "serve",
        "--resume",
        sound_session.name,
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--data-dir",
        str(sound_session.parent),
        cwd=sound_session.parent,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "Error(" not in result.stderr and "KeyError" not in result.stderr
    assert "JOIN" not in result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and sound_session.name in lines[0]
    assert sound_session.read_bytes() == before
