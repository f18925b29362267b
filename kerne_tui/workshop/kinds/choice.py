"""Choice steps: one option (or several where ``multiple``), once per phone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from kerne_tui.catalog import Lang
from kerne_tui.plan.model import Step, StepKind
from kerne_tui.workshop.kinds.base import Fields
from kerne_tui.workshop.kinds.options import OptionSpec, string_list
from kerne_tui.workshop.model import Contribution, Refused


class ChoiceSpec(OptionSpec):
    """``choices`` lists option ids; a bar counts the people, in the plan's order."""

    kinds = (StepKind.CHOICE,)
    summed = True
    sort_bars = False

    def check_picks(self, step: Step, payload: Mapping[str, Any], option_ids: set[str]) -> Fields:
        unique = tuple(dict.fromkeys(string_list(payload.get("choices"))))
        if not unique:
            raise Refused("invalid", "refuse.choice_none")
        if any(c not in option_ids for c in unique):
            raise Refused("invalid", "refuse.unknown_option")
        if not step.multiple and len(unique) != 1:
            raise Refused("invalid", "refuse.choice_count")
        return {"choices": unique}

    def picked(self, step: Step, contribution: Contribution) -> Mapping[str, int]:
        return dict.fromkeys(contribution.choices, 1)

    def follow_merges(self, contribution: Contribution, merged: Mapping[str, str]) -> Contribution:
        moved = (merged.get(option, option) for option in contribution.choices)
        return replace(contribution, choices=tuple(dict.fromkeys(moved)))

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        return "; ".join(labels.get(option, option) for option in contribution.choices)
