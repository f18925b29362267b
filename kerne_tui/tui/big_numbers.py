"""Numbers for the back row in solid block digits: the countdown, and how many have answered."""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from kerne_tui.catalog import Lang, t
from kerne_tui.store import SessionStatus

# A 3x5 pixel font; "#" is ink. Solid strokes survive a projector where thin lines wash out.
_FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": ("##.", ".#.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "-": ("...", "...", "###", "...", "..."),
}
UPPER_HALF = "▀"


Font = Mapping[str, tuple[str, ...]]
"""Glyphs of five rows each; "#" is ink. The glyphs of one font may differ in width."""
DIGITS: Font = _FONT


def block_pixels(value: str, scale: int = 1, font: Font = DIGITS) -> list[list[bool]]:
    """*value* (digits, ':' and '-') as rows of pixels of the block font, *scale* cells square.

    The number of rows is even: each pair of rows becomes one row of character cells. Another
    *font* (the word cloud's letters) draws other characters.
    """
    pixels: list[list[bool]] = [[] for _ in range(5)]
    for index, char in enumerate(value):
        glyph = font.get(char, _FONT["-"])
        for row, line in enumerate(glyph):
            if index:
                pixels[row].append(False)
            pixels[row].extend(cell == "#" for cell in line)
    grid = [[ink for ink in row for _ in range(scale)] for row in pixels for _ in range(scale)]
    if len(grid) % 2:
        grid.append([False] * len(grid[0]))
    return grid


def block_lines(
    value: str, scale: int, ink: Style, paper: Style, font: Font = DIGITS
) -> list[Text]:
    """*value* drawn as upper-half blocks: foreground for the upper pixel, background for the lower.

    One glyph in every cell, coloured twice, draws the same in every font (a mix of ▀▄█ and
    spaces shifts in some renderers).
    """
    grid = block_pixels(value, scale, font)
    ink_color, paper_color = ink.color, paper.bgcolor
    styles = {
        (up, down): Style(
            color=ink_color if up else paper_color, bgcolor=ink_color if down else paper_color
        )
        for up in (False, True)
        for down in (False, True)
    }
    lines: list[Text] = []
    for top in range(0, len(grid), 2):
        line = Text(no_wrap=True)
        for up, down in zip(grid[top], grid[top + 1], strict=True):
            line.append(UPPER_HALF, styles[(up, down)])
        lines.append(line)
    return lines


def block_size(value: str, scale: int, font: Font = DIGITS) -> tuple[int, int]:
    """(width, height) in cells of *value* drawn at *scale*."""
    grid = block_pixels(value, scale, font)
    return (len(grid[0]) if grid else 0, len(grid) // 2)


def clock_text(seconds: float) -> str:
    """Seconds as M:SS or H:MM:SS, rounded up so that 00:00 means the time is really up."""
    whole = max(0, math.ceil(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


class Phase(StrEnum):
    """What the countdown is doing, each with its own colour and, always, its own words."""

    WAITING = "waiting"
    RUNNING = "running"
    ENDING = "ending"
    ZERO = "zero"
    PAUSED = "paused"
    FINISHED = "finished"


def warning_seconds(planned: float) -> float:
    """When the countdown starts to warn: the last minute, or the last quarter of a short step."""
    return max(10.0, min(60.0, planned / 4))


def phase_of(
    *, status: str, running: bool, seconds_left: float, planned: float, has_step: bool
) -> Phase:
    """The countdown's phase from the session's status and timer."""
    if status == SessionStatus.FINISHED:
        return Phase.FINISHED
    if status != SessionStatus.RUNNING or not has_step:
        return Phase.WAITING
    if math.ceil(seconds_left) <= 0:
        return Phase.ZERO
    if not running:
        return Phase.PAUSED
    if seconds_left <= warning_seconds(planned):
        return Phase.ENDING
    return Phase.RUNNING


class Countdown(Widget):
    """Time left on the open step in block digits, and a cue in words below (never colour alone)."""

    value: reactive[str] = reactive("--:--")
    """The time as shown, M:SS."""
    phase: reactive[Phase] = reactive(Phase.WAITING)
    """What the timer is doing; sets the colour class and the cue."""
    scale: reactive[int] = reactive(1, layout=True)
    """Pixel size of the digits: 2 on a large screen."""
    takes_input: reactive[bool] = reactive(True)
    """True when zero also means the phones stop taking answers (said in the cue)."""

    def __init__(self, lang: Lang, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.lang: Lang = lang

    def watch_phase(self, phase: Phase) -> None:
        for each in Phase:
            self.set_class(each is phase, f"-{each.value}")

    def cue(self) -> str:
        """The words under the digits."""
        if self.phase is Phase.ZERO and self.takes_input:
            return t(self.lang, "tui.clock.zero_closed")
        return t(self.lang, f"tui.clock.{self.phase.value}")

    def render(self) -> Text:
        width = self.content_region.width or self.size.width
        scale = self.scale
        while scale > 1 and block_size(self.value, scale)[0] > width:
            scale -= 1
        text = Text(justify="center")
        style = self.rich_style
        if block_size(self.value, scale)[0] <= width and style.color and style.bgcolor:
            for line in block_lines(self.value, scale, style, style):
                text.append_text(line)
                text.append("\n")
        else:
            text.append(self.value + "\n", style="bold")
        text.append(self.cue(), style="bold")
        return text


class Tally(Widget):
    """The number of people who answered, in block digits, while the answers themselves wait."""

    count: reactive[int] = reactive(0)
    """How many have answered."""
    scale: reactive[int] = reactive(2, layout=True)
    """Pixel size of the digits."""

    def render(self) -> Text:
        value = str(self.count)
        width = self.content_region.width or self.size.width
        scale = self.scale
        while scale > 1 and block_size(value, scale)[0] > width:
            scale -= 1
        style = self.rich_style
        text = Text()
        if block_size(value, scale)[0] <= width and style.color and style.bgcolor:
            for index, line in enumerate(block_lines(value, scale, style, style)):
                if index:
                    text.append("\n")
                text.append_text(line)
        else:
            text.append(value, style="bold")
        return text
