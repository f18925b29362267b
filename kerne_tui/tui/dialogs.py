"""Small screens over the main one: confirm, pin a sentence, merge a card, notes and help."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kerne_tui.catalog import Lang, t
from kerne_tui.tui.keys import help_rows
from kerne_tui.tui.pane import plain


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question answered from the keyboard: Enter or j/y for yes, Escape or n for no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,j,y", "answer(True)", show=False),
        Binding("escape,n", "answer(False)", show=False),
    ]

    def __init__(self, question: str, detail: str, lang: Lang) -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.detail = detail
        self.lang: Lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question, style="bold"), classes="dialog-title")
            if self.detail:
                yield Static(Text(self.detail), classes="dialog-text")
            yield Static(Text(t(self.lang, "tui.confirm.keys")), classes="dialog-keys")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


def deletion_offer(lang: Lang, session: str) -> ConfirmScreen:
    """After archiving: delete the working session file of *session* (it goes when kerne
    ends)? The wall names the session, never its path."""
    return ConfirmScreen(
        t(lang, "tui.delete.question"), t(lang, "tui.delete.detail", session=session), lang
    )


class PinScreen(ModalScreen[str | None]):
    """Type or pick the working version of the core-task sentence; Enter pins it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, initial: str, candidates: Sequence[str], lang: Lang) -> None:
        super().__init__(classes="dialog-screen")
        self.initial = initial
        self.candidates = list(candidates)
        self.lang: Lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(t(self.lang, "tui.pin.title"), style="bold"), classes="dialog-title")
            yield Static(Text(t(self.lang, "tui.pin.help")), classes="dialog-text")
            # The cursor waits at the end: the usual wish is to edit a proposal, not replace it.
            field = Input(value=self.initial, id="pin-input", max_length=500, select_on_focus=False)
            field.cursor_blink = False
            yield field
            if self.candidates:
                yield Static(Text(t(self.lang, "tui.pin.candidates")), classes="dialog-text")
                yield OptionList(
                    *[
                        Option(plain(text, multiline=False), id=str(index))
                        for index, text in enumerate(self.candidates)
                    ],
                    id="pin-candidates",
                )
            yield Static(Text(t(self.lang, "tui.pin.keys")), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#pin-input", Input).focus()

    @on(Input.Submitted, "#pin-input")
    def pin_typed(self, event: Input.Submitted) -> None:
        """Enter in the field pins what it holds."""
        self.dismiss(event.value.strip() or None)

    @on(OptionList.OptionSelected, "#pin-candidates")
    def candidate_chosen(self, event: OptionList.OptionSelected) -> None:
        """A chosen proposal goes into the field, to be edited or pinned with Enter."""
        field = self.query_one("#pin-input", Input)
        field.value = self.candidates[int(event.option.id or 0)]
        field.focus()

    def action_cancel(self) -> None:
        """Close without pinning."""
        self.dismiss(None)


class OwnerScreen(ModalScreen[str | None]):
    """Type who owns a parked item or question from here on; Enter closes it with that owner."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, item: str, lang: Lang) -> None:
        super().__init__(classes="dialog-screen")
        self.item = item
        self.lang: Lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text(t(self.lang, "tui.owner.title"), style="bold"), classes="dialog-title"
            )
            yield Static(plain(self.item), classes="dialog-text")
            field = Input(id="owner-input", max_length=120)
            field.cursor_blink = False
            yield field
            yield Static(Text(t(self.lang, "tui.owner.keys")), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#owner-input", Input).focus()

    @on(Input.Submitted, "#owner-input")
    def owner_typed(self, event: Input.Submitted) -> None:
        """Enter gives the item the typed owner."""
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        """Close without changing the item."""
        self.dismiss(None)


class MergeScreen(ModalScreen[str | None]):
    """Choose the card a duplicate is folded into."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, source: str, targets: Sequence[tuple[str, str]], lang: Lang) -> None:
        super().__init__(classes="dialog-screen")
        self.source = source
        self.targets = list(targets)
        self.lang: Lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text(t(self.lang, "tui.merge.title"), style="bold"), classes="dialog-title"
            )
            yield Static(plain(self.source), classes="dialog-text merge-source")
            yield Static(Text(t(self.lang, "tui.merge.into")), classes="dialog-text")
            yield OptionList(
                *[Option(plain(text, multiline=False), id=cid) for cid, text in self.targets],
                id="merge-targets",
            )
            yield Static(Text(t(self.lang, "tui.merge.keys")), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#merge-targets", OptionList).focus()

    @on(OptionList.OptionSelected, "#merge-targets")
    def target_chosen(self, event: OptionList.OptionSelected) -> None:
        """Merge into the chosen card."""
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Close without merging."""
        self.dismiss(None)


class NotesScreen(ModalScreen[None]):
    """The presenter notes of the open step, shown only when the facilitator asks."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,o", "close", show=False)]

    def __init__(self, title: str, notes: str, lang: Lang) -> None:
        super().__init__(classes="dialog-screen")
        self.step_title = title
        self.notes = notes
        self.lang: Lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(
                Text(t(self.lang, "tui.notes.title", title=self.step_title), style="bold"),
                classes="dialog-title",
            )
            with VerticalScroll(classes="dialog-body", can_focus=False):
                body = self.notes.strip() or t(self.lang, "tui.notes.none")
                yield Static(Text(body), id="notes-text")
            yield Static(Text(t(self.lang, "tui.notes.keys")), classes="dialog-keys")

    def action_close(self) -> None:
        """Hide the notes again."""
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every key and what it does."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark", "close", show=False)]

    def __init__(self, lang: Lang, rows: Sequence[tuple[str, str]] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.lang: Lang = lang
        self.rows = list(rows) if rows is not None else help_rows(lang)
        """(keys, what they do): the wall's keys unless another app gives its own."""

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, expand=True, pad_edge=False)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for keys, label in self.rows:
            table.add_row(keys, label)
        with Vertical(classes="dialog wide"):
            yield Static(Text(t(self.lang, "tui.help.title"), style="bold"), classes="dialog-title")
            with VerticalScroll(classes="dialog-body", can_focus=False):
                yield Static(table, id="help-table")
            yield Static(Text(t(self.lang, "tui.help.keys")), classes="dialog-keys")

    def action_close(self) -> None:
        """Back to the session."""
        self.dismiss(None)
