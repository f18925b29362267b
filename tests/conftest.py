"""Shared fixtures: a clock moved by hand, a data folder, and a small plan with every kind.

The parts behind them live in ``tests/support`` (import from there, not from this file).
"""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from pathlib import Path

import pytest
from support import JOIN_CODE, FakeClock, copy_plan, new_workshop
from support.groups import group_of

from kerne_tui.plan import Plan, load_plan
from kerne_tui.workshop import Workshop


def pytest_configure(config: pytest.Config) -> None:
    for name, meaning in (
        ("unit", "in-process and on the fake clock: the fast group (make test-fast)"),
        ("screen", "the Textual app driven in-process by its pilot"),
        ("real", "real parts: browser, terminal, child processes, installs, real servers"),
    ):
        config.addinivalue_line("markers", f"{name}: {meaning}")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With ``-m unit`` alone, skip importing the other modules at all (the Textual and browser
    ones take seconds to import); every other selection collects everything."""
    name = collection_path.name
    if config.getoption("markexpr") == "unit" and name.startswith("test_") and name.endswith(".py"):
        return group_of(collection_path.stem, set()) != "unit" or None
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its group (tests/support/groups.py), so ``-m unit`` selects."""
    for item in items:
        markers = {mark.name for mark in item.iter_markers()}
        item.add_marker(group_of(item.path.stem, markers))


@pytest.fixture
def clock() -> FakeClock:
    """A clock frozen at 2026-11-23 09:00 UTC until the test advances it."""
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty folder for session files, so no test touches the user's data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def write_plan(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write TOML text to a plan file in the test's folder and return its path."""

    def write(text: str, name: str = "plan.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    """A copy of the small plan with one step of every kind (``tests/data/small.toml``)."""
    return copy_plan("small", tmp_path, "proeve.toml")


@pytest.fixture
def plan(plan_path: Path) -> Plan:
    """The small plan, loaded."""
    return load_plan(plan_path)


@pytest.fixture
async def workshop(plan: Plan, data_dir: Path, clock: FakeClock) -> AsyncIterator[Workshop]:
    """A new, not yet started session of the small plan, open for writing, on the fake clock."""
    session = new_workshop(plan, data_dir, clock, join_code=JOIN_CODE)
    await session.open()
    try:
        yield session
    finally:
        await session.shutdown()


@pytest.fixture(autouse=True)
def _thaw_frozen_objects() -> Iterator[None]:
    """kerne freezes long-lived objects (kerne_tui.memory); in tests they die with the test.
    It also sets the collector's thresholds, which are put back here."""
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


REAL_PARTS = ("chromium", "tmux")
"""What the browser and terminal tests drive; `make test` and CI set KERNE_REQUIRE_REAL_PARTS."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """With KERNE_REQUIRE_REAL_PARTS=1, a test skipped for want of chromium or tmux fails."""
    report = yield
    if (
        os.environ.get("KERNE_REQUIRE_REAL_PARTS") == "1"
        and report.skipped
        and any(part in str(report.longrepr) for part in REAL_PARTS)
    ):
        skipped = report.longrepr
        reason = skipped[2] if isinstance(skipped, tuple) else str(skipped)
        report.outcome = "failed"
        report.longrepr = (
            f"{reason}: a real part is missing, and KERNE_REQUIRE_REAL_PARTS=1 makes that "
            "a failure (install /usr/bin/chromium and tmux: make chromium)"
        )
    return report
