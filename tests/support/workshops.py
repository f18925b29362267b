"""Opening a workshop on a test's folder: a fixed join code, the fake clock, shut down after."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from kerne_tui.plan import Plan
from kerne_tui.workshop import Workshop

from .clock import FakeClock

JOIN_CODE = "KERNE"
"""The join code of the workshops made here unless a test names another."""


def data_folder(folder: Path) -> Path:
    """``folder/data``, made if missing: where the session files of a test go."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    return data


def new_workshop(
    plan: Plan,
    data_dir: Path,
    clock: FakeClock | None = None,
    *,
    join_code: str = JOIN_CODE,
    rehearsal: bool = False,
    speed: float = 1.0,
) -> Workshop:
    """A fresh session of *plan* in *data_dir*, not yet open for writing."""
    return Workshop.create(
        plan,
        data_dir,
        clock=clock or FakeClock(),
        join_code=join_code,
        rehearsal=rehearsal,
        speed=speed,
    )


@contextlib.asynccontextmanager
async def open_workshop(
    plan: Plan,
    data_dir: Path,
    clock: FakeClock | None = None,
    *,
    join_code: str = JOIN_CODE,
    rehearsal: bool = False,
    speed: float = 1.0,
) -> AsyncIterator[Workshop]:
    """A fresh session of *plan*, writing on the running loop, shut down afterwards."""
    workshop = new_workshop(
        plan, data_dir, clock, join_code=join_code, rehearsal=rehearsal, speed=speed
    )
    await workshop.open()
    try:
        yield workshop
    finally:
        await workshop.shutdown()
