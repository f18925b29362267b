"""The workshop engine: one rule per test, on the small plan from conftest."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
from support import FakeClock

from kerne_tui.store import read_session_data, rows
from kerne_tui.workshop import (
    Contribution,
    ContributionModerated,
    ContributionReceived,
    ContributionRetracted,
    Event,
    Refused,
    ResultsRevealed,
    SentencePinned,
    SessionClosed,
    StepClosed,
    StepOpened,
    TimerChanged,
    Workshop,
    results_for,
)
from kerne_tui.workshop.results import StepResults

_ids = itertools.count(1)


def phone(n: int) -> str:
    """The device token of simulated phone *n*."""
    return f"token-of-phone-{n}"


async def send(
    workshop: Workshop, step_id: str, payload: Mapping[str, Any], *, who: int = 1
) -> Contribution:
    """Submit *payload* from phone *who* with a fresh client id."""
    return await workshop.submit(phone(who), step_id, f"client-{next(_ids)}", payload)


async def refusal(
    workshop: Workshop, step_id: str, payload: Mapping[str, Any], *, who: int = 1
) -> Refused:
    """The refusal a submit gets (the test fails if it is accepted)."""
    with pytest.raises(Refused) as caught:
        await send(workshop, step_id, payload, who=who)
    return caught.value


async def ideas(workshop: Workshop, *texts: str) -> list[Contribution]:
    """Open the text step and send *texts*, each from its own phone, a second apart."""
    clock = workshop.clock
    assert isinstance(clock, FakeClock)
    await workshop.go_to("ideas")
    sent = []
    for n, text in enumerate(texts, start=1):
        sent.append(await send(workshop, "ideas", {"text": text}, who=n))
        clock.advance(1)
    return sent


def results(workshop: Workshop, step_id: str) -> StepResults:
    """The results of a step, computed as the screen does."""
    step = workshop.plan.step(step_id)
    return results_for(
        step,
        workshop.contributions(step_id, include_invisible=True),
        workshop.options(step),
        merged=workshop.option_merges(step),
    )


@pytest.fixture
def events(workshop: Workshop) -> Iterator[list[Event]]:
    """Every event the workshop publishes during the test, in order."""
    seen: list[Event] = []
    unsubscribe = workshop.subscribe(seen.append)
    yield seen
    unsubscribe()


def on_disk(workshop: Workshop) -> list[dict[str, Any]]:
    """The contributions as the session file on disk holds them."""
    return rows(read_session_data(workshop.path), "contributions")


# --- submitting, per kind ------------------------------------------------------------------


async def test_text_is_stored_on_disk_before_submit_returns(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    contribution = await send(workshop, "ideas", {"text": "  Borgerens hverdag  "})
    assert contribution.text == "Borgerens hverdag"
    assert [doc["id"] for doc in on_disk(workshop)] == [contribution.id]
    assert workshop.contributions("ideas") == [contribution]


async def test_text_keeps_line_breaks(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    contribution = await send(workshop, "ideas", {"text": "Første\nAnden"})
    assert contribution.text == "Første\nAnden"


async def test_sentence_folds_line_breaks_into_spaces(workshop: Workshop) -> None:
    await workshop.go_to("proposal")
    contribution = await send(workshop, "proposal", {"text": "Vi er her\nfor borgeren"})
    assert contribution.text == "Vi er her for borgeren"


async def test_text_loses_terminal_escapes_and_bidi_controls(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    contribution = await send(workshop, "ideas", {"text": "\x1b[31mrød\u202e tekst\x07"})
    assert contribution.text == "rød tekst"


async def test_vote_places_dots_on_carried_forward_ideas(workshop: Workshop) -> None:
    first, second = await ideas(workshop, "Tid", "Ro")
    await workshop.go_to("dots")
    vote = await send(workshop, "dots", {"dots": {first.id: 2, second.id: 1}})
    assert vote.dots == {first.id: 2, second.id: 1}


async def test_vote_ignores_options_given_zero_dots(workshop: Workshop) -> None:
    await workshop.go_to("fixed-vote")
    vote = await send(workshop, "fixed-vote", {"dots": {"1": 2, "2": 0}})
    assert vote.dots == {"1": 2}


async def test_scale_takes_a_value_for_every_statement(workshop: Workshop) -> None:
    await workshop.go_to("mood")
    answer = await send(workshop, "mood", {"values": {"0": 4, "1": 2}})
    assert answer.values == {"0": 4, "1": 2}


async def test_single_choice_takes_one_option(workshop: Workshop) -> None:
    await workshop.go_to("pick")
    answer = await send(workshop, "pick", {"choices": ["2"]})
    assert answer.choices == ("2",)


async def test_multiple_choice_takes_several_options_once_each(workshop: Workshop) -> None:
    await workshop.go_to("many")
    answer = await send(workshop, "many", {"choices": ["1", "3", "1"]})
    assert answer.choices == ("1", "3")


async def test_rank_takes_the_top_k_in_order(workshop: Workshop) -> None:
    await workshop.go_to("top")
    answer = await send(workshop, "top", {"ranking": ["3", "1"]})
    assert answer.ranking == ("3", "1")


async def test_rank_over_fewer_ideas_than_top_asks_for_all_of_them(workshop: Workshop) -> None:
    (only,) = await ideas(workshop, "Eneste idé")
    await workshop.go_to("carry-rank")
    answer = await send(workshop, "carry-rank", {"ranking": [only.id]})
    assert answer.ranking == (only.id,)


async def test_action_item_has_what_who_and_when(workshop: Workshop) -> None:
    await workshop.go_to("todo")
    action = await send(
        workshop, "todo", {"what": "Kort mødeplan", "who": "Lise", "when": "1. marts"}
    )
    assert (action.what, action.who, action.when) == ("Kort mødeplan", "Lise", "1. marts")


async def test_action_item_needs_only_what(workshop: Workshop) -> None:
    await workshop.go_to("todo")
    action = await send(workshop, "todo", {"what": "Kort mødeplan"})
    assert (action.who, action.when) == ("", "")


# --- refusals ------------------------------------------------------------------------------


async def test_submit_is_refused_once_the_timer_reaches_zero(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(5 * 60)
    refused = await refusal(workshop, "ideas", {"text": "For sent"})
    assert (refused.code, refused.key) == ("closed", "refuse.step_closed")


@pytest.mark.parametrize(
    ("step_id", "payload"),
    [
        ("mood", {"values": {"0": 3, "1": 4}}),
        ("fixed-vote", {"dots": {"1": 1}}),
        ("pick", {"choices": ["1"]}),
        ("top", {"ranking": ["1", "2"]}),
    ],
)
async def test_a_late_answer_that_is_no_text_is_called_an_answer(
    workshop: Workshop, clock: FakeClock, step_id: str, payload: dict[str, Any]
) -> None:
    await workshop.go_to(step_id)
    clock.advance(10 * 60)
    refused = await refusal(workshop, step_id, payload)
    assert refused.key == "refuse.step_closed_answer"
    assert "Dit svar er ikke sendt" in refused.message("da")
    assert "Din tekst" not in refused.message("da")


async def test_a_late_action_is_called_a_text(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("todo")
    clock.advance(10 * 60)
    refused = await refusal(workshop, "todo", {"what": "Kortere møder"})
    assert "Din tekst er ikke sendt" in refused.message("da")


async def test_a_limit_of_one_is_said_in_the_singular(workshop: Workshop) -> None:
    await workshop.go_to("dots")
    refused = Refused("invalid", "refuse.option_cap", limit=1)
    assert refused.message("da") == "Højst 1 prik på samme valgmulighed."
    assert (
        Refused("cap", "refuse.cap", limit=1)
        .message("en")
        .startswith("You have already sent 1 contribution to")
    )
    assert "2 contributions" in Refused("cap", "refuse.cap", limit=2).message("en")


async def test_submit_is_accepted_just_before_the_timer_reaches_zero(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(5 * 60 - 0.5)
    clock.jump_wall(3600)  # the wall clock jumped an hour on (NTP): the countdown runs on
    assert (await send(workshop, "ideas", {"text": "Lige nået"})).text == "Lige nået"


async def test_submit_to_another_step_than_the_open_one_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    refused = await refusal(workshop, "proposal", {"text": "Forkert trin"})
    assert refused.key == "refuse.not_current_step"


async def test_submit_before_the_start_is_refused(workshop: Workshop) -> None:
    refused = await refusal(workshop, "ideas", {"text": "For tidligt"})
    assert refused.key == "refuse.not_started"


async def test_submit_to_a_step_that_does_not_exist_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    refused = await refusal(workshop, "nope", {"text": "Hvor?"})
    assert refused.key == "refuse.unknown_step"


@pytest.mark.parametrize("step_id", ["intro", "pairs"])
async def test_info_and_discuss_steps_take_no_input(workshop: Workshop, step_id: str) -> None:
    await workshop.go_to(step_id)
    refused = await refusal(workshop, step_id, {"text": "Hej"})
    assert (refused.code, refused.key) == ("wrong_kind", "refuse.no_input")


async def test_a_payload_of_the_wrong_kind_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("fixed-vote")
    refused = await refusal(workshop, "fixed-vote", {"text": "Møder"})
    assert (refused.code, refused.key) == ("wrong_kind", "refuse.wrong_kind")


async def test_text_that_is_not_a_string_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    refused = await refusal(workshop, "ideas", {"text": ["liste"]})
    assert refused.key == "refuse.wrong_kind"


async def test_more_texts_than_the_cap_are_refused(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    await send(workshop, "ideas", {"text": "En"})
    await send(workshop, "ideas", {"text": "To"})
    refused = await refusal(workshop, "ideas", {"text": "Tre"})
    assert (refused.code, refused.key, refused.values) == ("cap", "refuse.cap", {"limit": 2})


async def test_the_cap_is_per_phone(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    await send(workshop, "ideas", {"text": "En"}, who=1)
    await send(workshop, "ideas", {"text": "To"}, who=1)
    assert (await send(workshop, "ideas", {"text": "Tre"}, who=2)).text == "Tre"


async def test_text_over_the_length_limit_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    refused = await refusal(workshop, "ideas", {"text": "x" * 41})
    assert refused.key == "refuse.too_long"
    assert refused.values == {"limit": 40, "length": 41}


async def test_text_at_the_length_limit_is_accepted(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    assert len((await send(workshop, "ideas", {"text": "x" * 40})).text) == 40


@pytest.mark.parametrize("text", ["", "   \n ", "\x1b[31m\x1b[0m", "\u202e"])
async def test_empty_text_is_refused(workshop: Workshop, text: str) -> None:
    await workshop.go_to("ideas")
    refused = await refusal(workshop, "ideas", {"text": text})
    assert refused.key == "refuse.empty"


async def test_action_without_what_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("todo")
    refused = await refusal(workshop, "todo", {"who": "Lise"})
    assert refused.key == "refuse.action_what"


async def test_a_choice_of_an_unknown_option_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("pick")
    refused = await refusal(workshop, "pick", {"choices": ["9"]})
    assert refused.key == "refuse.unknown_option"


async def test_dots_on_an_unknown_option_are_refused(workshop: Workshop) -> None:
    await workshop.go_to("fixed-vote")
    refused = await refusal(workshop, "fixed-vote", {"dots": {"9": 1}})
    assert refused.key == "refuse.unknown_option"


async def test_a_ranking_of_an_unknown_option_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("top")
    refused = await refusal(workshop, "top", {"ranking": ["1", "9"]})
    assert refused.key == "refuse.unknown_option"


async def test_more_dots_than_allowed_in_one_go_are_refused(workshop: Workshop) -> None:
    await workshop.go_to("fixed-vote")
    refused = await refusal(workshop, "fixed-vote", {"dots": {"1": 2, "2": 1}})
    assert (refused.key, refused.values) == ("refuse.too_many_dots", {"limit": 2})


async def test_more_dots_than_allowed_over_two_submits_are_refused(workshop: Workshop) -> None:
    await workshop.go_to("fixed-vote")
    await send(workshop, "fixed-vote", {"dots": {"1": 1}})
    await send(workshop, "fixed-vote", {"dots": {"2": 1}})
    refused = await refusal(workshop, "fixed-vote", {"dots": {"3": 1}})
    assert refused.key == "refuse.too_many_dots"


async def test_no_dots_at_all_are_refused(workshop: Workshop) -> None:
    await workshop.go_to("fixed-vote")
    refused = await refusal(workshop, "fixed-vote", {"dots": {"1": 0}})
    assert refused.key == "refuse.no_dots"


@pytest.mark.parametrize("count", [-1, True, 1.5, "1"])
async def test_a_dot_count_that_is_not_a_whole_number_is_refused(
    workshop: Workshop, count: object
) -> None:
    await workshop.go_to("fixed-vote")
    refused = await refusal(workshop, "fixed-vote", {"dots": {"1": count}})
    assert refused.key == "refuse.wrong_kind"


async def test_more_dots_on_one_option_than_its_cap_are_refused(workshop: Workshop) -> None:
    (idea,) = await ideas(workshop, "Tid")
    await workshop.go_to("dots")
    refused = await refusal(workshop, "dots", {"dots": {idea.id: 3}})
    assert (refused.key, refused.values) == ("refuse.option_cap", {"limit": 2})


async def test_the_option_cap_counts_earlier_submits(workshop: Workshop) -> None:
    (idea,) = await ideas(workshop, "Tid")
    await workshop.go_to("dots")
    await send(workshop, "dots", {"dots": {idea.id: 2}})
    refused = await refusal(workshop, "dots", {"dots": {idea.id: 1}})
    assert refused.key == "refuse.option_cap"


async def test_a_vote_over_an_empty_earlier_step_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("dots")
    refused = await refusal(workshop, "dots", {"dots": {}})
    assert refused.key == "refuse.no_options"


async def test_a_ranking_over_an_empty_earlier_step_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("carry-rank")
    refused = await refusal(workshop, "carry-rank", {"ranking": []})
    assert refused.key == "refuse.no_options"


@pytest.mark.parametrize("value", [0, 6, True, "3"])
async def test_a_scale_value_out_of_range_is_refused(workshop: Workshop, value: object) -> None:
    await workshop.go_to("mood")
    refused = await refusal(workshop, "mood", {"values": {"0": value, "1": 3}})
    assert refused.key == "refuse.scale_value"


async def test_a_scale_answer_missing_a_statement_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("mood")
    refused = await refusal(workshop, "mood", {"values": {"0": 3}})
    assert refused.key == "refuse.scale_missing"


async def test_a_scale_answer_to_an_unknown_statement_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("mood")
    refused = await refusal(workshop, "mood", {"values": {"0": 3, "1": 3, "2": 3}})
    assert refused.key == "refuse.unknown_option"


async def test_a_second_scale_answer_from_the_same_phone_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("mood")
    await send(workshop, "mood", {"values": {"0": 3, "1": 3}})
    refused = await refusal(workshop, "mood", {"values": {"0": 5, "1": 5}})
    assert (refused.code, refused.key) == ("cap", "refuse.already_answered")


async def test_a_single_choice_with_two_options_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("pick")
    refused = await refusal(workshop, "pick", {"choices": ["1", "2"]})
    assert refused.key == "refuse.choice_count"


async def test_a_choice_of_nothing_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("many")
    refused = await refusal(workshop, "many", {"choices": []})
    assert refused.key == "refuse.choice_none"


@pytest.mark.parametrize("ranking", [["1"], ["1", "2", "3"], ["1", "1"]])
async def test_a_ranking_of_the_wrong_length_or_with_repeats_is_refused(
    workshop: Workshop, ranking: list[str]
) -> None:
    await workshop.go_to("top")
    refused = await refusal(workshop, "top", {"ranking": ranking})
    assert (refused.key, refused.values) == ("refuse.rank_count", {"limit": 2})


async def test_a_refused_submit_writes_nothing(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    await refusal(workshop, "ideas", {"text": "x" * 41})
    assert on_disk(workshop) == []
    assert workshop.all_contributions() == []


# --- refusal messages ----------------------------------------------------------------------


async def test_a_refusal_reads_well_in_danish(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    refused = await refusal(workshop, "ideas", {"text": "ø" * 41})
    assert refused.message("da") == "Teksten er for lang: højst 40 tegn (du har 41)."


async def test_a_refusal_reads_well_in_english(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    refused = await refusal(workshop, "ideas", {"text": "ø" * 41})
    assert refused.message("en") == "The text is too long: at most 40 characters (you have 41)."


async def test_a_closed_step_is_explained_in_both_languages(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    clock.advance(10 * 60)
    refused = await refusal(workshop, "ideas", {"text": "Sent"})
    assert refused.message("da").startswith("Trinnet er lukket")
    assert refused.message("en").startswith("This step is closed")


# --- retracting ----------------------------------------------------------------------------


async def test_a_phone_retracts_its_own_contribution_while_the_step_is_open(
    workshop: Workshop, events: list[Event]
) -> None:
    await workshop.go_to("ideas")
    contribution = await send(workshop, "ideas", {"text": "Fortryd mig"})
    await workshop.retract(phone(1), contribution.id)
    assert workshop.contributions("ideas") == []
    assert on_disk(workshop)[0]["retracted"] is True
    assert events[-1] == ContributionRetracted("ideas", contribution.id)


async def test_a_retracted_text_frees_a_place_under_the_cap(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    first = await send(workshop, "ideas", {"text": "En"})
    await send(workshop, "ideas", {"text": "To"})
    await workshop.retract(phone(1), first.id)
    assert (await send(workshop, "ideas", {"text": "Tre"})).text == "Tre"


async def test_retracting_someone_elses_contribution_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    contribution = await send(workshop, "ideas", {"text": "Min"}, who=1)
    with pytest.raises(Refused) as caught:
        await workshop.retract(phone(2), contribution.id)
    assert caught.value.key == "refuse.not_yours"
    assert workshop.contributions("ideas") == [contribution]


async def test_retracting_after_the_timer_reached_zero_is_refused(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    contribution = await send(workshop, "ideas", {"text": "Bliver"})
    clock.advance(5 * 60)
    with pytest.raises(Refused) as caught:
        await workshop.retract(phone(1), contribution.id)
    assert caught.value.key == "refuse.retract_closed"


async def test_retracting_after_the_step_moved_on_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    contribution = await send(workshop, "ideas", {"text": "Bliver"})
    await workshop.next_step()
    with pytest.raises(Refused) as caught:
        await workshop.retract(phone(1), contribution.id)
    assert caught.value.key == "refuse.retract_closed"


async def test_retracting_twice_is_refused(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    contribution = await send(workshop, "ideas", {"text": "Væk"})
    await workshop.retract(phone(1), contribution.id)
    with pytest.raises(Refused) as caught:
        await workshop.retract(phone(1), contribution.id)
    assert caught.value.key == "refuse.not_yours"


# --- the same submit twice -----------------------------------------------------------------


async def test_the_same_client_id_twice_gives_one_contribution(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    first = await workshop.submit(phone(1), "ideas", "tap-1", {"text": "Dobbelttryk"})
    again = await workshop.submit(phone(1), "ideas", "tap-1", {"text": "Dobbelttryk"})
    assert again == first
    assert len(on_disk(workshop)) == 1


async def test_the_same_client_id_in_flight_twice_gives_one_contribution(
    workshop: Workshop,
) -> None:
    await workshop.go_to("ideas")
    first, again = await asyncio.gather(
        workshop.submit(phone(1), "ideas", "tap-1", {"text": "Samtidig"}),
        workshop.submit(phone(1), "ideas", "tap-1", {"text": "Samtidig"}),
    )
    assert again == first
    assert len(on_disk(workshop)) == 1


async def test_a_retry_is_answered_when_the_first_send_was_given_up(workshop: Workshop) -> None:
    # The phone gave up on its first request (it went to sleep) and sent again; the retry must
    # get the contribution once it is on disk, not the first request's cancellation.
    await workshop.go_to("ideas")
    first = asyncio.create_task(workshop.submit(phone(1), "ideas", "tap-1", {"text": "Sendt igen"}))
    await asyncio.sleep(0)
    retry = asyncio.create_task(workshop.submit(phone(1), "ideas", "tap-1", {"text": "Sendt igen"}))
    await asyncio.sleep(0)
    first.cancel()
    answered = await asyncio.wait_for(retry, timeout=10)
    assert answered.text == "Sendt igen"
    assert [doc["id"] for doc in on_disk(workshop)] == [answered.id]


async def test_a_retry_is_answered_even_after_the_step_closed(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    first = await workshop.submit(phone(1), "ideas", "tap-1", {"text": "Kom frem"})
    clock.advance(5 * 60)
    assert await workshop.submit(phone(1), "ideas", "tap-1", {"text": "Kom frem"}) == first


async def test_the_same_client_id_from_two_phones_gives_two(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    await workshop.submit(phone(1), "ideas", "tap-1", {"text": "En"})
    await workshop.submit(phone(2), "ideas", "tap-1", {"text": "En"})
    assert len(workshop.contributions("ideas")) == 2


async def test_the_same_client_id_in_another_step_is_a_new_contribution(
    workshop: Workshop,
) -> None:
    await workshop.go_to("ideas")
    await workshop.submit(phone(1), "ideas", "tap-1", {"text": "Idé"})
    await workshop.go_to("proposal")
    sentence = await workshop.submit(phone(1), "proposal", "tap-1", {"text": "Forslag"})
    assert sentence.step_id == "proposal"


async def test_an_empty_client_id_is_never_taken_for_a_retry(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    await workshop.submit(phone(1), "ideas", "", {"text": "En"})
    await workshop.submit(phone(1), "ideas", "", {"text": "To"})
    assert [c.text for c in workshop.contributions("ideas")] == ["En", "To"]


# --- moving through the plan ---------------------------------------------------------------


async def test_start_opens_the_first_step_and_runs_its_timer(
    workshop: Workshop, events: list[Event]
) -> None:
    await workshop.start()
    assert (workshop.status, workshop.current, workshop.step_index) == ("running", "intro", 0)
    assert workshop.timer.running
    assert events == [StepOpened("intro", 0), TimerChanged("intro", True, 120.0)]


async def test_start_without_the_timer_leaves_it_paused(workshop: Workshop) -> None:
    await workshop.start(run_timer=False)
    assert not workshop.timer.running
    assert workshop.seconds_left() == 120.0


async def test_next_step_moves_on_and_publishes(workshop: Workshop, events: list[Event]) -> None:
    await workshop.start()
    assert await workshop.next_step()
    assert workshop.current == "ideas"
    assert StepOpened("ideas", 1) in events


async def test_next_step_before_the_start_starts_at_the_first_step(workshop: Workshop) -> None:
    assert await workshop.next_step()
    assert (workshop.status, workshop.current) == ("running", "intro")


async def test_next_step_at_the_last_step_stays(workshop: Workshop) -> None:
    await workshop.go_to("todo")
    assert not await workshop.next_step()
    assert workshop.current == "todo"


async def test_previous_step_moves_back(workshop: Workshop) -> None:
    await workshop.go_to("pairs")
    assert await workshop.previous_step()
    assert workshop.current == "ideas"


async def test_previous_step_at_the_first_step_stays(workshop: Workshop) -> None:
    await workshop.start()
    assert not await workshop.previous_step()
    assert workshop.current == "intro"


async def test_go_to_jumps_to_any_step(workshop: Workshop) -> None:
    await workshop.start()
    await workshop.go_to("mood")
    assert (workshop.current, workshop.step_index) == ("mood", 6)


async def test_go_to_an_unknown_step_changes_nothing(workshop: Workshop) -> None:
    await workshop.start()
    with pytest.raises(KeyError):
        await workshop.go_to("nope")
    assert workshop.current == "intro"


async def test_time_spent_on_each_step_is_kept(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("ideas")
    clock.advance(90)
    clock.jump_wall(-600)  # the wall clock was set back ten minutes: 90 s still passed
    await workshop.next_step()
    assert workshop.elapsed["ideas"] == pytest.approx(90)


async def test_step_changes_are_logged_in_the_session_file(workshop: Workshop) -> None:
    await workshop.start()
    await workshop.next_step()
    actions = [entry["action"] for entry in rows(read_session_data(workshop.path), "log")]
    assert actions == ["start", "next"]


# --- timer commands through the engine -----------------------------------------------------


async def test_pause_and_resume_publish_timer_changes(
    workshop: Workshop, clock: FakeClock, events: list[Event]
) -> None:
    await workshop.go_to("ideas")
    clock.advance(60)
    assert not await workshop.toggle_timer()
    assert await workshop.toggle_timer()
    assert events[-2:] == [
        TimerChanged("ideas", False, 240.0),
        TimerChanged("ideas", True, 240.0),
    ]


async def test_extend_adds_a_minute_and_publishes(workshop: Workshop, events: list[Event]) -> None:
    await workshop.go_to("ideas")
    await workshop.extend()
    assert workshop.seconds_left() == 360.0
    assert events[-1] == TimerChanged("ideas", True, 360.0)


async def test_extend_after_zero_reopens_input(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("ideas")
    clock.advance(6 * 60)
    await workshop.extend()
    assert workshop.is_open()
    assert (await send(workshop, "ideas", {"text": "Igen"})).text == "Igen"


async def test_pausing_at_zero_does_not_reopen_input(workshop: Workshop, clock: FakeClock) -> None:
    await workshop.go_to("ideas")
    clock.advance(5 * 60)
    await workshop.toggle_timer()
    assert not workshop.is_open()


async def test_timer_commands_before_the_start_are_refused(workshop: Workshop) -> None:
    with pytest.raises(Refused) as caught:
        await workshop.extend()
    assert caught.value.key == "refuse.not_started"


async def test_tick_announces_the_step_closed_once(
    workshop: Workshop, clock: FakeClock, events: list[Event]
) -> None:
    await workshop.go_to("ideas")
    workshop.tick()
    clock.advance(5 * 60)
    workshop.tick()
    workshop.tick()
    assert [e for e in events if isinstance(e, StepClosed)] == [StepClosed("ideas")]


# --- reveal, moderation, pins --------------------------------------------------------------


async def test_reveal_toggles_and_publishes(workshop: Workshop, events: list[Event]) -> None:
    await workshop.go_to("ideas")
    assert await workshop.toggle_reveal()
    assert "ideas" in workshop.revealed
    assert not await workshop.toggle_reveal()
    assert "ideas" not in workshop.revealed
    assert events[-2:] == [ResultsRevealed("ideas", True), ResultsRevealed("ideas", False)]


async def test_reveal_of_an_earlier_step_by_id(workshop: Workshop) -> None:
    await workshop.go_to("pairs")
    await workshop.toggle_reveal("ideas")
    assert workshop.revealed == {"ideas"}


async def test_reveal_is_kept_in_the_session_file(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    await workshop.toggle_reveal()
    assert workshop.store.state["revealed"] == ["ideas"]


async def test_reveal_of_an_unknown_step_is_refused(workshop: Workshop) -> None:
    await workshop.start()
    with pytest.raises(Refused):
        await workshop.toggle_reveal("nope")


async def test_a_hidden_contribution_is_not_shown_but_counted_as_hidden(
    workshop: Workshop, events: list[Event]
) -> None:
    rude, kind = await ideas(workshop, "Grimt", "Pænt")
    assert await workshop.toggle_hidden(rude.id)
    assert workshop.contributions("ideas") == [kind]
    outcome = results(workshop, "ideas")
    assert [card.text for card in outcome.cards] == ["Pænt"]
    assert (outcome.count, outcome.hidden) == (1, 1)
    assert events[-1] == ContributionModerated("ideas", rude.id)


async def test_hiding_again_shows_the_contribution(workshop: Workshop) -> None:
    (idea,) = await ideas(workshop, "Tilbage")
    await workshop.toggle_hidden(idea.id)
    assert not await workshop.toggle_hidden(idea.id)
    assert [c.id for c in workshop.contributions("ideas")] == [idea.id]


async def test_hiding_is_kept_in_the_session_file(workshop: Workshop) -> None:
    (idea,) = await ideas(workshop, "Væk")
    await workshop.toggle_hidden(idea.id)
    assert on_disk(workshop)[0]["hidden"] is True


async def test_a_hidden_idea_is_no_option_in_a_later_vote(workshop: Workshop) -> None:
    rude, kind = await ideas(workshop, "Grimt", "Pænt")
    await workshop.toggle_hidden(rude.id)
    await workshop.go_to("dots")
    assert [o.id for o in workshop.options(workshop.plan.step("dots"))] == [kind.id]
    refused = await refusal(workshop, "dots", {"dots": {rude.id: 1}})
    assert refused.key == "refuse.unknown_option"


async def test_a_merged_duplicate_adds_weight_to_its_card(
    workshop: Workshop, events: list[Event]
) -> None:
    first, duplicate, _other = await ideas(workshop, "Mere tid", "Mere tid!", "Ro")
    await workshop.merge(duplicate.id, first.id)
    cards = {card.text: card.weight for card in results(workshop, "ideas").cards}
    assert cards == {"Mere tid": 2, "Ro": 1}
    weights = {card.id: card.weight for card in results(workshop, "ideas").cards}
    assert weights[first.id] == 2
    assert events[-1] == ContributionModerated("ideas", duplicate.id)


async def test_a_merged_duplicate_is_no_option_in_a_later_vote(workshop: Workshop) -> None:
    first, duplicate = await ideas(workshop, "Mere tid", "Mere tid!")
    await workshop.merge(duplicate.id, first.id)
    await workshop.go_to("dots")
    assert [o.label for o in workshop.options(workshop.plan.step("dots"))] == ["Mere tid"]


async def test_merging_into_a_merged_card_counts_with_the_card_it_went_into(
    workshop: Workshop,
) -> None:
    a, b, c = await ideas(workshop, "Tid", "Tid!", "Tid!!")
    await workshop.merge(b.id, a.id)
    await workshop.merge(c.id, b.id)
    assert [(card.id, card.weight) for card in results(workshop, "ideas").cards] == [(a.id, 3)]
    weights = {card.id: card.weight for card in results(workshop, "ideas").cards}
    assert weights == {a.id: 3}


async def test_dots_on_a_card_merged_later_count_for_the_card_it_went_into(
    workshop: Workshop,
) -> None:
    kept, duplicate, other = await ideas(workshop, "Mere tid", "Mere tid!", "Ro")
    await workshop.go_to("dots")
    await send(workshop, "dots", {"dots": {duplicate.id: 2, other.id: 1}}, who=1)
    await send(workshop, "dots", {"dots": {kept.id: 1, duplicate.id: 1}}, who=2)
    await workshop.merge(duplicate.id, kept.id)
    bars = {bar.label: (bar.value, bar.people) for bar in results(workshop, "dots").bars}
    assert bars == {"Mere tid": (4, 2), "Ro": (1, 1)}


async def test_a_ranking_of_two_cards_merged_later_counts_the_better_place_once(
    workshop: Workshop,
) -> None:
    kept, duplicate, other = await ideas(workshop, "Mere tid", "Mere tid!", "Ro")
    await workshop.go_to("carry-rank")
    await send(workshop, "carry-rank", {"ranking": [duplicate.id, kept.id]}, who=1)
    await send(workshop, "carry-rank", {"ranking": [other.id, duplicate.id]}, who=2)
    await workshop.merge(duplicate.id, kept.id)
    bars = {bar.label: (bar.value, bar.people) for bar in results(workshop, "carry-rank").bars}
    # top = 2: first place gives 2 points, second 1; phone 1 had both cards, first place counts.
    assert bars == {"Mere tid": (3, 2), "Ro": (2, 1)}


async def test_merging_a_card_into_itself_through_a_merge_is_refused(workshop: Workshop) -> None:
    a, b = await ideas(workshop, "Tid", "Tid!")
    await workshop.merge(b.id, a.id)
    with pytest.raises(Refused):
        await workshop.merge(a.id, b.id)
    assert [c.id for c in workshop.contributions("ideas")] == [a.id]


async def test_merging_across_steps_is_refused(workshop: Workshop) -> None:
    (idea,) = await ideas(workshop, "Tid")
    await workshop.go_to("proposal")
    sentence = await send(workshop, "proposal", {"text": "Vi giver tid"})
    with pytest.raises(Refused):
        await workshop.merge(sentence.id, idea.id)


async def test_a_pin_keeps_the_earlier_versions(
    workshop: Workshop, clock: FakeClock, events: list[Event]
) -> None:
    await workshop.go_to("proposal")
    await workshop.pin("Vi er her for borgeren.")
    clock.advance(30)
    second = await workshop.pin("Vi er her for borgerens hverdag.", source="abc")
    assert [p.text for p in workshop.pins] == [
        "Vi er her for borgeren.",
        "Vi er her for borgerens hverdag.",
    ]
    assert workshop.pinned == second
    assert events[-1] == SentencePinned("Vi er her for borgerens hverdag.")
    stored = workshop.store.state["pins"]
    assert [p["text"] for p in stored] == [p.text for p in workshop.pins]
    assert stored[1]["source"] == "abc"


async def test_an_empty_pin_is_refused(workshop: Workshop) -> None:
    await workshop.start()
    with pytest.raises(Refused):
        await workshop.pin("   ")
    assert workshop.pins == []


# --- closing -------------------------------------------------------------------------------


async def test_close_stops_input(workshop: Workshop, events: list[Event]) -> None:
    await workshop.go_to("ideas")
    await workshop.close()
    refused = await refusal(workshop, "ideas", {"text": "Efter lukning"})
    assert refused.key == "refuse.closed_session"
    assert events[-1] == SessionClosed()


async def test_close_marks_the_session_file_finished(workshop: Workshop) -> None:
    await workshop.start()
    await workshop.close()
    state = rows(read_session_data(workshop.path), "state")[0]
    assert state["status"] == "finished"
    assert state["ended_at"] == "2026-11-23T09:00:00.000Z"


async def test_moving_after_close_is_refused(workshop: Workshop) -> None:
    await workshop.start()
    await workshop.close()
    with pytest.raises(Refused):
        await workshop.next_step()
    assert workshop.current == "intro"


# --- events --------------------------------------------------------------------------------


async def test_contribution_received_is_published_once_it_is_on_disk(
    workshop: Workshop,
) -> None:
    await workshop.go_to("ideas")
    seen_on_disk: list[bool] = []

    def listener(event: Event) -> None:
        if isinstance(event, ContributionReceived):
            ids = [doc["id"] for doc in on_disk(workshop)]
            seen_on_disk.append(event.contribution_id in ids)

    workshop.subscribe(listener)
    await send(workshop, "ideas", {"text": "Gemt"})
    assert seen_on_disk == [True]


async def test_a_submit_whose_phone_went_away_is_still_stored_and_announced(
    workshop: Workshop, events: list[Event]
) -> None:
    await workshop.go_to("ideas")
    announced = asyncio.Event()
    workshop.subscribe(
        lambda event: announced.set() if isinstance(event, ContributionReceived) else None
    )
    request = asyncio.create_task(
        workshop.submit(phone(1), "ideas", "tap-1", {"text": "Telefonen gik i dvale"})
    )
    await asyncio.sleep(0)  # one turn of the loop: the submit reaches the store
    request.cancel()
    # Bounded so that a lost announcement fails the test instead of hanging it.
    await asyncio.wait_for(announced.wait(), timeout=10)
    (stored,) = on_disk(workshop)
    assert stored["text"] == "Telefonen gik i dvale"
    assert ContributionReceived("ideas", stored["id"]) in events
    assert [c.id for c in workshop.contributions("ideas")] == [stored["id"]]


async def test_a_failing_listener_does_not_stop_the_others(workshop: Workshop) -> None:
    seen: list[Event] = []

    def broken(event: Event) -> None:
        raise RuntimeError("a screen that crashed")

    workshop.subscribe(broken)
    workshop.subscribe(seen.append)
    await workshop.start()
    assert seen[0] == StepOpened("intro", 0)


async def test_unsubscribe_stops_events(workshop: Workshop) -> None:
    seen: list[Event] = []
    unsubscribe: Callable[[], None] = workshop.subscribe(seen.append)
    unsubscribe()
    await workshop.start()
    assert seen == []


# --- results -------------------------------------------------------------------------------


async def test_dot_totals_are_summed_and_sorted(workshop: Workshop) -> None:
    a, b, c = await ideas(workshop, "A", "B", "C")
    await workshop.go_to("dots")
    await send(workshop, "dots", {"dots": {a.id: 1, b.id: 2}}, who=1)
    await send(workshop, "dots", {"dots": {b.id: 2, c.id: 1}}, who=2)
    await send(workshop, "dots", {"dots": {b.id: 1}}, who=3)
    bars = [(bar.label, bar.value, bar.people) for bar in results(workshop, "dots").bars]
    assert bars == [("B", 5, 3), ("A", 1, 1), ("C", 1, 1)]


async def test_scale_results_show_the_whole_distribution(workshop: Workshop) -> None:
    await workshop.go_to("mood")
    for who, (first, second) in enumerate([(1, 5), (2, 5), (2, 4), (5, 1)], start=1):
        await send(workshop, "mood", {"values": {"0": first, "1": second}}, who=who)
    rows_ = results(workshop, "mood").scales
    assert rows_[0].counts == (1, 2, 0, 0, 1)
    assert rows_[1].counts == (1, 0, 0, 1, 2)
    assert rows_[0].mean == pytest.approx(2.5)


async def test_rank_points_favour_the_first_place(workshop: Workshop) -> None:
    await workshop.go_to("top")
    await send(workshop, "top", {"ranking": ["2", "1"]}, who=1)
    await send(workshop, "top", {"ranking": ["2", "3"]}, who=2)
    await send(workshop, "top", {"ranking": ["1", "2"]}, who=3)
    bars = [(bar.label, bar.value) for bar in results(workshop, "top").bars]
    assert bars == [("B", 5), ("A", 3), ("C", 1), ("D", 0)]


async def test_choice_counts_people_per_option_in_plan_order(workshop: Workshop) -> None:
    await workshop.go_to("many")
    await send(workshop, "many", {"choices": ["3"]}, who=1)
    await send(workshop, "many", {"choices": ["1", "3"]}, who=2)
    bars = [(bar.label, bar.value) for bar in results(workshop, "many").bars]
    assert bars == [("Møder", 1), ("Mails", 0), ("Dokumentation", 2)]


async def test_text_cards_come_newest_first(workshop: Workshop) -> None:
    await ideas(workshop, "Først", "Sidst")
    assert [card.text for card in results(workshop, "ideas").cards] == ["Sidst", "Først"]


async def test_the_newest_cards_alone_are_the_first_of_all_cards(workshop: Workshop) -> None:
    # The wall asks only for its newest cards; they must be the head of the full list, also
    # where answers arrived in the same millisecond, and the count must still be all of them.
    clock = workshop.clock
    assert isinstance(clock, FakeClock)
    await workshop.go_to("ideas")
    for n in range(12):
        await send(workshop, "ideas", {"text": f"Svar {n}"}, who=n + 1)
        if n % 3 == 2:
            clock.advance(1)
    step = workshop.plan.step("ideas")
    every = workshop.contributions("ideas", include_invisible=True)
    full = results_for(step, every, workshop.options(step))
    head = results_for(step, every, workshop.options(step), newest=5)
    assert head.cards == full.cards[:5]
    assert [card.text for card in head.cards[:2]] == ["Svar 9", "Svar 10"]
    assert head.count == full.count == 12


async def test_actions_are_listed_in_arrival_order(workshop: Workshop) -> None:
    await workshop.go_to("todo")
    await send(workshop, "todo", {"what": "Plan"}, who=1)
    await send(workshop, "todo", {"what": "Møde", "who": "Ali"}, who=2)
    actions = [(a.what, a.who) for a in results(workshop, "todo").actions]
    assert actions == [("Plan", ""), ("Møde", "Ali")]


async def test_results_are_not_enough_below_min_answers(workshop: Workshop) -> None:
    await ideas(workshop, "En", "To", "Tre", "Fire")
    assert workshop.plan.step("ideas").min_answers == 5
    assert not results(workshop, "ideas").enough


async def test_results_are_enough_at_min_answers(workshop: Workshop) -> None:
    await ideas(workshop, "En", "To", "Tre", "Fire", "Fem")
    assert results(workshop, "ideas").enough


async def test_respondents_count_phones_not_contributions(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    await send(workshop, "ideas", {"text": "En"}, who=1)
    await send(workshop, "ideas", {"text": "To"}, who=1)
    assert workshop.respondents("ideas") == 1
    assert results(workshop, "ideas").respondents == 1
    assert not results(workshop, "ideas").enough


async def test_retracted_answers_leave_the_results(workshop: Workshop) -> None:
    await workshop.go_to("pick")
    answer = await send(workshop, "pick", {"choices": ["1"]})
    await workshop.retract(phone(1), answer.id)
    outcome = results(workshop, "pick")
    assert (outcome.count, outcome.respondents) == (0, 0)
    assert [bar.value for bar in outcome.bars] == [0, 0, 0]


# --- device keys ---------------------------------------------------------------------------


async def test_a_phone_sees_only_its_own_contributions(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    mine = await send(workshop, "ideas", {"text": "Min"}, who=1)
    await send(workshop, "ideas", {"text": "Din"}, who=2)
    assert workshop.mine(phone(1)) == [mine]


async def test_the_device_key_is_a_keyed_hash_of_the_token(workshop: Workshop) -> None:
    key = workshop.device_key(phone(1))
    assert key != phone(1)
    assert len(key) == 32
    assert workshop.device_key(phone(1)) == key
    assert workshop.device_key(phone(2)) != key
