"""The editor's spine: the day's modules and steps in order, with clock times and problems."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from kerne_tui.catalog import t
from kerne_tui.editor.dialogs import ChoiceDialog, NameDialog
from kerne_tui.editor.forms import PlanForm, StepForm
from kerne_tui.editor.keys import AGENDA_KEYS, translated
from kerne_tui.editor.state import EditorSession
from kerne_tui.editor.words import minutes_text, step_row, summary_lines
from kerne_tui.plan import StepKind
from kerne_tui.tui.dialogs import ConfirmScreen, HelpScreen
from kerne_tui.tui.keys import help_rows

NEEDS_A_MODULE = frozenset(
    {
        "edit",
        "add_step",
        "duplicate",
        "delete",
        "move",
        "move_to_module",
        "rename_module",
        "preview",
    }
)
"""The agenda's actions that work on a module or a step."""

Place = tuple[int, int | None]
"""(module, step or None for the module's own row), counted from 0."""


def _option_id(place: Place) -> str:
    module, step = place
    return f"m-{module}" if step is None else f"s-{module}-{step}"


def _place_of(option_id: str) -> Place:
    parts = option_id.split("-")
    return (int(parts[1]), int(parts[2]) if len(parts) > 2 else None)


class AgendaScreen(Screen[None]):
    """Modules and steps in order; the keys change the day, Enter edits the selected one."""

    BINDINGS: ClassVar[list[BindingType]] = AGENDA_KEYS
    AUTO_FOCUS = "#e-agenda"

    def __init__(self, session: EditorSession, back: Callable[[], None]) -> None:
        super().__init__(id="agenda")
        self.session = session
        self.back = back
        self.status = ""
        self._bindings = translated(self._bindings, session.lang)

    def compose(self) -> ComposeResult:
        yield Static(id="e-top")
        yield Static(id="e-sum")
        with Horizontal(id="e-body"):
            yield OptionList(id="e-agenda")
            with VerticalScroll(id="e-side", can_focus=False):
                yield Static(id="e-detail")
        yield Static(id="e-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show((0, 0))

    def on_screen_resume(self) -> None:
        self.show(self.selected())

    # --- drawing ---------------------------------------------------------------------------

    def selected(self) -> Place:
        """The highlighted module or step."""
        agenda = self.query_one("#e-agenda", OptionList)
        index = agenda.highlighted
        if index is None or index >= agenda.option_count:
            return (0, None)
        return _place_of(agenda.get_option_at_index(index).id or "m-0")

    def show(self, place: Place) -> None:
        """Draw everything again from the document, with *place* highlighted."""
        session = self.session
        lang = session.lang
        document = session.document
        top, summary, late = summary_lines(session)
        self.query_one("#e-top", Static).update(top)
        summary_line = self.query_one("#e-sum", Static)
        summary_line.update(summary)
        summary_line.set_class(late, "-late")
        options: list[Option] = []
        for m_index, module in enumerate(document.modules()):
            row = Text(no_wrap=True, overflow="ellipsis")
            if session.checked.at(m_index, None):
                row.append("! ", style="bold red")
            row.append(
                t(lang, "editor.module.row", n=m_index + 1, title=module.get("title", "")),
                style="bold",
            )
            minutes = session.timeline.module_minutes[m_index]
            row.append(f"  ({minutes_text(minutes)} min)", style="")
            options.append(Option(row, id=_option_id((m_index, None))))
            for s_index, step in enumerate(document.steps(m_index)):
                options.append(
                    Option(
                        step_row(session, m_index, s_index, step), id=_option_id((m_index, s_index))
                    )
                )
        agenda = self.query_one("#e-agenda", OptionList)
        agenda.clear_options()
        agenda.add_options(options)
        ids = [option.id for option in options]
        wanted = _option_id(place)
        if wanted not in ids:
            wanted = _option_id((place[0], None))
        agenda.highlighted = ids.index(wanted) if wanted in ids else 0
        self._show_detail()
        self._show_status()

    def _show_detail(self) -> None:
        from kerne_tui.editor.words import detail_text

        self.query_one("#e-detail", Static).update(detail_text(self.session, self.selected()))

    def _show_status(self) -> None:
        session = self.session
        lang = session.lang
        count = len(session.checked.problems)
        problems = (
            t(lang, "editor.problems.some", n=count) if count else t(lang, "editor.problems.none")
        )
        state = self.status or (
            t(lang, "editor.status.unsaved") if session.document.changed else ""
        )
        line = Text(problems, style="bold red" if count else "")
        if state:
            line.append("  ·  " + state, style="")
        status = self.query_one("#e-status", Static)
        status.update(line)
        status.set_class(bool(count), "-problems")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_edit()

    def changed(self, place: Place, status: str = "") -> None:
        """After a change: check again, draw again, say what happened."""
        self.session.recheck()
        self.status = status
        self.show(place)

    # --- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A plan without modules (a file begun by hand) can get one, and nothing else yet."""
        return action not in NEEDS_A_MODULE or bool(self.session.document.modules())

    def action_edit(self) -> None:
        """Enter: the step's form, or the module's name and focus."""
        module, step = self.selected()
        if step is None:
            self.app.push_screen(StepForm(self.session, module, None))
        else:
            self.app.push_screen(StepForm(self.session, module, step))

    def action_add_step(self) -> None:
        """A new step of a chosen kind, after the selected one."""
        lang = self.session.lang
        kinds = list(StepKind)
        labels = [f"{t(lang, f'kind.{kind.value}')}  ({kind.value})" for kind in kinds]

        def add(choice: int | None) -> None:
            if choice is None:
                return
            module, step = self.selected()
            index = self.session.document.add_step(
                module, step, kinds[choice], self.session.plan_lang
            )
            self.changed((module, index))
            self.app.push_screen(StepForm(self.session, module, index))

        self.app.push_screen(
            ChoiceDialog(t(lang, "editor.kind.title"), labels, t(lang, "tui.confirm.keys")), add
        )

    def action_duplicate(self) -> None:
        """A copy of the selected step, just after it."""
        module, step = self.selected()
        if step is not None:
            self.changed((module, self.session.document.duplicate_step(module, step)))

    def action_delete(self) -> None:
        """Delete the selected step at once (u undoes), or a module after asking."""
        lang = self.session.lang
        document = self.session.document
        module, step = self.selected()
        if step is not None:
            document.delete_step(module, step)
            count = len(document.steps(module))
            place: Place = (module, min(step, count - 1)) if count else (module, None)
            self.changed(place, t(lang, "editor.status.deleted"))
            return
        if len(document.modules()) <= 1:
            self.status = t(lang, "editor.status.last_module")
            self._show_status()
            return
        title = str(document.modules()[module].get("title", ""))

        def remove(yes: bool | None) -> None:
            if yes:
                document.remove_module(module)
                self.changed((max(0, module - 1), None), t(lang, "editor.status.deleted"))

        self.app.push_screen(
            ConfirmScreen(
                t(lang, "editor.module.remove", title=title),
                t(lang, "editor.module.remove.detail", n=len(document.steps(module))),
                lang,
            ),
            remove,
        )

    def action_undo(self) -> None:
        """Go back to before the last change."""
        lang = self.session.lang
        if self.session.document.undo():
            self.changed(self.selected(), t(lang, "editor.status.undone"))
        else:
            self.status = t(lang, "editor.status.nothing_to_undo")
            self._show_status()

    def action_move(self, delta: int) -> None:
        """Move the selected step one place, across into the next module at an end."""
        module, step = self.selected()
        if step is not None:
            self.changed(self.session.document.move_step(module, step, delta))

    def action_move_to_module(self) -> None:
        """Move the selected step to the end of a chosen module."""
        lang = self.session.lang
        module, step = self.selected()
        if step is None:
            return
        titles = [str(m.get("title", "")) for m in self.session.document.modules()]

        def move(choice: int | None) -> None:
            if choice is not None and step is not None:
                index = self.session.document.move_step_to(module, step, choice)
                self.changed((choice, index) if choice != module else (module, step))

        self.app.push_screen(
            ChoiceDialog(
                t(lang, "editor.module.move.title"), titles, t(lang, "tui.confirm.keys"), module
            ),
            move,
        )

    def action_add_module(self) -> None:
        """A new module (asked for its name) after the selected one, with one step."""
        lang = self.session.lang

        def add(title: str | None) -> None:
            if title:
                after = self.selected()[0] if self.session.document.modules() else None
                module = self.session.document.add_module(
                    after, title, StepKind.INFO, self.session.plan_lang
                )
                self.changed((module, None))

        self.app.push_screen(
            NameDialog(
                t(lang, "editor.module.name.title"),
                "",
                t(lang, "editor.copy.keys"),
                t(lang, "editor.new.module"),
            ),
            add,
        )

    def action_rename_module(self) -> None:
        """A new name for the selected module."""
        lang = self.session.lang
        module = self.selected()[0]
        current = str(self.session.document.modules()[module].get("title", ""))

        def rename(title: str | None) -> None:
            if title:
                self.session.document.set_module(module, "title", title)
                self.changed((module, None))

        self.app.push_screen(
            NameDialog(
                t(lang, "editor.module.name.title"), "", t(lang, "editor.copy.keys"), current
            ),
            rename,
        )

    def action_facts(self) -> None:
        """The plan's own facts: workplace, overall wording, start and end, language."""
        self.app.push_screen(PlanForm(self.session))

    async def action_preview(self) -> None:
        """The selected step as the wall shows it (``t`` there: the phone's page)."""
        from kerne_tui.editor.wall_preview import show_preview

        module, step = self.selected()
        await show_preview(self.app, self.session, module, step if step is not None else 0)

    def action_help(self) -> None:
        """Every key and what it does."""
        from kerne_tui.editor.keys import APP_KEYS

        rows = help_rows(self.session.lang, [*AGENDA_KEYS, *APP_KEYS])
        self.app.push_screen(HelpScreen(self.session.lang, rows))

    def action_back(self) -> None:
        """Escape: back to the list of plans, or (from a plan named on the line) leave."""
        self.back()
