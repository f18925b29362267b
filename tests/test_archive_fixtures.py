"""The archive's committed fixtures are what the code makes, and their rebuild command works.

``make fixtures`` runs ``python -m fixtures.archive_sessions`` in ``tests/``; here the same
command writes into a fresh folder: the session must hold the same documents as the committed
one, and the golden reports must equal theirs byte for byte. A session or report that changed
without its fixture being rebuilt fails here first.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from fixtures.archive_sessions import ALL_KINDS_FILE, GOLDEN_CSV, GOLDEN_MD

TESTS = Path(__file__).resolve().parent


def test_the_documented_command_rebuilds_exactly_the_committed_fixtures(tmp_path: Path) -> None:
    made = subprocess.run(
        [sys.executable, "-m", "fixtures.archive_sessions", "--into", str(tmp_path)],
        cwd=TESTS,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    committed = [ALL_KINDS_FILE, GOLDEN_MD, GOLDEN_CSV]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in committed)
    # The session file holds the same documents (the order of keys inside one is the store's
    # business, and a file written by an earlier kerne must keep reading the same).
    rebuilt_session = json.loads((tmp_path / ALL_KINDS_FILE.name).read_text(encoding="utf-8"))
    assert rebuilt_session == json.loads(ALL_KINDS_FILE.read_text(encoding="utf-8"))
    for golden in (GOLDEN_MD, GOLDEN_CSV):
        rebuilt = (tmp_path / golden.name).read_bytes()
        assert rebuilt == golden.read_bytes(), f"{golden.name} is not what the code makes now"
