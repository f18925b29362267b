"""Text and sentence steps: free text, shown as cards; a sentence is a single line."""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from typing import Any

from kerne_tui.plan.model import Option, Step, StepKind
from kerne_tui.workshop.kinds.base import Fields, KindSpec, cap_per_person, clean_field
from kerne_tui.workshop.model import Contribution
from kerne_tui.workshop.parts import Card, Parts, merge_weights


class TextSpec(KindSpec):
    """One text per contribution, up to ``max_per_person`` each; the newest card first."""

    kinds = (StepKind.TEXT, StepKind.SENTENCE)
    merges_answers = True

    def check(self, step: Step, payload: Mapping[str, Any], options: Sequence[Option]) -> Fields:
        multiline = self.kind is StepKind.TEXT
        return {"text": clean_field(payload.get("text"), step.max_length, multiline=multiline)}

    def check_caps(self, step: Step, own: Sequence[Contribution], fields: Fields) -> None:
        cap_per_person(step, own)

    def tally(
        self,
        step: Step,
        every: Sequence[Contribution],
        visible: Sequence[Contribution],
        options: Sequence[Option],
        newest: int | None,
    ) -> Parts:
        weights = merge_weights(every)
        # nlargest gives sorted(..., reverse=True)[:n], without sorting what is left out.
        shown = len(visible) if newest is None else newest
        by_time = heapq.nlargest(shown, visible, key=_arrival)
        return Parts(
            cards=tuple(
                Card(id=c.id, text=c.text, at=c.at, weight=1 + weights.get(c.id, 0))
                for c in by_time
            )
        )


def _arrival(contribution: Contribution) -> str:
    return contribution.at
