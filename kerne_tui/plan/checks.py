"""What each step kind may and must have in a plan: one entry per kind in :data:`KIND_CHECKS`.

The loader checks what every step has (id, title, prompt, minutes, show, min_answers) and asks
the kind's entry for the rest: which keys it allows, its defaults, and the check of its own
fields (options, carried-forward options, statements). A test fails while a
:class:`StepKind` has no entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from kerne_tui.plan.bounds import INTEGER_BOUNDS, MAX_STOP_WORDS
from kerne_tui.plan.model import Option, Show, StepKind
from kerne_tui.plan.problems import Checker


@dataclass(frozen=True, slots=True)
class References:
    """Where a step stands among the others, for checking references to earlier steps."""

    position: int
    planned_ids: Mapping[str, int]
    """Every step id in the file with the position of its first use."""
    earlier: Mapping[str, StepKind]
    """The kinds of the earlier steps that were read without mistakes."""


@dataclass(frozen=True, slots=True)
class KindFields:
    """The step fields a kind's own check produced."""

    options: tuple[Option, ...] = ()
    options_from: str | None = None
    statements: tuple[str, ...] = ()
    stop_words: tuple[str, ...] = ()
    compare_with: str | None = None
    actions_from: str | None = None


FieldCheck = Callable[[Checker, str, Mapping[str, Any], References], KindFields]


def _nothing(check: Checker, place: str, raw: Mapping[str, Any], refs: References) -> KindFields:
    return KindFields()


@dataclass(frozen=True, slots=True)
class KindChecks:
    """One kind's rules in a plan file."""

    keys: tuple[str, ...]
    """The keys a step of this kind may have beyond the common ones."""
    fields: FieldCheck = _nothing
    max_length: int = 500
    max_per_person: int = 5
    show: Show = Show.REVEAL


def _option_labels(check: Checker, place: str, raw: Mapping[str, Any]) -> tuple[Option, ...]:
    labels = check.strings(place, raw, "options")
    return tuple(Option(id=str(i), label=label) for i, label in enumerate(labels, start=1))


def _source(check: Checker, place: str, raw: Mapping[str, Any]) -> str | None:
    source = raw.get("options_from")
    if source is not None and not isinstance(source, str):
        check.wrong_type(place, "options_from", "type.string", source)
        return None
    return source


def _fixed_options(
    check: Checker, place: str, raw: Mapping[str, Any], refs: References
) -> KindFields:
    """A choice: at least two options of its own, never carried forward."""
    options = _option_labels(check, place, raw)
    _source(check, place, raw)
    if len(options) < 2:
        check.add(place, "options", "plan.err.options_count", minimum=2)
    return KindFields(options=options)


def _options_or_carried(
    check: Checker, place: str, raw: Mapping[str, Any], refs: References
) -> KindFields:
    """A vote or a ranking: its own options, or an earlier text step's answers."""
    options = _option_labels(check, place, raw)
    source = _source(check, place, raw)
    if (source is None) == ("options" not in raw):
        check.add(place, "options", "plan.err.options_or_from")
        return KindFields(options=options)
    if source is None:
        if len(options) < 2:
            check.add(place, "options", "plan.err.options_count", minimum=2)
        return KindFields(options=options)
    if source not in refs.planned_ids:
        check.add(place, "options_from", "plan.err.ref_missing", value=source)
    elif refs.planned_ids[source] >= refs.position:
        check.add(place, "options_from", "plan.err.ref_later", value=source)
    elif source not in refs.earlier:
        pass  # the earlier step is broken itself and has its own message
    elif not refs.earlier[source].is_textual:
        check.add(place, "options_from", "plan.err.ref_kind", value=source)
    return KindFields(options=options, options_from=source)


def _statements(check: Checker, place: str, raw: Mapping[str, Any], refs: References) -> KindFields:
    """A scale: at least one statement; maybe compared with a scale of the earlier session."""
    statements = check.strings(place, raw, "statements")
    if not statements and not any(
        p.field == "statements" and p.place == place for p in check.problems
    ):
        check.add(place, "statements", "plan.err.no_statements")
    compare_with = _earlier_id(check, place, raw, "compare_with", required=False)
    return KindFields(statements=statements, compare_with=compare_with)


_EARLIER_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _earlier_id(
    check: Checker, place: str, raw: Mapping[str, Any], name: str, *, required: bool
) -> str | None:
    """A step id of the earlier session (checked against it when the follow-up starts)."""
    if name not in raw:
        if required:
            check.add(place, name, "plan.err.missing")
        return None
    value = raw[name]
    if not isinstance(value, str):
        check.wrong_type(place, name, "type.string", value)
        return None
    if not _EARLIER_ID.match(value.strip()):
        check.add(place, name, "plan.err.bad_id", value=value)
        return None
    return value.strip()


def _review(check: Checker, place: str, raw: Mapping[str, Any], refs: References) -> KindFields:
    """A review: the actions step of the earlier session whose agreements it goes through."""
    return KindFields(actions_from=_earlier_id(check, place, raw, "actions_from", required=True))


MAX_WORDS_LIMIT = INTEGER_BOUNDS["max_words"][1]
"""The most words a ``words`` step may ask of one phone."""


def _words(check: Checker, place: str, raw: Mapping[str, Any], refs: References) -> KindFields:
    """A word cloud: at most :data:`MAX_WORDS_LIMIT` words a phone; stop words folded."""
    stop_words = check.strings(place, raw, "stop_words", MAX_STOP_WORDS)
    return KindFields(stop_words=tuple(dict.fromkeys(word.lower() for word in stop_words)))


def _parking(check: Checker, place: str, raw: Mapping[str, Any], refs: References) -> KindFields:
    """An info or discuss step may show the parking lot (``parking = true``) for review, the
    plan's overall wording of the core task (``show_overall_task = true``), and in a follow-up
    the day's open ends (``open_ends = true``)."""
    check.boolean(place, raw, "parking")
    check.boolean(place, raw, "show_overall_task")
    check.boolean(place, raw, "open_ends")
    return KindFields()


MAX_BUDGET = INTEGER_BOUNDS["budget"][1]
"""The most points a step may share out: more is no easier to share than 100."""
MATRIX_MAX_OPTIONS = 12
"""A matrix's fixed options at most: each is a mark on the wall's grid with a line of legend."""
MATRIX_LABELS = ("x_label", "y_label", "x_low_label", "x_high_label", "y_low_label", "y_high_label")


def _points(check: Checker, place: str, raw: Mapping[str, Any], refs: References) -> KindFields:
    """Points: options as a vote's, and a budget that is not absurdly large."""
    return _options_or_carried(check, place, raw, refs)


def _matrix(check: Checker, place: str, raw: Mapping[str, Any], refs: References) -> KindFields:
    """A matrix: options as a vote's (few enough to read on the grid) and two named axes."""
    own = _options_or_carried(check, place, raw, refs)
    if len(own.options) > MATRIX_MAX_OPTIONS:
        check.add(
            place,
            "options",
            "plan.err.options_max",
            maximum=MATRIX_MAX_OPTIONS,
            count=len(own.options),
        )
    for name in ("x_label", "y_label"):
        if name not in raw:
            check.add(place, name, "plan.err.missing")
        elif isinstance(raw[name], str) and not raw[name].strip():
            check.add(place, name, "plan.err.empty_text")
    return own


_TEXT_KEYS = ("max_length", "max_per_person")

KIND_CHECKS: Mapping[StepKind, KindChecks] = MappingProxyType(
    {
        StepKind.INFO: KindChecks(
            keys=("parking", "show_overall_task", "open_ends"), fields=_parking
        ),
        StepKind.DISCUSS: KindChecks(
            keys=("parking", "show_overall_task", "open_ends"), fields=_parking
        ),
        StepKind.TEXT: KindChecks(keys=(*_TEXT_KEYS, "open_questions")),
        StepKind.SENTENCE: KindChecks(
            keys=(*_TEXT_KEYS, "open_questions"), max_length=200, max_per_person=2
        ),
        StepKind.VOTE: KindChecks(
            keys=("options", "options_from", "dots", "max_per_option"),
            fields=_options_or_carried,
        ),
        StepKind.SCALE: KindChecks(
            keys=("statements", "low_label", "high_label", "compare_with"),
            fields=_statements,
            show=Show.LIVE,
        ),
        StepKind.CHOICE: KindChecks(
            keys=("options", "multiple"), fields=_fixed_options, show=Show.LIVE
        ),
        StepKind.RANK: KindChecks(
            keys=("options", "options_from", "top"), fields=_options_or_carried
        ),
        StepKind.ACTIONS: KindChecks(
            keys=(*_TEXT_KEYS, "evidence_label"), max_length=300, max_per_person=10, show=Show.LIVE
        ),
        StepKind.WORDS: KindChecks(keys=("max_words", "stop_words"), fields=_words),
        StepKind.QUESTIONS: KindChecks(
            keys=_TEXT_KEYS, max_length=200, max_per_person=3, show=Show.LIVE
        ),
        StepKind.POINTS: KindChecks(keys=("options", "options_from", "budget"), fields=_points),
        StepKind.MATRIX: KindChecks(
            keys=("options", "options_from", *MATRIX_LABELS), fields=_matrix
        ),
        StepKind.REVIEW: KindChecks(
            keys=("actions_from", "max_length"), fields=_review, max_length=200, show=Show.LIVE
        ),
    }
)

EVERY_KIND_KEY: tuple[str, ...] = tuple(
    dict.fromkeys(key for rules in KIND_CHECKS.values() for key in rules.keys)
)
"""Every kind-specific key, in a stable order (for messages about a step without a kind)."""
