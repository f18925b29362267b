"""What every step kind's spec answers: how a payload is checked, capped and tallied.

A spec is pure: it gets the step, the payload, the options and the phone's own contributions,
and never touches the store, the clock or the event bus. So each kind's rules can be tested
without a session file, and the engine and the results code ask the spec instead of
branching over kinds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from kerne_tui.catalog import Lang
from kerne_tui.plan.model import Option, Step, StepKind
from kerne_tui.workshop.model import Contribution, Refused
from kerne_tui.workshop.parts import Parts
from kerne_tui.workshop.sanitize import clean_text

Fields = dict[str, Any]
"""The contribution's own fields a checked payload becomes (``text``, ``dots``, ...)."""


class KindSpec:
    """One step kind's rules; subclasses override what their kind needs."""

    kinds: ClassVar[tuple[StepKind, ...]] = ()
    """The kinds this spec serves (text and sentence share one class, as do info and discuss)."""
    merges_answers: ClassVar[bool] = False
    """True where a whole answer may be merged into another and counts with it (its tally
    carries the weight). Elsewhere a merged answer would simply drop out of the counts: a word
    cloud merges single words (``Moderation.merge_word``), a vote's ballots never merge."""

    summed: ClassVar[bool] = False
    """Results are counts (votes, ratings, points, how often a word came): with fewer answers
    than the step's ``min_answers`` a count gives a person away, so every surface holds the
    figures back, and the answers one by one with them. Texts, sentences, actions and questions
    are words: the wall still waits for ``min_answers``, the report shows them."""

    def __init__(self, kind: StepKind) -> None:
        if kind not in self.kinds:
            raise ValueError(f"{type(self).__name__} does not serve {kind}")
        self.kind = kind

    def check(self, step: Step, payload: Mapping[str, Any], options: Sequence[Option]) -> Fields:
        """The contribution's fields from a phone's *payload*, or :class:`Refused`."""
        raise Refused("wrong_kind", "refuse.no_input")

    def check_caps(self, step: Step, own: Sequence[Contribution], fields: Fields) -> None:
        """Refuse *fields* when, with the phone's own live contributions *own*, they go over."""
        if own:
            raise Refused("cap", "refuse.already_answered")

    def edited(
        self, visible: Sequence[Contribution], edits: Mapping[str, str]
    ) -> list[Contribution]:
        """*visible* as the facilitator's edits of single words leave it (only word clouds)."""
        return list(visible)

    def tally(
        self,
        step: Step,
        every: Sequence[Contribution],
        visible: Sequence[Contribution],
        options: Sequence[Option],
        newest: int | None,
    ) -> Parts:
        """The kind's part of the results: *every* counts merges, *visible* is what shows."""
        return Parts()

    def follow_merges(self, contribution: Contribution, merged: Mapping[str, str]) -> Contribution:
        """*contribution* with its picks moved onto the cards their options were merged into."""
        return contribution

    def describe(
        self, lang: Lang, step: Step, contribution: Contribution, labels: Mapping[str, str]
    ) -> str:
        """*contribution* in one line of words, in *lang* (the text, unless the kind says more).

        The one home of this line: the archive's CSV puts it in its value cell and the
        facilitator's console shows it as the answer. *labels* names the step's options by id
        (for a questions step also its questions, which an upvote names).
        """
        return contribution.text

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.kind.value}>"


def clean_field(
    value: Any,
    limit: int,
    *,
    multiline: bool,
    required: bool = True,
    empty_key: str = "refuse.empty",
) -> str:
    """A text field made safe and checked: a string, not empty when *required*, not too long."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Refused("wrong_kind", "refuse.wrong_kind")
    text = clean_text(value, multiline=multiline)
    if required and not text:
        raise Refused("invalid", empty_key)
    if len(text) > limit:
        raise Refused("invalid", "refuse.too_long", limit=limit, length=len(text))
    return text


def cap_per_person(step: Step, own: Sequence[Contribution]) -> None:
    """Refuse one more contribution than the step's ``max_per_person``."""
    if len(own) >= step.max_per_person:
        raise Refused("cap", "refuse.cap", limit=step.max_per_person)
