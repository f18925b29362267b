"""Where plans live: the built-in ones inside the wheel (or beside the package in a checkout),
and the facilitator's own in the data folder's ``plans/``."""

from __future__ import annotations

import re
from pathlib import Path

from kerne_tui.plan.problems import PlanError

_PACKAGE = Path(__file__).resolve().parent.parent
OWN_PLANS = "plans"
"""The data folder's sub-folder of the facilitator's own plans (``kerne edit`` writes there)."""
_OWN_NAME = re.compile(r"^[a-z0-9æøå][a-z0-9æøå-]{0,59}$")


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


def own_plans_folder(data_dir: Path) -> Path:
    """The folder of the facilitator's own plans in *data_dir*."""
    return data_dir / OWN_PLANS


def own_plans(data_dir: Path | None) -> list[Path]:
    """The facilitator's own plan files, sorted by name (none without a data folder)."""
    if data_dir is None:
        return []
    folder = own_plans_folder(data_dir)
    return sorted(p for p in folder.glob("*.toml") if p.is_file()) if folder.is_dir() else []


def is_builtin(path: Path) -> bool:
    """True for a file among the built-in plans (never to be written)."""
    return path.resolve().parent == plans_folder().resolve()


def plan_name(path: Path) -> str:
    """The name a plan goes by on the command line: its file name without ``.toml``."""
    return path.name.removesuffix(".toml")


def name_problem(name: str, data_dir: Path) -> str:
    """Why *name* cannot name a new own plan (a catalog key), or "" when it can."""
    if not _OWN_NAME.match(name):
        return "plan.own.bad_name"
    if any(plan_name(p) == name for p in builtin_plans()):
        return "plan.own.builtin_name"
    if (own_plans_folder(data_dir) / f"{name}.toml").exists():
        return "plan.own.exists"
    return ""


def find_plan(name: str, data_dir: Path | None = None) -> Path | None:
    """A plan by path, or by name among the built-in plans and the facilitator's own.

    A name both a built-in plan and an own plan go by is refused (:class:`PlanError`): which
    one was meant cannot be told.
    """
    candidate = Path(name)
    if candidate.is_file():
        return candidate
    builtin = [p for p in builtin_plans() if name in (p.name, p.stem)]
    own = [p for p in own_plans(data_dir) if name in (p.name, p.stem)]
    if builtin and own:
        raise PlanError(
            name,
            text_key="plan.own.in_both",
            text_values={"name": plan_name(own[0]), "path": own[0]},
        )
    found = builtin or own
    return found[0] if found else None
