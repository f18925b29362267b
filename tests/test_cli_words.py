"""The command line speaks one language: argparse's own words too, and a folder is called one.

Every case runs the installed ``kerne`` command in its own process, as a person types it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

WAIT = 30.0
"""Upper bound for a kerne process to answer; reached only when a test fails."""

KERNE = Path(sys.executable).parent / "kerne"


def kerne(lang: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the ``kerne`` command with ``KERNE_LANG`` set to *lang*, and wait for it to end."""
    env = {**os.environ, "KERNE_LANG": lang, "KERNE_DATA_DIR": str(cwd / "data")}
    return subprocess.run(
        [str(KERNE), *args], capture_output=True, text=True, timeout=WAIT, cwd=cwd, env=env
    )


# (arguments, what a Danish command line says, what an English one says)
MISTAKES = [
    (
        ["report"],
        ["brug: kerne report", "kerne report: fejl: disse argumenter skal angives: session"],
        ["usage: kerne report", "kerne report: error: the following arguments are required:"],
    ),
    (
        ["bogus"],
        ["fejl: argumentet COMMAND: ugyldigt valg: 'bogus' (vælg mellem 'run'"],
        ["error: argument COMMAND: invalid choice: 'bogus' (choose from 'run'"],
    ),
    (
        ["plans", "--nope"],
        ["brug: kerne", "kerne: fejl: ukendte argumenter: --nope"],
        ["usage: kerne", "kerne: error: unrecognized arguments: --nope"],
    ),
    (
        ["report", "x", "--format"],
        ["fejl: argumentet --format: skal have én værdi"],
        ["error: argument --format: expected one argument"],
    ),
]


@pytest.mark.parametrize(("args", "danish", "english"), MISTAKES, ids=lambda v: None)
def test_argparse_refuses_in_the_command_lines_language(
    args: list[str], danish: list[str], english: list[str], tmp_path: Path
) -> None:
    da = kerne("da", *args, cwd=tmp_path)
    en = kerne("en", *args, cwd=tmp_path)
    assert da.returncode == en.returncode == 2
    for words in danish:
        assert words in da.stderr
    for words in english:
        assert words in en.stderr
    for english_only in ("usage:", "error:", "required", "invalid choice", "unrecognized"):
        assert english_only not in da.stderr


def test_the_help_is_danish_all_through(tmp_path: Path) -> None:
    da = kerne("da", "sessions", "--help", cwd=tmp_path)
    assert da.returncode == 0
    assert da.stdout.startswith("brug: kerne sessions")
    assert "tilvalg:" in da.stdout
    assert "vis denne hjælp, og afslut" in da.stdout
    en = kerne("en", "sessions", "--help", cwd=tmp_path)
    assert en.stdout.startswith("usage: kerne sessions")
    assert "show this help message and exit" in en.stdout


@pytest.mark.parametrize("command", [["report"], ["archive"], ["run", "--resume"]])
def test_a_folder_named_as_a_session_is_called_a_folder(command: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "2026-11-23-kerneopgaven-KERNE.json"
    folder.mkdir()
    da = kerne("da", *command, str(folder), cwd=tmp_path)
    en = kerne("en", *command, str(folder), cwd=tmp_path)
    assert da.returncode == en.returncode == 2
    assert f"{folder} er en mappe, ikke en sessionsfil." in da.stderr
    assert f"{folder} is a folder, not a session file." in en.stderr
    assert "findes ikke" not in da.stderr
    assert "Traceback" not in da.stderr + en.stderr
    assert folder.is_dir() and not any(folder.iterdir())
