"""Which field of the plan edits how: one entry per key the loader knows.

The keys themselves come from the loader (``TOP_KEYS``, ``COMMON_STEP_KEYS``) and from each
kind's ``KIND_CHECKS`` entry, so a new key there shows up here as a missing entry in the test
(``tests/test_editor_document.py``), not as a field the form forgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kerne_tui.plan import StepKind
from kerne_tui.plan.checks import KIND_CHECKS
from kerne_tui.plan.loader import COMMON_STEP_KEYS

Value = str | int | float | bool | list[str]


class Widget(StrEnum):
    """How a field is edited."""

    LINE = "line"
    """One line of text."""
    LONG = "long"
    """Several lines of text (a text area; paste works)."""
    NUMBER = "number"
    """A number, whole or fractional."""
    INTEGER = "integer"
    """A whole number."""
    SWITCH = "switch"
    """On or off."""
    LIST = "list"
    """A list of texts, one per line."""
    CHOICE = "choice"
    """One of a few fixed values."""
    FIXED = "fixed"
    """Shown, not edited here (a step's kind)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One field of the plan as the editor shows it."""

    name: str
    widget: Widget
    required: bool = False
    choices: tuple[str, ...] = ()


_FIELDS: dict[str, Field] = {
    field.name: field
    for field in (
        Field("title", Widget.LINE, required=True),
        Field("language", Widget.CHOICE, choices=("da", "en")),
        Field("description", Widget.LONG),
        Field("start", Widget.LINE),
        Field("end", Widget.LINE),
        Field("parking_lot", Widget.SWITCH),
        Field("page_seconds", Widget.INTEGER),
        Field("workplace", Widget.LINE),
        Field("overall_task", Widget.LONG),
        Field("focus", Widget.LONG),
        Field("id", Widget.LINE),
        Field("kind", Widget.FIXED),
        Field("prompt", Widget.LONG, required=True),
        Field("minutes", Widget.NUMBER),
        Field("notes", Widget.LONG),
        Field("show", Widget.CHOICE, choices=("live", "reveal")),
        Field("min_answers", Widget.INTEGER),
        Field("parking", Widget.SWITCH),
        Field("show_overall_task", Widget.SWITCH),
        Field("open_ends", Widget.SWITCH),
        Field("max_length", Widget.INTEGER),
        Field("max_per_person", Widget.INTEGER),
        Field("open_questions", Widget.SWITCH),
        Field("options", Widget.LIST),
        Field("options_from", Widget.LINE),
        Field("dots", Widget.INTEGER),
        Field("max_per_option", Widget.INTEGER),
        Field("statements", Widget.LIST),
        Field("low_label", Widget.LINE),
        Field("high_label", Widget.LINE),
        Field("compare_with", Widget.LINE),
        Field("multiple", Widget.SWITCH),
        Field("top", Widget.INTEGER),
        Field("evidence_label", Widget.LINE),
        Field("max_words", Widget.INTEGER),
        Field("stop_words", Widget.LIST),
        Field("budget", Widget.INTEGER),
        Field("x_label", Widget.LINE),
        Field("y_label", Widget.LINE),
        Field("x_low_label", Widget.LINE),
        Field("x_high_label", Widget.LINE),
        Field("y_low_label", Widget.LINE),
        Field("y_high_label", Widget.LINE),
        Field("actions_from", Widget.LINE),
    )
}

PLAN_FIELDS = (
    "title",
    "workplace",
    "overall_task",
    "start",
    "end",
    "language",
    "description",
    "parking_lot",
    "page_seconds",
)
"""The plan's own facts, in the order the plan form shows them (``limits`` stays in TOML)."""
MODULE_FIELDS = ("title", "focus")


def field(name: str) -> Field:
    """The editor's entry for *name*; KeyError for a key it does not know."""
    return _FIELDS[name]


def known(name: str) -> bool:
    """True for a key the editor has an entry for."""
    return name in _FIELDS


def step_fields(kind: StepKind) -> tuple[Field, ...]:
    """Every field a step of *kind* has: the common ones first, then its kind's own."""
    return tuple(_FIELDS[name] for name in (*COMMON_STEP_KEYS, *KIND_CHECKS[kind].keys))


def every_field() -> tuple[Field, ...]:
    """Every field the editor has an entry for."""
    return tuple(_FIELDS.values())


def help_key(name: str) -> str:
    """The catalog key of the field's one line of help."""
    return f"editor.help.{name}"


def label_key(name: str) -> str:
    """The catalog key of the field's name as a person reads it ("Minutter" for ``minutes``)."""
    return f"editor.label.{name}"


def parse(spec: Field, text: str) -> Value | None:
    """What typed *text* writes into the plan; None removes an optional field.

    A number that does not read as one is written as the text it is, so the loader's own
    check says what is wrong with it, in its own words.
    """
    stripped = text.strip()
    if spec.widget is Widget.LIST:
        items = [line.strip() for line in text.splitlines() if line.strip()]
        return items or None
    if not stripped:
        return "" if spec.required else None
    if spec.widget is Widget.INTEGER:
        try:
            return int(stripped)
        except ValueError:
            return stripped
    if spec.widget is Widget.NUMBER:
        for kind in (int, float):
            try:
                return kind(stripped.replace(",", "."))
            except ValueError:
                continue
        return stripped
    if spec.widget is Widget.LONG:
        return text.strip("\n").rstrip()
    return stripped


def shown(value: object) -> str:
    """A field's value as the form shows it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
