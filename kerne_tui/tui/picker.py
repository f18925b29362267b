"""``kerne run`` with no plan: choose a built-in plan, or an unfinished session to resume."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from kerne_tui.catalog import Lang, t
from kerne_tui.plan import PlanError, builtin_plans, load_plan, own_plans, plan_name
from kerne_tui.store import SessionStatus, list_sessions
from kerne_tui.tui.keys import translated
from kerne_tui.tui.themes import DARK_THEME, LIGHT_THEME

Choice = tuple[str, str]
"""("plan", path) or ("resume", path)."""


def choices(data_dir: Path, lang: Lang) -> list[tuple[Choice, Text]]:
    """What can be started: unfinished sessions first (likely after a break), then plans."""
    found: list[tuple[Choice, Text]] = []
    sessions, _ = list_sessions(data_dir)
    for summary in sessions:
        if summary.status == SessionStatus.FINISHED:
            continue
        label = Text(t(lang, "tui.picker.resume") + " ", style="bold")
        label.append(summary.title)
        label.append(
            "  "
            + t(
                lang,
                "tui.picker.session",
                created=summary.created[:16].replace("T", " "),
                code=summary.join_code,
            )
        )
        found.append((("resume", str(summary.path)), label))
    for path in [*builtin_plans(), *own_plans(data_dir)]:
        try:
            plan = load_plan(path)
        except PlanError:
            continue
        label = Text(plan.title, style="bold")
        name = plan_name(path)
        label.append("  " + t(lang, "tui.picker.plan", minutes=f"{plan.minutes:g}", name=name))
        found.append((("plan", str(path)), label))
    return found


class PickerApp(App[Choice | None]):
    """A list of plans and sessions; Enter starts the highlighted one, Escape leaves."""

    CSS_PATH = "kerne.tcss"
    TITLE = "kerne"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "tui.key.leave"),
        Binding("ctrl+q", "leave", "tui.key.leave", show=False, priority=True),
    ]

    def __init__(self, data_dir: Path, lang: Lang) -> None:
        super().__init__()
        self.lang: Lang = lang
        self.options = choices(data_dir, lang)
        self._bindings = translated(self._bindings, lang)
        for theme in (LIGHT_THEME, DARK_THEME):
            self.register_theme(theme)
        self.theme = LIGHT_THEME.name

    def compose(self) -> ComposeResult:
        yield Static(Text(t(self.lang, "tui.picker.title")), id="picker-title")
        yield Static(Text(t(self.lang, "tui.picker.help")), id="picker-help")
        yield OptionList(
            *[Option(label, id=str(index)) for index, (_, label) in enumerate(self.options)],
            id="picker-list",
        )
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#picker-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#picker-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on a line starts it."""
        self.exit(self.options[int(event.option.id or 0)][0])

    def action_leave(self) -> None:
        """Leave without starting anything."""
        self.exit(None)


def pick_session(data_dir: Path, lang: Lang) -> Choice | None:
    """Let the facilitator choose what to run; None if they leave."""
    return PickerApp(data_dir, lang).run()
