"""Word clouds, questions with upvotes and the parking lot: plan checks, specs and the engine."""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from conftest import FakeClock

from kerne_tui.plan import PlanError, Step, StepKind, load_plan
from kerne_tui.plan.loader import plan_from_data
from kerne_tui.store import read_session_data, rows
from kerne_tui.workshop import Contribution, Refused, Workshop, results_for
from kerne_tui.workshop.kinds import spec_for

PLAN_FILE = Path(__file__).parent / "data" / "words_questions.toml"
_ids = itertools.count(1)


def phone(n: int) -> str:
    return f"token-of-phone-{n}"


def plan_data() -> dict[str, Any]:
    return tomllib.loads(PLAN_FILE.read_text(encoding="utf-8"))


def problems(data: Mapping[str, Any]) -> list[str]:
    with pytest.raises(PlanError) as caught:
        plan_from_data(data, "proeve.toml")
    return caught.value.messages("da")


@pytest.fixture
async def session(data_dir: Path, clock: FakeClock) -> AsyncIterator[Workshop]:
    workshop = Workshop.create(load_plan(PLAN_FILE), data_dir, clock=clock, join_code="ABCDE")
    await workshop.open()
    try:
        yield workshop
    finally:
        await workshop.shutdown()


async def send(workshop: Workshop, step_id: str, payload: Mapping[str, Any], who: int = 1) -> Any:
    return await workshop.submit(phone(who), step_id, f"c{next(_ids)}", payload)


async def refused(workshop: Workshop, step_id: str, payload: Any, who: int = 1) -> str:
    with pytest.raises(Refused) as caught:
        await send(workshop, step_id, payload, who)
    return caught.value.key


def cloud(workshop: Workshop, step_id: str = "tjek-ind") -> list[tuple[str, int]]:
    step = workshop.plan.step(step_id)
    found = results_for(
        step,
        workshop.contributions(step_id, include_invisible=True),
        workshop.options(step),
        word_edits=workshop.word_edits(step_id),
    )
    return [(w.word, w.count) for w in found.words]


def questions(workshop: Workshop) -> list[tuple[str, int, str]]:
    step = workshop.plan.step("spoergsmaal")
    found = results_for(
        step, workshop.contributions(step.id, include_invisible=True), workshop.options(step)
    )
    return [(q.text, q.votes, q.outcome) for q in found.questions]


# --- the plan ---------------------------------------------------------------------------


def test_the_test_plan_reads_with_its_new_fields() -> None:
    plan = load_plan(PLAN_FILE)
    assert plan.parking_lot is True
    words = plan.step("tjek-ind")
    assert (words.kind, words.max_words, words.stop_words) == (StepKind.WORDS, 3, ("og", "at"))
    assert plan.step("spoergsmaal").max_per_person == 2
    assert plan.step("gennemgang").parking is True


def test_max_words_is_bounded_and_named_with_file_step_and_field() -> None:
    data = plan_data()
    data["modules"][0]["steps"][0]["max_words"] = 50
    (message,) = problems(data)
    assert "proeve.toml" in message and "Tjek ind" in message and "max_words" in message
    assert "højst være 10" in message
    data["modules"][0]["steps"][0]["max_words"] = 0
    assert "mindst 1" in problems(data)[0]


def test_stop_words_must_be_a_list_of_texts() -> None:
    data = plan_data()
    data["modules"][0]["steps"][0]["stop_words"] = "og"
    (message,) = problems(data)
    assert "stop_words" in message and "en liste af tekster" in message


def test_a_parking_review_needs_the_parking_lot_on() -> None:
    data = plan_data()
    data["parking_lot"] = False
    (message,) = problems(data)
    assert "Parkeringspladsen" in message and "parking_lot = true" in message
    data["parking_lot"] = "ja"
    assert any("parking_lot" in m and "true eller false" in m for m in problems(data))


def test_words_only_keys_are_refused_on_other_kinds() -> None:
    data = plan_data()
    data["modules"][0]["steps"][1]["max_words"] = 3
    (message,) = problems(data)
    assert "max_words" in message and "questions" in message


# --- words ------------------------------------------------------------------------------


def words_step(**fields: Any) -> Step:
    return Step(id="s", kind=StepKind.WORDS, title="T", prompt="P", minutes=1, **fields)


def test_words_are_folded_deduplicated_and_keep_danish_letters() -> None:
    fields = spec_for(StepKind.WORDS).check(
        words_step(), {"words": ["  TRYGHED ", "Ærlighed", "tryghed"]}, ()
    )
    assert fields == {"words": ("tryghed", "ærlighed")}


@pytest.mark.parametrize(
    ("payload", "key"),
    [
        ({"words": ["a"] * 10_000}, "refuse.words_count"),
        ({"words": ["a", "b", "c", "d"]}, "refuse.words_count"),
        ({"words": "tryghed"}, "refuse.wrong_kind"),
        ({"words": [1, 2]}, "refuse.wrong_kind"),
        ({"words": None}, "refuse.wrong_kind"),
        ({"words": ["x" * 41]}, "refuse.too_long"),
        ({"words": ["  ", ""]}, "refuse.empty"),
        ({"text": "tryghed"}, "refuse.wrong_kind"),
    ],
)
def test_hostile_words_are_refused(payload: dict[str, Any], key: str) -> None:
    with pytest.raises(Refused) as caught:
        spec_for(StepKind.WORDS).check(words_step(), payload, ())
    assert caught.value.key == key


async def test_the_cloud_counts_phones_leaves_stop_words_out_and_orders_by_count(
    session: Workshop,
) -> None:
    await session.start()
    await send(session, "tjek-ind", {"words": ["Tryghed", "leg", "og"]}, 1)
    await send(session, "tjek-ind", {"words": ["tryghed", "Øje"]}, 2)
    await send(session, "tjek-ind", {"words": ["ØJE", "tryghed"]}, 3)
    assert cloud(session) == [("tryghed", 3), ("øje", 2), ("leg", 1)]


async def test_a_phone_answers_a_word_cloud_once_and_may_take_it_back(session: Workshop) -> None:
    await session.start()
    first = await send(session, "tjek-ind", {"words": ["leg"]})
    assert await refused(session, "tjek-ind", {"words": ["tryghed"]}) == "refuse.already_answered"
    await session.retract(phone(1), first.id)
    await send(session, "tjek-ind", {"words": ["tryghed"]})
    assert cloud(session) == [("tryghed", 1)]


async def test_hostile_words_store_nothing(session: Workshop) -> None:
    await session.start()
    assert await refused(session, "tjek-ind", {"words": ["ord"] * 10_000}) == "refuse.words_count"
    assert session.contributions("tjek-ind", include_invisible=True) == []


async def test_the_facilitator_hides_and_merges_words_and_it_survives_a_resume(
    session: Workshop, clock: FakeClock
) -> None:
    await session.start()
    await send(session, "tjek-ind", {"words": ["tryg", "dumt ord"]}, 1)
    await send(session, "tjek-ind", {"words": ["tryghed"]}, 2)
    await send(session, "tjek-ind", {"words": ["Tryghed", "tryg"]}, 3)
    assert await session.toggle_word_hidden("tjek-ind", "Dumt ord") is True
    await session.merge_word("tjek-ind", "tryg", "tryghed")
    assert cloud(session) == [("tryghed", 3)]
    with pytest.raises(Refused):
        await session.merge_word("tjek-ind", "tryghed", "tryg")
    await session.shutdown()
    again = Workshop.resume(session.path, clock=clock)
    await again.open()
    try:
        assert cloud(again) == [("tryghed", 3)]
        assert await again.toggle_word_hidden("tjek-ind", "dumt ord") is False
        await again.restore_word("tjek-ind", "tryg")
        assert cloud(again) == [("tryg", 2), ("tryghed", 2), ("dumt ord", 1)]
    finally:
        await again.shutdown()


# --- questions --------------------------------------------------------------------------


async def test_questions_are_asked_upvoted_once_per_phone_and_sorted_by_votes(
    session: Workshop,
) -> None:
    await session.go_to("spoergsmaal")
    budget = await send(session, "spoergsmaal", {"text": "Hvad med budgettet?"}, 1)
    plan = await send(session, "spoergsmaal", {"text": "Hvornår kommer planen?"}, 2)
    await send(session, "spoergsmaal", {"upvote": plan.id}, 1)
    vote = await send(session, "spoergsmaal", {"upvote": plan.id}, 3)
    await send(session, "spoergsmaal", {"upvote": budget.id}, 3)
    assert await refused(session, "spoergsmaal", {"upvote": plan.id}, 3) == (
        "refuse.upvoted_already"
    )
    assert questions(session) == [("Hvornår kommer planen?", 2, ""), ("Hvad med budgettet?", 1, "")]
    await session.retract(phone(3), vote.id)
    await session.retract(phone(3), (await send(session, "spoergsmaal", {"upvote": plan.id}, 3)).id)
    assert questions(session)[0][1] == 1
    assert await session.toggle_answered(plan.id) is True
    assert ("Hvornår kommer planen?", 1, "answered") in questions(session)


@pytest.mark.parametrize(
    "payload",
    [
        {"upvote": "nope"},
        {"upvote": 7},
        {"upvote": ["x"]},
        {"upvote": "x", "text": "y"},
        {"text": 5},
        {"text": ""},
        {"text": "x" * 201},
        {"words": ["x"]},
    ],
)
async def test_hostile_questions_are_refused_and_store_nothing(
    session: Workshop, payload: dict[str, Any]
) -> None:
    await session.go_to("spoergsmaal")
    await refused(session, "spoergsmaal", payload)
    assert session.contributions("spoergsmaal", include_invisible=True) == []


async def test_a_phone_asks_at_most_max_per_person_but_upvotes_freely(session: Workshop) -> None:
    await session.go_to("spoergsmaal")
    asked = [await send(session, "spoergsmaal", {"text": f"Spørgsmål {n}"}, 1) for n in (1, 2)]
    assert await refused(session, "spoergsmaal", {"text": "Et til"}, 1) == "refuse.cap"
    for question in asked:
        await send(session, "spoergsmaal", {"upvote": question.id}, 1)
    assert [votes for _, votes, _ in questions(session)] == [1, 1]


async def test_a_hidden_question_cannot_be_upvoted(session: Workshop) -> None:
    await session.go_to("spoergsmaal")
    rude = await send(session, "spoergsmaal", {"text": "Noget grimt"}, 1)
    await session.toggle_hidden(rude.id)
    assert await refused(session, "spoergsmaal", {"upvote": rude.id}, 2) == (
        "refuse.unknown_question"
    )


# --- the parking lot --------------------------------------------------------------------


async def test_the_parking_lot_takes_questions_at_any_step_and_closes_each_item(
    session: Workshop,
) -> None:
    with pytest.raises(Refused):
        await session.park(phone(1), "p1", {"text": "Før start"})
    await session.start()
    normering = await session.park(phone(1), "p1", {"text": "Normeringen?"})
    assert await session.park(phone(1), "p1", {"text": "Normeringen?"}) == normering
    await session.go_to("spoergsmaal")
    vagter = await session.park(phone(2), "p2", {"text": "Vagtplanen"})
    await session.park(phone(3), "p3", {"upvote": vagter.id})
    with pytest.raises(Refused) as caught:
        await session.park(phone(3), "p4", {"upvote": vagter.id})
    assert caught.value.key == "refuse.upvoted_already"
    rows_now = session.parking_rows()
    assert [(r.text, r.votes) for r in rows_now] == [("Vagtplanen", 1), ("Normeringen?", 0)]
    with pytest.raises(Refused) as caught:
        await session.set_outcome(vagter.id, "owner")
    assert caught.value.key == "refuse.owner_missing"
    await session.set_outcome(vagter.id, "owner", "Lederen")
    await session.set_outcome(normering.id, "dropped")
    assert {(r.text, r.outcome, r.owner) for r in session.parking_rows()} == {
        ("Vagtplanen", "owner", "Lederen"),
        ("Normeringen?", "dropped", ""),
    }
    with pytest.raises(Refused):
        await session.set_outcome(vagter.id, "forgotten")
    stored = rows(read_session_data(session.path), "contributions")
    assert {r["text"]: r["outcome"] for r in stored if r["text"]} == {
        "Normeringen?": "dropped",
        "Vagtplanen": "owner",
    }


async def test_parked_items_are_taken_back_at_any_step_and_hostile_ones_refused(
    session: Workshop,
) -> None:
    await session.start()
    item = await session.park(phone(1), "p1", {"text": "Løn"})
    await session.go_to("gennemgang")
    await session.retract(phone(1), item.id)
    for payload in ({"text": "x" * 301}, {"upvote": "nope"}, {"text": None}, {"upvote": 1}):
        with pytest.raises(Refused):
            await session.park(phone(1), f"bad{next(_ids)}", payload)
    assert session.parking_rows() == ()


async def test_a_plan_without_the_parking_lot_refuses_parking(
    data_dir: Path, clock: FakeClock
) -> None:
    data = plan_data()
    data["parking_lot"] = False
    del data["modules"][0]["steps"][2]["parking"]
    workshop = Workshop.create(plan_from_data(data, "x.toml"), data_dir, clock=clock)
    await workshop.open()
    try:
        await workshop.start()
        with pytest.raises(Refused) as caught:
            await workshop.park(phone(1), "p1", {"text": "Hej"})
        assert caught.value.key == "refuse.no_parking"
        assert isinstance(caught.value, Refused)
    finally:
        await workshop.shutdown()


def test_a_contribution_round_trips_its_new_fields() -> None:
    c = Contribution(
        id="a",
        step_id="s",
        kind=StepKind.QUESTIONS,
        device="d",
        client_id="c",
        at="t",
        words=("ord",),
        upvote="b",
        outcome="answered",
    )
    assert Contribution.from_doc(c.to_doc()) == c


# --- the report -------------------------------------------------------------------------


async def test_the_report_holds_the_cloud_the_questions_and_the_parking_lot_with_end_states(
    session: Workshop, clock: FakeClock
) -> None:
    from datetime import UTC, datetime

    from kerne_tui.archive import read_record, render_report

    await session.start()
    for n, words in enumerate([["Tryg", "leg"], ["tryg"], ["tryg", "ro", "og"]], start=1):
        await send(session, "tjek-ind", {"words": words}, n)
    await session.toggle_word_hidden("tjek-ind", "leg")
    kept = await session.park(phone(1), "p1", {"text": "Vagtplanen?"})
    dropped = await session.park(phone(2), "p2", {"text": "Kaffen"})
    await session.park(phone(3), "p3", {"text": "Lønnen"})
    await session.park(phone(2), "p4", {"upvote": kept.id})
    await session.go_to("spoergsmaal")
    asked = await send(session, "spoergsmaal", {"text": "Hvornår kommer planen?"}, 1)
    await send(session, "spoergsmaal", {"text": "Hvem beslutter?"}, 2)
    for n in (2, 3):
        await send(session, "spoergsmaal", {"upvote": asked.id}, n)
    await session.toggle_answered(asked.id)
    await session.go_to("gennemgang")
    await session.set_outcome(kept.id, "owner", "Lederen")
    await session.set_outcome(dropped.id, "dropped")
    await session.close()
    await session.shutdown()
    record = read_record(session.path)
    at = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    markdown = render_report(record, "md", generated=at)
    assert "| tryg | 3 |" in markdown and "| ro | 1 |" in markdown
    assert "leg" not in markdown.split("Tjek ind")[-1].split("###")[0]
    assert "Udeladt som fyldord: og, at." in markdown
    assert "| Hvornår kommer planen? | 2 | besvaret |" in markdown
    assert "## Parkeringspladsen" in markdown
    assert "| Vagtplanen? | 1 | ejer: Lederen |" in markdown
    assert "| Kaffen | 0 | droppet |" in markdown and "| Lønnen | 0 | åbent |" in markdown
    assert "1 punkt blev ikke lukket" in markdown
    html = render_report(record, "html", generated=at)
    assert 'class="cloud-word" style="font-size: 240%">tryg</span>' in html
    assert '<h2 id="parking">Parkeringspladsen</h2>' in html
    assert html.count('class="chart questions"') == 2
    csv = render_report(record, "csv", generated=at)
    assert "tryg; leg" in csv and "Støtter: Hvornår kommer planen?" in csv
    assert "Parkeringspladsen" in csv and "Vagtplanen?; ejer: Lederen" in csv


async def test_a_word_edit_or_an_outcome_that_cannot_be_written_is_undone(
    session: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kerne_tui.store import StoreWriteError
    from kerne_tui.workshop.rollback import CommandNotSaved

    await session.start()
    await send(session, "tjek-ind", {"words": ["tryg"]})
    item = await session.park(phone(1), "p1", {"text": "Vagtplanen?"})

    async def full_disk(*args: Any, **kwargs: Any) -> None:
        raise StoreWriteError("disk full")

    monkeypatch.setattr(session.store, "commit", full_disk)
    with pytest.raises(CommandNotSaved):
        await session.toggle_word_hidden("tjek-ind", "tryg")
    assert session.word_edits("tjek-ind") == {}
    with pytest.raises(CommandNotSaved):
        await session.set_outcome(item.id, "dropped")
    assert session.parking_rows()[0].outcome == ""


async def test_the_archive_keeps_no_hidden_word_and_no_words_of_a_hidden_answer(
    session: Workshop,
) -> None:
    import json

    from kerne_tui.archive.withheld import without_withheld_texts

    await session.start()
    named = await send(session, "tjek-ind", {"words": ["Bente", "træt"]}, 1)
    await send(session, "tjek-ind", {"words": ["tryg", "idiot"]}, 2)
    await session.toggle_hidden(named.id)
    await session.toggle_word_hidden("tjek-ind", "idiot")
    await session.save_state()
    shared = json.dumps(without_withheld_texts(read_session_data(session.path)), ensure_ascii=False)
    assert "bente" not in shared and "idiot" not in shared
    assert '"tryg"' in shared
