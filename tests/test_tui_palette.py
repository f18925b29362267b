"""The command palette (ctrl+p) offers every facilitator command by name, and runs it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input
from tui_kinds_support import KINDS_PLAN, questions_live
from tui_support import PLAN, FakeClock, make_app, open_workshop, submit, until

from kerne_tui.catalog import t
from kerne_tui.control import ControlCenter
from kerne_tui.store.layout import SessionStatus
from kerne_tui.tui.agenda import AgendaScreen
from kerne_tui.tui.app import KerneApp
from kerne_tui.tui.commands import PALETTE
from kerne_tui.tui.dialogs import (
    ConfirmScreen,
    HelpScreen,
    MergeScreen,
    NotesScreen,
    OwnerScreen,
    PinScreen,
)
from kerne_tui.tui.facilitation import WallPairScreen
from kerne_tui.tui.screens import QrScreen
from kerne_tui.workshop import Workshop

Check = Callable[[KerneApp, Workshop], bool]


async def run_from_palette(pilot: Pilot[None], app: KerneApp, title: str) -> None:
    """Open the palette, type the command's name, and run the best match."""
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(app.screen, CommandPalette))
    palette = app.screen
    # Set the whole name at once: typing it key by key starts a search per key.
    palette.query_one(Input).value = title
    commands = palette.query_one(CommandList)
    await until(pilot, lambda: commands.option_count > 0 and commands.highlighted is not None)
    await pilot.press("enter")
    await until(pilot, lambda: not isinstance(app.screen, CommandPalette))
    await pilot.pause()


def selected_hidden(app: KerneApp, workshop: Workshop) -> bool:
    return any(c.hidden for c in workshop.all_contributions())


def asks(key: str) -> Check:
    """The confirmation that asks exactly this question is on the screen."""
    return lambda app, w: (
        isinstance(app.screen, ConfirmScreen) and app.screen.question == t("da", key)
    )


CASES: dict[str, Check] = {
    "toggle_timer": lambda app, w: not w.timer.running,
    "next_step": lambda app, w: w.current == "forskelle",
    "previous_step": lambda app, w: w.current == "velkommen",
    "extend": lambda app, w: w.seconds_left() > 300,
    "toggle_reveal": lambda app, w: "min-opgave" in w.revealed,
    "show_qr": lambda app, w: isinstance(app.screen, QrScreen),
    "show_agenda": lambda app, w: isinstance(app.screen, AgendaScreen),
    "pin": lambda app, w: isinstance(app.screen, PinScreen),
    "show_notes": lambda app, w: isinstance(app.screen, NotesScreen),
    "toggle_theme": lambda app, w: app.theme == "kerne-dark",
    "close_session": asks("tui.close.question"),
    "quit": asks("tui.quit.question"),
    "help": lambda app, w: isinstance(app.screen, HelpScreen),
    "select_next": lambda app, w: app.main.selected is not None,
    "hide_selected": selected_hidden,
    "merge_selected": lambda app, w: isinstance(app.screen, MergeScreen),
    "show_hidden": lambda app, w: not any(c.hidden for c in w.all_contributions()),
    "toggle_parking": lambda app, w: app.main.parking_shown(),
    "answer_selected": lambda app, w: any(c.outcome == "answered" for c in w.parked()),
    "drop_selected": lambda app, w: any(c.outcome == "dropped" for c in w.parked()),
    "owner_selected": lambda app, w: isinstance(app.screen, OwnerScreen),
    "pair_phone": lambda app, w: isinstance(app.screen, WallPairScreen),
    "page_next": lambda app, w: app.main.showing.page == 1,
    "page_previous": lambda app, w: app.main.showing.page == app.main.showing.pages - 1 > 0,
    "page_hold": lambda app, w: app.main.showing.held,
    "spotlight": lambda app, w: app.main.showing.spotlight is not None,
}
PAGING_CASES = ("page_next", "page_previous", "page_hold", "spotlight")
"""Commands tried on a revealed step with more answers than one page holds."""
PARKING_CASES = ("toggle_parking", "answer_selected", "drop_selected", "owner_selected")
"""Commands tried on a plan with a parking lot, on its items (the other plan has none)."""


AFTER_YES: dict[str, Check] = {
    # Ending the session keeps kerne open (it offers the archive); quitting leaves it running.
    "close_session": lambda app, w: w.status == SessionStatus.FINISHED and app.return_code is None,
    "quit": lambda app, w: app.return_code is not None and w.status == SessionStatus.RUNNING,
}
"""What answering yes does, for the commands that ask first."""


def test_every_palette_command_has_a_case_here() -> None:
    assert {action for action, _, _ in PALETTE} == set(CASES)


@pytest.mark.parametrize(("action", "key"), [(a, k) for a, k, _ in PALETTE])
async def test_palette_runs_the_command(tmp_path: Path, action: str, key: str) -> None:
    clock = FakeClock()
    parking = action in PARKING_CASES
    async with open_workshop(tmp_path, clock, KINDS_PLAN if parking else PLAN) as workshop:
        if parking:
            await questions_live(workshop, clock)
            await workshop.park("a", "p1", {"text": "Vagtplanen"})
            await workshop.park("b", "p2", {"text": "Lønnen"})
            if action != "toggle_parking":
                await workshop.go_to("gennemgang")
        else:
            await workshop.go_to("min-opgave")
            for phone, text in (("a", "Trivsel"), ("b", "Læring"), ("c", "Tryghed")):
                clock.advance(1)
                await submit(workshop, phone, {"text": text})
            if action in PAGING_CASES:
                for n in range(90):
                    words = f"Svar nummer {n} om det, vi er her for"
                    await submit(workshop, f"phone-{n}", {"text": words})
                await workshop.toggle_reveal("min-opgave")
        if action in ("select_next", "hide_selected", "merge_selected", "show_hidden"):
            await workshop.toggle_reveal("min-opgave")
        if action == "show_hidden":
            await workshop.toggle_hidden(workshop.all_contributions()[0].id)
        app = make_app(workshop, tmp_path, control=ControlCenter(workshop))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            if action in ("hide_selected", "merge_selected", "spotlight", *PARKING_CASES[1:]):
                await pilot.press("down")
            check = CASES[action]
            assert not check(app, workshop)
            await run_from_palette(pilot, app, t("da", key))
            await until(pilot, lambda: check(app, workshop))
            if action in AFTER_YES:
                await pilot.press("enter")
                await until(pilot, lambda: AFTER_YES[action](app, workshop))


def test_palette_titles_exist_in_both_languages() -> None:
    for _, key, _ in PALETTE:
        assert t("da", key) and t("en", key) and t("da", key) != t("en", key)
