"""Action steps: what, who, by when and how we will see that it worked, one row each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.plan.model import Option, Step, StepKind
from kerne_tui.workshop.kinds.base import Fields, KindSpec, cap_per_person, clean_field
from kerne_tui.workshop.model import Contribution
from kerne_tui.workshop.parts import ActionRow, Parts

ACTION_FIELD_LIMIT = 120
"""The longest "who" and "when" (the "what" has the step's ``max_length``)."""


class ActionsSpec(KindSpec):
    """A "what" is required; "who", "when" and "evidence" may stay empty."""

    kinds = (StepKind.ACTIONS,)

    def check(self, step: Step, payload: Mapping[str, Any], options: Sequence[Option]) -> Fields:
        return {
            "what": clean_field(
                payload.get("what"),
                step.max_length,
                multiline=False,
                empty_key="refuse.action_what",
            ),
            "who": clean_field(
                payload.get("who", ""), ACTION_FIELD_LIMIT, multiline=False, required=False
            ),
            "when": clean_field(
                payload.get("when", ""), ACTION_FIELD_LIMIT, multiline=False, required=False
            ),
            "evidence": clean_field(
                payload.get("evidence", ""), step.max_length, multiline=False, required=False
            ),
        }

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
        return Parts(
            actions=tuple(
                ActionRow(id=c.id, what=c.what, who=c.who, when=c.when, evidence=c.evidence)
                for c in visible
            )
        )

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        c = contribution
        parts = [c.what]
        if c.who:
            parts.append(t(lang, "archive.value.who", who=c.who))
        if c.when:
            parts.append(t(lang, "archive.value.when", when=c.when))
        if c.evidence:
            parts.append(t(lang, "archive.value.evidence", evidence=c.evidence))
        return "; ".join(parts)
