"""The facilitator's own view keeps to its rooms: the core of it has neither Textual nor aiohttp,
and the console reaches the session only over HTTP (it never imports the server or the store)."""

from __future__ import annotations

import subprocess
import sys

from test_import_rules import imports_of


def test_the_control_room_imports_neither_textual_nor_aiohttp() -> None:
    code = (
        "import sys, kerne_tui.control\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'aiohttp'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_the_control_room_imports_neither_the_screen_nor_the_server() -> None:
    found = [
        line
        for other in ("kerne_tui.tui", "kerne_tui.web", "kerne_tui.console", "kerne_tui.cli")
        for line in imports_of("control", other)
    ]
    assert found == []


def test_the_console_never_imports_the_server_or_the_store() -> None:
    found = [
        line
        for other in ("kerne_tui.web", "kerne_tui.store", "tinydb")
        for line in imports_of("console", other)
    ]
    assert found == []
