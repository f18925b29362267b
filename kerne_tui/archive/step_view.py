"""What a results section reads of a step in the report.

Both the registry (``kinds.py``) and the Markdown sections (``md_*.py``) take a
:class:`StepView`; it lives below both so that neither imports the other to name it.
"""

from __future__ import annotations

from typing import Protocol

from kerne_tui.plan import Step
from kerne_tui.workshop import ComparedRow, StepResults
from kerne_tui.workshop.results import Card


class StepView(Protocol):
    """What a results section reads of a step in the report (``content.StepReport``)."""

    @property
    def step(self) -> Step: ...

    @property
    def results(self) -> StepResults: ...

    @property
    def cards(self) -> tuple[Card, ...]: ...

    @property
    def compared(self) -> tuple[ComparedRow, ...]: ...
