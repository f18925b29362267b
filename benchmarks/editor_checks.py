"""What a keystroke in ``kerne edit`` costs on the largest shipped plan.

Every keystroke in a form writes the field into the ``tomlkit`` document (remembering the text
for undo) and runs the loader's checks and the timeline again. Run it alone:

    .venv/bin/python -m benchmarks.editor_checks
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from kerne_tui.editor.files import open_document, save_document
from kerne_tui.editor.state import EditorSession
from kerne_tui.plan import builtin_plans

ROUNDS = 200
"""Keystrokes timed (bounded)."""


def _largest() -> Path:
    return max(builtin_plans(), key=lambda path: path.stat().st_size)


def measure() -> dict[str, float]:
    """Milliseconds: open, one keystroke (median and 95th percentile), undo, save."""
    path = _largest()
    started = time.perf_counter()
    document = open_document(path, "da")
    opened = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        session = EditorSession(document, Path(folder) / "plan.toml", "da")
        strokes: list[float] = []
        for index in range(ROUNDS):
            started = time.perf_counter()
            session.document.set_step(0, 0, "title", f"Velkommen {index}")
            session.recheck()
            strokes.append(time.perf_counter() - started)
        started = time.perf_counter()
        session.document.undo()
        session.recheck()
        undone = time.perf_counter() - started
        started = time.perf_counter()
        save_document(session.document, session.path)
        saved = time.perf_counter() - started
    strokes.sort()
    return {
        "open": opened * 1000,
        "keystroke median": statistics.median(strokes) * 1000,
        "keystroke p95": strokes[int(len(strokes) * 0.95) - 1] * 1000,
        "undo": undone * 1000,
        "save (fsync)": saved * 1000,
    }


def main() -> None:
    figures = measure()
    print(f"plan: {_largest().name}")
    for name, value in figures.items():
        print(f"{name:18} {value:8.2f} ms")


if __name__ == "__main__":
    main()
