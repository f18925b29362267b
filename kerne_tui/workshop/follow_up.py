"""A follow-up session: what it builds on from the earlier one, and the two sides compared.

The earlier session's sentence, agreements and scale answers are copied into the follow-up's
own header when it is made (:class:`~kerne_tui.store.FollowUpRecord`); this module answers
what the screen, the phones and the report ask of that copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kerne_tui.catalog import Lang, t
from kerne_tui.plan import MIN_ANSWERS, Plan, Step, StepKind
from kerne_tui.store import EarlierScale, FollowUpRecord
from kerne_tui.workshop.kinds.review import Agreement
from kerne_tui.workshop.parts import ScaleRow
from kerne_tui.workshop.results import StepResults


class FollowUpError(Exception):
    """An earlier session the follow-up cannot build on, said in one sentence."""

    def __init__(
        self, key: str, *, detail: Mapping[Lang, str] | None = None, **values: object
    ) -> None:
        self.key = key
        self.values = values
        self.detail = dict(detail or {})
        """A part of the sentence that is already in each language (an archive's problems)."""
        super().__init__(self.message("en"))

    def message(self, lang: Lang) -> str:
        """The sentence in *lang*."""
        extra = {"detail": self.detail[lang]} if lang in self.detail else {}
        return t(lang, self.key, **self.values, **extra)


def require_earlier(plan: Plan, follow_up: FollowUpRecord | None) -> None:
    """Refuse a plan that builds on an earlier session when none was given."""
    needs = plan.builds_on_earlier
    if needs and follow_up is None:
        raise FollowUpError(
            "followup.missing",
            plan=plan.title,
            steps=", ".join(step.id for step in needs),
        )


def agreements(step: Step, follow_up: FollowUpRecord | None) -> tuple[Agreement, ...]:
    """The earlier agreements a review step goes through, as its options."""
    if step.kind is not StepKind.REVIEW or step.actions_from is None or follow_up is None:
        return ()
    earlier = follow_up.actions(step.actions_from)
    if earlier is None:
        return ()
    return tuple(
        Agreement(id=a.id, label=a.what, who=a.who, when=a.when, evidence=a.evidence)
        for a in earlier.actions
    )


@dataclass(frozen=True, slots=True)
class ComparedRow:
    """One statement of a compared scale: the earlier and the new spread of answers."""

    statement: str
    before: ScaleRow
    after: ScaleRow
    before_shown: bool
    """True when enough people answered on the day for that side to be shown."""
    after_shown: bool
    before_respondents: int = 0
    """How many answered the earlier step (people, not answers per statement)."""
    before_least: int = MIN_ANSWERS
    """The earlier step's ``min_answers``."""
    after_respondents: int = 0
    """How many answered today."""
    after_least: int = MIN_ANSWERS
    """Today's step's ``min_answers``."""

    @property
    def shift(self) -> float | None:
        """The change of the mean (new minus earlier), when both sides may be shown."""
        if not (self.before_shown and self.after_shown):
            return None
        if not (self.before.answers and self.after.answers):
            return None
        return self.after.mean - self.before.mean


def earlier_scale(step: Step, follow_up: FollowUpRecord | None) -> EarlierScale | None:
    """The earlier scale *step* is compared with, if it has one and it was copied."""
    if step.compare_with is None or follow_up is None:
        return None
    return follow_up.scale(step.compare_with)


def compared(results: StepResults, follow_up: FollowUpRecord | None) -> tuple[ComparedRow, ...]:
    """Each statement's before and after, or () for a scale that is not compared.

    The minimum-answers rule applies to both sides: each is shown only when its own session
    had enough respondents.
    """
    earlier = earlier_scale(results.step, follow_up)
    if earlier is None:
        return ()
    before_shown = earlier.respondents >= earlier.min_answers
    rows = []
    for index, after in enumerate(results.scales):
        counts = earlier.counts[index] if index < len(earlier.counts) else (0, 0, 0, 0, 0)
        rows.append(
            ComparedRow(
                statement=after.statement,
                before=ScaleRow(after.statement, counts),
                after=after,
                before_shown=before_shown,
                after_shown=results.enough,
                before_respondents=earlier.respondents,
                before_least=earlier.min_answers,
                after_respondents=results.respondents,
                after_least=results.step.min_answers,
            )
        )
    return tuple(rows)
