"""Each step kind's rules on their own: payload checks, caps and tallies, with no session file."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from kerne_tui.plan import Option, Step, StepKind
from kerne_tui.plan.checks import KIND_CHECKS
from kerne_tui.workshop import Contribution, Refused
from kerne_tui.workshop.kinds import SPECS, KindSpec, spec_for

OPTIONS = (Option("1", "Mere tid"), Option("2", "Færre møder"), Option("3", "Ro"))
HOSTILE: list[Any] = [None, 7, True, 2.5, "tekst", [], {}, ["1"], {"1": 1}, [[1]], {"x": None}]


def step(kind: StepKind, **fields: Any) -> Step:
    return Step(id="s", kind=kind, title="Trin", prompt="Spørgsmål", minutes=1, **fields)


def mine(kind: StepKind, device: str = "phone", **fields: Any) -> Contribution:
    """One contribution of *device* to step "s"."""
    number = fields.pop("number", 1)
    return Contribution(
        id=f"c{device}{number}",
        step_id="s",
        kind=kind,
        device=device,
        client_id=f"k{number}",
        at=f"2026-11-23T09:00:{number:02d}.000Z",
        **fields,
    )


def refusal(spec: KindSpec, the_step: Step, payload: Any, options: Any = OPTIONS) -> str:
    with pytest.raises(Refused) as caught:
        spec.check(the_step, payload, options)
    return caught.value.key


# --- the registries ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(StepKind))
def test_every_step_kind_has_a_spec_that_serves_it(kind: StepKind) -> None:
    assert spec_for(kind) is SPECS[kind]
    assert SPECS[kind].kind is kind


def test_the_spec_registry_holds_exactly_the_step_kinds() -> None:
    assert set(SPECS) == set(StepKind)


def test_the_plan_checks_hold_exactly_the_step_kinds() -> None:
    assert set(KIND_CHECKS) == set(StepKind)


def test_a_spec_refuses_a_kind_it_was_not_written_for() -> None:
    with pytest.raises(ValueError):
        type(SPECS[StepKind.VOTE])(StepKind.TEXT)


# --- no input ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [StepKind.INFO, StepKind.DISCUSS])
def test_info_and_discuss_take_nothing(kind: StepKind) -> None:
    assert refusal(SPECS[kind], step(kind), {"text": "Hej"}) == "refuse.no_input"
    parts = SPECS[kind].tally(step(kind), [], [], (), None)
    assert (parts.cards, parts.bars, parts.scales, parts.actions) == ((), (), (), ())


# --- text and sentence -------------------------------------------------------------------


def test_a_text_is_cleaned_and_keeps_its_lines() -> None:
    fields = spec_for(StepKind.TEXT).check(
        step(StepKind.TEXT), {"text": "  Mere\ntid \x1b[31m "}, ()
    )
    assert fields == {"text": "Mere\ntid"}


def test_a_sentence_is_one_line() -> None:
    fields = spec_for(StepKind.SENTENCE).check(
        step(StepKind.SENTENCE), {"text": "Vi er her\nfor borgeren"}, ()
    )
    assert "\n" not in fields["text"]


@pytest.mark.parametrize("kind", [StepKind.TEXT, StepKind.SENTENCE])
@pytest.mark.parametrize("payload", [{}, {"text": ""}, {"text": "   "}, {"text": None}])
def test_an_empty_text_is_refused(kind: StepKind, payload: dict[str, Any]) -> None:
    assert refusal(SPECS[kind], step(kind), payload) == "refuse.empty"


@pytest.mark.parametrize("value", [7, True, ["a"], {"a": 1}, 2.5])
def test_a_text_that_is_no_string_is_refused(value: object) -> None:
    assert refusal(SPECS[StepKind.TEXT], step(StepKind.TEXT), {"text": value}) == (
        "refuse.wrong_kind"
    )


def test_a_too_long_text_is_refused_with_the_limit() -> None:
    spec = SPECS[StepKind.TEXT]
    with pytest.raises(Refused) as caught:
        spec.check(step(StepKind.TEXT, max_length=10), {"text": "x" * 11}, ())
    assert caught.value.key == "refuse.too_long"
    assert caught.value.values == {"limit": 10, "length": 11}


def test_texts_are_capped_per_phone() -> None:
    spec, the_step = SPECS[StepKind.TEXT], step(StepKind.TEXT, max_per_person=2)
    own = [mine(StepKind.TEXT, text="a", number=1)]
    spec.check_caps(the_step, own, {"text": "b"})
    own.append(mine(StepKind.TEXT, text="b", number=2))
    with pytest.raises(Refused) as caught:
        spec.check_caps(the_step, own, {"text": "c"})
    assert caught.value.key == "refuse.cap"


def test_text_cards_are_newest_first_with_merged_weight() -> None:
    the_step = step(StepKind.TEXT)
    first = mine(StepKind.TEXT, device="a", text="Tid", number=1)
    duplicate = mine(StepKind.TEXT, device="b", text="Tid!", number=2, merged_into=first.id)
    last = mine(StepKind.TEXT, device="c", text="Ro", number=3)
    every = [first, duplicate, last]
    parts = SPECS[StepKind.TEXT].tally(the_step, every, [first, last], (), None)
    assert [(card.text, card.weight) for card in parts.cards] == [("Ro", 1), ("Tid", 2)]
    newest = SPECS[StepKind.TEXT].tally(the_step, every, [first, last], (), 1)
    assert [card.text for card in newest.cards] == ["Ro"]


# --- actions -----------------------------------------------------------------------------


def test_an_action_needs_what_but_not_who_when_or_how_we_see_it_worked() -> None:
    spec, the_step = SPECS[StepKind.ACTIONS], step(StepKind.ACTIONS)
    assert spec.check(the_step, {"what": " Ring til IT "}, ()) == {
        "what": "Ring til IT",
        "who": "",
        "when": "",
        "evidence": "",
    }


def test_an_action_keeps_how_we_will_see_that_it_worked() -> None:
    spec, the_step = SPECS[StepKind.ACTIONS], step(StepKind.ACTIONS)
    fields = spec.check(
        the_step, {"what": "Kortere møder", "evidence": " Møderne slutter til tiden "}, ()
    )
    assert fields["evidence"] == "Møderne slutter til tiden"
    too_long = "x" * (the_step.max_length + 1)
    assert refusal(spec, the_step, {"what": "Ring", "evidence": too_long}) == "refuse.too_long"
    assert refusal(spec, the_step, {"who": "Mette"}) == "refuse.action_what"
    assert refusal(spec, the_step, {"what": "x", "who": 3}) == "refuse.wrong_kind"
    assert refusal(spec, the_step, {"what": "x", "when": "y" * 121}) == "refuse.too_long"


def test_action_rows_show_the_visible_ones_in_order() -> None:
    the_step = step(StepKind.ACTIONS)
    one = mine(StepKind.ACTIONS, what="Ring", who="Mette", number=1)
    two = mine(StepKind.ACTIONS, what="Skriv", when="fredag", number=2)
    parts = SPECS[StepKind.ACTIONS].tally(the_step, [one, two], [one, two], (), None)
    assert [(a.what, a.who, a.when) for a in parts.actions] == [
        ("Ring", "Mette", ""),
        ("Skriv", "", "fredag"),
    ]


# --- vote --------------------------------------------------------------------------------


def test_dots_are_checked_against_the_options_and_the_budget() -> None:
    spec, the_step = SPECS[StepKind.VOTE], step(StepKind.VOTE, dots=3, max_per_option=2)
    assert spec.check(the_step, {"dots": {"1": 2, "2": 0, "3": 1}}, OPTIONS) == {
        "dots": {"1": 2, "3": 1}
    }
    assert refusal(spec, the_step, {"dots": {"9": 1}}) == "refuse.unknown_option"
    assert refusal(spec, the_step, {"dots": {"1": 0}}) == "refuse.no_dots"
    assert refusal(spec, the_step, {"dots": {"1": 2, "2": 2}}) == "refuse.too_many_dots"
    assert refusal(spec, the_step, {"dots": {"1": 3}}) == "refuse.option_cap"
    assert refusal(spec, step(StepKind.VOTE, dots=5, max_per_option=2), {"dots": {"1": 3}}) == (
        "refuse.option_cap"
    )


@pytest.mark.parametrize("dots", [None, [], "1", 3, {"1": -1}, {"1": True}, {"1": 1.5}])
def test_dots_of_the_wrong_shape_are_refused(dots: object) -> None:
    assert refusal(SPECS[StepKind.VOTE], step(StepKind.VOTE), {"dots": dots}) == (
        "refuse.wrong_kind"
    )


@pytest.mark.parametrize("kind", [StepKind.VOTE, StepKind.CHOICE, StepKind.RANK])
def test_an_option_step_without_options_refuses_everything(kind: StepKind) -> None:
    assert refusal(SPECS[kind], step(kind), {}, options=()) == "refuse.no_options"


def test_dots_add_up_over_several_sends_of_one_phone() -> None:
    spec, the_step = SPECS[StepKind.VOTE], step(StepKind.VOTE, dots=3, max_per_option=2)
    own = [mine(StepKind.VOTE, dots={"1": 2}, number=1)]
    spec.check_caps(the_step, own, {"dots": {"2": 1}})
    with pytest.raises(Refused) as caught:
        spec.check_caps(the_step, own, {"dots": {"2": 2}})
    assert caught.value.key == "refuse.too_many_dots"
    with pytest.raises(Refused) as caught:
        spec.check_caps(the_step, own, {"dots": {"1": 1}})
    assert caught.value.key == "refuse.option_cap"


def test_vote_bars_count_dots_and_people_biggest_first() -> None:
    the_step = step(StepKind.VOTE)
    a = mine(StepKind.VOTE, device="a", dots={"2": 2, "3": 1})
    b = mine(StepKind.VOTE, device="b", dots={"2": 1, "9": 3})
    parts = SPECS[StepKind.VOTE].tally(the_step, [a, b], [a, b], OPTIONS, None)
    assert [(bar.option_id, bar.value, bar.people) for bar in parts.bars] == [
        ("2", 3, 2),
        ("3", 1, 1),
        ("1", 0, 0),
    ]


# --- scale -------------------------------------------------------------------------------


def test_a_scale_answer_needs_every_statement_from_1_to_5() -> None:
    spec, the_step = SPECS[StepKind.SCALE], step(StepKind.SCALE, statements=("A", "B"))
    assert spec.check(the_step, {"values": {"0": 1, "1": 5}}, ()) == {"values": {"0": 1, "1": 5}}
    assert refusal(spec, the_step, {"values": {"0": 1}}) == "refuse.scale_missing"
    assert refusal(spec, the_step, {"values": {"0": 1, "2": 3}}) == "refuse.unknown_option"
    for bad in (0, 6, True, "3", None, 2.0):
        assert refusal(spec, the_step, {"values": {"0": bad, "1": 3}}) == "refuse.scale_value"
    assert refusal(spec, the_step, {"values": [1, 5]}) == "refuse.wrong_kind"


def test_scale_rows_count_each_value_once_per_answer() -> None:
    the_step = step(StepKind.SCALE, statements=("A", "B"))
    a = mine(StepKind.SCALE, device="a", values={"0": 1, "1": 5})
    b = mine(StepKind.SCALE, device="b", values={"0": 1, "1": 4})
    parts = SPECS[StepKind.SCALE].tally(the_step, [a, b], [a, b], (), None)
    assert [(row.statement, row.counts) for row in parts.scales] == [
        ("A", (2, 0, 0, 0, 0)),
        ("B", (0, 0, 0, 1, 1)),
    ]
    assert parts.scales[1].mean == 4.5


# --- choice ------------------------------------------------------------------------------


def test_a_choice_is_one_known_option_unless_several_are_allowed() -> None:
    spec, single = SPECS[StepKind.CHOICE], step(StepKind.CHOICE)
    assert spec.check(single, {"choices": ["2"]}, OPTIONS) == {"choices": ("2",)}
    assert refusal(spec, single, {"choices": ["1", "2"]}) == "refuse.choice_count"
    assert refusal(spec, single, {"choices": []}) == "refuse.choice_none"
    assert refusal(spec, single, {"choices": ["9"]}) == "refuse.unknown_option"
    several = replace(single, multiple=True)
    assert spec.check(several, {"choices": ["1", "3", "1"]}, OPTIONS) == {"choices": ("1", "3")}


@pytest.mark.parametrize("choices", [None, "1", [1], {"1": 1}, [["1"]]])
def test_choices_of_the_wrong_shape_are_refused(choices: object) -> None:
    assert refusal(SPECS[StepKind.CHOICE], step(StepKind.CHOICE), {"choices": choices}) == (
        "refuse.wrong_kind"
    )


@pytest.mark.parametrize("kind", [StepKind.SCALE, StepKind.CHOICE, StepKind.RANK])
def test_one_answer_per_phone_where_the_kind_says_so(kind: StepKind) -> None:
    spec = SPECS[kind]
    spec.check_caps(step(kind), [], {})
    with pytest.raises(Refused) as caught:
        spec.check_caps(step(kind), [mine(kind)], {})
    assert caught.value.key == "refuse.already_answered"


def test_choice_bars_keep_the_plans_order_and_count_people() -> None:
    the_step = step(StepKind.CHOICE, multiple=True)
    a = mine(StepKind.CHOICE, device="a", choices=("3",))
    b = mine(StepKind.CHOICE, device="b", choices=("3", "2"))
    parts = SPECS[StepKind.CHOICE].tally(the_step, [a, b], [a, b], OPTIONS, None)
    assert [(bar.option_id, bar.value) for bar in parts.bars] == [("1", 0), ("2", 1), ("3", 2)]


# --- rank --------------------------------------------------------------------------------


def test_a_ranking_names_the_top_options_once_each() -> None:
    spec, the_step = SPECS[StepKind.RANK], step(StepKind.RANK, top=2)
    assert spec.check(the_step, {"ranking": ["3", "1"]}, OPTIONS) == {"ranking": ("3", "1")}
    assert refusal(spec, the_step, {"ranking": ["3"]}) == "refuse.rank_count"
    assert refusal(spec, the_step, {"ranking": ["3", "3"]}) == "refuse.rank_count"
    assert refusal(spec, the_step, {"ranking": ["3", "9"]}) == "refuse.unknown_option"
    assert refusal(spec, the_step, {"ranking": "31"}) == "refuse.wrong_kind"
    fewer = spec.check(step(StepKind.RANK, top=5), {"ranking": ["1", "2", "3"]}, OPTIONS)
    assert fewer == {"ranking": ("1", "2", "3")}


def test_rank_bars_give_points_by_place() -> None:
    the_step = step(StepKind.RANK, top=2)
    a = mine(StepKind.RANK, device="a", ranking=("3", "1"))
    b = mine(StepKind.RANK, device="b", ranking=("1", "2"))
    parts = SPECS[StepKind.RANK].tally(the_step, [a, b], [a, b], OPTIONS, None)
    assert [(bar.option_id, bar.value, bar.people) for bar in parts.bars] == [
        ("1", 3, 2),
        ("3", 2, 1),
        ("2", 1, 1),
    ]


# --- hostile payloads --------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(StepKind))
@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_payload_is_refused_or_cleaned_never_crashes(kind: StepKind, value: Any) -> None:
    the_step = step(kind, statements=("A",))
    spec = SPECS[kind]
    payload = {
        name: value
        for name in ("text", "what", "who", "when", "dots", "values", "choices", "ranking")
    }
    try:
        fields = spec.check(the_step, payload, OPTIONS)
    except Refused as refused:
        assert refused.key.startswith("refuse.")
        return
    # What passes is exactly the fields of a contribution, of the right types.
    contribution = mine(kind, **fields)
    assert contribution.kind is kind


# --- picks of cards merged after they were given ---------------------------------------------

MERGED = {"dup": "kept"}
"""Card "dup" was merged into card "kept" after the phones answered."""


def test_dots_and_points_on_a_merged_card_add_up_on_the_card_it_went_into() -> None:
    vote = mine(StepKind.VOTE, dots={"dup": 2, "kept": 1, "other": 1})
    moved = SPECS[StepKind.VOTE].follow_merges(vote, MERGED)
    assert moved.dots == {"kept": 3, "other": 1}
    points = mine(StepKind.POINTS, points={"dup": 40, "kept": 10})
    assert SPECS[StepKind.POINTS].follow_merges(points, MERGED).points == {"kept": 50}


def test_a_choice_or_a_ranking_counts_a_merged_card_once() -> None:
    choice = mine(StepKind.CHOICE, choices=("dup", "kept", "other"))
    assert SPECS[StepKind.CHOICE].follow_merges(choice, MERGED).choices == ("kept", "other")
    ranking = mine(StepKind.RANK, ranking=("other", "dup", "kept"))
    assert SPECS[StepKind.RANK].follow_merges(ranking, MERGED).ranking == ("other", "kept")


def test_a_matrix_keeps_the_place_given_to_the_card_itself() -> None:
    both = mine(StepKind.MATRIX, placements={"dup": (1, 1), "kept": (4, 5)})
    assert SPECS[StepKind.MATRIX].follow_merges(both, MERGED).placements == {"kept": (4, 5)}
    only = mine(StepKind.MATRIX, placements={"dup": (2, 3)})
    assert SPECS[StepKind.MATRIX].follow_merges(only, MERGED).placements == {"kept": (2, 3)}


def test_texts_and_actions_are_left_as_they_are() -> None:
    card = mine(StepKind.TEXT, text="Mere tid")
    assert SPECS[StepKind.TEXT].follow_merges(card, MERGED) is card
