"""SIGKILL while the journal is folded into the session file: nothing acknowledged is lost,
and ``kerne report`` reads the session at every point of the rewrite, during it and after.

A child process (``compaction_child.py``) answers in bursts, hides an answer, reveals and
folds the journal in between, and holds still at a chosen point of a chosen rewrite: the new
file written but not yet renamed, renamed with the journal still full, or the journal emptied.
There ``kerne report`` runs against the live session, then the child is killed, ``kerne
report`` runs again on what the kill left, and the next round resumes the same file.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kerne_tui.store import read_session_data, rows
from kerne_tui.store.journal import journal_path
from kerne_tui.workshop import Workshop

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

CHILD = Path(__file__).with_name("compaction_child.py")
PHASES = ("written", "renamed", "emptied")
ROUNDS = 6
SEED = 29
ROUND_TIMEOUT = 40.0
KERNE = [sys.executable, "-m", "kerne_tui"]


def kerne_report(session: Path, out: Path) -> set[str]:
    """``kerne report --format csv`` in a process of its own; the texts it lists."""
    result = subprocess.run(
        [*KERNE, "report", str(session), "--format", "csv", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=ROUND_TIMEOUT,
        env={**os.environ, "KERNE_LANG": "en"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with out.open(encoding="utf-8-sig", newline="") as handle:
        return {cell for row in csv.reader(handle, delimiter=";") for cell in row}


def run_round(
    plan_path: Path, data_dir: Path, session: Path | None, round_no: int, phase: str, at: int
) -> tuple[Path, dict[str, str], set[str], set[str]]:
    """One child until it holds at *phase* of its *at*-th rewrite, then killed.

    Returns the session, the acknowledged answers (id to text), and the texts ``kerne report``
    listed while the child held still and after it was killed.
    """
    command = [sys.executable, str(CHILD), str(plan_path), str(data_dir), str(session or "-")]
    child = subprocess.Popen(
        [*command, str(round_no), phase, str(at)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    watchdog = threading.Timer(ROUND_TIMEOUT, child.kill)
    watchdog.start()
    acknowledged: dict[str, str] = {}
    try:
        assert child.stdout is not None
        first = child.stdout.readline().decode()
        assert first.startswith("SESSION "), first
        path = Path(first.removeprefix("SESSION ").strip())
        for raw in child.stdout:
            words = raw.decode().strip().split(maxsplit=2)
            # Only whole lines count: a line cut short by the kill was never fully printed.
            if words[0] == "ACK" and raw.endswith(b"\n"):
                acknowledged[words[1]] = words[2]
            elif words[:3] == ["PHASE", phase, str(at)]:
                break
        else:
            pytest.fail(f"round {round_no}: the child ended before {phase} {at}")
        held = kerne_report(path, data_dir.parent / f"held-{round_no}.csv")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=ROUND_TIMEOUT)
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
            child.wait(timeout=ROUND_TIMEOUT)
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    after = kerne_report(path, data_dir.parent / f"after-{round_no}.csv")
    return path, acknowledged, held, after


def test_a_kill_at_every_point_of_a_rewrite_loses_nothing_acknowledged(
    plan_path: Path, data_dir: Path
) -> None:
    rng = random.Random(SEED)
    session: Path | None = None
    acknowledged: dict[str, str] = {}
    seen_journal_full_after_rename = False
    for round_no in range(ROUNDS):
        phase = PHASES[round_no % len(PHASES)]
        at = rng.randint(1, 4)
        session, acks, held, after = run_round(plan_path, data_dir, session, round_no, phase, at)
        assert acks, f"round {round_no}: no answer was acknowledged before the kill"
        acknowledged.update(acks)
        texts = set(acknowledged.values())
        missing_held, missing_after = texts - held, texts - after
        assert not missing_held, f"round {round_no} ({phase} {at}): report while held"
        assert not missing_after, f"round {round_no} ({phase} {at}): report after the kill"

        stored = rows(read_session_data(session), "contributions")
        ids = [str(doc["id"]) for doc in stored]
        assert len(ids) == len(set(ids)), f"round {round_no}: an answer stored twice"
        assert set(acknowledged) <= set(ids), f"round {round_no} ({phase} {at}) lost answers"
        if phase == "renamed":
            seen_journal_full_after_rename |= journal_path(session).stat().st_size > 0
    # The point that matters most was reached with something to replay.
    assert seen_journal_full_after_rename
    assert session is not None
    resumed = Workshop.resume(session)
    try:
        assert set(acknowledged) <= {c.id for c in resumed.all_contributions()}
    finally:
        resumed.store.release()
    assert not [p for p in os.listdir(data_dir) if p.endswith(".tmp")], "temporary files left"
