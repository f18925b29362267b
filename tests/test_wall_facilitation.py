"""The wall while the facilitator has a view of their own: the room's view only.

With a console attached or a phone paired, the wall shows no notes, takes no moderation keys
and offers no unrevealed sentence; each pairing is announced. With nothing attached it works
exactly as before. Pairing can be offered from the wall too (for a mirrored display).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import FakeClock, make_app, notices, open_workshop, screen_text, submit, until

from kerne_tui.catalog import t
from kerne_tui.control import ControlCenter, PairingRefused, Surface
from kerne_tui.tui.dialogs import NotesScreen, PinScreen
from kerne_tui.tui.facilitation import WallPairScreen

SIZE = (120, 40)


async def test_with_nothing_attached_the_wall_shows_the_notes_as_before(tmp_path: Path) -> None:
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await workshop.go_to("min-opgave")
        control = ControlCenter(workshop)
        app = make_app(workshop, tmp_path, control=control)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("o")
            await until(pilot, lambda: isinstance(app.screen, NotesScreen))


async def test_with_a_console_attached_the_wall_shows_no_notes(tmp_path: Path) -> None:
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await workshop.go_to("min-opgave")
        control = ControlCenter(workshop)
        app = make_app(workshop, tmp_path, control=control)
        async with app.run_test(size=SIZE) as pilot:
            control.console_attached()
            await pilot.press("o")
            await until(pilot, lambda: t("da", "wall.notes_elsewhere") in notices(app))
            assert not isinstance(app.screen, NotesScreen)
            assert "Hold øje med" not in screen_text(app)
            control.console_detached()
            await pilot.pause()
            await pilot.press("o")
            await until(pilot, lambda: isinstance(app.screen, NotesScreen))


async def test_the_footer_lists_o_only_while_the_wall_may_show_the_notes(tmp_path: Path) -> None:
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await workshop.go_to("min-opgave")
        control = ControlCenter(workshop)
        app = make_app(workshop, tmp_path, control=control)
        notes = t("da", "tui.key.notes")

        def footer() -> str:
            return screen_text(app).splitlines()[-1]

        # Wide enough for every key: at 100 columns o is among the keys the bar counts.
        async with app.run_test(size=(200, 45)) as pilot:
            await until(pilot, lambda: notes in footer())
            control.console_attached()
            await until(pilot, lambda: notes not in footer())
            control.console_detached()
            await until(pilot, lambda: notes in footer())


async def test_with_a_console_attached_moderation_is_off_the_wall(tmp_path: Path) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("min-opgave")
        for phone, text in (("a", "Trivsel"), ("b", "Læring"), ("c", "Tryghed")):
            clock.advance(1)
            await submit(workshop, phone, {"text": text})
        await workshop.toggle_reveal("min-opgave")
        control = ControlCenter(workshop)
        app = make_app(workshop, tmp_path, control=control)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("down")
            await until(pilot, lambda: app.main.selected is not None)
            control.console_attached()
            await until(pilot, lambda: app.main.selected is None)
            await pilot.press("down", "h")
            await pilot.pause()
            assert app.main.selected is None
            assert not any(c.hidden for c in workshop.all_contributions())
            footer = screen_text(app).splitlines()[-1]
            assert t("da", "tui.key.hide") not in footer
            assert t("da", "tui.key.merge") not in footer


async def test_with_a_phone_paired_the_pin_dialog_offers_only_sentences_the_room_saw(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("min-opgave")
        await submit(workshop, "a", {"text": "Skjult tanke"})
        control = ControlCenter(workshop)
        offer = control.offer_pairing(Surface.CONSOLE)
        control.pair(offer.code, "10.0.0.5")
        await workshop.go_to("en-saetning")  # a live step: its sentences are on the wall
        await submit(workshop, "b", {"text": "Vi hjælper borgerne"})
        app = make_app(workshop, tmp_path, control=control)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await until(pilot, lambda: isinstance(app.screen, PinScreen))
            screen = app.screen
            assert isinstance(screen, PinScreen)
            assert screen.candidates == ["Vi hjælper borgerne"]


async def test_every_pairing_is_announced_on_the_wall(tmp_path: Path) -> None:
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await workshop.go_to("min-opgave")
        control = ControlCenter(workshop)
        app = make_app(workshop, tmp_path, control=control)
        async with app.run_test(size=SIZE) as pilot:
            offer = control.offer_pairing(Surface.CONSOLE)
            remote, _ = control.pair(offer.code, "10.0.0.5")
            await until(pilot, lambda: t("da", "wall.remote_paired") in notices(app))
            control.revoke(remote.id)
            await until(pilot, lambda: t("da", "wall.remote_revoked") in notices(app))


async def test_f_offers_a_single_use_code_on_the_wall_that_closes_once_used(
    tmp_path: Path,
) -> None:
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await workshop.go_to("min-opgave")
        control = ControlCenter(workshop)
        control.join_url = "http://192.168.1.23:8765/j/KXR7M"
        app = make_app(workshop, tmp_path, control=control)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f")
            await until(pilot, lambda: isinstance(app.screen, WallPairScreen))
            screen = app.screen
            assert isinstance(screen, WallPairScreen)
            offer = control.pairings.current_offer()
            assert offer is not None and offer.offered_on is Surface.WALL
            assert f"{offer.code[:3]}-{offer.code[3:]}" in screen_text(app)
            remote, _ = control.pair(offer.code, "10.0.0.5")
            assert remote.offered_on is Surface.WALL
            await until(pilot, lambda: app.screen is app.main)
            await until(pilot, lambda: t("da", "wall.remote_paired") in notices(app))


async def test_a_code_offered_on_the_wall_is_withdrawn_when_its_screen_closes(
    tmp_path: Path,
) -> None:
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await workshop.go_to("min-opgave")
        control = ControlCenter(workshop)
        app = make_app(workshop, tmp_path, control=control)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f")
            await until(pilot, lambda: isinstance(app.screen, WallPairScreen))
            offer = control.pairings.current_offer()
            assert offer is not None
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is app.main)
            assert control.pairings.current_offer() is None
            with pytest.raises(PairingRefused):
                control.pair(offer.code, "10.0.0.5")
