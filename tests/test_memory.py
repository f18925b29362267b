"""The cycle collector is kept out of bursts: long-lived objects are set aside at calm moments."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from tui_support import make_app, open_workshop, screen_text, until

from kerne_tui.memory import THRESHOLDS, settle


class _Node:
    def __init__(self) -> None:
        self.me = self


def test_settle_frees_garbage_first_and_sets_the_living_aside() -> None:
    kept = _Node()
    dropped = _Node()
    gone = weakref.ref(dropped)
    del dropped  # a cycle: only the collector frees it
    settle()
    assert gone() is None  # it was collected, not frozen for ever
    assert gc.get_freeze_count() > 0
    assert kept.me is kept


def test_after_settling_young_collections_are_rarer_and_full_ones_rarer_still() -> None:
    settle()
    young, middle, full = gc.get_threshold()
    assert (young, middle, full) == THRESHOLDS
    assert young > 700 and young * middle * full > 700 * 10 * 10 * 100


async def test_the_screen_settles_when_a_step_opens(tmp_path: Path) -> None:
    # Opening a step is the calm moment before the room answers: what lives then is set aside,
    # so a full collection cannot land in the burst that follows and stall the countdown.
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            gc.unfreeze()
            assert gc.get_freeze_count() == 0
            await workshop.go_to("klarhed")
            await until(pilot, lambda: "Hvor klar er opgaven i dag?" in screen_text(app))
            await until(pilot, lambda: gc.get_freeze_count() > 0)
