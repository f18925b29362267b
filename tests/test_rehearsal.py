"""Rehearsal: simulated phones take part through the real phone server, and nothing is lost.

The end-to-end runs below hold a whole plan in-process: a Workshop marked as a rehearsal on a
clock that stands still (so no step closes under a slow machine), the phone server on
127.0.0.1, and simulated phones that know only the HTTP API. The test plays the facilitator:
it moves on once the room has answered, and closes the session at the end. Each run happens
once per module; the tests then read what it left behind.
"""

from __future__ import annotations

import ast
import asyncio
import random
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from support import FakeClock, plan_text
from textual.pilot import Pilot
from tui_support import until

from kerne_tui.plan import Plan, StepKind, find_plan, load_plan
from kerne_tui.rehearsal import (
    MAX_SKIPPERS,
    Crowd,
    answer_delays,
    plan_answers,
    simulate_phones,
)
from kerne_tui.rehearsal import phones as phones_module
from kerne_tui.rehearsal.answers import fit, theme_for
from kerne_tui.rehearsal.samples import ALL_THEMES, PARKING
from kerne_tui.store import read_session_data, rows
from kerne_tui.tui.app import build_app
from kerne_tui.web import phone_server
from kerne_tui.workshop import ContributionReceived, Event, Workshop

WAIT = 20.0
"""Upper bound for anything the room or the server does; reached only when a test fails."""
SPEED = 3000.0
"""Timers so short that the phones answer at once: the tests are about what arrives."""


# --- running a whole rehearsal ------------------------------------------------------------


@dataclass
class DemoRun:
    """What one rehearsal left behind."""

    plan: Plan
    participants: int
    path: Path
    acknowledged: list[tuple[str, str]] = field(default_factory=list)
    respondents: dict[str, int] = field(default_factory=dict)
    contributions: dict[str, int] = field(default_factory=dict)
    phones_stopped_by_themselves: bool = False

    @property
    def file(self) -> dict[str, dict[str, Any]]:
        """The session file as it is on disk."""
        return read_session_data(self.path)


def expected_respondents(participants: int) -> int:
    """How many phones answer every input step at least (all but those sitting it out)."""
    return participants - MAX_SKIPPERS if participants >= 4 else participants


async def room_has_answered(workshop: Workshop, step_id: str, participants: int) -> None:
    """Wait until every phone that takes part in *step_id* has answered it."""
    wanted = expected_respondents(participants)
    enough = asyncio.Event()

    asking = workshop.plan.step(step_id).kind is StepKind.QUESTIONS

    def check(event: Event | None) -> None:
        answered = event is None or isinstance(event, ContributionReceived)
        # Questions are upvoted once asked: that room is done when some have been.
        upvoted = not asking or any(c.upvote for c in workshop.contributions(step_id))
        if answered and upvoted and workshop.respondents(step_id) >= wanted:
            enough.set()

    unsubscribe = workshop.subscribe(check)
    try:
        check(None)
        await asyncio.wait_for(enough.wait(), WAIT)
    finally:
        unsubscribe()


async def facilitate(workshop: Workshop, participants: int) -> None:
    """Play the facilitator: start, move on once the room has answered, close at the end."""
    await workshop.start()
    for _ in workshop.plan.steps:
        step = workshop.step
        assert step is not None
        if step.kind.takes_input:
            await room_has_answered(workshop, step.id, participants)
        if not await workshop.next_step():
            break
    await workshop.close()


async def rehearse(plan: Plan, folder: Path, participants: int, seed: int) -> DemoRun:
    """Hold a whole rehearsal of *plan* with simulated phones, as ``kerne demo`` does."""
    workshop = Workshop.create(plan, folder, clock=FakeClock(), rehearsal=True, speed=SPEED)
    run = DemoRun(plan=plan, participants=participants, path=workshop.path)
    await workshop.open()
    try:
        async with phone_server(workshop, host="127.0.0.1", port=0) as info:
            room = asyncio.create_task(
                simulate_phones(
                    f"http://127.0.0.1:{info.port}",
                    workshop.join_code,
                    participants,
                    seed=seed,
                    on_acknowledged=lambda step, cid: run.acknowledged.append((step, cid)),
                )
            )
            try:
                await facilitate(workshop, participants)
                try:
                    await asyncio.wait_for(asyncio.shield(room), WAIT)
                    run.phones_stopped_by_themselves = True
                except TimeoutError:
                    pass  # reported by test_phones_stop_by_themselves_when_the_workshop_finishes
            finally:
                room.cancel()
                await asyncio.gather(room, return_exceptions=True)
        for step in plan.steps:
            run.respondents[step.id] = workshop.respondents(step.id)
            run.contributions[step.id] = len(workshop.contributions(step.id))
    finally:
        await workshop.shutdown()
    return run


def _builtin(name: str) -> Plan:
    path = find_plan(name)
    assert path is not None, f"the built-in plan {name} is missing"
    return load_plan(path)


@pytest.fixture(scope="module")
def danish_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """The default demo plan (kerneopgaven-kort) with twelve phones, as ``kerne demo`` runs."""
    folder = tmp_path_factory.mktemp("danish")
    return asyncio.run(rehearse(_builtin("kerneopgaven-kort"), folder, 12, seed=7))


@pytest.fixture(scope="module")
def every_kind_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """The small test plan with one step of every kind, tight text limits, and six phones."""
    folder = tmp_path_factory.mktemp("every-kind")
    plan_file = folder / "proeve.toml"
    plan_file.write_text(plan_text("small"), encoding="utf-8")
    return asyncio.run(rehearse(load_plan(plan_file), folder, 6, seed=11))


@pytest.fixture(scope="module")
def english_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """The English short plan with four phones."""
    folder = tmp_path_factory.mktemp("english")
    return asyncio.run(rehearse(_builtin("kerneopgaven-kort.en"), folder, 4, seed=3))


@pytest.fixture(scope="module")
def new_kinds_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """A word cloud, questions and the parking lot (tests/data/words_questions.toml), 8 phones."""
    folder = tmp_path_factory.mktemp("new-kinds")
    plan_file = folder / "ordsky.toml"
    plan_file.write_text(plan_text("words_questions"), encoding="utf-8")
    return asyncio.run(rehearse(load_plan(plan_file), folder, 8, seed=5))


def test_phones_send_mood_words_that_make_a_cloud_with_peaks(new_kinds_run: DemoRun) -> None:
    sent = [
        row for row in rows(new_kinds_run.file, "contributions") if row["step_id"] == "tjek-ind"
    ]
    counts = Counter(word for row in sent for word in row["words"])
    assert len(sent) >= 6 and max(counts.values()) >= 2
    assert all(
        word == word.lower() and 1 <= len(row["words"]) <= 3
        for row in sent
        for word in row["words"]
    )


def test_phones_ask_questions_and_upvote_the_others(new_kinds_run: DemoRun) -> None:
    sent = [r for r in rows(new_kinds_run.file, "contributions") if r["step_id"] == "spoergsmaal"]
    asked = {r["id"] for r in sent if r.get("text")}
    upvotes = [r for r in sent if r.get("upvote")]
    assert asked and upvotes and all(r["upvote"] in asked for r in upvotes)
    assert len({(r["device"], r["upvote"]) for r in upvotes}) == len(upvotes)


def test_some_phones_park_a_question_during_the_day(new_kinds_run: DemoRun) -> None:
    parked = [r for r in rows(new_kinds_run.file, "contributions") if r["step_id"] == "_parking"]
    texts = [r["text"] for r in parked if r.get("text")]
    assert texts and set(texts) <= set(PARKING[0])


def input_steps(run: DemoRun) -> list[str]:
    return [step.id for step in run.plan.steps if step.kind.takes_input]


def texts_on_disk(run: DemoRun) -> list[str]:
    found = []
    for row in rows(run.file, "contributions"):
        found += [row[key] for key in ("text", "what") if row.get(key)]
    return found


# --- the whole rehearsal ------------------------------------------------------------------


def test_every_answer_a_phone_was_told_is_received_is_in_the_session_file(
    danish_run: DemoRun,
) -> None:
    on_disk = {row["id"] for row in rows(danish_run.file, "contributions")}
    acknowledged = {cid for _, cid in danish_run.acknowledged}
    assert len(acknowledged) >= len(input_steps(danish_run)) * 10
    assert acknowledged <= on_disk


def test_every_answer_of_every_kind_a_phone_was_told_is_received_is_in_the_session_file(
    every_kind_run: DemoRun,
) -> None:
    on_disk = {row["id"] for row in rows(every_kind_run.file, "contributions")}
    acknowledged = {cid for _, cid in every_kind_run.acknowledged}
    assert {step for step, _ in every_kind_run.acknowledged} == set(input_steps(every_kind_run))
    assert acknowledged <= on_disk


def test_the_rehearsal_session_file_is_marked_as_a_rehearsal(danish_run: DemoRun) -> None:
    header = danish_run.file["session"]["1"]
    assert header["rehearsal"] is True
    assert header["speed"] == SPEED


def test_all_but_one_or_two_phones_answer_every_input_step(danish_run: DemoRun) -> None:
    for step_id in input_steps(danish_run):
        assert danish_run.respondents[step_id] >= danish_run.participants - MAX_SKIPPERS, step_id


def test_a_phone_keeps_its_device_cookie_from_one_answer_to_the_next(danish_run: DemoRun) -> None:
    # Some phones answer text steps twice; with their cookie kept they count as one person.
    assert all(count <= danish_run.participants for count in danish_run.respondents.values())
    assert any(
        danish_run.contributions[step] > danish_run.respondents[step]
        for step in input_steps(danish_run)
    )


def test_phones_stop_by_themselves_when_the_workshop_finishes(danish_run: DemoRun) -> None:
    assert danish_run.phones_stopped_by_themselves


def test_phones_answer_a_danish_workshop_with_danish_samples(danish_run: DemoRun) -> None:
    danish = {text for danish, _ in ALL_THEMES.values() for text in danish}
    written = texts_on_disk(danish_run)
    assert written
    assert all(text in danish for text in written)


def test_phones_answer_an_english_workshop_in_english(english_run: DemoRun) -> None:
    english = {text for _, english in ALL_THEMES.values() for text in english}
    written = texts_on_disk(english_run)
    assert written
    assert all(text in english for text in written)


def test_text_longer_than_a_step_allows_is_shortened_before_it_is_sent(
    every_kind_run: DemoRun,
) -> None:
    limits = {step.id: step.max_length for step in every_kind_run.plan.steps}
    textual = [row for row in rows(every_kind_run.file, "contributions") if row.get("text")]
    assert textual
    assert all(len(row["text"]) <= limits[row["step_id"]] for row in textual)


def test_scale_answers_spread_over_the_scale(danish_run: DemoRun) -> None:
    values = Counter(
        value
        for row in rows(danish_run.file, "contributions")
        if row["kind"] == StepKind.SCALE.value
        for value in row["values"].values()
    )
    assert len(values) >= 4


def test_dot_votes_favour_some_proposals_over_others(danish_run: DemoRun) -> None:
    dots: Counter[str] = Counter()
    for row in rows(danish_run.file, "contributions"):
        if row["kind"] == StepKind.VOTE.value:
            dots.update(row["dots"])
    assert len(dots) >= 3
    assert max(dots.values()) >= 2 * min(dots.values())


# --- the same, through the projected screen -----------------------------------------------


async def step_is_open(pilot: Pilot[None], workshop: Workshop, step_id: str) -> None:
    """Let the screen run until the key press has opened *step_id*."""
    await until(pilot, lambda: workshop.current == step_id)


async def test_a_rehearsal_driven_with_the_next_step_key_keeps_every_answer(
    tmp_path: Path,
) -> None:
    plan = _builtin("kerneopgaven-kort")
    workshop = Workshop.create(plan, tmp_path, clock=FakeClock(), rehearsal=True, speed=SPEED)
    acknowledged: list[str] = []
    await workshop.open()
    try:
        async with phone_server(workshop, host="127.0.0.1", port=0) as info:
            room = asyncio.create_task(
                simulate_phones(
                    f"http://127.0.0.1:{info.port}",
                    workshop.join_code,
                    12,
                    seed=5,
                    on_acknowledged=lambda step, cid: acknowledged.append(cid),
                )
            )
            app = build_app(workshop, join_url=info.url, data_dir=tmp_path)
            async with app.run_test(size=(120, 40)) as pilot:
                for step in plan.steps:
                    await pilot.press("n")
                    await step_is_open(pilot, workshop, step.id)
                    if step.kind.takes_input:
                        await room_has_answered(workshop, step.id, 12)
                await workshop.close()
                await asyncio.wait_for(room, WAIT)
    finally:
        await workshop.shutdown()
    on_disk = {row["id"] for row in rows(read_session_data(workshop.path), "contributions")}
    assert len(acknowledged) >= 10 * len([s for s in plan.steps if s.kind.takes_input])
    assert set(acknowledged) <= on_disk


def test_the_simulated_phones_know_nothing_of_kerne_but_its_http_api() -> None:
    folder = Path(__file__).resolve().parent.parent / "kerne_tui" / "rehearsal"
    imported: set[str] = set()
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    ours = {name for name in imported if name.split(".")[0] == "kerne_tui"}
    assert ours
    assert all(name.startswith("kerne_tui.rehearsal") for name in ours), sorted(ours)


# --- what a phone chooses (no network) ----------------------------------------------------


TEXT_STEP = {
    "id": "ideer",
    "kind": "text",
    "title": "Idéer",
    "open": True,
    "max_length": 300,
    "max_per_person": 3,
}
VOTE_STEP = {
    "id": "prikker",
    "kind": "vote",
    "options": [{"id": f"o{n}", "label": f"Forslag {n}"} for n in range(6)],
    "dots": 3,
    "max_per_option": 2,
}
RANK_STEP = {
    "id": "rang",
    "kind": "rank",
    "options": [{"id": f"o{n}", "label": f"Opgave {n}"} for n in range(6)],
    "top": 3,
}


def test_a_room_of_four_or_more_has_one_or_two_phones_sitting_each_step_out() -> None:
    for participants in (4, 12, 40):
        crowd = Crowd(participants, "seed")
        for step in range(20):
            assert 1 <= len(crowd.skippers(f"step-{step}")) <= MAX_SKIPPERS


def test_a_room_of_three_has_nobody_sitting_out() -> None:
    assert Crowd(3, "seed").skippers("step") == frozenset()


def test_a_phone_sitting_a_step_out_sends_nothing() -> None:
    crowd = Crowd(12, "seed")
    for phone in crowd.skippers("ideer"):
        assert plan_answers(TEXT_STEP, "da", phone, crowd) == []


def test_dots_never_exceed_the_total_or_the_cap_per_proposal() -> None:
    for seed in range(30):
        crowd = Crowd(12, str(seed))
        for phone in range(12):
            for payload in plan_answers(VOTE_STEP, "da", phone, crowd):
                assert 1 <= sum(payload["dots"].values()) <= 3
                assert max(payload["dots"].values()) <= 2


ACTIONS_STEP = {
    "id": "aftaler",
    "kind": "actions",
    "title": "Aftaler",
    "max_length": 300,
    "max_per_person": 1,
}


def test_some_simulated_actions_say_how_we_will_see_that_it_worked() -> None:
    crowd = Crowd(12, "seed")
    answers = [
        payload
        for phone in set(range(12)) - crowd.skippers("aftaler")
        for payload in plan_answers(ACTIONS_STEP, "da", phone, crowd)
    ]
    said = [payload["evidence"] for payload in answers if payload.get("evidence")]
    assert said and len(said) < len(answers)
    assert all(text[:1].isupper() for text in said)


def test_a_ranking_names_the_top_options_once_each() -> None:
    crowd = Crowd(12, "seed")
    for phone in set(range(12)) - crowd.skippers("rang"):
        (payload,) = plan_answers(RANK_STEP, "da", phone, crowd)
        assert len(payload["ranking"]) == 3
        assert len(set(payload["ranking"])) == 3


def test_a_vote_with_no_proposals_yet_is_sat_out() -> None:
    step = {**VOTE_STEP, "id": "tom", "options": []}
    crowd = Crowd(12, "seed")
    assert all(plan_answers(step, "da", phone, crowd) == [] for phone in range(12))


def test_the_same_seed_gives_the_same_answers() -> None:
    def answers(seed: str) -> list[Any]:
        crowd = Crowd(12, seed)
        return [
            plan_answers(step, "da", p, crowd) for step in (TEXT_STEP, VOTE_STEP) for p in range(12)
        ]

    assert answers("a") == answers("a")
    assert answers("a") != answers("b")


def test_answers_come_between_a_fifth_and_four_fifths_of_the_time_left() -> None:
    delays = answer_delays(200, 100.0, random.Random(1))
    assert all(20.0 <= delay <= 80.0 for delay in delays)
    assert delays == sorted(delays)


def test_a_parking_lot_step_gets_parking_lot_questions() -> None:
    step = {**TEXT_STEP, "id": "parkering", "title": "Parkeringspladsen"}
    crowd = Crowd(12, "seed")
    danish_questions, _ = PARKING
    texts = [p["text"] for phone in range(12) for p in plan_answers(step, "da", phone, crowd)]
    assert texts
    assert all(text in danish_questions for text in texts)


def test_the_theme_of_a_step_is_read_from_its_id_or_title_in_either_language() -> None:
    assert theme_for({"id": "x", "kind": "text", "title": "Off the field"}) == "off_the_field"
    assert theme_for({"id": "tjek-ud", "kind": "sentence", "title": "Tjek-ud"}) == "checkout"
    assert theme_for({"id": "en-saetning", "kind": "sentence", "title": "Ét bud"}) == "sentence"
    assert theme_for({"id": "min-opgave", "kind": "text", "title": "Hvad laver vi?"}) == "task"


def test_a_shortened_text_ends_at_a_whole_word() -> None:
    assert fit("Vi skaber trivsel for alle børn", 20) == "Vi skaber trivsel"


# --- when the server misbehaves -----------------------------------------------------------


@pytest.fixture
async def broken_server() -> AsyncIterator[tuple[str, Callable[[], int]]]:
    """A server on 127.0.0.1 whose event stream always answers 503, counting the attempts."""
    attempts = 0

    async def events(request: web.Request) -> web.Response:
        nonlocal attempts
        attempts += 1
        return web.Response(status=503)

    app = web.Application()
    app.router.add_get("/api/{code}/events", events)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}", lambda: attempts
    finally:
        await runner.cleanup()


async def test_phones_give_up_after_a_bounded_number_of_failed_connections(
    broken_server: tuple[str, Callable[[], int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, attempts = broken_server
    monkeypatch.setattr(phones_module, "FIRST_BACKOFF", 0.001)
    monkeypatch.setattr(phones_module, "MAX_BACKOFF", 0.004)
    monkeypatch.setattr(phones_module, "MAX_FAILURES", 3)
    await asyncio.wait_for(simulate_phones(url, "KERNE", 2, seed=1), WAIT)
    assert attempts() == 2 * 3


async def test_cancelled_phones_leave_no_task_behind(
    workshop: Workshop,
) -> None:
    async with phone_server(workshop, host="127.0.0.1", port=0) as info:
        room = asyncio.create_task(
            simulate_phones(f"http://127.0.0.1:{info.port}", workshop.join_code, 3, seed=1)
        )
        for _ in range(200):
            if info.hub.connected == 3:
                break
            await asyncio.sleep(0.01)
        assert info.hub.connected == 3
        room.cancel()
        await asyncio.gather(room, return_exceptions=True)
    left = [task for task in asyncio.all_tasks() if "simulated phone" in task.get_name()]
    assert left == []


async def test_no_phones_means_nothing_to_do() -> None:
    await asyncio.wait_for(simulate_phones("http://127.0.0.1:9", "KERNE", 0), WAIT)
