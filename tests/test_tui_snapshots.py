"""Snapshots of the projected screen at projector sizes (review the report before updating).

Each session is set up first on its own event loop and then resumed on a frozen clock, so the
countdown, the agenda's times, the join code and the address are the same on every run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tui_support import FakeClock, make_app, open_workshop, submit, utc_local_time

from kerne_tui.workshop import Workshop

SIZES = [(100, 30), (160, 45)]
Setup = Callable[[Workshop, FakeClock], Awaitable[None]]


async def text_answers(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("min-opgave")
    answers = [
        "At børnene trives og lærer noget hver dag.",
        "Tryghed for familierne, også når det er svært.",
        "Vi er her for at give eleverne lyst til at lære, og for at ingen bliver ladt alene "
        "med det, der er svært. Det kræver, at vi taler sammen på tværs af faggrupperne.",
        "Læring, trivsel og fællesskab.",
    ]
    for index, text in enumerate(answers):
        clock.advance(7)
        await submit(workshop, f"phone-{index}", {"text": text})


async def text_revealed(workshop: Workshop, clock: FakeClock) -> None:
    await text_answers(workshop, clock)
    await workshop.toggle_reveal("min-opgave")


async def vote_revealed(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("en-saetning")
    proposals = [
        "Vi skaber trivsel og læring for alle børn.",
        "Vi hjælper familierne med at stå på egne ben.",
        "Vi giver eleverne mod på at lære.",
    ]
    made = []
    for index, text in enumerate(proposals):
        clock.advance(5)
        made.append(await submit(workshop, f"writer-{index}", {"text": text}))
    await workshop.next_step()
    ids = [c.id for c in made]
    votes = [{ids[0]: 2, ids[1]: 1}, {ids[0]: 1, ids[2]: 2}, {ids[0]: 2, ids[2]: 1}, {ids[1]: 1}]
    for index, dots in enumerate(votes):
        clock.advance(3)
        await submit(workshop, f"voter-{index}", {"dots": dots})
    await workshop.toggle_reveal("prikker")


async def scale_revealed(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("klarhed")
    answers = [(4, 2), (5, 3), (2, 2), (4, 1), (3, 4), (4, 2)]
    for index, (first, second) in enumerate(answers):
        clock.advance(4)
        await submit(workshop, f"phone-{index}", {"values": {"0": first, "1": second}})
    await workshop.toggle_reveal("klarhed")


async def agenda_midway(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.start()
    clock.advance(150)
    await workshop.next_step()
    clock.advance(420)
    await workshop.next_step()
    clock.advance(60)


SCENES: dict[str, tuple[Setup, tuple[str, ...]]] = {
    "text-hidden": (text_answers, ()),
    "text-revealed": (text_revealed, ()),
    "vote-result": (vote_revealed, ()),
    "scale-result": (scale_revealed, ()),
    "agenda": (agenda_midway, ("a",)),
    "full-qr": (agenda_midway, ("q",)),
}


@pytest.fixture
def frozen_time() -> Iterator[None]:
    """Local time is UTC during the test, so the agenda's clock times are the same anywhere."""
    with utc_local_time():
        yield


def resumed_session(tmp_path: Path, setup: Setup) -> tuple[Workshop, FakeClock]:
    """Run *setup* on a session of the test plan, then resume it on a frozen clock."""
    clock = FakeClock()

    async def prepare() -> Path:
        async with open_workshop(tmp_path, clock) as workshop:
            await setup(workshop, clock)
            await workshop.save_state()
            return workshop.path

    path = asyncio.run(prepare())
    return Workshop.resume(path, clock=clock), clock


@pytest.mark.usefixtures("frozen_time")
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen_looks_as_approved(
    snap_compare: Any, tmp_path: Path, scene: str, size: tuple[int, int]
) -> None:
    setup, keys = SCENES[scene]
    workshop, _ = resumed_session(tmp_path, setup)
    try:
        app = make_app(workshop, tmp_path)
        assert snap_compare(app, press=keys, terminal_size=size)
    finally:
        asyncio.run(workshop.shutdown())
