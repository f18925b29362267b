"""How the main screen fits a terminal: whether the QR code stays beside the step, digit size."""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual.geometry import Size

MIN_WIDTH = 60
MIN_HEIGHT = 20
"""Below this the screen only says how large it must be."""
STAGE_MIN_WIDTH = 40
"""The step and its answers need at least this many columns beside the QR code."""
SIDE_MIN_WIDTH = 34
"""Room for the countdown's digits at double size."""


@dataclass(frozen=True, slots=True)
class Arrangement:
    """How the main screen fits a terminal: whether the QR stays beside the step, digit size."""

    too_small: bool
    qr_here: bool
    clock_scale: int
    side_width: int


def arrange(size: Size, qr: Size, band_rows: int) -> Arrangement:
    """Fit the main screen into *size*; a QR that does not fit moves to its own screen (q)."""
    width, height = size
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return Arrangement(True, False, 1, 0)
    body = height - 3 - band_rows  # header (2) and footer (1) and the bands below the body
    side_width = max(qr.width, SIDE_MIN_WIDTH) + 2
    fixed = 1 + 2 + 1  # the clock's cue, address and code, a spare line
    qr_here = width - side_width - 1 >= STAGE_MIN_WIDTH and body >= qr.height + 3 + fixed
    if not qr_here:
        side_width = SIDE_MIN_WIDTH + 2
    room = body - (qr.height if qr_here else 2) - fixed
    clock_scale = 2 if room >= 5 + 2 else 1
    return Arrangement(False, qr_here, clock_scale, side_width)


def band_rows(text: str, width: int) -> int:
    """Lines a band of *text* takes when wrapped to *width* (with its padding)."""
    if not text:
        return 0
    return max(1, math.ceil(len(text) / max(1, width - 4)))
