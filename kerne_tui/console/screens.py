"""The console's own screens: the agenda, pairing a phone, and pinning a sentence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from kerne_tui.catalog import Lang, t
from kerne_tui.tui.keys import translated as translated_keys
from kerne_tui.tui.qr import QrCode

CONSOLE_KEYS = ("tui.", "console.")
"""The catalog prefixes of the console's key descriptions: the wall's shared keys, its own."""


def translated(bindings: BindingsMap, lang: Lang) -> BindingsMap:
    """A copy of *bindings* with the wall's and the console's descriptions read in *lang*."""
    return translated_keys(bindings, lang, CONSOLE_KEYS)


def verdict(behind: int, lang: Lang) -> str:
    """Ahead, behind or on time, in words."""
    if behind > 0:
        return t(lang, "console.agenda.behind", n=behind)
    if behind < 0:
        return t(lang, "console.agenda.ahead", n=-behind)
    return t(lang, "console.agenda.on_time")


def agenda_summary(view: dict[str, Any], lang: Lang) -> str:
    """Planned end, projected end, ahead or behind, in one line."""
    agenda = view["agenda"]
    return t(
        lang,
        "console.agenda",
        planned=agenda["planned_end"],
        projected=agenda["projected_end"],
        verdict=verdict(int(agenda["behind"]), lang),
    )


def agenda_table(view: dict[str, Any], lang: Lang) -> Table:
    """Every step with planned and actual minutes; the open one marked."""
    table = Table(box=box.SIMPLE_HEAVY, expand=True, show_edge=False, pad_edge=False)
    table.add_column("", width=4, no_wrap=True)
    table.add_column(t(lang, "tui.agenda.step"), ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(t(lang, "console.agenda.planned"), width=9, justify="right")
    table.add_column(t(lang, "console.agenda.actual"), width=9, justify="right")
    module = 0
    for row in view["agenda"]["rows"]:
        if row["module"] != module:
            module = row["module"]
            title = t(lang, "tui.agenda.module", n=module, title=row["module_title"])
            table.add_row("", Text(title, style="bold"), "", "")
        mark = {"now": t(lang, "console.agenda.now"), "done": "✓"}.get(row["state"], "")
        actual = minutes_text(row["actual"], lang) if row["actual"] is not None else ""
        table.add_row(
            mark,
            "  " + row["title"],
            minutes_text(row["planned"], lang),
            actual,
            style="reverse bold" if row["state"] == "now" else None,
        )
    return table


class AgendaScreen(Screen[None]):
    """The day's agenda with planned and actual minutes; a or escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "app.pop_screen", "tui.key.back"),
        Binding("escape", "app.pop_screen", "tui.key.back", show=False),
    ]

    def __init__(self, view: dict[str, Any], lang: Lang) -> None:
        super().__init__()
        self.view = view
        self.lang: Lang = lang
        self._bindings = translated(self._bindings, lang)

    def compose(self) -> ComposeResult:
        yield Static(Text(t(self.lang, "console.agenda.title"), style="bold"), id="c-agenda-title")
        yield Static(id="c-agenda-summary")
        with VerticalScroll(id="c-agenda-scroll"):
            yield Static(id="c-agenda-table")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show(self.view)

    def show(self, view: dict[str, Any]) -> None:
        """Draw the agenda from *view*."""
        self.view = view
        self.query_one("#c-agenda-summary", Static).update(agenda_summary(view, self.lang))
        self.query_one("#c-agenda-table", Static).update(agenda_table(view, self.lang))


class PairScreen(ModalScreen[None]):
    """A one-time code (and its QR) for the facilitator's phone, and the phones paired so far."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x,delete", "revoke", "console.key.revoke"),
        Binding("escape,f", "close", "tui.key.back"),
    ]

    def __init__(self, offer: dict[str, Any], view: dict[str, Any], lang: Lang) -> None:
        super().__init__(classes="dialog-screen")
        self.offer = offer
        self.view = view
        self.lang: Lang = lang
        self._bindings = translated(self._bindings, lang)

    def compose(self) -> ComposeResult:
        url = str(self.offer.get("url", ""))
        address = url.split("?", 1)[0]
        minutes = max(1, round(float(self.offer.get("seconds", 120)) / 60))
        with Vertical(classes="dialog", id="c-pair"):
            with Horizontal(id="c-pair-body"):
                yield QrCode(url, id="c-pair-qr")
                with Vertical(id="c-pair-side"):
                    # Beside the QR, not above it: at 80x24 every row goes to the QR and the
                    # address.
                    yield Static(
                        Text(t(self.lang, "console.pair.title"), style="bold"),
                        classes="dialog-title",
                    )
                    yield Static(
                        Text(str(self.offer.get("code", "")), style="bold"), id="c-pair-code"
                    )
                    yield Static(Text(t(self.lang, "console.pair.remotes")), classes="dialog-text")
                    yield OptionList(id="c-pair-remotes")
            # Under the QR, across the whole dialog: the address to type when the QR will not
            # scan never shares a line's width with the code (it is whole at 80x24).
            help_text = t(
                self.lang,
                "console.pair.help",
                url=address,
                code=self.offer.get("code", ""),
                minutes=minutes,
            )
            yield Static(Text(help_text), id="c-pair-help")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show(self.view)

    def show(self, view: dict[str, Any]) -> None:
        """List the paired phones from *view*."""
        self.view = view
        remotes = self.query_one("#c-pair-remotes", OptionList)
        remotes.clear_options()
        for remote in view.get("remotes", []):
            where = t(self.lang, f"console.surface.{remote['offered_on']}")
            label = t(
                self.lang,
                "console.pair.remote",
                number=remote["number"],
                at=remote["paired_at"],
                where=where,
            )
            remotes.add_option(Option(Text(label), id=remote["id"]))
        if not view.get("remotes"):
            remotes.add_option(Option(Text(t(self.lang, "console.pair.none")), disabled=True))

    class RevokeAsked(Message):
        """The facilitator asked to revoke a paired phone (the app asks the session)."""

        def __init__(self, remote_id: str) -> None:
            super().__init__()
            self.remote_id = remote_id

    def action_close(self) -> None:
        """Back to the console (which withdraws the code on offer)."""
        self.dismiss(None)

    def action_revoke(self) -> None:
        """Revoke the selected phone."""
        remotes = self.query_one("#c-pair-remotes", OptionList)
        index = remotes.highlighted
        if index is None:
            return
        option = remotes.get_option_at_index(index)
        if option.id is not None:
            self.post_message(self.RevokeAsked(option.id))


class PinDialog(ModalScreen[str | None]):
    """Type or edit the core-task sentence, or bring a proposal with tab; Enter pins it.

    The field wraps, so the whole sentence is in view however long it is.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", show=False),
        Binding("enter", "submit", show=False, priority=True),
        Binding("tab", "next_proposal", show=False, priority=True),
    ]

    def __init__(self, initial: str, proposals: Sequence[str], lang: Lang) -> None:
        super().__init__(classes="dialog-screen")
        self.initial = initial
        self.proposals = list(proposals)
        self.lang: Lang = lang
        self.turn = -1
        """The proposal tab brought last (-1: none yet)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                Text(t(self.lang, "console.pin.title"), style="bold"), classes="dialog-title"
            )
            yield Static(Text(t(self.lang, "console.pin.help")), classes="dialog-text")
            yield TextArea(self.initial, id="c-pin-input", soft_wrap=True, compact=True)
            if self.proposals:
                yield Static(Text(t(self.lang, "console.pin.tab")), classes="dialog-keys")

    def on_mount(self) -> None:
        self._field().focus()
        self._to_end()

    def _field(self) -> TextArea:
        return self.query_one("#c-pin-input", TextArea)

    def _to_end(self) -> None:
        field = self._field()
        field.move_cursor(field.document.end)

    def action_next_proposal(self) -> None:
        """Put the next proposal in the field (most votes first), to edit or pin."""
        if not self.proposals:
            return
        self.turn = (self.turn + 1) % len(self.proposals)
        self._field().load_text(self.proposals[self.turn])
        self._to_end()

    def action_submit(self) -> None:
        """Pin what the field holds (one line: a sentence has no line breaks)."""
        self.dismiss(" ".join(self._field().text.split()) or None)

    def action_cancel(self) -> None:
        """Close without pinning."""
        self.dismiss(None)


def minutes_text(minutes: float, lang: Lang) -> str:
    """Minutes as the agenda writes them: "3", and "0,5" with a decimal comma in Danish."""
    text = f"{minutes:g}"
    return text.replace(".", ",") if lang == "da" else text
