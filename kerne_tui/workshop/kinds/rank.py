"""Rank steps: the phone's top ``top`` options in order, once per phone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.plan.model import Step, StepKind
from kerne_tui.workshop.kinds.base import Fields
from kerne_tui.workshop.kinds.options import OptionSpec, string_list
from kerne_tui.workshop.model import Contribution, Refused


class RankSpec(OptionSpec):
    """``ranking`` lists distinct option ids, best first; first place earns ``top`` points."""

    kinds = (StepKind.RANK,)
    summed = True

    def check_picks(self, step: Step, payload: Mapping[str, Any], option_ids: set[str]) -> Fields:
        ranking = string_list(payload.get("ranking"))
        if any(r not in option_ids for r in ranking):
            raise Refused("invalid", "refuse.unknown_option")
        wanted = min(step.top, len(option_ids))
        if len(ranking) != wanted or len(set(ranking)) != len(ranking):
            raise Refused("invalid", "refuse.rank_count", limit=wanted)
        return {"ranking": tuple(ranking)}

    def picked(self, step: Step, contribution: Contribution) -> Mapping[str, int]:
        return {option: step.top - place for place, option in enumerate(contribution.ranking)}

    def follow_merges(self, contribution: Contribution, merged: Mapping[str, str]) -> Contribution:
        moved = (merged.get(option, option) for option in contribution.ranking)
        return replace(contribution, ranking=tuple(dict.fromkeys(moved)))

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        return "; ".join(
            t(lang, "archive.value.place", place=place, label=labels.get(option, option))
            for place, option in enumerate(contribution.ranking, start=1)
        )
