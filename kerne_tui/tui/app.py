"""The projected screen: a Textual app that runs a workshop from the keyboard.

The app shares the event loop with the phone server. It never imports the web package: the
workshop's events reach it as Textual messages, and every command it gives is awaited on the
workshop itself. It never prints; the command line logs to a file.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.driver import Driver
from textual.message import Message
from textual.screen import Screen

from kerne_tui.archive import write_archive
from kerne_tui.catalog import Lang, t
from kerne_tui.control import AttachmentChanged, ControlCenter, ControlEvent, RemotePaired
from kerne_tui.control.center import WallParkingAsked
from kerne_tui.memory import settle
from kerne_tui.plan import Show, StepKind
from kerne_tui.store import ARCHIVES, SessionStatus
from kerne_tui.tui.agenda import AgendaScreen
from kerne_tui.tui.commands import FacilitatorCommands, guarded
from kerne_tui.tui.dialogs import ConfirmScreen, HelpScreen, NotesScreen, PinScreen, deletion_offer
from kerne_tui.tui.facilitation import ANNOUNCE_SECONDS, RoomManners, WallPairScreen, announcement
from kerne_tui.tui.keys import FACILITATOR_KEYS, PAGING_KEYS, SELECTION_KEYS, translated
from kerne_tui.tui.screens import MainScreen, QrScreen
from kerne_tui.tui.themes import DARK_THEME, LIGHT_THEME
from kerne_tui.workshop import (
    CommandUndone,
    ContributionModerated,
    ContributionReceived,
    ContributionRetracted,
    Event,
    StepOpened,
    Workshop,
)
from kerne_tui.workshop.rollback import action_words

log = logging.getLogger(__name__)

Archiver = Callable[[Path, Path], Path]
"""Writes the archive of a session file into a folder and returns the zip's path."""
"""The folder inside the data folder where archives made from the screen go."""


class KerneApp(App[None]):
    """The facilitator's screen for one workshop session."""

    CSS_PATH = "kerne.tcss"
    TITLE = "kerne"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FACILITATOR_KEYS,
        *SELECTION_KEYS,
        *PAGING_KEYS,
        # While a console or a remote has the notes, o says so instead (and is off the footer).
        Binding("o", "notes_elsewhere", show=False),
    ]
    # Only our own commands: Textual's system commands are English and partly beside the point.
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {FacilitatorCommands}

    class SessionChanged(Message):
        """Something happened in the workshop: a step opened, the timer moved, an answer came."""

        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    class ControlChanged(Message):
        """A console or remote attached or left, or a facilitator phone was paired or revoked."""

        def __init__(self, event: ControlEvent) -> None:
            super().__init__()
            self.event = event

    def __init__(
        self,
        workshop: Workshop,
        *,
        join_url: str,
        notices: Sequence[str],
        data_dir: Path,
        archiver: Archiver,
        control: ControlCenter | None = None,
    ) -> None:
        super().__init__()
        self.control = control
        self.manners = RoomManners(control)
        """While the facilitator has a view of their own, the wall is the room's view only."""
        self.workshop = workshop
        self.join_url = join_url
        self.notices = list(notices)
        self.data_dir = data_dir
        self.archiver = archiver
        self.lang: Lang = workshop.plan.language
        self.archive_path: Path | None = None
        """The zip written when the session was archived from the screen."""
        self.delete_on_exit = False
        """The facilitator chose, after archiving, to delete the session file once kerne ends."""
        self._bindings = translated(self._bindings, self.lang)
        self._unsubscribe: Callable[[], None] | None = None
        self._stop_control: Callable[[], None] | None = None
        for theme in (LIGHT_THEME, DARK_THEME):
            self.register_theme(theme)
        self.theme = LIGHT_THEME.name
        self.main = MainScreen(workshop, join_url, self.lang)
        self.main.manners = self.manners
        if control is not None:
            self.main.showing = control.showing  # one page and spotlight for all three views

    def get_default_screen(self) -> Screen[None]:
        return self.main

    def on_mount(self) -> None:
        self._unsubscribe = self.workshop.subscribe(self._on_workshop_event)
        if self.control is not None:
            self._stop_control = self.control.subscribe(self._on_control_event)
        for notice in self.notices:
            self.notify(notice, severity="warning", timeout=20, markup=False)
        if self.workshop.status == SessionStatus.WAITING:
            self.push_screen(QrScreen(self.workshop, self.join_url, self.lang, welcome=True))
        self.call_after_refresh(settle)

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._stop_control is not None:
            self._stop_control()
            self._stop_control = None

    # --- messages up: workshop events become Textual messages ------------------------------
    def _on_workshop_event(self, event: Event) -> None:
        self.post_message(self.SessionChanged(event))

    def on_kerne_app_session_changed(self, message: SessionChanged) -> None:
        if not self.is_running:
            # Shutting down: the screens are being taken apart while the timer and the phones
            # may still report; there is nothing left to draw on.
            return
        event = message.event
        if isinstance(event, CommandUndone):
            # A failed write, undone: what was tried, that nothing changed, and what to do.
            action = t(self.lang, action_words(event.action))
            words = t(self.lang, "hostile.write_failed", action=action)
            self.notify(words, severity="error", markup=False, timeout=30)
            self.main.show_session()
            return
        if isinstance(event, ContributionReceived | ContributionRetracted | ContributionModerated):
            # Answers can come by the hundred: the screen draws them on its tick, all at once.
            self.main.answers_changed()
            return
        if isinstance(event, StepOpened):
            self._close_welcome()
            self.main.step_opened()
            # A calm moment: the room reads the new step before it answers.
            self.call_after_refresh(settle)
        else:
            self.main.show_session()
        for screen in self.screen_stack:
            if isinstance(screen, AgendaScreen):
                screen.show_session()

    def _on_control_event(self, event: ControlEvent) -> None:
        self.post_message(self.ControlChanged(event))

    def on_kerne_app_control_changed(self, message: ControlChanged) -> None:
        if not self.is_running:
            return
        event = message.event
        words = announcement(event, self.lang)
        if words:
            self.notify(words, timeout=ANNOUNCE_SECONDS, markup=False)
        if isinstance(event, RemotePaired) and isinstance(self.screen, WallPairScreen):
            self.pop_screen()
        if isinstance(event, WallParkingAsked) and event.shown != self.main.parking_on_request:
            self.main.toggle_parking()
        if isinstance(event, AttachmentChanged):
            # Moderation leaves the wall (or comes back): no card stays picked in front of the room.
            self.main.selected = None
            self.main.show_session()
            self.refresh_bindings()

    def _close_welcome(self) -> None:
        screen = self.screen
        if isinstance(screen, QrScreen) and screen.welcome:
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The parking lot's key shows only for a plan that has one; the notes' key only while the
        wall may show them (a console or a remote attached has them)."""
        if action == "toggle_parking":
            return self.workshop.plan.parking_lot
        if action == "show_notes":
            return self.manners.allows("show_notes")
        if action == "notes_elsewhere":
            return not self.manners.allows("show_notes")
        return True

    # --- facilitator commands -------------------------------------------------------------
    def action_help_quit(self) -> None:
        """Ctrl+C does not quit (too easy to press by accident): say what does."""
        self.notify(t(self.lang, "tui.quit.hint"))

    def _session_over(self) -> bool:
        if self.workshop.status == SessionStatus.FINISHED:
            self.notify(t(self.lang, "tui.closed.already"), severity="warning")
            return True
        return False

    async def action_toggle_timer(self) -> None:
        """Start the workshop, or pause and resume the countdown."""
        if self._session_over():
            return
        if self.workshop.status == SessionStatus.WAITING:
            await guarded(self, self.lang, self.workshop.start())
            return
        await guarded(self, self.lang, self.workshop.toggle_timer())

    async def action_next_step(self) -> None:
        """Go to the next step (or start at the first)."""
        if self._session_over():
            return
        if self.workshop.status == SessionStatus.WAITING:
            await guarded(self, self.lang, self.workshop.start())
            return
        ok, moved = await guarded(self, self.lang, self.workshop.next_step())
        if ok and not moved:
            self.notify(t(self.lang, "tui.step.last"), severity="warning")

    async def action_previous_step(self) -> None:
        """Go back one step."""
        if self._session_over():
            return
        if self.workshop.status == SessionStatus.WAITING:
            self.notify(t(self.lang, "tui.step.not_started"), severity="warning")
            return
        ok, moved = await guarded(self, self.lang, self.workshop.previous_step())
        if ok and not moved:
            self.notify(t(self.lang, "tui.step.first"), severity="warning")

    async def action_extend(self) -> None:
        """Give the step one more minute (also after zero, which reopens the answers)."""
        if self._session_over():
            return
        ok, _ = await guarded(self, self.lang, self.workshop.extend(60))
        if ok:
            self.notify(t(self.lang, "tui.extended"))

    async def action_toggle_reveal(self) -> None:
        """Show or hide the answers of the step on screen."""
        if self._session_over():
            return
        step = self.main.results_step() or self.workshop.step
        if step is None or not step.kind.takes_input:
            self.notify(t(self.lang, "tui.reveal.nothing"), severity="warning")
            return
        if step.show is Show.LIVE:
            self.notify(t(self.lang, "tui.reveal.live"))
            return
        await guarded(self, self.lang, self.workshop.toggle_reveal(step.id))

    def action_show_qr(self) -> None:
        """Show the QR code full-screen, or go back from it."""
        if isinstance(self.screen, QrScreen):
            self.pop_screen()
            return
        self.push_screen(QrScreen(self.workshop, self.join_url, self.lang, welcome=False))

    def action_show_agenda(self) -> None:
        """Show the day's agenda, or go back from it."""
        if isinstance(self.screen, AgendaScreen):
            self.pop_screen()
            return
        self.push_screen(AgendaScreen(self.workshop, self.lang))

    def action_help(self) -> None:
        """Show every key and what it does."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang))

    def action_notes_elsewhere(self) -> None:
        """o while a console or a remote is attached: the notes are there, not on the wall."""
        self.notify(t(self.lang, "wall.notes_elsewhere"), markup=False)

    def action_show_notes(self) -> None:
        """Show the open step's presenter notes (on demand: the screen is public)."""
        if not self.manners.allows("show_notes"):
            self.action_notes_elsewhere()
            return
        step = self.workshop.step
        if step is None:
            title, notes = self.workshop.plan.title, self.workshop.plan.steps[0].notes
        else:
            title, notes = step.title, step.notes
        self.push_screen(NotesScreen(title, notes, self.lang))

    def action_toggle_parking(self) -> None:
        """Show the parking lot on the wall in place of the answers, or the answers again."""
        if not self.workshop.plan.parking_lot:
            self.notify(t(self.lang, "tui.parking.none"), severity="warning")
            return
        shown = self.main.toggle_parking()
        if self.control is not None:
            self.control.parking_on_wall = self.main.parking_on_request
        if shown:
            self.notify(t(self.lang, "tui.parking.shown"))

    def action_toggle_theme(self) -> None:
        """Switch between the light and the dark projector theme."""
        dark = self.theme == LIGHT_THEME.name
        self.theme = DARK_THEME.name if dark else LIGHT_THEME.name

    def action_pin(self) -> None:
        """Pin the selected sentence, or a typed one, as the working version of the core task."""
        if self._session_over():
            return
        chosen = self.main.selected
        initial = self.main.selected_text()
        if not initial and self.workshop.pinned is not None:
            initial = self.workshop.pinned.text
        proposals = self.manners.pin_proposals(
            self.workshop,
            [
                (c.step_id, c.text)
                for c in reversed(self.workshop.all_contributions())
                if c.kind is StepKind.SENTENCE and c.visible
            ],
        )

        async def pin(text: str | None) -> None:
            if not text:
                return
            source = chosen if chosen and text == initial else None
            ok, _ = await guarded(self, self.lang, self.workshop.pin(text, source=source))
            if ok:
                self.notify(t(self.lang, "tui.pin.done"))

        self.push_screen(PinScreen(initial, list(dict.fromkeys(proposals)), self.lang), pin)

    def action_pair_phone(self) -> None:
        """Offer a one-time code for the facilitator's phone on the wall (a mirrored display)."""
        if isinstance(self.screen, WallPairScreen):
            self.pop_screen()
            return
        if self.control is None:
            self.notify(t(self.lang, "wall.pair.unavailable"), severity="warning")
            return
        self.push_screen(WallPairScreen(self.control, self.lang))

    def action_close_session(self) -> None:
        """End the session (after a yes), then offer to archive it."""
        if self.workshop.status == SessionStatus.FINISHED:
            self._offer_archive()
            return

        async def close(yes: bool | None) -> None:
            if not yes:
                return
            ok, _ = await guarded(self, self.lang, self.workshop.close())
            if ok:
                self._offer_archive()

        question = ConfirmScreen(
            t(self.lang, "tui.close.question"), t(self.lang, "tui.close.detail"), self.lang
        )
        self.push_screen(question, close)

    def _offer_archive(self) -> None:
        def archive(yes: bool | None) -> None:
            if yes:
                self.archive()

        offer = ConfirmScreen(
            t(self.lang, "tui.archive.question"),
            t(self.lang, "tui.archive.detail", session=self.workshop.plan.title),
            self.lang,
        )
        self.push_screen(offer, archive)

    @work(exclusive=True, group="archive")
    async def archive(self) -> Path | None:
        """Write the session's archive zip beside the session files; say where it is.

        A worker: the zip is written on a thread while the screen keeps time and takes answers.
        """
        try:
            path = Path(
                await asyncio.to_thread(self.archiver, self.workshop.path, self.data_dir / ARCHIVES)
            )
        except Exception as error:
            # The session file is safe either way; the facilitator can run `kerne archive`.
            log.exception("archiving %s failed", self.workshop.path)
            self.notify(
                t(self.lang, "tui.archive.failed", detail=error),
                severity="error",
                timeout=20,
                markup=False,
            )
            return None
        self.archive_path = path
        log.info("the archive of %s is %s", self.workshop.path, path)
        words = t(self.lang, "tui.archive.done", session=self.workshop.plan.title, folder=ARCHIVES)
        self.notify(words, timeout=20, markup=False)
        self.main.archived(path)
        self.push_screen(deletion_offer(self.lang, self.workshop.plan.title), self._deletion_chosen)
        return path

    def _deletion_chosen(self, yes: bool | None) -> None:
        """Remember a yes; the file goes when kerne ends and lets go of its lock."""
        self.delete_on_exit = bool(yes)
        if yes:
            later = t(self.lang, "tui.delete.later", session=self.workshop.plan.title)
            self.notify(later, timeout=20)
            log.info("%s is deleted when kerne ends", self.workshop.path)

    async def action_quit(self) -> None:
        """Quit after a yes; the timer and everything else is written first."""
        if isinstance(self.screen, ConfirmScreen):
            return

        async def leave(yes: bool | None) -> None:
            if yes:
                await guarded(self, self.lang, self.workshop.save_state())
                self.exit()

        question = ConfirmScreen(
            t(self.lang, "tui.quit.question"),
            t(self.lang, "tui.quit.detail", session=self.workshop.plan.title),
            self.lang,
        )
        self.push_screen(question, leave)


def build_app(
    workshop: Workshop,
    *,
    join_url: str,
    data_dir: Path,
    notices: Sequence[str] = (),
    archiver: Archiver = write_archive,
    control: ControlCenter | None = None,
    driver_class: type[Driver] | None = None,
) -> KerneApp:
    """The projected screen for *workshop*: the one way the CLI, tests and benchmarks make it.

    *join_url* is the address the phones use, *data_dir* the folder of the session files (the
    archive goes into its ``archives`` folder), *notices* are shown once at the start;
    *control* is the running session's control centre, for ``kerne console`` and the remote;
    *driver_class* the terminal's driver (``tui/terminal.py``) instead of Textual's own.
    """
    app = KerneApp(
        workshop,
        join_url=join_url,
        notices=notices,
        data_dir=data_dir,
        archiver=archiver,
        control=control,
    )
    if driver_class is not None:
        app.driver_class = driver_class
    return app
