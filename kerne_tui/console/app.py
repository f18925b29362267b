"""``kerne console``: the facilitator's private view of the running session, in a terminal.

It runs beside the wall (another terminal on the same laptop) and talks to the session over
127.0.0.1 only. It shows what the room must not see first (the answers before the reveal,
the notes, how far behind the day is) and has the wall's keys. It holds no session state of
its own: every key is a request, and the session's event stream redraws it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any, ClassVar

import aiohttp
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from kerne_tui.catalog import Lang, t
from kerne_tui.console.actions import ModeratingApp
from kerne_tui.console.client import ControlClient, Rejoin, SessionError, SessionRefused
from kerne_tui.console.lines import (
    answers_head,
    clock_text,
    next_text,
    pin_text,
    step_text,
    top_line,
    turned_away_text,
)
from kerne_tui.console.listing import options_for, parking_head, parking_listed
from kerne_tui.console.paging import PAGING_CONSOLE_KEYS, PagingCommands, wall_line
from kerne_tui.console.screens import (
    AgendaScreen,
    PairScreen,
    agenda_summary,
    translated,
)
from kerne_tui.tui.dialogs import HelpScreen
from kerne_tui.tui.keys import FACILITATOR_KEYS, help_rows

log = logging.getLogger(__name__)

RETRY_SECONDS = 1.0
"""How soon the console tries again after the session's stream dropped."""
CLOCK_SECONDS = 0.5


def _wall_keys(*actions: str) -> list[BindingType]:
    """The wall's own bindings for *actions*, in the order asked (a key and its alias together)."""
    return [
        binding
        for action in actions
        for binding in FACILITATOR_KEYS
        if isinstance(binding, Binding) and binding.action == action
    ]


CONSOLE_KEYS: list[BindingType] = [
    *_wall_keys("help", "toggle_timer", "next_step", "previous_step", "extend", "toggle_reveal"),
    Binding("h", "hide_selected", "tui.key.hide", tooltip="tui.key.hide.long"),
    Binding("m", "merge_selected", "tui.key.merge", tooltip="console.key.merge.long"),
    Binding("x", "answer_selected", "console.key.answered", tooltip="console.key.answered.long"),
    Binding("e", "owner_selected", "console.key.owner", tooltip="console.key.owner.long"),
    Binding("d", "drop_selected", "console.key.drop", tooltip="console.key.drop.long"),
    Binding("P", "toggle_parking", "console.key.parking", tooltip="console.key.parking.long"),
    *_wall_keys("pin", "show_agenda"),
    *PAGING_CONSOLE_KEYS,
    Binding("f", "pair", "console.key.pair", tooltip="console.key.pair.long"),
    # Escape never quits: it is pressed, often twice, to close a dialog, and a console that
    # vanished by it would leave the facilitator without the notes in front of the room.
    Binding(
        "escape", "cancel", "console.key.cancel", tooltip="console.key.cancel.long", show=False
    ),
    Binding("ctrl+q", "quit", "console.key.quit", tooltip="console.key.quit.long", priority=True),
]
"""The wall's keys for the same commands, plus pairing a phone."""


def console_help_rows(lang: Lang) -> list[tuple[str, str]]:
    """(keys, what they do) for the console's help screen; the arrows pick an answer."""
    rows = help_rows(lang, CONSOLE_KEYS)
    hide = next(i for i, (_, label) in enumerate(rows) if label == t(lang, "tui.key.hide.long"))
    rows.insert(hide, ("↑ / ↓", t(lang, "console.key.select.long")))
    return rows


class ConsoleScreen(Screen[None]):
    """The step and its countdown, the answers before the reveal, the notes, the day."""

    AUTO_FOCUS = "#c-answers"

    def compose(self) -> ComposeResult:
        yield Static(id="c-top")
        with Horizontal(id="c-body"):
            with Vertical(id="c-main"):
                yield Static(id="c-step")
                yield Static(id="c-clock")
                yield Static(id="c-answers-head")
                yield OptionList(id="c-answers")
            with Vertical(id="c-side"):
                yield Static(id="c-notes-title")
                with VerticalScroll(id="c-notes-scroll", can_focus=False):
                    yield Static(id="c-notes")
                yield Static(id="c-turned")
                yield Static(id="c-next")
                yield Static(id="c-agenda")
                yield Static(id="c-pin")
        yield Static(id="c-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        app = self.app
        if isinstance(app, ConsoleApp):
            app.ready = True
            app.show_view(app.view)


class ConsoleApp(PagingCommands, ModeratingApp):
    """The facilitator's console for one running session."""

    CSS_PATH = "console.tcss"
    TITLE = "kerne console"
    BINDINGS: ClassVar[list[BindingType]] = CONSOLE_KEYS

    def __init__(
        self, client: ControlClient, view: dict[str, Any], rejoin: Rejoin | None = None
    ) -> None:
        super().__init__()
        self.client = client
        self.rejoin = rejoin
        """Finds the session's new run when it restarts (None: stay with this one)."""
        self.view: dict[str, Any] = view
        """The session as last sent; every redraw reads it."""
        self.lang: Lang = "en" if view.get("language") == "en" else "da"
        self.received = time.monotonic()
        self.connected = True
        self.offered: str | None = None
        """The pairing code this console shows, until its dialog closes and it is withdrawn."""
        self.merging: str | None = None
        """The answer picked to be merged, while the facilitator picks the one it goes into."""
        self.views_received = 0
        self.ready = False
        """True once the console's screen is drawn (views that come earlier wait in *view*)."""
        self._bindings = translated(self._bindings, self.lang)
        self.main = ConsoleScreen()

    def get_default_screen(self) -> Screen[None]:
        return self.main

    def on_mount(self) -> None:
        self.title = t(self.lang, "console.title")
        self.set_interval(CLOCK_SECONDS, self.draw_clock)
        self.listen()

    async def on_unmount(self) -> None:
        await self.withdraw_offer()
        await self.client.close()

    @property
    def drawable(self) -> bool:
        """True while the console's screen stands (not before it is drawn, not while closing)."""
        return self.ready and self.is_running

    # --- the session's stream -------------------------------------------------------------
    @work(exclusive=True, group="listen")
    async def listen(self) -> None:
        """Follow the session's event stream for as long as the console runs."""
        while True:
            refused = False
            try:
                async for view in self.client.views():
                    if not self.connected:
                        self.notify(t(self.lang, "console.back"), markup=False)
                    self.connected = True
                    self.show_view(view)
            except SessionRefused:
                refused = True
            except (aiohttp.ClientError, OSError, ValueError, TimeoutError):
                pass
            self.connected = False
            if await self._rejoined():
                continue
            key = "console.refused" if refused else "console.lost"
            self._status(t(self.lang, key), error=True)
            await asyncio.sleep(RETRY_SECONDS)

    async def _rejoined(self) -> bool:
        """True when the session is found running again under a new port or secret."""
        if self.rejoin is None:
            return False
        try:
            fresh = await self.rejoin(self.client)
        except OSError:
            return False
        if fresh is None:
            return False
        stale, self.client = self.client, fresh
        log.info("the session restarted: attached again on port %s", fresh.port)
        await stale.close()
        return True

    def _status(self, text: str, *, error: bool = False) -> None:
        if not self.drawable:
            return
        try:
            status = self.main.query_one("#c-status", Static)
        except NoMatches:
            return
        status.update(Text(text, style="bold" if error else ""))
        status.set_class(error, "-error")

    # --- drawing ------------------------------------------------------------------------------
    def show_view(self, view: dict[str, Any]) -> None:
        """Draw the whole console from a view the session sent."""
        self.view = view
        self.received = time.monotonic()
        self.views_received += 1
        if not self.drawable:
            return
        # While the console closes its widgets go before its stream does: nothing to draw on.
        with contextlib.suppress(NoMatches):
            self._draw(view)

    def _draw(self, view: dict[str, Any]) -> None:
        lang = self.lang
        screen = self.main
        self._status("")
        screen.query_one("#c-top", Static).update(top_line(view, lang))
        screen.query_one("#c-step", Static).update(step_text(view, lang))
        self._show_answers(view)
        screen.query_one("#c-notes-title", Static).update(
            Text(t(lang, "console.notes"), style="bold")
        )
        notes = view["notes"] or t(lang, "console.no_notes")
        screen.query_one("#c-notes", Static).update(Text(notes))
        screen.query_one("#c-next", Static).update(next_text(view, lang))
        screen.query_one("#c-agenda", Static).update(Text(agenda_summary(view, lang)))
        screen.query_one("#c-pin", Static).update(pin_text(view["pinned"], lang))
        turned = screen.query_one("#c-turned", Static)
        turned.update(turned_away_text(view.get("turned_away"), lang))
        turned.display = bool((view.get("turned_away") or {}).get("total"))
        for other in self.screen_stack:
            if isinstance(other, AgendaScreen | PairScreen):
                other.show(view)
        self.refresh_bindings()
        self.draw_clock()

    def _show_answers(self, view: dict[str, Any]) -> None:
        lang = self.lang
        head = self.main.query_one("#c-answers-head", Static)
        answers = self.answers_list()
        chosen = self.selected_id()
        answers.clear_options()
        if parking_listed(view):
            head.update(parking_head(view, lang))
        elif view["answers"] is None:
            head.update(Text(t(lang, "console.answers.none")))
        else:
            heading = answers_head(view["answers"], lang)
            on_wall = wall_line(view, lang)
            if on_wall.plain:
                heading.append("\n").append_text(on_wall)
            head.update(heading)
        answers.add_options(options_for(view, lang, self.merging))
        if chosen is not None:
            try:
                answers.highlighted = answers.get_option_index(chosen)
            except Exception:
                answers.highlighted = None

    def redraw_answers(self) -> None:
        """Draw the list again from the last view."""
        self._show_answers(self.view)

    def answers_list(self) -> OptionList:
        """The list of answers, words, totals or parked items."""
        return self.main.query_one("#c-answers", OptionList)

    def seconds_left(self) -> float:
        """The countdown as of now, from the last view and the time since it came."""
        timer = self.view["timer"]
        passed = time.monotonic() - self.received if timer["running"] else 0.0
        return max(0.0, float(timer["seconds_left"]) - passed)

    def draw_clock(self) -> None:
        """Redraw the countdown (between views it runs on the console's own clock)."""
        if not self.drawable:
            return
        try:
            clock = self.main.query_one("#c-clock", Static)
        except NoMatches:
            return
        if self.view["step"] is None or self.view["status"] != "running":
            clock.update("")
            return
        text = Text(clock_text(self.seconds_left()), style="bold")
        timer = self.view["timer"]
        if not timer["running"]:
            text.append("  " + t(self.lang, "console.paused"), style="bold reverse")
        elif not timer["open"] or self.seconds_left() <= 0:
            text.append("  " + t(self.lang, "console.closed"))
        clock.update(text)

    # --- commands ----------------------------------------------------------------------------
    async def send(self, name: str, **args: Any) -> bool:
        """Ask the session to run a command; a refusal or a lost session becomes a notice."""
        try:
            notice = await self.client.command(name, **args)
        except SessionRefused:
            self.notify(t(self.lang, "console.refused"), severity="error", markup=False)
            return False
        except SessionError as error:
            message = error.message or t(self.lang, "console.error.server", status=error.status)
            self.notify(message, severity="warning", markup=False)
            return False
        except (aiohttp.ClientError, OSError, TimeoutError):
            self.notify(t(self.lang, "console.lost"), severity="error", markup=False)
            return False
        if notice:
            self.notify(notice, markup=False)
        return True

    def warn(self, key: str) -> None:
        """A warning in the console's language."""
        self.notify(t(self.lang, key), severity="warning")

    async def action_next_step(self) -> None:
        """Go to the next step (or start at the first)."""
        await self.send("next")

    async def action_previous_step(self) -> None:
        """Go back one step."""
        await self.send("back")

    async def action_toggle_timer(self) -> None:
        """Start the workshop, or pause and resume the countdown."""
        await self.send("pause")

    async def action_extend(self) -> None:
        """One more minute."""
        await self.send("extend")

    async def action_toggle_reveal(self) -> None:
        """Show or hide the answers on the wall."""
        await self.send("reveal")

    def action_cancel(self) -> None:
        """Escape: cancel a merge being picked; it never quits (ctrl+q does, and says so)."""
        if self.merging is not None:
            self.merging = None
            self.notify(t(self.lang, "console.merge.cancelled"))
            self.redraw_answers()
            return
        self.notify(t(self.lang, "console.quit.hint"), markup=False)

    def action_help(self) -> None:
        """Show every key of the console and what it does."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang, console_help_rows(self.lang)))

    def action_show_agenda(self) -> None:
        """Show the day's agenda, or go back from it."""
        if isinstance(self.screen, AgendaScreen):
            self.pop_screen()
            return
        self.push_screen(AgendaScreen(self.view, self.lang))

    async def action_pair(self) -> None:
        """Offer a one-time code for the facilitator's phone (and show the paired ones)."""
        if isinstance(self.screen, PairScreen):
            self.screen.action_close()
            return
        try:
            offer = await self.client.pair()
        except SessionRefused:
            self.notify(t(self.lang, "console.refused"), severity="error", markup=False)
            return
        except (SessionError, aiohttp.ClientError, OSError, TimeoutError):
            self.notify(t(self.lang, "console.lost"), severity="error", markup=False)
            return
        self.offered = str(offer.get("code", "")) or None
        self.push_screen(PairScreen(offer, self.view, self.lang), self._pair_closed)

    async def _pair_closed(self, _: None) -> None:
        await self.withdraw_offer()

    async def withdraw_offer(self) -> None:
        """Take back the code this console showed: no one may pair with it once it is gone."""
        code, self.offered = self.offered, None
        if code is None:
            return
        # A session that went away took its codes with it.
        with contextlib.suppress(SessionError, aiohttp.ClientError, OSError, TimeoutError):
            await self.client.withdraw(code)

    async def on_pair_screen_revoke_asked(self, message: PairScreen.RevokeAsked) -> None:
        await self.revoke(message.remote_id)

    async def revoke(self, remote_id: str) -> None:
        """Revoke a paired phone."""
        number = next(
            (r["number"] for r in self.view["remotes"] if r["id"] == remote_id), remote_id
        )
        try:
            await self.client.revoke(remote_id)
        except (SessionRefused, SessionError, aiohttp.ClientError, OSError, TimeoutError):
            self.notify(t(self.lang, "console.lost"), severity="error", markup=False)
            return
        self.notify(t(self.lang, "console.pair.revoked", number=number))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The parking lot's keys show only where there is one (or a questions step)."""
        parking = bool(self.view.get("parking"))
        if action == "toggle_parking":
            return parking
        if action in ("answer_selected", "owner_selected", "drop_selected"):
            return parking or (self.view.get("answers") or {}).get("kind") == "questions"
        return True

    def action_quit(self) -> None:  # type: ignore[override]
        """Quit the console (the session goes on)."""
        self.exit(0)
