"""The wall holds its shape and tells the facilitator what happened: a card never fills the
projected screen, and a laptop that slept says that its countdown followed the real time."""

from __future__ import annotations

from pathlib import Path

from tui_support import FakeClock, make_app, notices, open_workshop, screen_text, submit, until

from kerne_tui.workshop import Workshop

LONG_LINES = "\n".join("¤" for _ in range(250))
"""250 lines, as long as the step allows (500 characters)."""
WIDE = "日本語のテキスト" * 38  # 304 wide characters


async def reveal_with(workshop: Workshop, *texts: str) -> None:
    await workshop.go_to("min-opgave")
    for number, text in enumerate(texts):
        await submit(workshop, f"telefon-{number}", {"text": text})
    await workshop.toggle_reveal("min-opgave")


async def test_a_card_of_250_lines_takes_only_a_few_rows_of_the_wall(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await reveal_with(workshop, LONG_LINES, "Tryghed for familierne", "Læring")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            shown = [line for line in text.splitlines() if "¤" in line]
            assert 0 < len(shown) <= 6
            assert "…" in text
            assert "Tryghed for familierne" in text and "Læring" in text


async def test_a_card_of_300_wide_characters_is_cut_short(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await reveal_with(workshop, WIDE, "Tryghed for familierne", "Læring")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            rows = [line for line in text.splitlines() if "日本" in line or "テキ" in line]
            assert 0 < len(rows) <= 12
            assert "Tryghed for familierne" in text and "Læring" in text


class SleepingClock(FakeClock):
    """The wall's clock with one that counts sleep too (Linux's CLOCK_BOOTTIME)."""

    def __init__(self) -> None:
        super().__init__()
        self._boot = 10.0

    def since_boot(self) -> float:
        return self._boot

    def advance(self, seconds: float) -> None:
        super().advance(seconds)
        self._boot += seconds

    def sleep(self, seconds: float) -> None:
        self._boot += seconds
        self.jump_wall(seconds)


async def test_a_laptop_that_slept_says_so_and_the_countdown_follows_real_time(
    tmp_path: Path,
) -> None:
    clock = SleepingClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            clock.sleep(3 * 60)
            await until(pilot, lambda: any("sovet i 3 min" in n for n in notices(app)))
            assert workshop.seconds_left() == 2 * 60
