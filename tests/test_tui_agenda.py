"""The agenda: planned against actual minutes, and how far ahead or behind the day is."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tui_support import (
    PLAN,
    FakeClock,
    make_app,
    open_workshop,
    screen_text,
    utc_local_time,
    write_plan,
)

from kerne_tui.tui.agenda import AgendaScreen, day_progress, verdict

NINE = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc_clock_times() -> Iterator[None]:
    """Clock times on the agenda are local; local is UTC here."""
    with utc_local_time():
        yield


def test_the_planned_end_counts_from_the_plans_start_time(tmp_path: Path) -> None:
    plan = write_plan(tmp_path)
    progress = day_progress(
        plan,
        status="waiting",
        current_index=-1,
        seconds_left=0,
        now=NINE - timedelta(minutes=20),
        started_at=None,
        ended_at=None,
    )
    assert progress.planned_start.strftime("%H:%M") == "09:00"
    assert progress.planned_end.strftime("%H:%M") == "09:31"
    assert round(progress.behind) == 0


def test_a_step_that_ran_long_puts_the_day_behind(tmp_path: Path) -> None:
    plan = write_plan(tmp_path)
    # Started at nine, now 9:15 in the third step (planned to start 9:07) with 4 minutes left.
    progress = day_progress(
        plan,
        status="running",
        current_index=2,
        seconds_left=240,
        now=NINE + timedelta(minutes=15),
        started_at=NINE,
        ended_at=None,
    )
    assert progress.projected_end.strftime("%H:%M") == "09:39"
    assert round(progress.behind) == 8
    assert verdict(progress, "da") == "8 min. bagud"


def test_a_quick_morning_puts_the_day_ahead(tmp_path: Path) -> None:
    plan = write_plan(tmp_path)
    progress = day_progress(
        plan,
        status="running",
        current_index=2,
        seconds_left=240,
        now=NINE + timedelta(minutes=4),
        started_at=NINE,
        ended_at=None,
    )
    assert verdict(progress, "da") == "3 min. foran"
    assert verdict(progress, "en") == "3 min ahead"


def test_a_later_step_already_visited_counts_with_the_time_it_had_left(tmp_path: Path) -> None:
    plan = write_plan(tmp_path)
    later = plan.steps[3]
    # As in the test above, but the facilitator went on to a later step, used all but one
    # minute of it, and came back: the day ends that much earlier than planned for it.
    progress = day_progress(
        plan,
        status="running",
        current_index=2,
        seconds_left=240,
        now=NINE + timedelta(minutes=15),
        started_at=NINE,
        ended_at=None,
        left={later.id: 60.0},
    )
    expected = 8 * 60 - (later.seconds - 60)
    assert round(progress.behind * 60) == expected


async def test_the_agenda_adds_up_a_step_visited_twice(tmp_path: Path) -> None:
    clock = FakeClock(NINE)
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.start()
        clock.advance(3 * 60)
        await workshop.next_step()
        clock.advance(60)
        await workshop.previous_step()
        clock.advance(4 * 60)
        await workshop.next_step()
        await workshop.next_step()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("a")
            await pilot.pause()
            lines = screen_text(app).splitlines()
            welcome = next(line for line in lines if "Velkommen" in line)
            assert "7 min" in welcome


def test_without_a_start_time_the_day_is_planned_from_its_actual_start(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, PLAN.replace('start = "09:00"\n', ""))
    assert not plan.start
    started = NINE + timedelta(minutes=32)
    progress = day_progress(
        plan,
        status="running",
        current_index=0,
        seconds_left=120,
        now=started,
        started_at=started,
        ended_at=None,
    )
    assert progress.planned_start == started
    assert verdict(progress, "da") == "til tiden"


async def test_the_agenda_marks_done_steps_and_their_actual_minutes(tmp_path: Path) -> None:
    clock = FakeClock(NINE)
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.start()
        clock.advance(3 * 60)
        await workshop.next_step()
        clock.advance(9 * 60)
        await workshop.next_step()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, AgendaScreen)
            lines = screen_text(app).splitlines()
            welcome = next(line for line in lines if "Velkommen" in line)
            assert welcome.lstrip().startswith("✓") and "2 min" in welcome and "3 min" in welcome
            text_step = next(
                line for line in lines if "Hvad tror jeg, vi laver?" in line and "Tekst" in line
            )
            assert "5 min" in text_step and "9 min" in text_step
            now = next(line for line in lines if "▶ nu" in line)
            assert "Og hvad tror du, vi laver?" in now
            words = " ".join(screen_text(app).split())
            assert "Planlagt slut kl. 09:31" in words
            assert "forventet slut kl. 09:36" in words and "5 min. bagud" in words
