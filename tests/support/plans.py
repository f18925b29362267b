"""The test plans: TOML files in ``tests/data/``, read through kerne's own plan loader.

``small``       one step of every kind (and a few variants), for the engine and session tests
``screen``      the projected-screen tests' plan (reveal and live steps, min_answers)
``browser``     the phone tests' plan: every kind, with realistic Danish prompts
``arkiv-alle-trin``  the archive fixture's plan: every kind, held once into the committed file
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from kerne_tui.plan import Plan, load_plan, plan_from_data

DATA = Path(__file__).resolve().parent.parent / "data"
"""``tests/data``: the test plans."""


def plan_file(name: str) -> Path:
    """The path of the test plan called *name* (the file's stem)."""
    path = DATA / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in DATA.glob("*.toml")))
        raise FileNotFoundError(f"no test plan {name!r} in {DATA} (there are: {known})")
    return path


def plan_text(name: str) -> str:
    """The TOML text of the test plan *name*, for tests that change a line before loading."""
    return plan_file(name).read_text(encoding="utf-8")


def load_test_plan(name: str) -> Plan:
    """The test plan *name*, loaded and checked as ``kerne run`` would load it."""
    return load_plan(plan_file(name))


def copy_plan(
    name: str, folder: Path, file_name: str | None = None, text: str | None = None
) -> Path:
    """Write the test plan *name* (or *text* in its place) into *folder* and return the path.

    The session file is named after the plan file's stem, so *file_name* sets that too.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (file_name or f"{name}.toml")
    path.write_text(plan_text(name) if text is None else text, encoding="utf-8")
    return path


def plan_named_as(name: str, source: str) -> Plan:
    """The test plan *name*, checked by the real loader but recorded as coming from *source*.

    For the committed archive fixture, whose session file must not carry a machine's path.
    """
    return plan_from_data(tomllib.loads(plan_text(name)), source)
