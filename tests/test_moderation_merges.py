"""A merge never makes answers drop out of the counts.

Merging folds a duplicate into another answer, which then counts for both: cards and
questions carry the weight. Where nothing carries it (a cloud's whole answer, a vote's
ballot), the rules refuse the merge in words, and the counts stay as they were.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import FakeClock, load_test_plan, open_workshop

from kerne_tui.catalog import t
from kerne_tui.workshop import Refused, Workshop, results_for
from kerne_tui.workshop.kinds import SPECS

PHONES = 30


def counted(workshop: Workshop, step_id: str) -> dict[str, int]:
    step = workshop.plan.step(step_id)
    every = workshop.contributions(step_id, include_invisible=True)
    found = results_for(
        step, every, workshop.options(step), word_edits=workshop.word_edits(step_id)
    )
    return {**{w.word: w.count for w in found.words}, **{b.label: b.value for b in found.bars}}


async def test_merging_two_of_a_clouds_answers_is_refused_and_counts_stay(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with open_workshop(load_test_plan("console-parity"), tmp_path, clock) as workshop:
        await workshop.start("tjek-ind")
        sent = [["spændt", "lidt træt"], ["spændt"], ["træt"]]
        made = [
            await workshop.submit(f"{n:032d}", "tjek-ind", "c", {"words": sent[n % 3]})
            for n in range(PHONES)
        ]
        before = counted(workshop, "tjek-ind")
        with pytest.raises(Refused) as refused:
            await workshop.merge(made[0].id, made[2].id)
        assert refused.value.message("da") == t("da", "refuse.merge_by_word")
        assert (
            counted(workshop, "tjek-ind")
            == before
            == {
                "spændt": 20,
                "lidt træt": 10,
                "træt": 10,
            }
        )
        await workshop.merge_word("tjek-ind", "lidt træt", "træt")
        assert counted(workshop, "tjek-ind") == {"spændt": 20, "træt": 20}


async def test_merging_a_ballot_is_refused_and_the_votes_stay(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with open_workshop(load_test_plan("console-parity"), tmp_path, clock) as workshop:
        await workshop.start("forslag")
        for n, text in enumerate(["Vi ser hvert barn.", "Vi giver lyst til at lære."]):
            await workshop.submit(f"s{n:031d}", "forslag", "s", {"text": text})
        await workshop.go_to("prikker")
        first, second = (o.id for o in workshop.options(workshop.plan.step("prikker")))
        ballots = [
            await workshop.submit(f"v{n:031d}", "prikker", "v", {"dots": {first: 1, second: 2}})
            for n in range(PHONES)
        ]
        before = counted(workshop, "prikker")
        with pytest.raises(Refused) as refused:
            await workshop.merge(ballots[0].id, ballots[1].id)
        assert refused.value.message("da") == t("da", "refuse.merge_kind")
        assert counted(workshop, "prikker") == before
        assert before == {"Vi giver lyst til at lære.": 60, "Vi ser hvert barn.": 30}


async def test_merging_a_duplicate_sentence_still_counts_it_with_the_other(
    tmp_path: Path, clock: FakeClock
) -> None:
    async with open_workshop(load_test_plan("console-parity"), tmp_path, clock) as workshop:
        await workshop.start("forslag")
        one = await workshop.submit("a" * 32, "forslag", "a", {"text": "Vi ser hvert barn."})
        two = await workshop.submit("b" * 32, "forslag", "b", {"text": "Vi ser hvert barn!"})
        await workshop.merge(two.id, one.id)
        step = workshop.plan.step("forslag")
        every = workshop.contributions("forslag", include_invisible=True)
        cards = results_for(step, every, workshop.options(step)).cards
        assert [(card.text, card.weight) for card in cards] == [("Vi ser hvert barn.", 2)]


def test_only_kinds_that_carry_a_merge_may_merge_whole_answers() -> None:
    merging = sorted(kind.value for kind, spec in SPECS.items() if spec.merges_answers)
    assert merging == ["questions", "sentence", "text"]
