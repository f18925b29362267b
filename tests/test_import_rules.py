"""The house rules of ARCHITECTURE.md that a machine can check: who may import whom."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kerne_tui"
CORE = ("kerne_tui.workshop", "kerne_tui.plan", "kerne_tui.store")


def package_of(path: Path) -> tuple[str, ...]:
    """The dotted package a source file belongs to, as parts (``kerne_tui.web`` for app.py)."""
    return path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]


def imported_modules(source: str, package: tuple[str, ...]) -> Iterator[str]:
    """Every module *source* imports, with relative imports made absolute against *package*."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                module = ".".join(package[: len(package) - node.level + 1])
                if node.module:
                    module = f"{module}.{node.module}"
            else:
                module = node.module or ""
            yield module
            # "from kerne_tui import tui" names the module in the alias.
            yield from (f"{module}.{alias.name}" for alias in node.names)


def sources(area: str) -> list[Path]:
    """The Python files of one area of the package (a sub-package or a module)."""
    folder = PACKAGE / area
    if folder.is_dir():
        return sorted(folder.rglob("*.py"))
    single = PACKAGE / f"{area}.py"
    return [single] if single.is_file() else []


def imports_of(area: str, forbidden: str) -> list[str]:
    """Where files of *area* import *forbidden* (a top-level package or one of ours)."""
    found = []
    for path in sources(area):
        for module in imported_modules(path.read_text(encoding="utf-8"), package_of(path)):
            if module == forbidden or module.startswith(forbidden + "."):
                found.append(f"{path.relative_to(PACKAGE.parent)} imports {module}")
    return found


def test_the_core_imports_neither_textual_nor_aiohttp() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in CORE)
        + "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'aiohttp'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("area", ["workshop", "plan", "store"])
def test_the_core_does_not_import_the_screen_or_the_server(area: str) -> None:
    found = [
        line
        for other in (
            "textual",
            "aiohttp",
            "kerne_tui.web",
            "kerne_tui.tui",
            "kerne_tui.cli",
            "kerne_tui.hosting",
        )
        for line in imports_of(area, other)
    ]
    assert found == []


def test_web_never_imports_tui() -> None:
    assert imports_of("web", "kerne_tui.tui") == []


def test_tui_never_imports_web() -> None:
    assert imports_of("tui", "kerne_tui.web") == []


@pytest.mark.parametrize(
    "other",
    ["textual", "aiohttp", "kerne_tui.web", "kerne_tui.tui", "kerne_tui.cli", "kerne_tui.hosting"],
)
def test_the_overview_reads_archives_only_through_the_archive_room(other: str) -> None:
    assert imports_of("overview", other) == []


def test_only_the_store_imports_tinydb() -> None:
    areas = {path.relative_to(PACKAGE).parts[0].removesuffix(".py") for path in sources("")}
    found = [line for area in sorted(areas - {"store"}) for line in imports_of(area, "tinydb")]
    assert found == []


def test_the_checker_resolves_relative_imports() -> None:
    source = "from ..tui import app\nfrom . import live\nfrom .. import web\n"
    found = set(imported_modules(source, ("kerne_tui", "web")))
    assert {"kerne_tui.tui.app", "kerne_tui.web.live", "kerne_tui.web"} <= found


def test_the_checker_catches_a_forbidden_import() -> None:
    found = set(imported_modules("from kerne_tui import tui\n", ("kerne_tui", "web")))
    assert "kerne_tui.tui" in found


def test_the_editor_never_imports_the_server() -> None:
    found = [
        line
        for other in ("aiohttp", "kerne_tui.web", "tinydb")
        for line in imports_of("editor", other)
    ]
    assert found == []


@pytest.mark.parametrize("room", ["kerne_tui.editor", "kerne_tui.overview"])
def test_the_rooms_before_and_after_the_day_are_imported_by_the_command_line_only(
    room: str,
) -> None:
    own = room.removeprefix("kerne_tui.")
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        area = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if area in (own, "cli", "rooms_cli", "__main__"):
            continue
        modules = imported_modules(path.read_text(encoding="utf-8"), package_of(path))
        if any(module == room or module.startswith(room + ".") for module in modules):
            found.append(f"{path.relative_to(PACKAGE.parent)} imports {room}")
    assert found == [], found
