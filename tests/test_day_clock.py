"""The day's clock follows the real day (issue 22): ``--start HH:MM`` on run, demo and serve, a
session begun far from the plan's start projected from its real start, and decimal commas in
the console's agenda in Danish."""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support import FakeClock, load_test_plan

from kerne_tui.cli_parser import build_parser
from kerne_tui.console.screens import minutes_text
from kerne_tui.control.view import agenda
from kerne_tui.hosting import open_workshop
from kerne_tui.settings import Settings
from kerne_tui.workshop import Workshop
from kerne_tui.workshop.clock import day_start


@pytest.fixture(autouse=True)
def utc() -> Iterator[None]:
    """Local time is UTC, so the clock times do not depend on the machine."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 11, 23, hour, minute, tzinfo=UTC)


def test_the_day_starts_at_the_plans_hour_unless_it_began_far_from_it() -> None:
    # Half an hour late: the agenda says so.
    assert day_start("09:00", at(9, 30), at(10, 0)) == at(9, 0)
    # The afternoon run of a morning plan: the day runs from its real start.
    assert day_start("09:00", at(13, 5), at(14, 0)) == at(13, 5)
    # Not begun yet: the plan's hour, however early the laptop is opened.
    assert day_start("09:00", None, at(6, 0)) == at(9, 0)
    assert day_start("", at(13, 5), at(14, 0)) == at(13, 5)


async def test_a_session_begun_hours_after_the_plans_start_is_not_hours_ahead(
    tmp_path: Path,
) -> None:
    plan = dataclasses.replace(load_test_plan("small"), start="09:00")
    clock = FakeClock(at(13, 24))  # begun four hours and more after the plan's start
    workshop = Workshop.create(plan, tmp_path, clock=clock)
    await workshop.open()
    try:
        await workshop.start()
        clock.advance(60)
        day = agenda(workshop)
        assert abs(day["behind"]) <= 2, day
    finally:
        await workshop.shutdown()


@pytest.mark.parametrize("command", ["run", "demo", "serve"])
def test_start_is_an_option_of_run_demo_and_serve(command: str) -> None:
    args = build_parser("da").parse_args([command, "kerneopgaven", "--start", "9:30"])
    assert args.start == "09:30"
    assert Settings.from_args(args, rehearsal=command == "demo").start == "09:30"


def test_a_start_that_is_no_time_of_day_is_one_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser("da").parse_args(["run", "kerneopgaven", "--start", "25:00"])
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "»25:00« er ikke et klokkeslæt som HH:MM, fx 09:30." in said
    assert "Traceback" not in said


def test_the_start_given_on_the_line_is_kept_by_the_session(tmp_path: Path) -> None:
    args = argparse.Namespace(
        host="127.0.0.1",
        port=0,
        public_url=None,
        plan="kerneopgaven",
        step=None,
        data_dir=str(tmp_path),
        start="13:15",
    )
    workshop = open_workshop(Settings.from_args(args), "da")
    path = workshop.path
    assert workshop.plan.start == "13:15"
    workshop.store.release()
    again = Workshop.resume(path)
    assert again.plan.start == "13:15"
    again.store.release()


def test_the_console_writes_minutes_with_a_decimal_comma_in_danish() -> None:
    assert minutes_text(0.5, "da") == "0,5"
    assert minutes_text(3.0, "da") == "3"
    assert minutes_text(0.5, "en") == "0.5"
