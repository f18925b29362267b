"""What the phone server knows of each step kind, in one registry keyed by ``StepKind``.

For every kind: the fields it adds to the step and to a contribution in the JSON API
(``docs/api.md``), the names of its form fields, how its no-script form becomes the API's
payload, the template partial with its form and its view of one's own answers, and which
note replaces the form once a phone has answered. The form field names are a contract of
the no-script form (parsed here), the template (which gets them from here) and the page's
script (which reads them from the form's ``data-field-<role>`` attributes).

A new kind needs an entry in ``WEB_KINDS`` and a partial ``templates/kinds/<kind>.html``,
plus its entry in the script's table in ``static/kinds.js``; ``tests/test_web_kinds.py``
fails until all three exist.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from kerne_tui.catalog import t
from kerne_tui.plan import Step, StepKind
from kerne_tui.web.forms import Form
from kerne_tui.web.kind_forms import (
    ACTION_FIELDS,
    actions_form,
    choice_form,
    matrix_form,
    points_form,
    rank_form,
    review_form,
    scale_form,
    text_form,
    upvote_or_text,
    vote_form,
    words_form,
)
from kerne_tui.workshop import Contribution, Workshop, agreements
from kerne_tui.workshop.kinds import WORD_LIMIT
from kerne_tui.workshop.kinds.matrix import axes
from kerne_tui.workshop.parts import REVIEW_STATUSES, QuestionRow

Json = dict[str, Any]

TEXT_FIELD = "text"
"""What is to be done, who does it, by when, and how we will see that it worked."""
DOT_PREFIX = "dot:"
"""``dot:<option id>``: how many dots go to an option."""
VALUE_PREFIX = "v:"
"""``v:<statement index>``: the 1-5 answer to one statement of a scale."""
CHOICE_FIELD = "choice"
"""Repeated once per ticked option of a multiple choice."""
PLACE_PREFIX = "rank:"
"""``rank:<place>``: the option id put in place 1, 2, ... of a ranking."""
WORD_FIELD = "word"
"""Repeated once per word of a word cloud (``max_words`` fields)."""
UPVOTE_FIELD = "upvote"
"""The question (or parked item) an upvote form supports."""
POINTS_PREFIX = "pt:"
"""``pt:<option id>``: how many of the budget's points go to an option."""
MATRIX_X_PREFIX = "mx:"
MATRIX_Y_PREFIX = "my:"
"""``mx:<option id>`` and ``my:<option id>``: an option's place (1-5) on each axis of a matrix."""
STATUS_PREFIX = "status:"
"""``status:<agreement id>``: the status a review gives one earlier agreement."""
COMMENT_PREFIX = "comment:"
"""``comment:<agreement id>``: a review's short comment to one earlier agreement."""


def _no_fields(*_: object) -> Json:
    return {}


def _no_payload(_form: Form, _fields: Mapping[str, str]) -> Json:
    return {}


def _never_answered(_step: Json, _mine: list[Json]) -> str | None:
    return None


@dataclass(frozen=True, slots=True)
class WebKind:
    """The phone server's side of one step kind."""

    partial: str | None = None
    """The template with the kind's form fields (macro ``form(step, draft, fields, extra, t)``)
    and its view of one's own contribution (macro ``mine(contribution, step, t)``); None for a
    kind that takes no input. The macros see nothing but their arguments."""
    notice: str = ""
    """The catalog key of the note shown instead of a form, for a kind that takes no input."""
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """The names of the form's fields by role; a name ending in ":" is a prefix that the
    option id, statement index or place follows."""
    free_text: tuple[str, ...] = ()
    """The roles of fields holding free text: kept and shown when the step moves on unsent."""
    repeated: tuple[str, ...] = ()
    """The roles of fields sent once per ticked box."""
    step_fields: Callable[[Workshop, Step], Json] = _no_fields
    """The kind's own fields in the step's JSON."""
    contribution_fields: Callable[[Contribution], Json] = _no_fields
    """The kind's own fields (its payload) in a contribution's JSON."""
    from_form: Callable[[Form, Mapping[str, str]], Json] = _no_payload
    """The API's payload from the no-script form, given the kind's field names."""
    answered: Callable[[Json, list[Json]], str | None] = _never_answered
    """The catalog key of the note shown instead of the form once this phone is done (the
    note may use ``{n}``, this phone's own answers, and ``{total}``, the step's cap)."""
    page: Callable[[list[Json]], Json] = _no_fields
    """What the kind's form needs beyond the step (its ``extra``), from this phone's own
    contributions."""


def _names(**fields: str) -> Mapping[str, str]:
    return MappingProxyType(fields)


# --- the step's fields ------------------------------------------------------------------


def _text_step(_workshop: Workshop, step: Step) -> Json:
    return {"max_length": step.max_length, "max_per_person": step.max_per_person}


def _options(workshop: Workshop, step: Step) -> list[Json]:
    return [{"id": o.id, "label": o.label} for o in workshop.options(step)]


def _vote_step(workshop: Workshop, step: Step) -> Json:
    return {
        "options": _options(workshop, step),
        "dots": step.dots,
        "max_per_option": step.max_per_option,
    }


def _choice_step(workshop: Workshop, step: Step) -> Json:
    return {"options": _options(workshop, step), "multiple": step.multiple}


def _rank_step(workshop: Workshop, step: Step) -> Json:
    options = _options(workshop, step)
    return {"options": options, "top": min(step.top, len(options))}


def _actions_step(workshop: Workshop, step: Step) -> Json:
    label = step.evidence_label or t(workshop.plan.language, "web.action.evidence")
    return {**_text_step(workshop, step), "evidence_label": label}


def _scale_step(workshop: Workshop, step: Step) -> Json:
    lang = workshop.plan.language
    return {
        "statements": list(step.statements),
        "low_label": step.low_label or t(lang, "web.scale.low"),
        "high_label": step.high_label or t(lang, "web.scale.high"),
    }


def _words_step(_workshop: Workshop, step: Step) -> Json:
    return {"max_words": step.max_words, "word_length": WORD_LIMIT}


def question_json(row: QuestionRow, *, counted: bool = True) -> Json:
    """A question or parked item as every phone sees it: no device, no time.

    Its upvotes are a count: ``None`` until *counted* (enough phones took part in the step).
    """
    votes = row.votes if counted else None
    return {"id": row.id, "text": row.text, "votes": votes, "outcome": row.outcome}


def _questions_step(workshop: Workshop, step: Step) -> Json:
    counted = workshop.respondents(step.id) >= step.min_answers
    rows = workshop.question_rows(step.id)
    if not counted:
        # Most upvotes first would tell the counts: in the order they were asked instead.
        asked = {c.id: n for n, c in enumerate(workshop.contributions(step.id))}
        rows = tuple(sorted(rows, key=lambda row: asked.get(row.id, len(asked))))
    return {
        "max_length": step.max_length,
        "max_per_person": step.max_per_person,
        "questions": [question_json(row, counted=counted) for row in rows],
    }


def _points_step(workshop: Workshop, step: Step) -> Json:
    return {"options": _options(workshop, step), "budget": step.budget}


def _matrix_step(workshop: Workshop, step: Step) -> Json:
    named = axes(step, workshop.plan.language)
    return {
        "options": _options(workshop, step),
        "x_label": named.x,
        "y_label": named.y,
        "x_low_label": named.x_low,
        "x_high_label": named.x_high,
        "y_low_label": named.y_low,
        "y_high_label": named.y_high,
    }


def _review_step(workshop: Workshop, step: Step) -> Json:
    lang = workshop.plan.language
    return {
        "agreements": [
            {"id": a.id, "what": a.label, "who": a.who, "when": a.when, "evidence": a.evidence}
            for a in agreements(step, workshop.follow_up)
        ],
        "statuses": [
            {"id": status, "label": t(lang, f"review.status.{status}")}
            for status in REVIEW_STATUSES
        ],
        "max_length": step.max_length,
    }


# --- when a phone is done ---------------------------------------------------------------


def _once(_step: Json, mine: list[Json]) -> str | None:
    """One answer per phone: once given, the way to change it is to retract."""
    return "refuse.already_answered" if mine else None


def own_count(mine: list[Json]) -> int:
    """This phone's own answers to the step (its upvotes of others' questions left out)."""
    return sum(1 for m in mine if not m.get("upvote"))


def _cap_reached(step: Json, mine: list[Json]) -> str | None:
    """Every answer a person may send is sent: the form says so instead of offering Send (the
    note is given ``n`` and ``total``)."""
    return "web.cap_reached" if own_count(mine) >= step["max_per_person"] else None


def _dots_placed(mine: list[Json]) -> int:
    return sum(sum(m.get("dots", {}).values()) for m in mine)


def _vote_answered(step: Json, mine: list[Json]) -> str | None:
    """Nothing to vote on yet (the earlier step has no answers), or every dot placed."""
    if not step["options"]:
        return "web.dots.none"
    return "web.dots.all_placed" if _dots_placed(mine) >= step["dots"] else None


def _rank_answered(step: Json, mine: list[Json]) -> str | None:
    """Nothing to rank yet (the earlier step has no answers), or ranked once already."""
    if not step["options"]:
        return "web.rank.none"
    return _once(step, mine)


def _options_answered(step: Json, mine: list[Json]) -> str | None:
    """Nothing to answer yet (the earlier step has no answers), or answered once already."""
    if not step["options"]:
        return "web.options.none"
    return _once(step, mine)


def _vote_page(mine: list[Json]) -> Json:
    return {"placed": _dots_placed(mine)}


def upvoted(mine: list[Json]) -> Json:
    """This phone's upvotes: the id of each upvote by the question it supports."""
    return {"upvoted": {m["upvote"]: m["id"] for m in mine if m.get("upvote")}}


def _questions_answered(step: Json, mine: list[Json]) -> str | None:
    return "web.questions.all_asked" if own_count(mine) >= step["max_per_person"] else None


def _question_fields(c: Contribution) -> Json:
    return {"upvote": c.upvote} if c.upvote else {"text": c.text}


# --- the registry -----------------------------------------------------------------------

_TEXT = WebKind(
    partial="kinds/text.html",
    fields=_names(text=TEXT_FIELD),
    free_text=("text",),
    step_fields=_text_step,
    contribution_fields=lambda c: {"text": c.text},
    from_form=text_form,
    answered=_cap_reached,
)

WEB_KINDS: Mapping[StepKind, WebKind] = MappingProxyType(
    {
        StepKind.INFO: WebKind(notice="web.no_input.info"),
        StepKind.DISCUSS: WebKind(notice="web.no_input"),
        StepKind.TEXT: _TEXT,
        StepKind.SENTENCE: WebKind(
            partial="kinds/sentence.html",
            fields=_TEXT.fields,
            free_text=_TEXT.free_text,
            step_fields=_text_step,
            contribution_fields=_TEXT.contribution_fields,
            from_form=text_form,
            answered=_cap_reached,
        ),
        StepKind.VOTE: WebKind(
            partial="kinds/vote.html",
            fields=_names(dot=DOT_PREFIX),
            step_fields=_vote_step,
            contribution_fields=lambda c: {"dots": c.dots},
            from_form=vote_form,
            answered=_vote_answered,
            page=_vote_page,
        ),
        StepKind.SCALE: WebKind(
            partial="kinds/scale.html",
            fields=_names(value=VALUE_PREFIX),
            step_fields=_scale_step,
            contribution_fields=lambda c: {"values": c.values},
            from_form=scale_form,
            answered=_once,
        ),
        StepKind.CHOICE: WebKind(
            partial="kinds/choice.html",
            fields=_names(choice=CHOICE_FIELD),
            repeated=("choice",),
            step_fields=_choice_step,
            contribution_fields=lambda c: {"choices": list(c.choices)},
            from_form=choice_form,
            answered=_once,
        ),
        StepKind.RANK: WebKind(
            partial="kinds/rank.html",
            fields=_names(place=PLACE_PREFIX),
            step_fields=_rank_step,
            contribution_fields=lambda c: {"ranking": list(c.ranking)},
            from_form=rank_form,
            answered=_rank_answered,
        ),
        StepKind.POINTS: WebKind(
            partial="kinds/points.html",
            fields=_names(points=POINTS_PREFIX),
            step_fields=_points_step,
            contribution_fields=lambda c: {"points": c.points},
            from_form=points_form,
            answered=_options_answered,
        ),
        StepKind.MATRIX: WebKind(
            partial="kinds/matrix.html",
            fields=_names(x=MATRIX_X_PREFIX, y=MATRIX_Y_PREFIX),
            step_fields=_matrix_step,
            contribution_fields=lambda c: {
                "placements": {key: [x, y] for key, (x, y) in c.placements.items()}
            },
            from_form=matrix_form,
            answered=_options_answered,
        ),
        StepKind.ACTIONS: WebKind(
            partial="kinds/actions.html",
            fields=_names(**{role: role for role in ACTION_FIELDS}),
            free_text=ACTION_FIELDS,
            step_fields=_actions_step,
            contribution_fields=lambda c: {
                "what": c.what,
                "who": c.who,
                "when": c.when,
                "evidence": c.evidence,
            },
            from_form=actions_form,
            answered=_cap_reached,
        ),
        StepKind.WORDS: WebKind(
            partial="kinds/words.html",
            fields=_names(word=WORD_FIELD),
            repeated=("word",),
            step_fields=_words_step,
            contribution_fields=lambda c: {"words": list(c.words)},
            from_form=words_form,
            answered=_once,
        ),
        StepKind.QUESTIONS: WebKind(
            partial="kinds/questions.html",
            fields=_names(text=TEXT_FIELD, upvote=UPVOTE_FIELD),
            free_text=("text",),
            step_fields=_questions_step,
            contribution_fields=_question_fields,
            from_form=upvote_or_text,
            answered=_questions_answered,
            page=upvoted,
        ),
        StepKind.REVIEW: WebKind(
            partial="kinds/review.html",
            fields=_names(status=STATUS_PREFIX, comment=COMMENT_PREFIX),
            step_fields=_review_step,
            contribution_fields=lambda c: {
                "statuses": dict(c.statuses),
                "comments": dict(c.comments),
            },
            from_form=review_form,
            answered=_once,
        ),
    }
)


def _names_of(roles: Callable[[WebKind], tuple[str, ...]]) -> tuple[str, ...]:
    names = (kind.fields[role] for kind in WEB_KINDS.values() for role in roles(kind))
    return tuple(dict.fromkeys(names))


FREE_TEXT_FIELDS = _names_of(lambda kind: kind.free_text)
"""The names of every kind's free-text fields, in the order of the kinds."""
REPEATED_FIELDS = _names_of(lambda kind: kind.repeated)
"""The names of every kind's fields that are sent once per ticked box."""


def payload_from_form(form: Form, kind: StepKind | None) -> Json:
    """Turn the no-script form's fields into the API's payload for *kind* (None: no such step)."""
    if kind is None:
        return {}
    web_kind = WEB_KINDS[kind]
    return web_kind.from_form(form, web_kind.fields)
