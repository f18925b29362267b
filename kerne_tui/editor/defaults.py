"""What a new step starts with: its kind's required fields, filled with words to replace."""

from __future__ import annotations

from kerne_tui.catalog import Lang, t
from kerne_tui.plan import StepKind

Value = str | int | float | bool | list[str]

_MINUTES: dict[StepKind, int] = {
    StepKind.INFO: 5,
    StepKind.DISCUSS: 15,
    StepKind.TEXT: 8,
    StepKind.SENTENCE: 8,
    StepKind.ACTIONS: 15,
    StepKind.QUESTIONS: 10,
}
"""Minutes a new step is planned for; 5 for every kind not named."""


def new_step_fields(kind: StepKind, step_id: str, lang: Lang) -> dict[str, Value]:
    """The fields of a new step of *kind*: enough for the loader to accept it as it stands."""
    fields: dict[str, Value] = {
        "id": step_id,
        "kind": kind.value,
        "title": t(lang, f"kind.{kind.value}"),
        "prompt": t(lang, "editor.new.prompt"),
        "minutes": _MINUTES.get(kind, 5),
    }
    options = [t(lang, "editor.new.option", n=1), t(lang, "editor.new.option", n=2)]
    if kind in (StepKind.VOTE, StepKind.CHOICE, StepKind.RANK, StepKind.POINTS, StepKind.MATRIX):
        fields["options"] = options
    if kind is StepKind.SCALE:
        fields["statements"] = [t(lang, "editor.new.statement")]
        fields["low_label"] = t(lang, "editor.new.low")
        fields["high_label"] = t(lang, "editor.new.high")
    if kind is StepKind.MATRIX:
        fields["x_label"] = t(lang, "editor.new.x_label")
        fields["y_label"] = t(lang, "editor.new.y_label")
    if kind is StepKind.REVIEW:
        fields["actions_from"] = "handlinger"
    return fields
