"""Dot votes: a phone spreads up to ``dots`` dots over the options, in one or more sends."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.plan.model import Step, StepKind
from kerne_tui.workshop.kinds.base import Fields
from kerne_tui.workshop.kinds.options import OptionSpec
from kerne_tui.workshop.model import Contribution, Refused
from kerne_tui.workshop.parts import follow


class VoteSpec(OptionSpec):
    """``dots`` maps option ids to whole numbers of dots; bars are sorted by dots."""

    kinds = (StepKind.VOTE,)
    summed = True

    def check_picks(self, step: Step, payload: Mapping[str, Any], option_ids: set[str]) -> Fields:
        raw = payload.get("dots")
        if not isinstance(raw, dict):
            raise Refused("wrong_kind", "refuse.wrong_kind")
        dots: dict[str, int] = {}
        for key, value in raw.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise Refused("wrong_kind", "refuse.wrong_kind")
            if str(key) not in option_ids:
                raise Refused("invalid", "refuse.unknown_option")
            if value:
                dots[str(key)] = value
        if not dots:
            raise Refused("invalid", "refuse.no_dots")
        if sum(dots.values()) > step.dots:
            raise Refused("invalid", "refuse.too_many_dots", limit=step.dots)
        if step.max_per_option and max(dots.values()) > step.max_per_option:
            raise Refused("invalid", "refuse.option_cap", limit=step.max_per_option)
        return {"dots": dots}

    def check_caps(self, step: Step, own: Sequence[Contribution], fields: Fields) -> None:
        new: Mapping[str, int] = fields["dots"]
        placed = sum(sum(c.dots.values()) for c in own)
        if placed + sum(new.values()) > step.dots:
            raise Refused("invalid", "refuse.too_many_dots", limit=step.dots)
        if step.max_per_option:
            for option, count in new.items():
                if sum(c.dots.get(option, 0) for c in own) + count > step.max_per_option:
                    raise Refused("invalid", "refuse.option_cap", limit=step.max_per_option)

    def picked(self, step: Step, contribution: Contribution) -> Mapping[str, int]:
        return contribution.dots

    def follow_merges(self, contribution: Contribution, merged: Mapping[str, str]) -> Contribution:
        return replace(contribution, dots=follow(contribution.dots, merged, add=True))

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        return "; ".join(
            t(lang, "archive.value.dots", n=n, label=labels.get(option, option))
            for option, n in contribution.dots.items()
        )
