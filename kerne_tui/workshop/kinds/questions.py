"""Question steps (and the parking lot): phones ask, and upvote each other's questions.

A question is a contribution with ``text``; an upvote is a contribution whose ``upvote``
names the question. The questions asked so far are the step's options, so an upvote of an
unknown, hidden or taken-back question is refused like an unknown option. One upvote per phone
per question; the phone takes it back with the ordinary retract.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kerne_tui.catalog import Lang, t
from kerne_tui.plan.model import Option, Step, StepKind
from kerne_tui.workshop.kinds.base import Fields, KindSpec, clean_field
from kerne_tui.workshop.model import Contribution, Refused
from kerne_tui.workshop.parts import Parts, QuestionRow


class QuestionsSpec(KindSpec):
    """``{"text"}`` asks (up to ``max_per_person``); ``{"upvote": id}`` supports a question."""

    kinds = (StepKind.QUESTIONS,)
    merges_answers = True

    def check(self, step: Step, payload: Mapping[str, Any], options: Sequence[Option]) -> Fields:
        if "upvote" in payload:
            target = payload["upvote"]
            if "text" in payload or not isinstance(target, str):
                raise Refused("wrong_kind", "refuse.wrong_kind")
            if target not in {option.id for option in options}:
                raise Refused("invalid", "refuse.unknown_question")
            return {"upvote": target}
        return {"text": clean_field(payload.get("text"), step.max_length, multiline=False)}

    def check_caps(self, step: Step, own: Sequence[Contribution], fields: Fields) -> None:
        target = fields.get("upvote")
        if target:
            if any(c.upvote == target for c in own):
                raise Refused("cap", "refuse.upvoted_already")
            return
        asked = [c for c in own if not c.upvote]
        if len(asked) >= step.max_per_person:
            raise Refused("cap", "refuse.cap", limit=step.max_per_person)

    def tally(
        self,
        step: Step,
        every: Sequence[Contribution],
        visible: Sequence[Contribution],
        options: Sequence[Option],
        newest: int | None,
    ) -> Parts:
        return Parts(questions=question_rows(every, visible))

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        c = contribution
        if c.upvote:
            return t(lang, "archive.value.upvote", question=labels.get(c.upvote, c.upvote))
        if c.outcome:
            return f"{c.text}; {t(lang, f'outcome.{c.outcome}', owner=c.who)}"
        return c.text


def question_rows(
    every: Sequence[Contribution], visible: Sequence[Contribution]
) -> tuple[QuestionRow, ...]:
    """The shown questions, most upvotes first (the oldest first among equals).

    A merged question's upvoters count with the question it was merged into; a phone counts
    once per question even if it upvoted both.
    """
    into = {c.id: c.merged_into for c in every if c.merged_into and not c.upvote}
    voters: dict[str, set[str]] = {}
    for c in visible:
        if c.upvote:
            voters.setdefault(_root(c.upvote, into), set()).add(c.device)
    rows = [
        QuestionRow(c.id, c.text, len(voters.get(c.id, ())), c.outcome, c.who, c.at)
        for c in visible
        if not c.upvote
    ]
    order = {row.id: index for index, row in enumerate(rows)}
    rows.sort(key=lambda row: (-row.votes, order[row.id]))
    return tuple(rows)


def _root(question: str, into: Mapping[str, str | None]) -> str:
    for _ in range(len(into) + 1):
        target = into.get(question)
        if not target:
            return question
        question = target
    return question
