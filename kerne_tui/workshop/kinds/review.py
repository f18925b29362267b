"""Review steps: each agreement of the earlier session gets a status, and maybe a comment."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.plan.model import Option, Step, StepKind
from kerne_tui.workshop.kinds.base import Fields, KindSpec, clean_field
from kerne_tui.workshop.model import Contribution, Refused
from kerne_tui.workshop.parts import REVIEW_STATUSES, Parts, ReviewRow


class ReviewSpec(KindSpec):
    """``statuses`` maps agreement ids to a status; ``comments`` may add a line to some.

    The options are the earlier session's agreements (their ids and their "what"); a phone
    answers once, with a status for at least one agreement.
    """

    kinds = (StepKind.REVIEW,)
    summed = True

    def check(self, step: Step, payload: Mapping[str, Any], options: Sequence[Option]) -> Fields:
        known = {option.id for option in options}
        if not known:
            raise Refused("invalid", "refuse.no_agreements")
        raw = payload.get("statuses")
        comments_raw = payload.get("comments", {})
        if not isinstance(raw, dict) or not isinstance(comments_raw, dict):
            raise Refused("wrong_kind", "refuse.wrong_kind")
        statuses: dict[str, str] = {}
        for key, value in raw.items():
            if str(key) not in known:
                raise Refused("invalid", "refuse.unknown_option")
            if value in ("", None):
                continue
            if value not in REVIEW_STATUSES:
                raise Refused("invalid", "refuse.review_status")
            statuses[str(key)] = str(value)
        if not statuses:
            raise Refused("invalid", "refuse.review_none")
        comments: dict[str, str] = {}
        for key, value in comments_raw.items():
            if str(key) not in known:
                raise Refused("invalid", "refuse.unknown_option")
            text = clean_field(value, step.max_length, multiline=False, required=False)
            if text:
                comments[str(key)] = text
        return {"statuses": statuses, "comments": comments}

    def tally(
        self,
        step: Step,
        every: Sequence[Contribution],
        visible: Sequence[Contribution],
        options: Sequence[Option],
        newest: int | None,
    ) -> Parts:
        details = {o.id: _agreement_parts(o) for o in options}
        rows = []
        for option in options:
            counts = [0, 0, 0, 0]
            comments = []
            for c in visible:
                status = c.statuses.get(option.id)
                if status in REVIEW_STATUSES:
                    counts[REVIEW_STATUSES.index(status)] += 1
                comment = c.comments.get(option.id)
                if comment:
                    comments.append(comment)
            who, when, evidence = details[option.id]
            rows.append(
                ReviewRow(
                    id=option.id,
                    what=option.label,
                    who=who,
                    when=when,
                    evidence=evidence,
                    counts=(counts[0], counts[1], counts[2], counts[3]),
                    comments=tuple(comments),
                )
            )
        return Parts(reviews=tuple(rows))

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        parts = []
        for agreement, status in contribution.statuses.items():
            what = labels.get(agreement, agreement)
            words = t(
                lang, "archive.value.review", what=what, status=t(lang, f"review.status.{status}")
            )
            comment = contribution.comments.get(agreement)
            parts.append(f"{words} ({comment})" if comment else words)
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Agreement(Option):
    """An earlier agreement as a review step's option: the label is its "what"."""

    who: str = ""
    when: str = ""
    evidence: str = ""
    """How the day said it would see that the agreement worked (may be empty)."""


def _agreement_parts(option: Option) -> tuple[str, str, str]:
    if isinstance(option, Agreement):
        return option.who, option.when, option.evidence
    return "", "", ""
