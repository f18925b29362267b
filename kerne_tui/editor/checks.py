"""The live checks: the loader's own ``plan_from_data`` run on the document as it stands.

The editor never checks a field itself; it asks the loader and places each problem beside
the field it names, in the loader's words, so they are the words ``kerne validate`` prints.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kerne_tui.catalog import Lang
from kerne_tui.plan import Plan, PlanError, PlanProblem, plan_from_data

Where = tuple[int | None, int | None]
"""(module, step), counted from 0; None for a level above."""


@dataclass(frozen=True, slots=True)
class Checked:
    """The loader's verdict on the document: the plan, or its problems by place and field."""

    plan: Plan | None
    problems: tuple[PlanProblem, ...] = ()
    _by_place: dict[Where, list[PlanProblem]] = field(default_factory=dict, repr=False)

    def at(self, module: int | None, step: int | None) -> list[PlanProblem]:
        """The problems of one place (the top, a module or a step)."""
        return self._by_place.get((module, step), [])

    def of_field(self, module: int | None, step: int | None, name: str) -> list[PlanProblem]:
        """The problems of one field at one place."""
        return [problem for problem in self.at(module, step) if problem.field == name]

    def in_module(self, module: int) -> bool:
        """True when the module or one of its steps has a problem."""
        return any(where[0] == module for where in self._by_place)

    def messages(self, lang: Lang) -> list[str]:
        """Every problem as ``kerne validate`` says it."""
        return [problem.message(lang) for problem in self.problems]


def check(data: dict[str, Any], source: str) -> Checked:
    """Run the loader's checks on *data* (the document's plain values) from *source*."""
    try:
        plan = plan_from_data(data, source)
    except PlanError as error:
        by_place: dict[Where, list[PlanProblem]] = defaultdict(list)
        for problem in error.problems:
            module, step = problem.position
            by_place[
                (module - 1 if module is not None else None, step - 1 if step is not None else None)
            ].append(problem)
        return Checked(None, tuple(error.problems), dict(by_place))
    return Checked(plan)
