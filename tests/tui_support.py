"""Shared parts for the projected-screen tests: a frozen clock, a small plan, a ready workshop.

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

from conftest import FakeClock as SharedFakeClock
from textual.pilot import Pilot
from textual.strip import Strip

from kerne_tui.archive import write_archive
from kerne_tui.plan import Plan, load_plan
from kerne_tui.tui.app import Archiver, KerneApp, build_app
from kerne_tui.workshop import Contribution, Workshop

JOIN_CODE = "KXR7M"
"""A fixed join code (from the join alphabet)."""
JOIN_URL = f"http://192.168.1.23:8765/j/{JOIN_CODE}"
"""A fixed join address, shaped like a real one on a LAN."""
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

PLAN = """\
title = "Kerneopgaven på prøve"
language = "da"
description = "En lille plan til skærmtestene."
start = "09:00"

[[modules]]
title = "Hvad tror jeg, vi laver?"
focus = "Hver for sig først, så sammen."

[[modules.steps]]
id = "velkommen"
kind = "info"
title = "Velkommen"
prompt = "Scan QR-koden med din telefon."
minutes = 2
notes = "Sig: svar vises først, når mindst tre har svaret."

[[modules.steps]]
id = "min-opgave"
kind = "text"
title = "Hvad tror jeg, vi laver?"
prompt = "Skriv alene: Hvad er vi her for at opnå for dem, vi arbejder for?"
minutes = 5
show = "reveal"
min_answers = 3
max_per_person = 3
notes = "Hold øje med: nogen, der venter på det rigtige svar."

[[modules.steps]]
id = "forskelle"
kind = "discuss"
title = "Og hvad tror du, vi laver?"
prompt = "Se på svarene. Hvor ligner de hinanden?"
minutes = 4

[[modules]]
title = "Fra mange ord til én sætning"
focus = "Vi skriver os frem til en arbejdsversion."

[[modules.steps]]
id = "en-saetning"
kind = "sentence"
title = "Vores bud på én sætning"
prompt = "Skriv jeres bud på kerneopgaven i én sætning."
minutes = 6
show = "live"
min_answers = 2
max_per_person = 2

[[modules.steps]]
id = "prikker"
kind = "vote"
title = "Prikafstemning"
prompt = "Sæt dine tre prikker på de forslag, du bedst kan stå inde for."
minutes = 4
options_from = "en-saetning"
dots = 3
max_per_option = 2
min_answers = 2

[[modules.steps]]
id = "klarhed"
kind = "scale"
title = "Hvor klar er opgaven i dag?"
prompt = "Hvor enig er du i udsagnene?"
minutes = 3
min_answers = 2
statements = [
    "Jeg kan forklare vores kerneopgave i én sætning.",
    "Kerneopgaven hjælper mig med at prioritere.",
]
low_label = "Helt uenig"
high_label = "Helt enig"

[[modules.steps]]
id = "valg"
kind = "choice"
title = "Hvor starter vi?"
prompt = "Vælg det, vi skal tage fat på først."
minutes = 2
min_answers = 2
options = ["Møderne", "Dokumentationen", "Overleveringen"]

[[modules.steps]]
id = "handlinger"
kind = "actions"
title = "Aftaler"
prompt = "Hvad gør vi, hvem gør det, og hvornår?"
minutes = 5
min_answers = 1
"""


class FakeClock(SharedFakeClock):
    """The shared hand-moved clock, standing at 08:55 UTC unless told otherwise."""

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
    """The small plan above, written to *folder* and loaded."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "proeve.toml"
    path.write_text(text, encoding="utf-8")
    return load_plan(path)


def new_workshop(folder: Path, clock: FakeClock | None = None, plan_text: str = PLAN) -> Workshop:
    """A fresh session of the test plan with the fixed join code (not yet open for writing)."""
    plan = write_plan(folder, plan_text)
    data = folder / "data"
    data.mkdir(exist_ok=True)
    return Workshop.create(plan, data, clock=clock or FakeClock(), join_code=JOIN_CODE)


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
) -> KerneApp:
    """The app as the command line builds it, with the fixed address (and maybe a fake archive)."""
    return build_app(
        workshop,
        join_url=JOIN_URL,
        data_dir=folder / "data",
        notices=notices or [],
        archiver=archiver,
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
