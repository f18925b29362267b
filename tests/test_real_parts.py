"""Under `make test` and CI a missing chromium or tmux fails the run instead of skipping."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

WAIT = 60.0
"""Upper bound for the inner pytest run; reached only when a test fails."""

TESTS = Path(__file__).resolve().parent

INNER = """
import pytest

def test_drives_the_browser():
    pytest.skip("Debian's chromium is not installed (make chromium)")

@pytest.mark.skipif(True, reason="tmux is not installed")
def test_drives_the_terminal():
    pass

def test_skips_for_another_reason():
    pytest.skip("no 3 consecutive free ports on 127.0.0.1")
"""


def inner_run(tmp_path: Path, required: str) -> subprocess.CompletedProcess[str]:
    """Run three skipping tests under this suite's conftest, with the switch set to *required*."""
    (tmp_path / "test_inner.py").write_text(INNER, encoding="utf-8")
    env = {**os.environ, "KERNE_REQUIRE_REAL_PARTS": required, "PYTHONPATH": str(TESTS)}
    command = [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "conftest"]
    command += ["-p", "no:cacheprovider", "test_inner.py"]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=WAIT, cwd=tmp_path, env=env
    )


def test_a_missing_browser_or_terminal_fails_the_run_when_required(tmp_path: Path) -> None:
    result = inner_run(tmp_path, "1")
    assert result.returncode == 1, result.stdout
    assert "FAILED test_inner.py::test_drives_the_browser" in result.stdout
    assert "ERROR test_inner.py::test_drives_the_terminal" in result.stdout
    assert "SKIPPED" in result.stdout and "consecutive free ports" in result.stdout
    assert "a real part is missing" in result.stdout


def test_without_the_switch_a_missing_part_only_skips(tmp_path: Path) -> None:
    result = inner_run(tmp_path, "")
    assert result.returncode == 0, result.stdout
    assert "3 skipped" in result.stdout
