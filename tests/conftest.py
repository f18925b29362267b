"""Shared fixtures: a clock moved by hand, a data folder, and a small plan with every kind."""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator, Callable, Generator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kerne_tui.plan import Plan, load_plan
from kerne_tui.workshop import Workshop

JOIN_CODE = "KERNE"
"""The join code of the ``workshop`` fixture, fixed so tests can name it."""

SMALL_PLAN = """\
title = "Prøveworkshop"
language = "da"
description = "En lille plan med alle trintyper, til test."

[[modules]]
title = "Første modul"
focus = "Hvad laver vi?"

[[modules.steps]]
id = "intro"
kind = "info"
title = "Velkommen"
prompt = "Scan koden."
minutes = 2

[[modules.steps]]
id = "ideas"
kind = "text"
title = "Idéer"
prompt = "Hvad er vi her for?"
minutes = 5
max_length = 40
max_per_person = 2

[[modules.steps]]
id = "pairs"
kind = "discuss"
title = "Tal sammen"
prompt = "Tal to og to."
minutes = 4

[[modules.steps]]
id = "proposal"
kind = "sentence"
title = "Én sætning"
prompt = "Skriv et forslag."
minutes = 3
max_length = 30

[[modules]]
title = "Andet modul"
focus = "Hvad vælger vi?"

[[modules.steps]]
id = "dots"
kind = "vote"
title = "Prikker"
prompt = "Sæt dine prikker."
minutes = 3
options_from = "ideas"
dots = 3
max_per_option = 2

[[modules.steps]]
id = "fixed-vote"
kind = "vote"
title = "Faste valg"
prompt = "Stem."
minutes = 3
options = ["Møder", "Mails", "Pauser"]
dots = 2

[[modules.steps]]
id = "mood"
kind = "scale"
title = "Stemning"
prompt = "Hvor enig er du?"
minutes = 2
statements = ["Vi ved, hvad vi laver.", "Vi har tid til det."]
low_label = "Uenig"
high_label = "Enig"

[[modules.steps]]
id = "pick"
kind = "choice"
title = "Vælg én"
prompt = "Hvad er vigtigst?"
minutes = 2
options = ["Borgeren", "Kollegerne", "Økonomien"]

[[modules.steps]]
id = "many"
kind = "choice"
title = "Vælg flere"
prompt = "Hvad fylder?"
minutes = 2
options = ["Møder", "Mails", "Dokumentation"]
multiple = true

[[modules.steps]]
id = "top"
kind = "rank"
title = "Rangér"
prompt = "Dine to vigtigste."
minutes = 2
options = ["A", "B", "C", "D"]
top = 2

[[modules.steps]]
id = "carry-rank"
kind = "rank"
title = "Rangér idéerne"
prompt = "Dine to vigtigste idéer."
minutes = 2
options_from = "ideas"
top = 2

[[modules.steps]]
id = "todo"
kind = "actions"
title = "Handlinger"
prompt = "Hvad gør vi?"
minutes = 5
"""


class FakeClock:
    """A clock that only moves when a test says so, so timers are exact and never flaky."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        self._mono = 1000.0

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> None:
        """Let *seconds* pass on both the monotonic and the wall clock."""
        self._mono += seconds
        self._now += timedelta(seconds=seconds)


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
def plan_path(write_plan: Callable[[str, str], Path]) -> Path:
    """A small valid plan with one step of every kind (see ``SMALL_PLAN``)."""
    return write_plan(SMALL_PLAN, "proeve.toml")


@pytest.fixture
def plan(plan_path: Path) -> Plan:
    """The small plan, loaded."""
    return load_plan(plan_path)


@pytest.fixture
async def workshop(plan: Plan, data_dir: Path, clock: FakeClock) -> AsyncIterator[Workshop]:
    """A new, not yet started session of the small plan, open for writing, on the fake clock."""
    session = Workshop.create(plan, data_dir, clock=clock, join_code=JOIN_CODE)
    await session.open()
    try:
        yield session
    finally:
        await session.shutdown()


@pytest.fixture(autouse=True)
def _thaw_frozen_objects() -> Iterator[None]:
    """kerne freezes long-lived objects (kerne_tui.memory); in tests they die with the test."""
    yield
    gc.unfreeze()


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
