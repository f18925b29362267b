"""What vote, choice and rank steps share: a set of options and a bar per option."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from kerne_tui.plan.model import Option, Step
from kerne_tui.workshop.kinds.base import Fields, KindSpec
from kerne_tui.workshop.model import Contribution, Refused
from kerne_tui.workshop.parts import Bar, Parts


class OptionSpec(KindSpec):
    """A kind that picks among the step's options (fixed or carried forward)."""

    sort_bars: ClassVar[bool] = True
    """True where the bars are shown biggest first; False keeps the plan's order."""

    def check(self, step: Step, payload: Mapping[str, Any], options: Sequence[Option]) -> Fields:
        option_ids = {option.id for option in options}
        if not option_ids:
            raise Refused("invalid", "refuse.no_options")
        return self.check_picks(step, payload, option_ids)

    def check_picks(self, step: Step, payload: Mapping[str, Any], option_ids: set[str]) -> Fields:
        """The kind's own check, once the step is known to have options."""
        raise NotImplementedError

    def picked(self, step: Step, contribution: Contribution) -> Mapping[str, int]:
        """How much one contribution gives each option it picked."""
        raise NotImplementedError

    def tally(
        self,
        step: Step,
        every: Sequence[Contribution],
        visible: Sequence[Contribution],
        options: Sequence[Option],
        newest: int | None,
    ) -> Parts:
        values: Counter[str] = Counter()
        people: dict[str, set[str]] = {option.id: set() for option in options}
        for c in visible:
            for option, amount in self.picked(step, c).items():
                if option in people:
                    values[option] += amount
                    people[option].add(c.device)
        bars = [Bar(o.id, o.label, values[o.id], len(people[o.id])) for o in options]
        if self.sort_bars:
            bars.sort(key=lambda bar: bar.value, reverse=True)
        return Parts(bars=tuple(bars))


def string_list(value: Any) -> list[str]:
    """*value* as a list of strings, or :class:`Refused` for any other shape."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Refused("wrong_kind", "refuse.wrong_kind")
    return value
