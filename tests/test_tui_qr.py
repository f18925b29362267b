"""The join QR code: drawn so that a phone can scan it from the projected screen."""

from __future__ import annotations

import io
from pathlib import Path

import cairosvg  # type: ignore[import-untyped]
import zxingcpp
from PIL import Image
from rich.style import Style
from textual.geometry import Size
from tui_support import (
    ARTIFACTS,
    JOIN_URL,
    FakeClock,
    make_app,
    open_workshop,
    screen_text,
    submit,
    until,
)

from kerne_tui.tui.qr import DARK, LIGHT, QUIET_ZONE, UPPER_HALF, fitting_scale, qr_matrix, qr_rows

ANSWERS = [
    "At børnene trives og lærer noget hver dag.",
    "Tryghed for familierne, også når det er svært.",
    "Vi er her for at give eleverne lyst til at lære, og for at ingen bliver ladt alene.",
    "Læring, trivsel og fællesskab.",
]


def decoded_png(png: bytes) -> list[str]:
    """The texts of the QR codes a decoder finds in a PNG (codes drawn inverted are not read)."""
    image = Image.open(io.BytesIO(png))
    return [found.text for found in zxingcpp.read_barcodes(image, try_invert=False)]


def decoded(svg: str) -> list[str]:
    """The texts of the QR codes a decoder finds in an SVG screenshot."""
    return decoded_png(cairosvg.svg2png(bytestring=svg.encode("utf-8")))


def test_code_has_a_light_quiet_zone_of_two_modules() -> None:
    matrix = qr_matrix(JOIN_URL)
    size = len(matrix)
    for ring in range(QUIET_ZONE):
        assert not any(matrix[ring]) and not any(matrix[size - 1 - ring])
        assert not any(row[ring] or row[size - 1 - ring] for row in matrix)
    assert any(matrix[QUIET_ZONE])


def test_every_cell_is_an_upper_half_block_coloured_by_the_modules_above_and_below() -> None:
    matrix = qr_matrix(JOIN_URL)
    rows = qr_rows(matrix)
    assert len(rows) == (len(matrix) + 1) // 2
    for y, row in enumerate(rows):
        assert len(row) == len(matrix)
        for x, segment in enumerate(row):
            assert segment.text == UPPER_HALF
            style = segment.style
            assert isinstance(style, Style) and style.color and style.bgcolor
            upper = matrix[2 * y][x]
            lower = matrix[2 * y + 1][x] if 2 * y + 1 < len(matrix) else False
            assert style.color.triplet and style.bgcolor.triplet
            assert style.color.triplet.hex == (DARK if upper else LIGHT)
            assert style.bgcolor.triplet.hex == (DARK if lower else LIGHT)


def test_a_larger_scale_draws_each_module_as_a_larger_square() -> None:
    matrix = qr_matrix(JOIN_URL)
    rows = qr_rows(matrix, scale=2)
    assert len(rows) == len(matrix)
    assert all(len(row) == 2 * len(matrix) for row in rows)


def test_full_screen_scale_is_the_largest_that_fits_both_ways() -> None:
    assert fitting_scale(33, Size(160, 38)) == 2
    assert fitting_scale(33, Size(100, 24)) == 1
    assert fitting_scale(33, Size(30, 40)) == 0


async def test_join_address_scans_from_the_main_screen_at_100x30(tmp_path: Path) -> None:
    """A busy main screen (answers coming in, a pinned sentence) still scans; kept as a PNG.

    Once the answers are revealed the QR gives way to them (issue 22): the address and the code
    stay written in the corner, and q brings the full code back.
    """
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("min-opgave")
        for phone, text in enumerate(ANSWERS):
            clock.advance(6)
            await submit(workshop, f"phone-{phone}", {"text": text})
        await workshop.pin("Vi er her for, at børn og unge trives, lærer og hører til.")
        clock.advance(40)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen is app.main
            png = cairosvg.svg2png(bytestring=app.export_screenshot().encode("utf-8"))
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / "screen-100x30.png").write_bytes(png)
            assert decoded_png(png) == [JOIN_URL]

            await workshop.toggle_reveal("min-opgave")
            await until(pilot, lambda: app.main.has_class("-answers"))
            assert f"{JOIN_URL} · kode KXR7M" in screen_text(app)
            await pilot.press("q")
            await pilot.pause()
            assert decoded(app.export_screenshot()) == [JOIN_URL]


async def test_join_address_scans_from_the_full_screen_code_at_100x30(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("q")
            await pilot.pause()
            assert type(app.screen).__name__ == "QrScreen"
            assert decoded(app.export_screenshot()) == [JOIN_URL]


async def test_full_screen_code_scans_at_160x45_in_the_dark_theme(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("t", "q")
            await pilot.pause()
            assert app.theme == "kerne-dark"
            assert decoded(app.export_screenshot()) == [JOIN_URL]
