"""The join QR code, drawn in explicit black on white as upper-half blocks so phones can scan it.

Every character cell is the glyph "▀": its foreground is the upper module and its background
the lower one. One glyph everywhere means no font can shift a row (mixing ▀▄█ and spaces
drifted in some renderers), and the colours ignore the theme because many phone cameras
reject a light-on-dark code.
"""

from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

QUIET_ZONE = 2
"""Light modules around the code; 4 is the standard, 2 scans well and saves room."""
DARK = "#000000"
LIGHT = "#ffffff"
UPPER_HALF = "▀"

Matrix = tuple[tuple[bool, ...], ...]


@lru_cache(maxsize=8)
def qr_matrix(data: str, border: int = QUIET_ZONE) -> Matrix:
    """The modules of *data*'s QR code, True for dark, with the quiet zone included."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(module) for module in row) for row in code.get_matrix())


_STYLES = {
    (upper, lower): Style(
        color=DARK if upper else LIGHT, bgcolor=DARK if lower else LIGHT, bold=False
    )
    for upper in (False, True)
    for lower in (False, True)
}


def qr_rows(matrix: Matrix, scale: int = 1) -> list[list[Segment]]:
    """The code as rows of cells, each module *scale* cells wide and *scale* half-cells high.

    Every cell is its own segment, so an exported screenshot places each glyph at its cell
    (long runs of one glyph drift in renderers whose font is not the terminal's). A code with
    an odd number of half-rows gets a light lower half in its last row: a wider quiet zone.
    """
    size = len(matrix) * scale
    rows: list[list[Segment]] = []
    for top in range(0, size, 2):
        upper = matrix[top // scale]
        lower = matrix[(top + 1) // scale] if top + 1 < size else None
        rows.append(
            [
                Segment(
                    UPPER_HALF,
                    _STYLES[(upper[x // scale], lower[x // scale] if lower else False)],
                )
                for x in range(size)
            ]
        )
    return rows


def qr_size(modules: int, scale: int) -> Size:
    """The cells a code of *modules* takes at *scale*."""
    return Size(modules * scale, (modules * scale + 1) // 2)


def fitting_scale(modules: int, room: Size) -> int:
    """The largest scale at which a code of *modules* fits in *room* (0 if it does not fit)."""
    return max(0, min(room.width // modules, (room.height * 2) // modules))


class QrCode(Widget):
    """A scannable QR code of *data*: one module per cell, or as large as its space with *fill*."""

    def __init__(
        self,
        data: str,
        *,
        fill: bool = False,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.data = data
        self.fill = fill
        self.matrix = qr_matrix(data)
        self._lines: list[Strip] = []
        self._drawn_for: tuple[int, int, int, Style] | None = None

    @property
    def modules(self) -> int:
        """The code's width in modules, quiet zone included."""
        return len(self.matrix)

    @property
    def scale(self) -> int:
        """The module size in use: 1 in a panel, the largest that fits with *fill* (0: no room)."""
        if not self.fill:
            return 1
        return fitting_scale(self.modules, self.size)

    @property
    def natural_size(self) -> Size:
        """The cells the code needs at scale 1."""
        return qr_size(self.modules, 1)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self.modules if not self.fill else container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.natural_size.height if not self.fill else container.height

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        key = (width, height, self.scale, self.rich_style)
        if self._drawn_for != key:
            self._lines = self._draw(width, height, self.scale)
            self._drawn_for = key
        return self._lines[y] if 0 <= y < len(self._lines) else Strip.blank(width, self.rich_style)

    def _draw(self, width: int, height: int, scale: int) -> list[Strip]:
        # Outside the code the widget's own background shows; the code keeps its own colours.
        base = self.rich_style
        if scale <= 0:
            return [Strip.blank(width, base) for _ in range(height)]
        code = qr_size(self.modules, scale)
        left = max(0, (width - code.width) // 2)
        top = max(0, (height - code.height) // 2) if self.fill else 0
        blank = Strip.blank(width, base)
        lines = [blank] * top
        for segments in qr_rows(self.matrix, scale):
            line = Strip([Segment(" " * left, base), *segments], left + code.width)
            lines.append(line.extend_cell_length(width, base).crop(0, width))
        lines.extend([blank] * max(0, height - len(lines)))
        return lines
