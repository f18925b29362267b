"""The wall for points and matrix steps, approved as snapshots at projector sizes.

Set up on the fake clock and resumed frozen (as in ``test_tui_snapshots.py``), so the countdown,
the join code and the address are the same on every run. Review the snapshot report before
updating.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from support import plan_text
from tui_support import FakeClock, make_app, open_workshop, submit, utc_local_time

from kerne_tui.tui.results import ResultsView
from kerne_tui.workshop import Workshop

SIZES = [(100, 30), (160, 45)]
PLAN = plan_text("points-matrix")
Setup = Callable[[Workshop, FakeClock], Awaitable[None]]

SHARES = [(50, 10, 10, 30), (60, 0, 20, 20), (40, 20, 0, 40), (70, 10, 0, 20), (45, 5, 0, 50)]
"""Five phones' points over: time with citizens, documentation, meetings, peer sparring."""
GRIDS = [
    [(2, 5), (1, 4), (4, 3), (3, 4), (5, 2)],
    [(1, 4), (2, 4), (5, 2), (3, 5), (4, 1)],
    [(2, 4), (1, 5), (4, 2), (2, 4), (5, 2)],
    [(1, 5), (2, 3), (5, 3), (4, 4), (4, 2)],
    [(1, 5), (3, 4), (5, 1), (4, 5), (5, 1)],
]
"""Five phones' placements (effort, difference) of the matrix step's five options."""


async def points_revealed(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("fordel")
    options = [o.id for o in workshop.options(workshop.plan.step("fordel"))]
    for n, shares in enumerate(SHARES):
        clock.advance(6)
        points = {o: p for o, p in zip(options, shares, strict=True) if p}
        await submit(workshop, f"phone-{n}", {"points": points})
    await workshop.toggle_reveal("fordel")


async def matrix_revealed(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("matrix")
    options = [o.id for o in workshop.options(workshop.plan.step("matrix"))]
    for n, grid in enumerate(GRIDS):
        clock.advance(9)
        placed = {o: list(xy) for o, xy in zip(options, grid, strict=True)}
        await submit(workshop, f"phone-{n}", {"placements": placed})
    await workshop.toggle_reveal("matrix")


SCENES: dict[str, Setup] = {"points-result": points_revealed, "matrix-result": matrix_revealed}


@pytest.fixture
def frozen_time() -> Iterator[None]:
    with utc_local_time():
        yield


def resumed_session(tmp_path: Path, setup: Setup) -> Workshop:
    clock = FakeClock()

    async def prepare() -> Path:
        async with open_workshop(tmp_path, clock, plan_text=PLAN) as workshop:
            await setup(workshop, clock)
            await workshop.save_state()
            return workshop.path

    path = asyncio.run(prepare())
    return Workshop.resume(path, clock=clock)


@pytest.mark.usefixtures("frozen_time")
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("scene", list(SCENES))
def test_the_wall_looks_as_approved(
    snap_compare: Any, tmp_path: Path, scene: str, size: tuple[int, int]
) -> None:
    workshop = resumed_session(tmp_path, SCENES[scene])
    try:
        assert snap_compare(make_app(workshop, tmp_path), terminal_size=size)
    finally:
        asyncio.run(workshop.shutdown())


def wall_text(workshop: Workshop, tmp_path: Path, size: tuple[int, int]) -> str:
    """The results pane as plain text, as the wall shows it at *size*."""

    async def look() -> str:
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            view = app.screen.query_one(ResultsView)
            region = view.region
            lines = app.screen._compositor.render_strips()
            return "\n".join(
                "".join(segment.text for segment in line)[region.x : region.right]
                for line in lines[region.y : region.bottom]
            )

    return asyncio.run(look())


@pytest.mark.usefixtures("frozen_time")
def test_the_points_wall_sorts_the_options_and_gives_totals_and_averages(tmp_path: Path) -> None:
    workshop = resumed_session(tmp_path, points_revealed)
    try:
        text = wall_text(workshop, tmp_path, (100, 30))
    finally:
        asyncio.run(workshop.shutdown())
    rows = [line for line in text.splitlines() if "point" in line]
    assert [row.split()[0] for row in rows] == ["Tid", "Faglig", "Dokumentation", "Møder"]
    assert "265 point · gns. 53,0" in rows[0]
    assert "30 point · gns. 6,0" in rows[3]


@pytest.mark.usefixtures("frozen_time")
def test_the_matrix_wall_puts_each_option_in_its_quadrant_with_a_legend(tmp_path: Path) -> None:
    workshop = resumed_session(tmp_path, matrix_revealed)
    try:
        text = wall_text(workshop, tmp_path, (100, 30))
    finally:
        asyncio.run(workshop.shutdown())
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    left, right = lines[top].index("┌"), lines[top].index("┐")
    grid = [line[left + 1 : right] for line in lines[top + 1 : bottom]]
    middle_row = next(i for i, row in enumerate(grid) if "┼" in row)
    middle_col = grid[middle_row].index("┼")
    where = {}
    for mark in "12345":
        row = next(i for i, cells in enumerate(grid) if mark in cells)
        col = grid[row].index(mark)
        where[mark] = (
            "high" if row < middle_row else "low",
            "left" if col < middle_col else "right",
        )
    # 1 Fast pausetid: a great difference for little effort; 3 Ny tjekliste: the opposite.
    assert where["1"] == ("high", "left")
    assert where["3"] == ("low", "right")
    assert where["4"] == ("high", "right")
    assert "1 Fast pausetid" in text and "5 Fælles kalender" in text
    assert "↑ Betydning for borgeren" in text and "→ Indsats" in text
