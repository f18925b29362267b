"""Countdowns: UTC deadlines on disk, a monotonic clock while running, right after a resume."""

from __future__ import annotations

from pathlib import Path

from support import JOIN_CODE, FakeClock, open_workshop

from kerne_tui.plan import Plan
from kerne_tui.store import read_session_data, rows
from kerne_tui.workshop import Workshop
from kerne_tui.workshop.timer import StepTimer


def stored_timer(workshop: Workshop) -> dict[str, object]:
    """The timer as the session file on disk holds it."""
    state: dict[str, dict[str, object]] = rows(read_session_data(workshop.path), "state")[0]
    return state["timer"]


async def resumed(workshop: Workshop, clock: FakeClock) -> Workshop:
    """Shut *workshop* down and resume its session file on *clock*, as after a restart."""
    await workshop.shutdown()
    again = Workshop.resume(workshop.path, clock=clock)
    await again.open()
    return again


# --- the timer on its own ------------------------------------------------------------------


def test_a_fresh_timer_is_paused_with_its_whole_time(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    clock.advance(100)
    assert not timer.running
    assert timer.seconds_left() == 300


def test_a_running_timer_counts_down_on_the_monotonic_clock(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    timer.start()
    clock.advance(120)
    clock.jump_wall(3600)  # NTP sets the laptop's clock an hour on: no time passed in the room
    assert timer.seconds_left() == 180
    clock.jump_wall(-7200)  # and two hours back
    clock.advance(30)
    assert timer.seconds_left() == 150


def test_a_timer_never_goes_below_zero(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 60)
    timer.start()
    clock.advance(90)
    assert timer.seconds_left() == 0
    assert timer.expired


def test_a_paused_timer_keeps_what_was_left(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    timer.start()
    clock.advance(100)
    timer.pause()
    clock.advance(1000)
    assert timer.seconds_left() == 200


def test_extend_adds_to_a_running_timer(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    timer.start()
    clock.advance(100)
    timer.extend(60)
    clock.advance(10)
    assert timer.seconds_left() == 250


def test_extend_adds_to_a_paused_timer(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    timer.extend(60)
    assert timer.seconds_left() == 360
    assert not timer.running


def test_a_running_timer_is_stored_as_a_utc_deadline(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    timer.start()
    clock.advance(60)
    doc = timer.to_doc()
    assert doc["deadline"] == "2026-11-23T09:05:00.000Z"
    assert (doc["running"], doc["remaining"]) == (True, 240)


def test_a_paused_timer_is_stored_without_a_deadline(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    doc = timer.to_doc()
    assert "deadline" not in doc
    assert (doc["running"], doc["remaining"]) == (False, 300)


def test_a_stored_running_timer_continues_from_its_deadline(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    timer.start()
    doc = timer.to_doc()
    later = FakeClock(clock.now())
    later.advance(100)
    restored = StepTimer.from_doc(later, doc)
    assert restored.running
    assert restored.seconds_left() == 200


def test_a_stored_deadline_long_past_restores_an_expired_timer(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    timer.start()
    doc = timer.to_doc()
    later = FakeClock(clock.now())
    later.advance(3600)
    assert StepTimer.from_doc(later, doc).expired


def test_a_stored_paused_timer_keeps_its_remaining_seconds(clock: FakeClock) -> None:
    timer = StepTimer.fresh(clock, 300)
    timer.start()
    clock.advance(50)
    timer.pause()
    doc = timer.to_doc()
    later = FakeClock(clock.now())
    later.advance(3600)
    restored = StepTimer.from_doc(later, doc)
    assert not restored.running
    assert restored.seconds_left() == 250


# --- the timer in a session ----------------------------------------------------------------


async def test_opening_a_step_persists_its_deadline_in_utc(
    workshop: Workshop, clock: FakeClock
) -> None:
    clock.advance(30)
    await workshop.go_to("ideas")
    assert stored_timer(workshop)["deadline"] == "2026-11-23T09:05:30.000Z"


async def test_pause_persists_the_remaining_seconds(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("ideas")
    clock.advance(60)
    await workshop.toggle_timer()
    timer = stored_timer(workshop)
    assert (timer["running"], timer["remaining"]) == (False, 240)
    assert "deadline" not in timer


async def test_resume_after_pause_persists_a_new_deadline(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(60)
    await workshop.toggle_timer()
    clock.advance(600)
    await workshop.toggle_timer()
    assert stored_timer(workshop)["deadline"] == "2026-11-23T09:15:00.000Z"
    assert workshop.seconds_left() == 240


async def test_extend_persists_the_later_deadline(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("ideas")
    clock.advance(60)
    await workshop.extend(60)
    assert stored_timer(workshop)["deadline"] == "2026-11-23T09:06:00.000Z"


async def test_speed_shortens_every_step(plan: Plan, data_dir: Path, clock: FakeClock) -> None:
    async with open_workshop(plan, data_dir, clock, speed=10) as fast:
        await fast.go_to("ideas")
        assert fast.seconds_left() == 30


async def test_a_resumed_session_keeps_join_code_step_and_deadline(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(60)
    later = FakeClock(clock.now())
    later.advance(30)
    again = await resumed(workshop, later)
    try:
        assert again.join_code == JOIN_CODE
        assert (again.status, again.current) == ("running", "ideas")
        assert again.timer.running
        assert again.seconds_left() == 210
    finally:
        await again.shutdown()


async def test_a_resumed_paused_session_keeps_its_remaining_time(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(100)
    await workshop.toggle_timer()
    later = FakeClock(clock.now())
    later.advance(3600)
    again = await resumed(workshop, later)
    try:
        assert not again.timer.running
        assert again.seconds_left() == 200
        assert again.is_open()
    finally:
        await again.shutdown()


async def test_a_resumed_session_counts_down_on_its_new_clock(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    later = FakeClock(clock.now())
    again = await resumed(workshop, later)
    try:
        later.advance(100)
        assert again.seconds_left() == 200
    finally:
        await again.shutdown()


async def test_a_resumed_session_keeps_its_contributions_reveals_and_pins(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    sent = await workshop.submit("phone", "ideas", "c1", {"text": "Bevaret"})
    await workshop.toggle_reveal()
    await workshop.pin("Arbejdsversion")
    again = await resumed(workshop, FakeClock(clock.now()))
    try:
        assert again.contributions("ideas") == [sent]
        assert again.revealed == {"ideas"}
        assert [p.text for p in again.pins] == ["Arbejdsversion"]
        assert again.mine("phone") == [sent]
    finally:
        await again.shutdown()


async def test_a_resumed_session_counts_the_downtime_as_time_on_the_step(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(60)
    await workshop.save_state()
    later = FakeClock(clock.now())
    later.advance(40)
    again = await resumed(workshop, later)
    try:
        later.advance(20)
        await again.next_step()
        assert again.elapsed["ideas"] == 120
    finally:
        await again.shutdown()


async def test_a_retracted_contribution_stays_retracted_after_a_resume(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    sent = await workshop.submit("phone", "ideas", "c1", {"text": "Fortrudt"})
    await workshop.retract("phone", sent.id)
    again = await resumed(workshop, FakeClock(clock.now()))
    try:
        assert again.contributions("ideas") == []
        fresh = await again.submit("phone", "ideas", "c1", {"text": "Ny"})
        assert fresh.id != sent.id
    finally:
        await again.shutdown()


# --- coming back to a step ---------------------------------------------------------------


async def test_going_back_a_step_continues_from_the_time_it_had_left(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")  # 5 minutes
    clock.advance(170)
    await workshop.next_step()
    clock.advance(40)
    await workshop.previous_step()
    assert workshop.current == "ideas"
    assert workshop.seconds_left() == 130
    assert workshop.timer.running
    clock.advance(30)
    assert workshop.seconds_left() == 100


async def test_next_past_a_step_and_back_continues_it_and_plus_adds_to_what_was_left(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(200)
    await workshop.next_step()
    await workshop.next_step()
    await workshop.go_to("ideas")
    assert workshop.seconds_left() == 100
    await workshop.extend(60)
    assert workshop.seconds_left() == 160


async def test_a_step_whose_time_ran_out_stays_closed_when_the_facilitator_returns(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(400)
    await workshop.next_step()
    await workshop.previous_step()
    assert workshop.seconds_left() == 0
    assert not workshop.is_open("ideas")
    await workshop.extend(60)
    assert workshop.is_open("ideas")


async def test_the_time_a_step_had_left_survives_a_restart(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(170)
    await workshop.next_step()
    again = await resumed(workshop, clock)
    try:
        await again.previous_step()
        assert again.seconds_left() == 130
    finally:
        await again.shutdown()


async def test_the_time_spent_on_a_step_adds_up_over_every_visit(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(60)
    await workshop.next_step()
    clock.advance(30)
    await workshop.previous_step()
    clock.advance(20)
    await workshop.next_step()
    assert workshop.elapsed["ideas"] == 80
    assert workshop.elapsed["pairs"] == 30
