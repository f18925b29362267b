"""The wall for word clouds, questions and the parking lot: snapshots and the facilitator's keys."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input
from tui_kinds_support import KINDS_PLAN, parking_review, questions_live, words_revealed
from tui_support import (
    FakeClock,
    make_app,
    notices,
    open_workshop,
    screen_text,
    until,
    utc_local_time,
)

from kerne_tui.tui.block_letters import LETTERS, drawable
from kerne_tui.tui.dialogs import MergeScreen, OwnerScreen
from kerne_tui.workshop import Workshop

Setup = Callable[[Workshop, FakeClock], Awaitable[None]]

SCENES: dict[str, Setup] = {
    "words-cloud": words_revealed,
    "questions-by-votes": questions_live,
    "parking-review": parking_review,
}


@pytest.fixture
def frozen_time() -> Iterator[None]:
    with utc_local_time():
        yield


def resumed(tmp_path: Path, setup: Setup) -> Workshop:
    clock = FakeClock()

    async def prepare() -> Path:
        async with open_workshop(tmp_path, clock, KINDS_PLAN) as workshop:
            await setup(workshop, clock)
            await workshop.save_state()
            return workshop.path

    return Workshop.resume(asyncio.run(prepare()), clock=clock)


@pytest.mark.usefixtures("frozen_time")
@pytest.mark.parametrize("scene", list(SCENES))
def test_the_wall_at_100x30_looks_as_approved(
    snap_compare: Any, tmp_path: Path, scene: str
) -> None:
    workshop = resumed(tmp_path, SCENES[scene])
    try:
        assert snap_compare(make_app(workshop, tmp_path), terminal_size=(100, 30))
    finally:
        asyncio.run(workshop.shutdown())


def test_the_block_font_has_every_danish_letter_and_digit() -> None:
    for char in "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ0123456789":
        glyphs = LETTERS[char]
        assert len(glyphs) == 5 and len({len(row) for row in glyphs}) == 1, char
    assert drawable("rødgrød med fløde") and not drawable("naïve")


async def test_the_cloud_is_read_big_first_and_a_word_outside_the_font_is_still_shown(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock, KINDS_PLAN) as workshop:
        await words_revealed(workshop, clock)
        await workshop.go_to("tjek-ind")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            # The three most frequent are drawn in blocks (not as letters); the rest are words.
            assert "nysgerrig" not in text.lower().split("6 har svaret")[1].split("skeptisk")[0]
            assert "skeptisk 1" in text and "håbefuld 1" in text and "glad 1" in text
            assert "og" not in text.split("6 har svaret")[1].split()


async def test_hide_and_merge_keys_act_on_the_selected_word(tmp_path: Path) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock, KINDS_PLAN) as workshop:
        await words_revealed(workshop, clock)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for _ in range(4):
                await pilot.press("down")
            assert app.main.selected == "skeptisk"
            await pilot.press("h")
            await until(pilot, lambda: "skeptisk" not in screen_text(app))
            assert workshop.word_edits("tjek-ind") == {"skeptisk": ""}
            assert "6 har svaret  ·  1 skjult ord" in screen_text(app)
            assert app.main.selected == "håbefuld"
            await pilot.press("m")
            await until(pilot, lambda: isinstance(app.screen, MergeScreen))
            await pilot.press("enter")  # the first target: the biggest word
            await until(pilot, lambda: "håbefuld" not in screen_text(app))
            assert workshop.word_edits("tjek-ind")["håbefuld"] == "nysgerrig"


async def test_the_facilitator_marks_a_question_answered_and_gives_one_an_owner(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock, KINDS_PLAN) as workshop:
        await questions_live(workshop, clock)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("down")  # the most upvoted question
            await pilot.press("x")
            await until(pilot, lambda: "besvaret" in notices(app))
            top = workshop.contributions("spoergsmaal")[1]
            assert top.text.startswith("Hvem beslutter") and top.outcome == "answered"
            await pilot.press("down", "e")
            await until(pilot, lambda: isinstance(app.screen, OwnerScreen))
            app.screen.query_one(Input).value = "Direktøren"
            await pilot.press("enter")
            await until(pilot, lambda: "Direktøren" in screen_text(app))
            owned = [c for c in workshop.contributions("spoergsmaal") if c.who]
            assert [(c.outcome, c.who) for c in owned] == [("owner", "Direktøren")]


async def test_p_shows_the_parking_lot_at_any_step_and_again_the_answers(tmp_path: Path) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock, KINDS_PLAN) as workshop:
        await words_revealed(workshop, clock)
        await workshop.park("a-phone", "p1", {"text": "Hvornår er der frokost?"})
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("P")
            await until(pilot, lambda: "Hvornår er der frokost?" in screen_text(app))
            assert "Parkeringspladsen  1 punkter, 1 åbne" in screen_text(app)
            await pilot.press("down", "d")
            await until(pilot, lambda: workshop.parked()[0].outcome == "dropped")
            await pilot.press("P")
            await until(pilot, lambda: "skeptisk 1" in screen_text(app))


async def test_a_plan_without_a_parking_lot_has_no_parking_key(tmp_path: Path) -> None:
    clock = FakeClock()
    plan = KINDS_PLAN.replace("parking_lot = true\n", "").replace("parking = true\n", "")
    async with open_workshop(tmp_path, clock, plan) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            assert "Parkering" not in screen_text(app).splitlines()[-1]
            await pilot.press("P")
            await pilot.pause()
            assert not app.main.parking_shown() and "Parkeringspladsen" not in screen_text(app)
