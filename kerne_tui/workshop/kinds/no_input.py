"""Info and discuss steps: the room talks, the phones only follow along."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from kerne_tui.catalog import Lang
from kerne_tui.plan.model import Step, StepKind
from kerne_tui.workshop.kinds.base import Fields, KindSpec
from kerne_tui.workshop.model import Contribution, Refused


class NoInputSpec(KindSpec):
    """Info and discuss: phones send nothing, so nothing is checked or tallied."""

    kinds = (StepKind.INFO, StepKind.DISCUSS)

    def check_caps(self, step: Step, own: Sequence[Contribution], fields: Fields) -> None:
        raise Refused("wrong_kind", "refuse.no_input")

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        return ""
