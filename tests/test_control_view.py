"""The facilitator's view model, from the workshop's public API: what the console shows."""

from __future__ import annotations

import orjson
import pytest
from support import FakeClock

from kerne_tui.control import ControlCenter, Surface, facilitator_view
from kerne_tui.workshop import Refused, Workshop

PHONE_A = "a" * 32
PHONE_B = "b" * 32


async def test_before_the_start_the_view_previews_the_first_step(workshop: Workshop) -> None:
    view = facilitator_view(workshop, phones=0)
    assert view["status"] == "waiting"
    assert view["step"] is None
    assert view["next"]["id"] == "intro"
    assert view["answers"] is None


async def test_unrevealed_answers_are_in_the_view_with_count_and_respondents(
    workshop: Workshop,
) -> None:
    await workshop.start("ideas")
    await workshop.submit(PHONE_A, "ideas", "1", {"text": "Kaffe"})
    await workshop.submit(PHONE_A, "ideas", "2", {"text": "Te"})
    await workshop.submit(PHONE_B, "ideas", "3", {"text": "Vand"})
    answers = facilitator_view(workshop, phones=3)["answers"]
    assert answers["revealed"] is False
    assert answers["count"] == 3
    assert answers["respondents"] == 2
    assert [item["text"] for item in answers["items"]] == ["Vand", "Te", "Kaffe"]


async def test_hidden_answers_stay_listed_for_restoring(workshop: Workshop) -> None:
    await workshop.start("ideas")
    hidden = await workshop.submit(PHONE_A, "ideas", "1", {"text": "Grimt"})
    await workshop.toggle_hidden(hidden.id)
    answers = facilitator_view(workshop, phones=0)["answers"]
    assert answers["hidden"] == 1
    assert answers["count"] == 0
    assert answers["items"][0]["hidden"] is True


async def test_a_talk_after_an_input_step_keeps_showing_its_answers(workshop: Workshop) -> None:
    await workshop.start("ideas")
    await workshop.submit(PHONE_A, "ideas", "1", {"text": "Kaffe"})
    await workshop.next_step()
    view = facilitator_view(workshop, phones=0)
    assert view["step"]["id"] == "pairs"
    assert view["answers"]["step"] == "ideas"
    assert view["answers"]["current"] is False


def phone(number: int) -> str:
    """One of a room's phones (a device key of its own)."""
    return f"{number:032x}"


async def test_votes_are_tallied_with_their_labels(workshop: Workshop) -> None:
    await workshop.start("fixed-vote")
    options = workshop.options(workshop.plan.step("fixed-vote"))
    await workshop.submit(PHONE_A, "fixed-vote", "1", {"dots": {options[1].id: 2}})
    for number in range(4):
        await workshop.submit(phone(number), "fixed-vote", "1", {"dots": {options[0].id: 1}})
    answers = facilitator_view(workshop, phones=0)["answers"]
    assert answers["withheld"] is False
    assert {"label": "Mails", "value": 2, "people": 1} in answers["bars"]
    assert answers["items"][-1]["text"] == "2 × Mails"


async def test_four_votes_are_held_back_from_the_console_and_the_remote_five_are_shown(
    workshop: Workshop,
) -> None:
    await workshop.start("fixed-vote")
    options = workshop.options(workshop.plan.step("fixed-vote"))
    for number in range(4):
        await workshop.submit(phone(number), "fixed-vote", "1", {"dots": {options[1].id: 2}})
    held = facilitator_view(workshop, phones=30)["answers"]
    assert held["withheld"] is True
    assert held["min_answers"] == 5
    assert held["respondents"] == 4
    assert held["bars"] == [] and held["scales"] == [] and held["items"] == []
    assert "Mails" not in orjson.dumps(held).decode()
    await workshop.submit(phone(4), "fixed-vote", "1", {"dots": {options[1].id: 1}})
    shown = facilitator_view(workshop, phones=30)["answers"]
    assert shown["withheld"] is False
    assert {"label": "Mails", "value": 9, "people": 5} in shown["bars"]
    assert len(shown["items"]) == 5


async def test_a_word_cloud_s_words_are_held_back_until_five_have_answered(
    workshop: Workshop,
) -> None:
    await workshop.start("cloud")
    for number in range(4):
        await workshop.submit(phone(number), "cloud", "1", {"words": ["Tryghed", "ro"]})
    assert facilitator_view(workshop, phones=30)["answers"]["items"] == []
    await workshop.submit(phone(4), "cloud", "1", {"words": ["Tryghed", "ro"]})
    words = facilitator_view(workshop, phones=30)["answers"]
    assert [item["text"] for item in words["items"]] == ["tryghed; ro"] * 5


async def test_a_words_answer_and_an_upvote_read_as_words_in_the_view(
    workshop: Workshop,
) -> None:
    await workshop.start("cloud")
    for number in range(5):
        await workshop.submit(phone(number), "cloud", "1", {"words": ["Tryghed", "ro"]})
    words = facilitator_view(workshop, phones=0)["answers"]
    assert words["items"][0]["text"] == "tryghed; ro"
    await workshop.go_to("asks")
    asked = await workshop.submit(PHONE_A, "asks", "1", {"text": "Hvornår starter vi?"})
    await workshop.submit(PHONE_B, "asks", "2", {"upvote": asked.id})
    questions = facilitator_view(workshop, phones=0)["answers"]
    assert [item["text"] for item in questions["items"]] == [
        "Støtter: Hvornår starter vi?",
        "Hvornår starter vi?",
    ]
    # A question hidden after it was upvoted is still named by its upvotes.
    await workshop.toggle_hidden(asked.id)
    questions = facilitator_view(workshop, phones=0)["answers"]
    assert questions["items"][0]["text"] == "Støtter: Hvornår starter vi?"


async def test_the_agenda_says_how_far_behind_the_day_is(
    workshop: Workshop, clock: FakeClock
) -> None:
    await workshop.start("intro")
    clock.advance(10 * 60)  # the 2-minute welcome took 10 minutes
    agenda = facilitator_view(workshop, phones=0)["agenda"]
    assert agenda["behind"] == 8
    assert agenda["rows"][0]["state"] == "now"
    await workshop.next_step()
    agenda = facilitator_view(workshop, phones=0)["agenda"]
    assert agenda["rows"][0]["state"] == "done"
    assert agenda["rows"][0]["actual"] == 10.0
    assert agenda["rows"][0]["planned"] == 2


async def test_every_pinned_version_is_kept_in_the_view(workshop: Workshop) -> None:
    await workshop.start("proposal")
    await workshop.pin("Vi hjælper")
    await workshop.pin("Vi hjælper borgerne")
    pinned = facilitator_view(workshop, phones=0)["pinned"]
    assert pinned["text"] == "Vi hjælper borgerne"
    assert [v["text"] for v in pinned["versions"]] == ["Vi hjælper", "Vi hjælper borgerne"]


async def test_the_view_carries_no_device_and_no_token(workshop: Workshop) -> None:
    control = ControlCenter(workshop)
    await workshop.start("ideas")
    await workshop.submit(PHONE_A, "ideas", "1", {"text": "Kaffe"})
    offer = control.offer_pairing(Surface.CONSOLE)
    _, token = control.pair(offer.code, "10.0.0.5")
    text = orjson.dumps(control.view()).decode()
    assert workshop.device_key(PHONE_A) not in text
    assert PHONE_A not in text
    assert token not in text
    assert control.secret not in text
    assert offer.code not in text


async def test_commands_from_the_console_run_on_the_workshop(workshop: Workshop) -> None:
    control = ControlCenter(workshop)
    assert await control.perform("next", {}, Surface.CONSOLE) is None
    assert workshop.current == "intro"
    assert await control.perform("back", {}, Surface.CONSOLE) == "control.step.first"
    with pytest.raises(Refused):
        await control.perform("launch", {}, Surface.CONSOLE)
    with pytest.raises(Refused):
        await control.perform("hide", {}, Surface.CONSOLE)
