"""`kerne run` without a plan: choose a built-in plan or an unfinished session."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tui_support import FakeClock, write_plan

from kerne_tui.plan import builtin_plans
from kerne_tui.tui.picker import PickerApp, choices
from kerne_tui.workshop import Workshop


def sessions(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with one unfinished and one finished session; (unfinished, folder)."""
    plan = write_plan(tmp_path)
    data = tmp_path / "data"
    data.mkdir()

    async def make() -> Path:
        unfinished = Workshop.create(plan, data, clock=FakeClock(), join_code="AAAAA")
        await unfinished.open()
        await unfinished.start()
        await unfinished.shutdown()
        finished = Workshop.create(plan, data, clock=FakeClock(), join_code="CCCCC")
        await finished.open()
        await finished.start()
        await finished.close()
        await finished.shutdown()
        return unfinished.path

    return asyncio.run(make()), data


def test_unfinished_sessions_come_first_and_finished_ones_are_left_out(tmp_path: Path) -> None:
    unfinished, data = sessions(tmp_path)
    found = choices(data, "da")
    kinds = [kind for (kind, _), _ in found]
    assert kinds.count("resume") == 1 and kinds[0] == "resume"
    assert found[0][0] == ("resume", str(unfinished))
    assert "Genoptag:" in found[0][1].plain
    plans = [value for (kind, value), _ in found if kind == "plan"]
    assert plans == [str(path) for path in builtin_plans()]


def test_each_plan_says_its_title_and_length(tmp_path: Path) -> None:
    found = choices(tmp_path, "en")
    assert found, "the built-in plans are listed"
    for (kind, _), label in found:
        assert kind == "plan" and " min · " in label.plain


async def test_enter_starts_the_highlighted_plan(tmp_path: Path) -> None:
    app = PickerApp(tmp_path, "da")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.return_value == ("plan", str(builtin_plans()[1]))


async def test_escape_leaves_without_a_choice(tmp_path: Path) -> None:
    app = PickerApp(tmp_path, "da")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is None
