"""The screen follows the session by itself: answers, steps and time arrive without a key."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from tui_support import (
    FakeClock,
    make_app,
    notices,
    open_workshop,
    screen_text,
    submit,
    until,
)

from kerne_tui.tui.app import KerneApp
from kerne_tui.tui.big_numbers import Countdown
from kerne_tui.workshop import StepOpened


async def test_a_new_answer_updates_the_count_without_a_key(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "0 har svaret" in screen_text(app)
            await submit(workshop, "a", {"text": "Et svar"})
            await until(pilot, lambda: "1 har svaret" in screen_text(app))


async def test_a_burst_of_answers_is_drawn_in_a_few_updates(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            before = app.main.answer_refreshes
            started = time.monotonic()
            await asyncio.gather(
                *(submit(workshop, f"phone-{n}", {"text": f"Svar {n}"}) for n in range(200))
            )
            await until(pilot, lambda: "200 har svaret" in screen_text(app))
            seconds = time.monotonic() - started
            # One update per tick that had news (four a second at most), never one per answer.
            assert app.main.answer_refreshes - before <= 2 + 4 * seconds < 200


async def test_a_step_opened_elsewhere_shows_on_screen(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await workshop.go_to("klarhed")
            await until(pilot, lambda: "Hvor klar er opgaven i dag?" in screen_text(app))
            assert "Modul 2 af 2" in screen_text(app)


async def test_the_countdown_follows_the_clock_without_a_key(tmp_path: Path) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            countdown = app.main.query_one(Countdown)
            assert countdown.value == "05:00"
            clock.advance(1)
            await until(pilot, lambda: countdown.value == "04:59")
            clock.advance(60)
            await until(pilot, lambda: countdown.value == "03:59")


async def test_notices_from_the_command_line_are_shown(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path, notices=["Port 8765 var optaget; kerne bruger 8766."])
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert notices(app) == ["Port 8765 var optaget; kerne bruger 8766."]


async def test_news_arriving_after_the_screen_was_taken_down_is_ignored(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
        # While the app shuts down, the countdown and the phones keep reporting until the host
        # stops them; such news reaches the handlers after the screens are gone.
        await workshop.go_to("min-opgave")
        app.on_kerne_app_session_changed(KerneApp.SessionChanged(StepOpened("min-opgave", 1)))
        app.main.tick()  # neither may look for widgets that are gone (NoMatches crashed the app)
