"""``kerne edit``: the facilitator prepares the day on screen, in kerne's own look.

Without a plan it offers the built-in plans and the facilitator's own. A built-in plan is
never written: opening one asks for a name and makes the facilitator's own copy in the data
folder's ``plans/``. The agenda is the spine; Enter opens a step's form, ``p`` the preview,
ctrl+s saves (also a draft with problems), ctrl+q asks before unsaved changes are lost.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from kerne_tui.catalog import Lang, t
from kerne_tui.editor.agenda import AgendaScreen
from kerne_tui.editor.dialogs import NameDialog
from kerne_tui.editor.files import CannotOpen, copy_path, open_document
from kerne_tui.editor.keys import APP_KEYS, translated
from kerne_tui.editor.state import EditorSession
from kerne_tui.plan import (
    PlanError,
    builtin_plans,
    is_builtin,
    load_plan,
    name_problem,
    own_plans,
    own_plans_folder,
    plan_name,
)
from kerne_tui.tui.dialogs import ConfirmScreen
from kerne_tui.tui.themes import DARK_THEME, LIGHT_THEME


class PickScreen(Screen[None]):
    """The built-in plans and the facilitator's own; Enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = []
    AUTO_FOCUS = "#pick-list"

    def __init__(self, data_dir: Path, lang: Lang) -> None:
        super().__init__(id="pick")
        self.data_dir = data_dir
        self.lang: Lang = lang
        self.paths = [*builtin_plans(), *own_plans(data_dir)]

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(Text(t(lang, "editor.pick.title"), style="bold"), id="pick-title")
        yield Static(Text(t(lang, "editor.pick.help")), id="pick-help")
        options = []
        for index, path in enumerate(self.paths):
            where = t(lang, "editor.pick.builtin" if is_builtin(path) else "editor.pick.own")
            try:
                plan = load_plan(path)
                label = Text(plan.title, style="bold")
                minutes = f"{plan.minutes:g}"
            except PlanError:
                label = Text(plan_name(path), style="bold red")
                minutes = "?"
            label.append(
                "  "
                + t(lang, "editor.pick.row", minutes=minutes, name=plan_name(path), where=where)
            )
            options.append(Option(label, id=str(index)))
        yield OptionList(*options, id="pick-list")
        yield Static(id="pick-problem", classes="field-problem")
        yield Footer(compact=True, show_command_palette=False)

    @on(OptionList.OptionSelected, "#pick-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter: open the plan (a built-in one as a copy)."""
        app = self.app
        assert isinstance(app, EditorApp)
        app.open_plan(self.paths[int(event.option.id or 0)], from_picker=True)


class EditorApp(App[None]):
    """The plan editor."""

    CSS_PATH: ClassVar[list[str | PurePath]] = ["../tui/kerne.tcss", "editor.tcss"]
    TITLE = "kerne edit"
    BINDINGS: ClassVar[list[BindingType]] = APP_KEYS

    def __init__(self, path: Path | None, data_dir: Path, lang: Lang) -> None:
        super().__init__()
        self.start_path = path
        self.data_dir = data_dir
        self.lang: Lang = lang
        self.session: EditorSession | None = None
        self._bindings = translated(self._bindings, lang)
        for theme in (LIGHT_THEME, DARK_THEME):
            self.register_theme(theme)
        self.theme = LIGHT_THEME.name

    def on_mount(self) -> None:
        if self.start_path is None:
            self.push_screen(PickScreen(self.data_dir, self.lang))
        else:
            self.open_plan(self.start_path, from_picker=False)

    def open_plan(self, path: Path, *, from_picker: bool) -> None:
        """Open *path*; a built-in plan first gets a name for the facilitator's own copy."""
        lang = self.lang
        try:
            document = open_document(path, lang)
        except CannotOpen as refused:
            self._refused(str(refused), from_picker)
            return
        if not is_builtin(path):
            self._edit(EditorSession(document, path, lang), from_picker)
            return
        folder = own_plans_folder(self.data_dir)

        def named(name: str | None) -> None:
            if name is None:
                if not from_picker:
                    self.exit()
                return
            self._edit(EditorSession(document, copy_path(self.data_dir, name), lang), from_picker)

        self.push_screen(
            NameDialog(
                t(lang, "editor.copy.title"),
                t(lang, "editor.copy.help", name=plan_name(path), folder=folder),
                t(lang, "editor.copy.keys"),
                f"{plan_name(path)}-{t(lang, 'editor.pick.own').split()[-1]}",
                lambda name: (
                    t(lang, problem) if (problem := name_problem(name, self.data_dir)) else ""
                ),
            ),
            named,
        )

    def _refused(self, sentence: str, from_picker: bool) -> None:
        if from_picker:
            self.screen.query_one("#pick-problem", Static).update(Text(sentence, style="bold"))
        else:
            self.exit(message=sentence)

    def _edit(self, session: EditorSession, from_picker: bool) -> None:
        self.session = session
        back = self._back_to_picker if from_picker else self.action_quit_editor
        self.push_screen(AgendaScreen(session, back))

    def _back_to_picker(self) -> None:
        def leave(yes: bool | None) -> None:
            if yes:
                self.session = None
                self.pop_screen()

        self._unless_unsaved(leave)

    def action_save(self) -> None:
        """ctrl+s: save the plan, a draft too; say where and whether it can run."""
        session = self.session
        if session is None:
            return
        message = session.save()
        screen = self.screen
        if isinstance(screen, AgendaScreen):
            screen.status = message
            screen.show(screen.selected())
        else:
            self.notify(message, timeout=6)

    def action_quit_editor(self) -> None:
        """ctrl+q: leave, after asking when there are unsaved changes."""

        def leave(yes: bool | None) -> None:
            if yes:
                self.exit()

        self._unless_unsaved(leave)

    def _unless_unsaved(self, then: object) -> None:
        session = self.session
        assert callable(then)
        if session is None or not session.document.changed:
            then(True)
            return
        if isinstance(self.screen, ConfirmScreen):
            return
        lang = self.lang
        self.push_screen(
            ConfirmScreen(t(lang, "editor.quit.title"), t(lang, "editor.quit.detail"), lang), then
        )


def run_editor(path: Path | None, data_dir: Path, lang: Lang) -> int:
    """Run the editor in this terminal; the exit status for the command line."""
    app = EditorApp(path, data_dir, lang)
    app.run()
    return 1 if app.return_code else 0
