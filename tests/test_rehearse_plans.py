"""Every shipped plan runs from start to end through the engine with simulated answers."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from support import FakeClock
from support.follow_up import run_day

from kerne_tui.archive import read_earlier
from kerne_tui.plan import Show, Step, StepKind, builtin_plans, load_plan
from kerne_tui.workshop import Workshop, results_for

PHONES = 4


def answer(workshop: Workshop, step: Step, n: int) -> dict[str, Any]:
    """A valid answer from phone *n* to *step*, built from its kind, options and statements."""
    options = [option.id for option in workshop.options(step)]
    if step.kind in (StepKind.TEXT, StepKind.SENTENCE):
        return {"text": f"Svar {n} på {step.title}"[: step.max_length]}
    if step.kind is StepKind.WORDS:
        return {"words": [f"Ord {n}", "fællesskab"][: step.max_words]}
    if step.kind is StepKind.QUESTIONS:
        return {"text": f"Spørgsmål {n} om {step.title}"[: step.max_length]}
    if step.kind is StepKind.ACTIONS:
        return {"what": f"Handling {n}"[: step.max_length], "who": "Teamet", "when": "Maj"}
    if step.kind is StepKind.SCALE:
        return {"values": {str(i): (n + i) % 5 + 1 for i in range(len(step.statements))}}
    rotated = options[n % len(options) :] + options[: n % len(options)]
    if step.kind is StepKind.VOTE:
        return {"dots": dict.fromkeys(rotated[: step.dots], 1)}
    if step.kind is StepKind.CHOICE:
        return {"choices": rotated[:2] if step.multiple else rotated[:1]}
    if step.kind is StepKind.RANK:
        return {"ranking": rotated[: min(step.top, len(options))]}
    if step.kind is StepKind.POINTS:
        return {"points": {rotated[0]: step.budget // 2, rotated[-1]: step.budget // 4}}
    if step.kind is StepKind.MATRIX:
        return {
            "placements": {o: [(n + i) % 5 + 1, (n + 2 * i) % 5 + 1] for i, o in enumerate(options)}
        }
    if step.kind is StepKind.REVIEW:
        statuses = ("done", "under_way", "not_started", "dropped")
        return {"statuses": {o: statuses[(n + i) % 4] for i, o in enumerate(options)}}
    raise AssertionError(f"no answer for {step.kind}")


@pytest.mark.parametrize("plan_path", builtin_plans(), ids=lambda path: path.name)
async def test_a_shipped_plan_runs_from_start_to_end(
    plan_path: Path, data_dir: Path, clock: FakeClock
) -> None:
    plan = load_plan(plan_path)
    follow_up = None
    if plan.builds_on_earlier:
        day = "kerneopgaven-kort.en" if plan.language == "en" else "kerneopgaven-kort"
        follow_up = read_earlier(await run_day(data_dir / "day", clock, day), plan)
    workshop = Workshop.create(plan, data_dir, clock=clock, rehearsal=True, follow_up=follow_up)
    await workshop.open()
    try:
        await workshop.start()
        for index, step in enumerate(plan.steps):
            assert workshop.current == step.id
            if step.kind.takes_input:
                # All phones at once, as in the room (and one write per step, which keeps
                # this test quick).
                await asyncio.gather(
                    *(
                        workshop.submit(
                            f"phone-{n}", step.id, f"{step.id}-{n}", answer(workshop, step, n)
                        )
                        for n in range(PHONES)
                    )
                )
                outcome = results_for(
                    step,
                    workshop.contributions(step.id, include_invisible=True),
                    workshop.options(step),
                )
                assert (outcome.respondents, outcome.count) == (PHONES, PHONES)
            if plan.parking_lot and index == 1:
                # A question parked early in the day, upvoted by the others and closed at the
                # review: the parking lot is open at every step.
                item = await workshop.park("phone-0", "parked", {"text": "Hvad med vagtplanen?"})
                for n in range(1, PHONES):
                    await workshop.park(f"phone-{n}", f"up-{n}", {"upvote": item.id})
            if step.parking:
                (row,) = workshop.parking_rows()
                assert row.votes == PHONES - 1
                await workshop.set_outcome(row.id, "owner", "Lederen")
            if step.show is Show.REVEAL:
                await workshop.toggle_reveal()
            clock.advance(step.minutes * 60)
            moved = await workshop.next_step()
            assert moved == (index + 1 < len(plan.steps))
        await workshop.close()
        assert workshop.status == "finished"
        assert all(row.outcome for row in workshop.parking_rows())
    finally:
        await workshop.shutdown()
