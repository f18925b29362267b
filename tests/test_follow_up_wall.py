"""The follow-up on the wall: the day's sentence from the start, before and after, the review.

The before/after wall at 100x30 is a snapshot (review the report before updating it), and a
PNG of it is kept in test-artifacts/ for people to look at.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import cairosvg
import pytest
from support.follow_up import (
    DAY_AGREEMENTS,
    DAY_EVIDENCE,
    DAY_OBJECTIONS,
    DAY_OWNED,
    DAY_PARKED_OPEN,
    DAY_PINS,
    run_day,
    shipped,
)
from tui_support import ARTIFACTS, JOIN_CODE, FakeClock, make_app, screen_text, submit

from kerne_tui.archive import read_earlier, write_archive
from kerne_tui.workshop import Workshop

Setup = Callable[[Workshop, FakeClock], Awaitable[None]]
TODAY_KLARHED = ((4, 3, 4), (4, 2, 5), (3, 3, 4), (5, 2, 4), (4, 3, 4))


async def klarhed_revealed(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("klarhed")
    for phone, values in enumerate(TODAY_KLARHED):
        clock.advance(5)
        answers = {str(i): value for i, value in enumerate(values)}
        await submit(workshop, f"phone-{phone}", {"values": answers})
    await workshop.toggle_reveal("klarhed")


async def agreements_reviewed(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("aftalerne")
    ids = [option.id for option in workshop.options(workshop.plan.step("aftalerne"))]
    given = [
        ("done", "under_way", "not_started"),
        ("done", "under_way", "dropped"),
        ("done", "done", "not_started"),
        ("done", "under_way", "not_started"),
        ("under_way", "under_way", "not_started"),
    ]
    for phone, statuses in enumerate(given):
        clock.advance(5)
        comments = {ids[2]: "Forældremødet blev flyttet"} if phone == 1 else {}
        payload = {"statuses": dict(zip(ids, statuses, strict=True)), "comments": comments}
        await submit(workshop, f"phone-{phone}", payload)


async def waiting(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("velkommen")


def follow_up_session(
    tmp_path: Path, setup: Setup, day_plan: str = "kerneopgaven-kort"
) -> Workshop:
    """The day run and archived, a follow-up made from the zip, *setup* run; then resumed."""
    clock = FakeClock()

    async def prepare() -> Path:
        day = await run_day(tmp_path / "day", clock, day_plan)
        zip_path = write_archive(day, tmp_path / "archives")
        plan = shipped("opfoelgning")
        data = tmp_path / "data"
        workshop = Workshop.create(
            plan, data, clock=clock, join_code=JOIN_CODE, follow_up=read_earlier(zip_path, plan)
        )
        await workshop.open()
        try:
            await setup(workshop, clock)
            await workshop.save_state()
        finally:
            await workshop.shutdown()
        return workshop.path

    path = asyncio.run(prepare())
    return Workshop.resume(path, clock=clock)


SCENES: dict[str, Setup] = {
    "followup-compared": klarhed_revealed,
    "followup-review": agreements_reviewed,
}


@pytest.mark.parametrize("scene", list(SCENES))
def test_follow_up_wall_looks_as_approved(snap_compare: Any, tmp_path: Path, scene: str) -> None:
    workshop = follow_up_session(tmp_path, SCENES[scene])
    try:
        assert snap_compare(make_app(workshop, tmp_path), terminal_size=(100, 30))
    finally:
        asyncio.run(workshop.shutdown())


async def _shown(workshop: Workshop, tmp_path: Path, png: str | None = None) -> str:
    app = make_app(workshop, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if png is not None:
            picture = cairosvg.svg2png(bytestring=app.export_screenshot().encode("utf-8"))
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / png).write_bytes(picture)
        return screen_text(app)


def test_the_compared_scale_shows_the_day_and_now_with_the_shift(tmp_path: Path) -> None:
    workshop = follow_up_session(tmp_path, klarhed_revealed)
    try:
        text = asyncio.run(_shown(workshop, tmp_path, "followup-compared-100x30.png"))
    finally:
        asyncio.run(workshop.shutdown())
    # Statement 1: the day 2, 2, 3, 1, 2 (mean 2,0); now 4, 4, 3, 5, 4 (mean 4,0).
    assert "Dagen: 5 svar" in text
    day_lines = [line for line in text.splitlines() if line.strip().startswith("Dagen ")]
    now_lines = [line for line in text.splitlines() if line.strip().startswith("Nu ")]
    assert len(day_lines) == len(now_lines) == 3
    assert day_lines[0].split()[1:11] == ["1", "1", "2", "3", "3", "1", "4", "0", "5", "0"]
    assert "gns. 2,0" in day_lines[0]
    assert now_lines[0].split()[1:11] == ["1", "0", "2", "0", "3", "1", "4", "3", "5", "1"]
    assert "gns. 4,0 (+2,0)" in now_lines[0]


def test_the_day_s_sentence_is_on_the_wall_from_the_start(tmp_path: Path) -> None:
    workshop = follow_up_session(tmp_path, waiting)
    try:
        text = asyncio.run(_shown(workshop, tmp_path))
    finally:
        asyncio.run(workshop.shutdown())
    assert f"Arbejdsversion fra dagen: {DAY_PINS[-1]}" in " ".join(text.split())


def test_the_review_shows_each_agreement_with_its_spread(tmp_path: Path) -> None:
    workshop = follow_up_session(tmp_path, agreements_reviewed)
    try:
        text = asyncio.run(_shown(workshop, tmp_path, "followup-review-100x30.png"))
    finally:
        asyncio.run(workshop.shutdown())
    lines = [" ".join(line.split()) for line in text.splitlines()]
    what, who, when = DAY_AGREEMENTS[0]
    heading = next(line for line in lines if what in line)
    assert f"({who} · {when.split()[0]}" in heading
    below = lines[lines.index(heading) + 1 : lines.index(spreads_first(lines))]
    said = " ".join(" ".join(below).replace("▀", " ").split())  # the pane folds, the QR aside
    assert f"Sådan ser vi, at det virkede: {DAY_EVIDENCE[0]}" in said
    assert sum("Sådan ser vi, at det virkede:" in line for line in lines) == 2
    spreads = [line for line in lines if "Gjort" in line and "Opgivet" in line]
    assert spreads[0].startswith("Gjort 4 I gang 1 Ikke begyndt 0 Opgivet 0")
    assert spreads[2].startswith("Gjort 0 I gang 0 Ikke begyndt 4 Opgivet 1")
    assert any("» Forældremødet blev flyttet" in line for line in lines)


def spreads_first(lines: list[str]) -> str:
    return next(line for line in lines if "Gjort" in line and "Opgivet" in line)


async def klarhed_thin(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("klarhed")
    for phone in range(2):
        clock.advance(5)
        await submit(workshop, f"phone-{phone}", {"values": {"0": 5, "1": 5, "2": 5}})
    await workshop.toggle_reveal("klarhed")


def test_with_too_few_answers_today_only_the_day_is_shown(tmp_path: Path) -> None:
    workshop = follow_up_session(tmp_path, klarhed_thin)
    try:
        text = asyncio.run(_shown(workshop, tmp_path))
    finally:
        asyncio.run(workshop.shutdown())
    lines = [" ".join(line.split()) for line in text.splitlines()]
    day = [line for line in lines if line.startswith("Dagen 1")]
    now = [line for line in lines if line.startswith("Nu ")]
    assert len(day) == 3 and "gns. 2,0" in day[0]
    assert all("for få svar til at vise (2 svar, mindst 5)" in line for line in now)
    assert not any("gns. 5,0" in line for line in lines)


async def at_the_open_ends(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("det-aabne")


async def at_klarhed(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("klarhed")


def open_ends_said(text: str) -> bool:
    """True when every owned parked item (with its owner) and every open question is on show."""
    flat = " ".join(text.split())
    owned = all(what in flat and f"ejer: {who}" in flat for what, who in DAY_OWNED)
    # A long question folds in its column beside the next one's "where": its start is enough.
    asked = all(question[:30] in flat for question in (*DAY_OBJECTIONS, DAY_PARKED_OPEN))
    return owned and asked


@pytest.mark.parametrize(
    ("setup", "png"),
    [(waiting, "followup-open-ends-start-100x30.png"), (at_the_open_ends, None)],
    ids=["at-the-start", "in-the-step-that-reviews-them"],
)
def test_the_day_s_open_ends_are_on_the_wall(tmp_path: Path, setup: Setup, png: str | None) -> None:
    workshop = follow_up_session(tmp_path, setup, "kerneopgaven")
    try:
        text = asyncio.run(_shown(workshop, tmp_path, png))
    finally:
        asyncio.run(workshop.shutdown())
    flat = " ".join(text.replace("▀", " ").split())  # the pane folds lines, the QR aside
    assert "Det åbne fra dagen 2 parkeret med en ansvarlig · 3 åbne spørgsmål" in flat
    assert open_ends_said(flat), text


def test_the_open_ends_give_way_to_the_answers_in_other_steps(tmp_path: Path) -> None:
    workshop = follow_up_session(tmp_path, at_klarhed, "kerneopgaven")
    try:
        text = asyncio.run(_shown(workshop, tmp_path))
    finally:
        asyncio.run(workshop.shutdown())
    assert "Det åbne fra dagen" not in text
    assert DAY_OWNED[0][0] not in text
