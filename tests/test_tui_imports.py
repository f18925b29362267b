"""The projected screen never imports the phone server: the command line wires them."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TUI = Path(__file__).resolve().parent.parent / "kerne_tui" / "tui"


def test_no_tui_module_names_the_web_package() -> None:
    for source in TUI.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.startswith("kerne_tui.web") for name in names), source.name


def test_loading_the_screen_loads_no_web_code() -> None:
    code = (
        "import sys, kerne_tui.tui.app, kerne_tui.tui.picker; "
        "print(sorted(m for m in sys.modules if m.startswith(('kerne_tui.web', 'aiohttp'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
