"""The forms: a step's fields (every field its kind has), a module's, and the plan's facts.

Each field has one line of help in the plan's language and, under it, the loader's problems
with it, in the words ``kerne validate`` prints. Every keystroke writes into the document and
runs the loader's checks again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget as TextualWidget
from textual.widgets import Checkbox, Footer, Input, Select, Static, TextArea

from kerne_tui.catalog import Lang, t
from kerne_tui.editor.fields import (
    MODULE_FIELDS,
    PLAN_FIELDS,
    Field,
    Value,
    Widget,
    field,
    help_key,
    label_key,
    parse,
    shown,
    step_fields,
)
from kerne_tui.editor.keys import FORM_KEYS, translated
from kerne_tui.editor.state import EditorSession
from kerne_tui.editor.words import kind_name
from kerne_tui.plan import PlanProblem, StepKind


class FieldForm(Screen[None]):
    """A column of fields; what is typed goes into the plan at once and is checked."""

    BINDINGS: ClassVar[list[BindingType]] = FORM_KEYS

    def __init__(self, session: EditorSession, place: tuple[int | None, int | None]) -> None:
        super().__init__(classes="form-screen")
        self.session = session
        self.place = place
        self._ready = False
        self._bindings = translated(self._bindings, session.lang)

    # --- what a form is about (each form says) --------------------------------------------

    def heading(self) -> str:
        raise NotImplementedError

    def fields(self) -> tuple[Field, ...]:
        raise NotImplementedError

    def table(self) -> Any:
        raise NotImplementedError

    def write(self, name: str, value: Value | None) -> None:
        raise NotImplementedError

    # --- drawing ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lang = self.session.lang
        help_lang = self.session.plan_lang
        table = self.table()
        yield Static(Text(self.heading(), style="bold"), id="f-title")
        yield Static(id="f-other", classes="field-problem")
        with VerticalScroll(id="f-fields", can_focus=False):
            for spec in self.fields():
                label = Text(t(help_lang, label_key(spec.name)), style="bold")
                label.append(f" ({spec.name})", style="dim")
                label.append("  " + t(help_lang, help_key(spec.name)), style="italic")
                yield Static(label, classes="field-label")
                yield self._widget(spec, table.get(spec.name))
                yield Static(id=f"p-{spec.name}", classes="field-problem")
        yield Static(Text(t(lang, "editor.form.keys")), id="f-keys")
        yield Footer(compact=True, show_command_palette=False)

    def _widget(self, spec: Field, value: Any) -> TextualWidget:
        plain = value.unwrap() if hasattr(value, "unwrap") else value
        ident = f"f-{spec.name}"
        if spec.widget in (Widget.LONG, Widget.LIST):
            area = TextArea(shown(plain), id=ident, compact=True, soft_wrap=True, classes="long")
            area.cursor_blink = False
            return area
        if spec.widget is Widget.SWITCH:
            name = t(self.session.plan_lang, label_key(spec.name))
            return Checkbox(name, value=plain is True, id=ident, compact=True)
        if spec.widget is Widget.CHOICE:
            options = [(choice, choice) for choice in spec.choices]
            current = plain if plain in spec.choices else Select.NULL
            return Select(options, value=current, id=ident, compact=True, allow_blank=True)
        if spec.widget is Widget.FIXED:
            return Static(
                _fixed_text(plain, self.session.plan_lang), id=ident, classes="field-fixed"
            )
        line = Input(shown(plain), id=ident, compact=True, select_on_focus=False)
        line.cursor_blink = False
        return line

    def on_mount(self) -> None:
        self.show_problems()
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        self._ready = True
        # The first field has the focus; its name and help line stay in view above it.
        self.query_one("#f-fields", VerticalScroll).scroll_home(animate=False)

    def show_problems(self) -> None:
        """Each field's problems beside it; problems with no field of this form at the top."""
        lang = self.session.lang
        module, step = self.place
        problems = self.session.checked.at(module, step)
        names = {spec.name for spec in self.fields()}
        for spec in self.fields():
            own = [p for p in problems if p.field == spec.name]
            line = self.query_one(f"#p-{spec.name}", Static)
            line.update(_problem_text(own, lang))
            line.set_class(bool(own), "-shown")
        other = [p for p in problems if p.field not in names]
        top = self.query_one("#f-other", Static)
        top.update(_problem_text(other, lang))
        top.set_class(bool(other), "-shown")

    # --- typing ----------------------------------------------------------------------------

    def _typed(self, widget: TextualWidget, text: str | bool | None) -> None:
        if not self._ready or not widget.id or not widget.id.startswith("f-"):
            return
        name = widget.id.removeprefix("f-")
        spec = field(name)
        current = self.table().get(name)
        before = current.unwrap() if hasattr(current, "unwrap") else current
        if isinstance(text, bool):
            value: Value | None = True if text else (False if name in self.table() else None)
        elif text is None:
            value = None
        else:
            value = parse(spec, text)
            if before is not None and value == parse(spec, shown(before)):
                return  # the same value as the file's, however it is written there
        self.write(name, value)
        self.session.recheck()
        self.show_problems()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._typed(event.input, event.value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._typed(event.text_area, event.text_area.text)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._typed(event.checkbox, event.value)

    def on_select_changed(self, event: Select.Changed) -> None:
        value = event.value
        self._typed(event.select, value if isinstance(value, str) else None)

    def action_back(self) -> None:
        """Escape: back to the agenda."""
        self.dismiss(None)

    async def action_preview(self) -> None:
        """The step as the wall shows it (``t`` there: the phone's page)."""
        from kerne_tui.editor.wall_preview import show_preview

        module, step = self.place
        if module is not None:
            await show_preview(self.app, self.session, module, step or 0)


def _fixed_text(value: object, lang: Lang) -> Text:
    """A step's kind as the form shows it: its name, the TOML value small beside it."""
    if not isinstance(value, str):
        return Text(shown(value))
    name = kind_name(lang, value)
    text = Text(name)
    if name != value:
        text.append(f" ({value})", style="dim")
    return text


def _problem_text(problems: list[PlanProblem], lang: Any) -> Text:
    return Text("\n".join(problem.message(lang) for problem in problems), style="bold")


class StepForm(FieldForm):
    """A step's fields, every one its kind has; or (without a step) the module's."""

    def __init__(self, session: EditorSession, module: int, step: int | None) -> None:
        super().__init__(session, (module, step))
        self.module = module
        self.step = step

    def table(self) -> Any:
        if self.step is None:
            return self.session.document.modules()[self.module]
        return self.session.document.step(self.module, self.step)

    def heading(self) -> str:
        lang = self.session.lang
        table = self.table()
        title = str(table.get("title", ""))
        if self.step is None:
            return t(lang, "editor.module.row", n=self.module + 1, title=title)
        kind = kind_name(lang, str(table.get("kind", "")))
        return t(lang, "editor.form.step", title=title, kind=kind)

    def fields(self) -> tuple[Field, ...]:
        if self.step is None:
            return tuple(field(name) for name in MODULE_FIELDS)
        kind = self.table().get("kind")
        if isinstance(kind, str) and kind in {k.value for k in StepKind}:
            return step_fields(StepKind(kind))
        return tuple(field(name) for name in ("id", "kind", "title", "prompt", "minutes", "notes"))

    def write(self, name: str, value: Value | None) -> None:
        if self.step is None:
            self.session.document.set_module(self.module, name, value)
        else:
            self.session.document.set_step(self.module, self.step, name, value)


class PlanForm(FieldForm):
    """The plan's own facts: its title, the workplace, the overall wording, times, language."""

    def __init__(self, session: EditorSession) -> None:
        super().__init__(session, (None, None))

    def table(self) -> Any:
        return self.session.document.doc

    def heading(self) -> str:
        return t(self.session.lang, "editor.form.plan")

    def fields(self) -> tuple[Field, ...]:
        return tuple(field(name) for name in PLAN_FIELDS)

    def write(self, name: str, value: Value | None) -> None:
        self.session.document.set_top(name, value)
