"""Points: a phone shares out the step's ``budget`` over the options, once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.plan.model import Step, StepKind
from kerne_tui.workshop.kinds.base import Fields
from kerne_tui.workshop.kinds.options import OptionSpec
from kerne_tui.workshop.model import Contribution, Refused
from kerne_tui.workshop.parts import follow


class PointsSpec(OptionSpec):
    """``points`` maps option ids to whole numbers from 0; together at most the budget.

    One answer per phone (retract to change it): the points are a share of one budget, so
    a second send would be a second budget. Bars are sorted by the points they got.
    """

    kinds = (StepKind.POINTS,)
    summed = True

    def check_picks(self, step: Step, payload: Mapping[str, Any], option_ids: set[str]) -> Fields:
        raw = payload.get("points")
        if not isinstance(raw, dict):
            raise Refused("wrong_kind", "refuse.wrong_kind")
        points: dict[str, int] = {}
        for key, value in raw.items():
            if isinstance(value, bool) or not isinstance(value, int):
                raise Refused("wrong_kind", "refuse.points_value")
            if value < 0:
                raise Refused("invalid", "refuse.points_value")
            if str(key) not in option_ids:
                raise Refused("invalid", "refuse.unknown_option")
            if value:
                points[str(key)] = value
        if not points:
            raise Refused("invalid", "refuse.points_none")
        given = sum(points.values())
        if given > step.budget:
            raise Refused("invalid", "refuse.points_over", limit=step.budget, given=given)
        return {"points": points}

    def picked(self, step: Step, contribution: Contribution) -> Mapping[str, int]:
        return contribution.points

    def follow_merges(self, contribution: Contribution, merged: Mapping[str, str]) -> Contribution:
        return replace(contribution, points=follow(contribution.points, merged, add=True))

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        return "; ".join(
            t(lang, "archive.value.points", n=n, label=labels.get(option, option))
            for option, n in contribution.points.items()
        )
