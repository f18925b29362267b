"""The countdown: what it shows, when it warns, and in what words."""

from __future__ import annotations

from rich.style import Style

from kerne_tui.tui.big_numbers import (
    Phase,
    block_lines,
    block_pixels,
    block_size,
    clock_text,
    phase_of,
    warning_seconds,
)


def test_time_is_rounded_up_so_zero_means_time_is_up() -> None:
    assert clock_text(300) == "05:00"
    assert clock_text(59.2) == "01:00"
    assert clock_text(0.4) == "00:01"
    assert clock_text(0) == "00:00"
    assert clock_text(-3) == "00:00"
    assert clock_text(3725) == "1:02:05"


def test_the_warning_comes_in_the_last_minute_or_last_quarter_of_a_short_step() -> None:
    assert warning_seconds(600) == 60
    assert warning_seconds(120) == 30
    assert warning_seconds(20) == 10


def running(seconds_left: float, planned: float = 300, running: bool = True) -> Phase:
    return phase_of(
        status="running",
        running=running,
        seconds_left=seconds_left,
        planned=planned,
        has_step=True,
    )


def test_the_phase_follows_the_timer() -> None:
    assert running(200) is Phase.RUNNING
    assert running(45) is Phase.ENDING
    assert running(0) is Phase.ZERO
    assert running(100, running=False) is Phase.PAUSED
    assert phase_of(status="waiting", running=False, seconds_left=0, planned=0, has_step=False) is (
        Phase.WAITING
    )
    assert phase_of(status="finished", running=False, seconds_left=0, planned=0, has_step=True) is (
        Phase.FINISHED
    )


def test_block_digits_are_solid_pixels_three_wide_and_five_high() -> None:
    zero = block_pixels("0")
    assert [[int(p) for p in row] for row in zero[:5]] == [
        [1, 1, 1],
        [1, 0, 1],
        [1, 0, 1],
        [1, 0, 1],
        [1, 1, 1],
    ]
    assert block_size("12:34", 1) == (17, 3)
    assert block_size("12:34", 2) == (34, 5)


def test_block_digits_are_drawn_with_one_glyph_coloured_above_and_below() -> None:
    ink = Style(color="#000000", bgcolor="#ffffff")
    lines = block_lines("0", 1, ink, ink)
    assert [line.plain for line in lines] == ["▀▀▀"] * 3
    top_left = lines[0].spans[0].style
    assert isinstance(top_left, Style) and top_left.color and top_left.bgcolor
    assert top_left.color.name == "#000000" and top_left.bgcolor.name == "#000000"
    middle = lines[1].spans[1].style
    assert isinstance(middle, Style) and middle.color and middle.bgcolor
    assert middle.color.name == "#ffffff" and middle.bgcolor.name == "#ffffff"
