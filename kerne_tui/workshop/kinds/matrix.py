"""Matrix steps: every option placed on two axes from 1 to 5, once per phone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.plan.model import Option, Step, StepKind
from kerne_tui.workshop.kinds.base import Fields, KindSpec
from kerne_tui.workshop.model import Contribution, Refused
from kerne_tui.workshop.parts import Parts, Placement

LOWEST = 1
HIGHEST = 5


def _grid_value(value: Any) -> int:
    """One coordinate: a whole number from 1 to 5, or :class:`Refused`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused("wrong_kind", "refuse.matrix_value")
    if not LOWEST <= value <= HIGHEST:
        raise Refused("invalid", "refuse.matrix_value")
    return value


class MatrixSpec(KindSpec):
    """``placements`` maps each option id to ``[x, y]``; every option must be placed."""

    kinds = (StepKind.MATRIX,)
    summed = True

    def check(self, step: Step, payload: Mapping[str, Any], options: Sequence[Option]) -> Fields:
        option_ids = {option.id for option in options}
        if not option_ids:
            raise Refused("invalid", "refuse.no_options")
        raw = payload.get("placements")
        if not isinstance(raw, dict):
            raise Refused("wrong_kind", "refuse.wrong_kind")
        placements: dict[str, tuple[int, int]] = {}
        for key, value in raw.items():
            if not isinstance(value, list | tuple) or len(value) != 2:
                raise Refused("wrong_kind", "refuse.matrix_value")
            x, y = _grid_value(value[0]), _grid_value(value[1])
            if str(key) not in option_ids:
                raise Refused("invalid", "refuse.unknown_option")
            placements[str(key)] = (x, y)
        if len(placements) != len(option_ids):
            raise Refused("invalid", "refuse.matrix_missing")
        return {"placements": placements}

    def tally(
        self,
        step: Step,
        every: Sequence[Contribution],
        visible: Sequence[Contribution],
        options: Sequence[Option],
        newest: int | None,
    ) -> Parts:
        rows = []
        for option in options:
            xs = [0, 0, 0, 0, 0]
            ys = [0, 0, 0, 0, 0]
            for c in visible:
                placed = c.placements.get(option.id)
                if placed is None:
                    continue
                x, y = placed
                if LOWEST <= x <= HIGHEST and LOWEST <= y <= HIGHEST:
                    xs[x - 1] += 1
                    ys[y - 1] += 1
            rows.append(
                Placement(
                    option.id,
                    option.label,
                    (xs[0], xs[1], xs[2], xs[3], xs[4]),
                    (ys[0], ys[1], ys[2], ys[3], ys[4]),
                )
            )
        return Parts(placements=tuple(rows))

    def follow_merges(self, contribution: Contribution, merged: Mapping[str, str]) -> Contribution:
        """A card merged later is placed where its phone put the card it went into (if it did)."""
        moved: dict[str, tuple[int, int]] = {}
        for option, place in contribution.placements.items():
            root = merged.get(option, option)
            if root not in moved or option == root:
                moved[root] = place
        return replace(contribution, placements=moved)

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        return "; ".join(
            t(
                lang,
                "archive.value.matrix",
                label=labels.get(option, option),
                x_label=step.x_label,
                x=x,
                y_label=step.y_label,
                y=y,
            )
            for option, (x, y) in contribution.placements.items()
        )


MIDDLE = (LOWEST + HIGHEST) / 2
"""Where the grid is split into its four quadrants."""


@dataclass(frozen=True, slots=True)
class Axes:
    """A matrix step's two axes with their end labels (the plan's, or the catalog's)."""

    x: str
    y: str
    x_low: str
    x_high: str
    y_low: str
    y_high: str

    def x_side(self, value: float) -> str:
        """The end of the horizontal axis that *value* lies towards ("" in the middle)."""
        return _side(value, self.x_low, self.x_high)

    def y_side(self, value: float) -> str:
        """The end of the vertical axis that *value* lies towards ("" in the middle)."""
        return _side(value, self.y_low, self.y_high)


def _side(value: float, low: str, high: str) -> str:
    if value < MIDDLE:
        return low
    if value > MIDDLE:
        return high
    return ""


def axes(step: Step, lang: Lang) -> Axes:
    """*step*'s axes as every room shows them, the unnamed ends called low and high."""
    low, high = t(lang, "web.matrix.low"), t(lang, "web.matrix.high")
    return Axes(
        x=step.x_label,
        y=step.y_label,
        x_low=step.x_low_label or low,
        x_high=step.x_high_label or high,
        y_low=step.y_low_label or low,
        y_high=step.y_high_label or high,
    )
