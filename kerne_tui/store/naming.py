"""Names in the data folder: session files and the folder of archives."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

ARCHIVES = "archives"
"""The folder inside the data folder where ``kerne archive`` puts zips by default."""


def session_file_name(plan_source: str, code: str, moment: datetime) -> str:
    """``2026-11-23-kerneopgaven-ABCDE.json``: sorts by date, says what and which."""
    stem = Path(plan_source).stem.replace(".", "-") if plan_source else "plan"
    return f"{moment.strftime('%Y-%m-%d')}-{stem}-{code}.json"


def free_path(folder: Path, name: str) -> Path:
    """*name* in *folder*, numbered before the join code if a session already has it."""
    path = folder / name
    stem, _, code = path.stem.rpartition("-")
    for number in range(2, 1000):
        if not path.exists():
            return path
        path = folder / f"{stem}-{number}-{code}{path.suffix}"
    raise FileExistsError(path)
