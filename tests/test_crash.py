"""Kill -9 in the middle of a burst: every acknowledged contribution is still in the file."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kerne_tui.store import read_session_data, rows
from kerne_tui.workshop import Workshop

CHILD = Path(__file__).with_name("crash_child.py")
ROUNDS = 20
LATEST_KILL = 0.25
"""Seconds after the session is open by which the child is killed."""


def run_round(
    plan_path: Path, data_dir: Path, session: Path | None, round_no: int, delay: float
) -> tuple[Path, list[str]]:
    """Start the child, kill it *delay* seconds after its session is open; its session and acks."""
    child = subprocess.Popen(
        [
            sys.executable,
            str(CHILD),
            str(plan_path),
            str(data_dir),
            str(session or "-"),
            str(round_no),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    killer = threading.Timer(delay, child.kill)
    try:
        first = child.stdout.readline().decode()
        if not first.startswith("SESSION "):
            child.kill()
            pytest.fail(f"child did not open a session: {first!r} {child.stderr.read()!r}")
        killer.start()
        acknowledged = []
        for raw in child.stdout:
            line = raw.decode()
            # Only whole lines count: a line cut short by the kill was never fully printed.
            if line.startswith("ACK ") and line.endswith("\n"):
                acknowledged.append(line[4:].strip())
        child.wait(timeout=10)
    finally:
        killer.cancel()
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    stderr = child.stderr.read().decode()
    child.stdout.close()
    child.stderr.close()
    if sys.platform != "win32":
        assert child.returncode == -signal.SIGKILL, stderr
    return Path(first.removeprefix("SESSION ").strip()), acknowledged


@pytest.mark.slow
def test_acknowledged_contributions_survive_sigkill(plan_path: Path, data_dir: Path) -> None:
    rng = random.Random(4711)
    session: Path | None = None
    acknowledged: set[str] = set()
    rounds_with_acks = 0
    for round_no in range(ROUNDS):
        delay = rng.uniform(0.0, LATEST_KILL)
        session, acks = run_round(plan_path, data_dir, session, round_no, delay)
        acknowledged.update(acks)
        rounds_with_acks += bool(acks)

        # What is on disk as every reader of kerne reads it: the session file with its
        # journal applied (after a kill, the newest batches are only in the journal).
        on_disk = {str(doc["id"]) for doc in rows(read_session_data(session), "contributions")}
        missing = acknowledged - on_disk
        assert not missing, f"round {round_no} (kill after {delay:.3f} s) lost {len(missing)}"
        assert rows(read_session_data(session), "state")[0]["current"] == "ideas"

        resumed = Workshop.resume(session)
        try:
            assert resumed.join_code == "CRASH"
            assert resumed.current == "ideas"
            assert {c.id for c in resumed.all_contributions()} >= acknowledged
        finally:
            resumed.store.release()
    # The kills must land in the middle of bursts, not only before the first answer.
    assert rounds_with_acks >= ROUNDS // 2
    assert len(acknowledged) > ROUNDS
