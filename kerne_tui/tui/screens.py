"""The projected screens: the main one (step, countdown, QR, answers) and the full-screen QR."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.widgets import Static

from kerne_tui.catalog import Lang, t
from kerne_tui.control import Showing
from kerne_tui.plan import Show, Step, StepKind
from kerne_tui.store import SessionStatus
from kerne_tui.tui.big_numbers import Countdown, clock_text, phase_of
from kerne_tui.tui.draw_cards import WALL_LIMIT
from kerne_tui.tui.facilitation import RoomManners
from kerne_tui.tui.header import (
    bands_height,
    closed_words,
    count_text,
    header_lines,
    pin_words,
    storage_words,
)
from kerne_tui.tui.key_bar import KeyBar
from kerne_tui.tui.keys import CLOSING_ACTIONS, PAGING_ACTIONS, SELECTION_ACTIONS, KeyedScreen
from kerne_tui.tui.layout import (
    MIN_HEIGHT,
    MIN_WIDTH,
    SIDE_MIN_WIDTH,
    Arrangement,
    arrange,
    band_rows,
)
from kerne_tui.tui.open_ends import open_ends_on_wall, show_open_ends
from kerne_tui.tui.page_bar import page_bar_text, spotlight_text
from kerne_tui.tui.pane import plain
from kerne_tui.tui.parking_keys import ParkingKeys
from kerne_tui.tui.qr import QrCode, qr_matrix, qr_size
from kerne_tui.tui.results import ResultsView
from kerne_tui.workshop import StepResults, Workshop, results_for

REFRESH_SECONDS = 0.25
"""How often the countdown is read and pending answers are drawn: a burst of phones costs at
most four redraws a second, and the digits change on time."""


class MainScreen(ParkingKeys):
    """The step, its prompt, the countdown, the QR code and the answers, for the whole room."""

    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        # A screen binds tab to focus; here nothing takes focus, and tab walks the answers.
        Binding("tab", "select_next", show=False),
        Binding("shift+tab", "select_previous", show=False),
    ]

    def __init__(self, workshop: Workshop, join_url: str, lang: Lang) -> None:
        super().__init__(lang, id="main")
        self.workshop = workshop
        self.join_url = join_url
        self.archive_path: Path | None = None
        """The zip written when the session was archived from the screen (for the closed band)."""
        self.selected: str | None = None
        """The card or action row the facilitator picked for moderation or pinning."""
        self.manners = RoomManners(None)
        """Set by the app: whether a console or remote has the moderation just now."""
        self.results: StepResults | None = None
        """The results on show (or counted) right now."""
        self.parking_on_request = False
        """The facilitator asked to see the parking lot in place of the answers."""
        self.answer_refreshes = 0
        """How often the answers were redrawn; bursts of phones must not redraw per answer."""
        self.arrangement = Arrangement(False, True, 1, SIDE_MIN_WIDTH + 2)
        self.showing = Showing(workshop.clock.monotonic, workshop.plan.page_seconds)
        """The page on show and the spotlight; the app puts in the one it shares with the
        console and the remote."""
        self._ready = False
        self._answers_dirty = False
        self._refused_shown = 0
        self._sleeps_seen: tuple[int, int] = (0, 0)
        self._qr_cells = qr_size(len(qr_matrix(join_url)), 1)
        self._stop_showing: Callable[[], None] = lambda: None
        self._focus_words = ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The moderation keys work (and show in the footer) here, where the answers are.

        The keys that close a question or a parked item show only where there are some.
        """
        if not self.manners.allows(action):
            return False  # a console or a remote is attached: moderation happens there
        if action in CLOSING_ACTIONS:
            results = self.results
            return results is not None and results.step.kind is StepKind.QUESTIONS
        if action in SELECTION_ACTIONS or action in PAGING_ACTIONS:
            return True
        return super().check_action(action, parameters)

    def compose(self) -> ComposeResult:
        with Vertical(id="top"):
            yield Static(id="module-line")
            yield Static(id="focus-line")
        with Horizontal(id="body"):
            with Vertical(id="stage"):
                yield Static(id="step-title")
                yield Static(id="step-prompt")
                yield Static(id="answer-count")
                yield ResultsView(self.lang, id="results", follow_up=self.workshop.follow_up)
            with Vertical(id="side"):
                yield Countdown(self.lang, id="countdown")
                yield QrCode(self.join_url, id="side-qr")
                yield Static(Text(self.join_url, overflow="fold"), id="join-address")
                yield Static(
                    Text(t(self.lang, "tui.join.code", code=self.workshop.join_code)),
                    id="join-code",
                )
                yield Static(Text(t(self.lang, "tui.qr.elsewhere")), id="qr-hint")
        yield Static(id="page-bar")
        yield Static(id="closed-band")
        yield Static(id="storage-band")
        yield Static(id="pin-band")
        yield Static(id="too-small")
        yield KeyBar(self.lang)

    def on_mount(self) -> None:
        self._ready = True
        self._stop_showing = self.showing.subscribe(lambda _: self.answers_changed())
        self.show_session()
        timer = self.workshop.timer
        self._sleeps_seen = (id(timer), timer.sleeps)
        # The screen owns the tick, so it stops with the screen and never outlives its widgets.
        self.set_interval(REFRESH_SECONDS, self.tick)

    def on_unmount(self) -> None:
        self._ready = False
        self._stop_showing()

    def on_screen_resume(self) -> None:
        self.show_session()

    def on_resize(self, event: events.Resize) -> None:
        self.fit(event.size)

    def tick(self) -> None:
        """Read the countdown, and draw answers that came since the last tick (all at once)."""
        if not self._ready:
            return
        self.update_clock()
        self._notice_sleep()
        if self.workshop.refused_for_storage != self._refused_shown:
            self._show_bands()
            self.fit(self.size)
        view = self.query_one(ResultsView)
        if view.answers_shown and self.showing.due():
            self.showing.turn(1)  # the listener marks the answers for this tick's redraw
        if self._answers_dirty or view.content_size != view.drawn_for:
            self._answers_dirty = False
            self.refresh_answers()
        elif view.pager.pages != self.showing.pages:
            # A chart counts its pages while it is drawn: the bar and the views learn it now.
            self.showing.fit(view.pager.pages if view.answers_shown else 1)
            self._show_page_bar()

    def _notice_sleep(self) -> None:
        """A laptop that slept: say on the wall that the countdown followed the real time."""
        timer = self.workshop.timer
        known, noted = self._sleeps_seen
        if id(timer) != known:
            # A new step's timer (or one put back after a failed write): nothing new slept.
            self._sleeps_seen = (id(timer), timer.sleeps)
            return
        if timer.sleeps > noted:
            self._sleeps_seen = (known, timer.sleeps)
            minutes = max(1, round(timer.last_sleep / 60))
            words = t(self.lang, "hostile.clock_jump", minutes=minutes)
            self.app.notify(words, severity="information", markup=False, timeout=20)

    # --- attributes down: the app tells the screen to show the session as it is -----------
    def answers_changed(self) -> None:
        """Answers came, went or were moderated: draw them on the next tick, all at once."""
        self._answers_dirty = True

    def step_opened(self) -> None:
        """A new step is open: nothing of the last one stays selected, its answers show."""
        self.selected = None
        self.parking_on_request = False
        self.showing.reset()
        self.show_session()

    def archived(self, path: Path) -> None:
        """The session was archived to *path*: the closed band says where."""
        self.archive_path = path
        self.show_session()

    def show_session(self) -> None:
        """Show everything: header, step, countdown, answers and bands."""
        if not self._ready:
            return
        workshop = self.workshop
        step = workshop.step
        self._show_header(step)
        title = self.query_one("#step-title", Static)
        prompt = self.query_one("#step-prompt", Static)
        if workshop.status == SessionStatus.FINISHED:
            title.update(Text(t(self.lang, "tui.finished.title"), style="bold"))
            prompt.update(Text(workshop.plan.title))
        elif step is None:
            title.update(Text(workshop.plan.title, style="bold"))
            prompt.update(Text(workshop.plan.description.strip()))
        else:
            title.update(Text(step.title, style="bold"))
            words = Text(step.prompt)
            overall = workshop.plan.overall_task_of(step)
            if overall:
                words.append("\n\n" + overall, style="italic")
            prompt.update(words)
        self._show_bands()
        self.update_clock()
        self.refresh_answers()
        self.fit(self.size)

    def _show_header(self, step: Step | None) -> None:
        line, focus = header_lines(self.workshop, step, self.lang)
        self._focus_words = focus.plain
        self.query_one("#module-line", Static).update(line)
        self.query_one("#focus-line", Static).update(focus)

    def _show_bands(self) -> None:
        words = pin_words(self.workshop, self.lang)
        pin_band = self.query_one("#pin-band", Static)
        pin_band.display = words is not None
        if words is not None:
            text = Text(words[0] + " ", style="bold")
            text.append_text(plain(words[1], multiline=False))
            pin_band.update(text)
        refused = self.workshop.refused_for_storage
        self._refused_shown = refused
        storage = self.query_one("#storage-band", Static)
        storage.display = refused > 0
        if refused:
            storage.update(Text(storage_words(self.lang, refused)))
        closed = self.query_one("#closed-band", Static)
        closed.display = self.workshop.status == SessionStatus.FINISHED
        if closed.display:
            closed.update(Text(closed_words(self.workshop, self.lang, self.archive_path)))

    def update_clock(self) -> None:
        """Set the countdown from the workshop's timer (called a few times a second)."""
        if not self._ready:
            return
        workshop = self.workshop
        step = workshop.step
        countdown = self.query_one(Countdown)
        if step is None:
            first = workshop.plan.steps[0]
            countdown.value = clock_text(first.seconds / workshop.speed)
        elif workshop.status == SessionStatus.FINISHED:
            countdown.value = clock_text(0)
        else:
            countdown.value = clock_text(workshop.seconds_left())
        countdown.takes_input = step is not None and step.kind.takes_input
        countdown.phase = phase_of(
            status=workshop.status,
            running=workshop.timer.running,
            seconds_left=workshop.seconds_left(),
            planned=workshop.timer.planned,
            has_step=step is not None,
        )

    def results_step(self) -> Step | None:
        """The step whose answers belong on screen: the open one, or the one just before a talk.

        A discussion or information step right after an input step shows that step's answers
        once they are revealed, so the room can talk about them.
        """
        step = self.workshop.step
        if step is None:
            return None
        if step.kind.takes_input:
            return step
        index = self.workshop.step_index
        if index > 0:
            before = self.workshop.plan.steps[index - 1]
            if before.kind.takes_input and before.id in self.workshop.revealed:
                return before
        return None

    def answers_visible(self, step: Step) -> bool:
        """True when *step*'s answers may be on the wall: live, or revealed by the facilitator."""
        return step.show is Show.LIVE or step.id in self.workshop.revealed

    def refresh_answers(self) -> None:
        """Recount and redraw the answers; the app calls this at most a few times a second."""
        if not self._ready:
            return
        self.answer_refreshes += 1
        view = self.query_one(ResultsView)
        count = self.query_one("#answer-count", Static)
        view.pager.page = self.showing.page
        try:
            self._draw_answers(view, count)
        finally:
            self._after_answers(view)

    def _after_answers(self, view: ResultsView) -> None:
        """The QR gives way while answers are on show; the page bar says which page."""
        shown = view.answers_shown
        if shown != self.has_class("-answers"):
            self.set_class(shown, "-answers")
            self.call_after_refresh(self.answers_changed)  # drawn again at the new width
        self.showing.page = view.pager.page  # the selected card's page, when it moved there
        self.showing.fit(view.pager.pages if shown else 1)
        self._show_page_bar()

    def _show_page_bar(self) -> None:
        bar = self.query_one("#page-bar", Static)
        if not self.has_class("-answers"):
            return
        clock = self.query_one(Countdown).value
        bar.update(
            page_bar_text(
                self.showing,
                self.lang,
                join_url=self.join_url,
                code=self.workshop.join_code,
                clock=clock,
                width=self.size.width,
            )
        )

    def _draw_answers(self, view: ResultsView, count: Static) -> None:
        workshop = self.workshop
        if self.parking_shown():
            self.show_parking(view, count)
            return
        if open_ends_on_wall(workshop):
            self.results = None
            show_open_ends(workshop, self.lang, view, count)
            return
        target = self.results_step()
        if target is None or workshop.status == SessionStatus.WAITING:
            self.results = None
            count.display = False
            view.show(None, visible=False, selected=None)
            return
        results = results_for(
            target,
            workshop.contributions(target.id, include_invisible=True),
            workshop.options(target),
            newest=WALL_LIMIT,
            merged=workshop.option_merges(target),
            word_edits=workshop.word_edits(target.id),
        )
        self.results = results
        visible = self.answers_visible(target)
        count.display = True
        count.update(count_text(workshop, self.lang, target, results, visible))
        lit = self.showing.spotlight
        spotlight = spotlight_text(workshop, results, lit) if lit else None
        view.show(results, visible=visible, selected=self.selected, spotlight=spotlight)
        if self.selected is not None and self.selected not in view.selectable:
            self.selected = None

    # --- paging and the spotlight ----------------------------------------------------------
    def action_page_next(self) -> None:
        """The next page of answers (PageDown)."""
        self.showing.turn(1)

    def action_page_previous(self) -> None:
        """The page before (PageUp)."""
        self.showing.turn(-1)

    def action_page_hold(self) -> None:
        """Stop the pages turning by themselves, or let them turn again (b)."""
        held = self.showing.toggle_hold()
        self.notify(t(self.lang, "tui.paging.held" if held else "tui.paging.turning"))

    def action_spotlight(self) -> None:
        """Show the selected answer alone and large (l); again: all the answers."""
        if self.showing.spotlight is not None:
            self.showing.set_spotlight(None)
            return
        if self.selected is None or not self.selected_text():
            self.notify(t(self.lang, "tui.spotlight.nothing"), severity="warning")
            return
        self.showing.set_spotlight(self.selected)

    # --- layout ---------------------------------------------------------------------------
    def fit(self, size: Size) -> None:
        """Arrange for *size*: the QR beside the step if it fits, else on its own screen."""
        if not self._ready or size.width == 0 or size.height == 0:
            return
        bands = bands_height(self.workshop, self.lang, self.archive_path, size.width)
        bands += max(0, band_rows(self._focus_words, size.width) - 1)  # a wrapped focus line
        arrangement = arrange(size, self._qr_cells, bands)
        self.arrangement = arrangement
        self.set_class(arrangement.too_small, "-too-small")
        self.set_class(not arrangement.qr_here, "-qr-elsewhere")
        self.query_one("#side").styles.width = arrangement.side_width
        self.query_one(Countdown).scale = arrangement.clock_scale
        self._show_page_bar()
        if arrangement.too_small:
            self.query_one("#too-small", Static).update(
                Text(
                    t(
                        self.lang,
                        "tui.too_small",
                        width=MIN_WIDTH,
                        height=MIN_HEIGHT,
                        now_width=size.width,
                        now_height=size.height,
                    )
                )
            )


class QrScreen(KeyedScreen):
    """The join QR code as large as the terminal allows, with the address and code written out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.pop_screen", "tui.key.back"),
        Binding("escape", "app.pop_screen", "tui.key.back", show=False),
    ]

    def __init__(self, workshop: Workshop, join_url: str, lang: Lang, *, welcome: bool) -> None:
        super().__init__(lang)
        self.workshop = workshop
        self.join_url = join_url
        self.welcome = welcome
        """Shown by itself before the start; it gives way when the first step opens."""

    def compose(self) -> ComposeResult:
        title = Text(self.workshop.plan.title, style="bold")
        if self.workshop.plan.workplace:
            title.append(" · " + self.workshop.plan.workplace)
        yield Static(title, id="qr-title")
        yield Static(Text(t(self.lang, "tui.qr.scan")), id="qr-scan")
        yield QrCode(self.join_url, fill=True, id="full-qr")
        yield Static(Text(self.join_url, style="bold"), id="qr-address")
        yield Static(
            Text(t(self.lang, "tui.join.code", code=self.workshop.join_code), style="bold"),
            id="qr-code",
        )
        if self.welcome:
            yield Static(Text(t(self.lang, "tui.qr.start_hint")), id="qr-hint-start")
        yield KeyBar(self.lang)
