"""The archive's committed fixtures are what the code makes, and their rebuild command works.

``make fixtures`` runs ``python -m fixtures.archive_sessions`` in ``tests/``; here the same
command writes into a fresh folder, and every file it makes must equal the committed one byte for
byte. A session or report that changed without its fixture being rebuilt fails here first.
"""

from __future__ import annotations

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
    for fixture in committed:
        rebuilt = (tmp_path / fixture.name).read_bytes()
        assert rebuilt == fixture.read_bytes(), f"{fixture.name} is not what the code makes now"
