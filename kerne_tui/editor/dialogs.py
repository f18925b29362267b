"""The editor's small questions: a name to type, one of a list to choose."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class NameDialog(ModalScreen[str | None]):
    """Type a name; Enter gives it back once *problem* finds nothing wrong with it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(
        self,
        title: str,
        help_text: str,
        keys: str,
        initial: str = "",
        problem: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.help_text = help_text
        self.keys = keys
        self.initial = initial
        self.problem = problem or (lambda _: "")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            if self.help_text:
                yield Static(Text(self.help_text), classes="dialog-text")
            field = Input(value=self.initial, id="name-input", max_length=200)
            field.cursor_blink = False
            yield field
            yield Static(id="name-problem", classes="field-problem")
            yield Static(Text(self.keys), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#name-input", Input).focus()

    @on(Input.Submitted, "#name-input")
    def typed(self, event: Input.Submitted) -> None:
        """Enter: the name, or the one sentence that says what is wrong with it."""
        name = event.value.strip()
        if not name:
            return
        problem = self.problem(name)
        if problem:
            line = self.query_one("#name-problem", Static)
            line.update(Text(problem))
            line.add_class("-shown")
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Back without a name."""
        self.dismiss(None)


class ChoiceDialog(ModalScreen[int | None]):
    """Choose one of *labels*; Enter gives back its index."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, labels: Sequence[str], keys: str, highlighted: int = 0) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.labels = list(labels)
        self.keys = keys
        self.highlighted = highlighted

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield OptionList(
                *[Option(Text(label), id=str(i)) for i, label in enumerate(self.labels)],
                id="choice-list",
            )
            yield Static(Text(self.keys), classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one("#choice-list", OptionList)
        options.highlighted = self.highlighted
        options.focus()

    @on(OptionList.OptionSelected, "#choice-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter: the chosen one."""
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        """Back without a choice."""
        self.dismiss(None)
