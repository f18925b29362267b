"""The selected step as the wall shows it and as the phone's page shows it, side by side.

The wall's side uses the wall's own pieces (its element ids and styles in ``kerne.tcss``, its
countdown's clock text); the phone's side is the phone page's parts for the step's kind,
written out as text.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from kerne_tui.catalog import Lang, t
from kerne_tui.editor.keys import translated
from kerne_tui.editor.state import EditorSession
from kerne_tui.tui.big_numbers import clock_text


def _plain(value: Any) -> Any:
    return value.unwrap() if hasattr(value, "unwrap") else value


def overall_lines(data: dict[str, Any], step: dict[str, Any]) -> str:
    """The overall wording a step shows under its prompt ("" where it shows none)."""
    overall = data.get("overall_task")
    if step.get("show_overall_task") is True and isinstance(overall, str) and overall.strip():
        return overall.strip()
    return ""


def phone_text(data: dict[str, Any], step: dict[str, Any], lang: Lang) -> Text:
    """The phone's page for *step*: its head, prompt, and what the kind asks for."""
    text = Text()
    minutes = step.get("minutes")
    seconds = float(minutes) * 60 if isinstance(minutes, int | float) else 0
    text.append(str(step.get("title", "")) + "\n", style="bold")
    text.append(t(lang, "editor.preview.time", clock=clock_text(seconds)) + "\n\n", style="dim")
    text.append(str(step.get("prompt", "")).strip() + "\n")
    overall = overall_lines(data, step)
    if overall:
        text.append("\n" + t(lang, "editor.preview.overall") + "\n", style="bold")
        text.append(overall + "\n")
    text.append("\n")
    for line in _kind_lines(step, lang):
        text.append(line + "\n")
    return text


def _kind_lines(step: dict[str, Any], lang: Lang) -> list[str]:
    kind = step.get("kind")
    options = [str(o) for o in step.get("options", []) if isinstance(o, str)]
    source = step.get("options_from")
    listed = [f"  ( ) {o}" for o in options]
    if isinstance(source, str):
        listed = [t(lang, "editor.preview.from", step=source)]
    send = t(lang, "editor.preview.send")
    box = t(lang, "editor.preview.text_box")
    if kind in ("info", "discuss"):
        return [t(lang, "editor.preview.no_input")]
    if kind in ("text", "sentence"):
        return [box, send]
    if kind == "scale":
        low, high = step.get("low_label", ""), step.get("high_label", "")
        lines: list[str] = []
        for statement in step.get("statements", []):
            lines += [str(statement), f"  {low}  {t(lang, 'editor.preview.scale')}  {high}"]
        return [*lines, send]
    if kind == "vote":
        return [t(lang, "editor.preview.dots", n=step.get("dots", 3)), *listed, send]
    if kind == "choice":
        return [*listed, send]
    if kind == "rank":
        return [t(lang, "editor.preview.top", n=step.get("top", 3)), *listed, send]
    if kind == "points":
        return [t(lang, "editor.preview.points", n=step.get("budget", 100)), *listed, send]
    if kind == "matrix":
        axes = t(lang, "editor.preview.axes", x=step.get("x_label", ""), y=step.get("y_label", ""))
        return [axes, *listed, send]
    if kind == "words":
        return [t(lang, "editor.preview.words", n=step.get("max_words", 3)), box, send]
    if kind == "questions":
        return [t(lang, "editor.preview.questions"), box, send]
    if kind == "actions":
        return [t(lang, "editor.preview.actions"), box, send]
    if kind == "review":
        return [t(lang, "editor.preview.review", step=step.get("actions_from", "")), send]
    return []


class PreviewScreen(Screen[None]):
    """The wall's view of the step on the left, the phone's page on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p", "back", "editor.key.back", tooltip="editor.key.back.long")
    ]

    def __init__(self, session: EditorSession, module: int, step: int) -> None:
        super().__init__(id="preview")
        self.session = session
        self.module = module
        self.step = step
        self._bindings = translated(self._bindings, session.lang)

    def compose(self) -> ComposeResult:
        session = self.session
        lang = session.lang
        plan_lang = session.plan_lang
        document = session.document
        data = document.data()
        module = _plain(document.modules()[self.module]) if document.modules() else {}
        steps = document.steps(self.module) if document.modules() else []
        step = _plain(steps[self.step]) if 0 <= self.step < len(steps) else {}
        yield Static(
            Text(t(lang, "editor.preview.title", title=step.get("title", "")), style="bold"),
            id="pv-title",
        )
        with Horizontal(id="pv-body"):
            with Vertical(id="pv-wall"):
                yield Static(
                    Text(t(lang, "editor.preview.wall"), style="italic"), classes="pv-head"
                )
                yield Static(Text(str(module.get("title", "")), style="bold"), id="module-line")
                yield Static(Text(str(module.get("focus", ""))), id="focus-line")
                yield Static(Text(str(step.get("title", "")), style="bold"), id="step-title")
                prompt = Text(str(step.get("prompt", "")).strip())
                overall = overall_lines(data, step)
                if overall:
                    prompt.append("\n\n" + overall, style="italic")
                yield Static(prompt, id="step-prompt")
                minutes = step.get("minutes")
                seconds = float(minutes) * 60 if isinstance(minutes, int | float) else 0
                yield Static(Text(clock_text(seconds), style="bold"), id="pv-clock")
                workplace = data.get("workplace")
                if isinstance(workplace, str) and workplace.strip():
                    yield Static(Text(t(plan_lang, "editor.preview.workplace", name=workplace)))
            with VerticalScroll(id="pv-phone"):
                yield Static(
                    Text(t(lang, "editor.preview.phone"), style="italic"), classes="pv-head"
                )
                yield Static(phone_text(data, step, plan_lang), id="pv-page")
        if session.checked.at(self.module, self.step):
            yield Static(Text(t(lang, "editor.preview.broken"), style="bold"), id="pv-broken")
        yield Footer(compact=True, show_command_palette=False)

    def action_back(self) -> None:
        """Back to where the preview was asked for."""
        self.dismiss(None)
