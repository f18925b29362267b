"""Shared parts for the projected-screen tests: a frozen clock, a small plan, a ready workshop.

The clock, the plan file and the workshop come from ``tests/support``; this adds the screen's own.

Everything that could make two runs differ is fixed here: the clock (a FakeClock the test
moves by hand), the join code and the join address, the local time zone, and the cursor blink.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import support
from support import copy_plan, data_folder, plan_text
from textual.pilot import Pilot
from textual.strip import Strip

from kerne_tui.archive import write_archive
from kerne_tui.control import ControlCenter
from kerne_tui.plan import Plan, load_plan
from kerne_tui.tui.app import Archiver, KerneApp, build_app
from kerne_tui.tui.results import ResultsView
from kerne_tui.workshop import Contribution, Workshop

JOIN_CODE = "KXR7M"
"""A fixed join code (from the join alphabet)."""
JOIN_URL = f"http://192.168.1.23:8765/j/{JOIN_CODE}"
"""A fixed join address, shaped like a real one on a LAN."""
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

PLAN = plan_text("screen")
"""The screen tests' plan (``tests/data/screen.toml``), as text for tests that change a line."""


class FakeClock(support.FakeClock):
    """The tests' one clock (``support.FakeClock``), standing at 08:55 UTC unless told otherwise."""

    def __init__(self, start: datetime | None = None) -> None:
        super().__init__(start or datetime(2026, 11, 23, 8, 55, tzinfo=UTC))


@contextlib.contextmanager
def utc_local_time() -> Iterator[None]:
    """Make the local time zone UTC, so clock times on screen do not depend on the machine."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def write_plan(folder: Path, text: str = PLAN) -> Plan:
    """The screen plan (or *text* in its place), written to *folder* as ``proeve.toml``, loaded."""
    return load_plan(copy_plan("screen", folder, "proeve.toml", text))


def new_workshop(folder: Path, clock: FakeClock | None = None, plan_text: str = PLAN) -> Workshop:
    """A fresh session of the test plan with the fixed join code (not yet open for writing)."""
    plan = write_plan(folder, plan_text)
    return support.new_workshop(
        plan, data_folder(folder), clock or FakeClock(), join_code=JOIN_CODE
    )


@contextlib.asynccontextmanager
async def open_workshop(
    folder: Path, clock: FakeClock | None = None, plan_text: str = PLAN
) -> AsyncIterator[Workshop]:
    """A fresh session, writing on the running loop, shut down afterwards."""
    workshop = new_workshop(folder, clock, plan_text)
    await workshop.open()
    try:
        yield workshop
    finally:
        await workshop.shutdown()


def make_app(
    workshop: Workshop,
    folder: Path,
    notices: list[str] | None = None,
    archiver: Archiver = write_archive,
    control: ControlCenter | None = None,
) -> KerneApp:
    """The app as the command line builds it, with the fixed address (and maybe a fake archive)."""
    return build_app(
        workshop,
        join_url=JOIN_URL,
        data_dir=folder / "data",
        notices=notices or [],
        archiver=archiver,
        control=control,
    )


async def submit(
    workshop: Workshop, phone: str, payload: dict[str, Any], step: str | None = None
) -> Contribution:
    """Send *payload* from the phone named *phone* to the open step (a new client id each time)."""
    step_id = step or workshop.current
    assert step_id is not None
    submit.counter += 1  # type: ignore[attr-defined]
    client = f"{phone}-{submit.counter}"  # type: ignore[attr-defined]
    return await workshop.submit(phone, step_id, client, payload)


submit.counter = 0  # type: ignore[attr-defined]


def screen_text(app: KerneApp) -> str:
    """What the top screen shows, as plain text lines."""
    strips: list[Strip] = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def notices(app: KerneApp) -> list[str]:
    """The notifications on screen now."""
    return [notification.message for notification in app._notifications]


async def until(pilot: Pilot[None], condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let the app run until *condition* holds (bounded: fails after *seconds*)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), "the screen did not get there in time"


async def steady(pilot: Pilot[None], app: KerneApp) -> None:
    """Wait (bounded) until the wall has drawn its pages for its final size, three ticks alike."""
    calm = 0
    for _ in range(60):
        await pilot.pause(0.1)
        found = app.main.query(ResultsView)
        if not found:
            continue  # not composed yet
        view = found.first()
        settled = view.drawn_for == view.content_size and view.pager.pages == app.main.showing.pages
        calm = calm + 1 if settled else 0
        if calm >= 4:
            return
    raise AssertionError("the wall did not settle")
