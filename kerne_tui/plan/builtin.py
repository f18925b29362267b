"""Where the shipped plans live: inside the wheel, or beside the package in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def plans_folder() -> Path:
    """The folder of the built-in plans (``kerne_tui/sessions`` when installed)."""
    installed = _PACKAGE / "sessions"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "sessions"


def builtin_plans() -> list[Path]:
    """Every built-in plan file, sorted by name."""
    folder = plans_folder()
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def find_plan(name: str) -> Path | None:
    """A plan by path, or a built-in plan by its file name with or without ``.toml``."""
    candidate = Path(name)
    if candidate.is_file():
        return candidate
    for plan in builtin_plans():
        if name in (plan.name, plan.stem):
            return plan
    return None
