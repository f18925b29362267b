"""Scale steps: every statement answered from 1 to 5, once per phone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.plan.model import Option, Step, StepKind
from kerne_tui.workshop.kinds.base import Fields, KindSpec
from kerne_tui.workshop.model import Contribution, Refused
from kerne_tui.workshop.parts import Parts, ScaleRow

LOWEST = 1
HIGHEST = 5


class ScaleSpec(KindSpec):
    """``values`` maps each statement's position (as text) to 1-5; all must be answered."""

    kinds = (StepKind.SCALE,)
    summed = True

    def check(self, step: Step, payload: Mapping[str, Any], options: Sequence[Option]) -> Fields:
        raw = payload.get("values")
        if not isinstance(raw, dict):
            raise Refused("wrong_kind", "refuse.wrong_kind")
        known = {str(i) for i in range(len(step.statements))}
        values: dict[str, int] = {}
        for key, value in raw.items():
            if isinstance(value, bool) or not isinstance(value, int):
                raise Refused("invalid", "refuse.scale_value")
            if not LOWEST <= value <= HIGHEST:
                raise Refused("invalid", "refuse.scale_value")
            if str(key) not in known:
                raise Refused("invalid", "refuse.unknown_option")
            values[str(key)] = value
        if len(values) != len(step.statements):
            raise Refused("invalid", "refuse.scale_missing")
        return {"values": values}

    def tally(
        self,
        step: Step,
        every: Sequence[Contribution],
        visible: Sequence[Contribution],
        options: Sequence[Option],
        newest: int | None,
    ) -> Parts:
        rows = []
        for index, statement in enumerate(step.statements):
            counts = [0, 0, 0, 0, 0]
            for c in visible:
                value = c.values.get(str(index))
                if value is not None and LOWEST <= value <= HIGHEST:
                    counts[value - 1] += 1
            rows.append(
                ScaleRow(statement, (counts[0], counts[1], counts[2], counts[3], counts[4]))
            )
        return Parts(scales=tuple(rows))

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        pairs = []
        for index, statement in enumerate(step.statements):
            value = contribution.values.get(str(index))
            if value is not None:
                pairs.append(t(lang, "archive.value.scale", value=value, statement=statement))
        return "; ".join(pairs)
