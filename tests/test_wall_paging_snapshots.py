"""Snapshots of the wall at a room's size (issue 22), at 80x24, 100x30 and 160x45: a paged text
step of thirty phones, one answer in the spotlight, a scale with three long statements, and a
parking lot with more items than a page holds. Each was looked at as a picture before approval.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_wall_paging import EACH, PHONES, SCALE_PLAN, STEP, answer
from tui_kinds_support import KINDS_PLAN, PARKED
from tui_support import (
    PLAN,
    FakeClock,
    make_app,
    open_workshop,
    steady,
    submit,
    utc_local_time,
)

from kerne_tui.workshop import Workshop

SIZES = [(80, 24), (100, 30), (160, 45)]
Setup = Callable[[Workshop, FakeClock], Awaitable[None]]


async def paged_text(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.start()
    await workshop.go_to(STEP)
    for phone in range(PHONES):
        for n in range(EACH):
            clock.advance(1)
            await submit(workshop, f"phone-{phone}", {"text": answer(phone, n)})
    every = workshop.contributions(STEP)
    await workshop.merge(every[10].id, every[40].id)
    await workshop.toggle_reveal(STEP)


async def long_scale(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.start()
    await workshop.go_to("klarhed")
    for phone in range(PHONES):
        clock.advance(1)
        values = {str(i): 1 + (phone * (i + 1)) % 5 for i in range(3)}
        await submit(workshop, f"phone-{phone}", {"values": values})


MORE_PARKED = [
    "Hvornår får vi svar på, om vi kan holde fast i de faste teammøder om torsdagen?",
    "Hvem tager kontakten til forvaltningen om den nye vagtplan?",
    "Kan vi låne lokalet i hallen til næste temadag?",
    "Hvad gør vi med de sager, der ligger over sommerferien?",
    "Skal forældrene høres, før vi ændrer modtagelsen om morgenen?",
    "Hvordan deler vi det, vi har lært i dag, med dem, der ikke var her?",
    "Må vi bruge en time af personalemødet på kerneopgaven hver måned?",
    "Hvem skriver referatet af i dag, og hvor lægger vi det?",
]


async def many_parked(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.start()
    items = []
    for index, text in enumerate([*PARKED, *MORE_PARKED]):
        clock.advance(30)
        items.append(await workshop.park(f"parker-{index}", f"p{index}", {"text": text}))
    for voter in range(3):
        await workshop.park(f"voter-{voter}", f"v{voter}", {"upvote": items[2].id})
    await workshop.go_to("gennemgang")
    await workshop.set_outcome(items[2].id, "owner", "Lederen")


SCENES: dict[str, tuple[str, Setup, tuple[str, ...]]] = {
    "paged-text": (PLAN, paged_text, ()),
    "spotlight": (PLAN, paged_text, ("down", "down", "l")),
    "long-scale": (SCALE_PLAN, long_scale, ()),
    "parking-lot": (KINDS_PLAN, many_parked, ()),
}


@pytest.fixture
def frozen_time() -> Iterator[None]:
    with utc_local_time():
        yield


def resumed(tmp_path: Path, plan: str, setup: Setup) -> Workshop:
    """Run *setup* on a session of *plan*, then resume it on a frozen clock (pages stand)."""
    clock = FakeClock()

    async def prepare() -> Path:
        async with open_workshop(tmp_path, clock, plan) as workshop:
            await setup(workshop, clock)
            await workshop.save_state()
            return workshop.path

    return Workshop.resume(asyncio.run(prepare()), clock=clock)


@pytest.mark.usefixtures("frozen_time")
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("scene", list(SCENES))
def test_the_wall_at_a_rooms_size_looks_as_approved(
    snap_compare: Any, tmp_path: Path, scene: str, size: tuple[int, int]
) -> None:
    plan, setup, keys = SCENES[scene]
    workshop = resumed(tmp_path, plan, setup)
    try:
        app = make_app(workshop, tmp_path)

        async def settle(pilot: Any) -> None:
            await steady(pilot, app)  # drawn again at the width the QR gave up
            if keys:
                await pilot.press(*keys)
                await steady(pilot, app)

        assert snap_compare(app, terminal_size=size, run_before=settle)
    finally:
        asyncio.run(workshop.shutdown())
