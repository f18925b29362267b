"""The main screen fits projector sizes and gives way gracefully on smaller terminals."""

from __future__ import annotations

from pathlib import Path

from textual.geometry import Size
from tui_support import JOIN_URL, make_app, open_workshop, screen_text

from kerne_tui.tui.app import KerneApp
from kerne_tui.tui.qr import QrCode, qr_matrix, qr_size
from kerne_tui.tui.screens import MIN_HEIGHT, MIN_WIDTH, QrScreen, arrange

QR = qr_size(len(qr_matrix(JOIN_URL)), 1)


def side_code_shown(app: KerneApp) -> bool:
    """True when the QR code beside the step is on screen, whole."""
    code = app.main.query_one("#side-qr", QrCode)
    region = code.region
    whole = region.width == QR.width and region.height == QR.height
    return code.display and whole and app.main.query_one("#side").region.contains_region(region)


def test_the_code_stays_beside_the_step_at_100x30() -> None:
    fitted = arrange(Size(100, 30), QR, band_rows=0)
    assert not fitted.too_small and fitted.qr_here and fitted.clock_scale == 1


def test_the_countdown_doubles_in_size_at_160x45() -> None:
    fitted = arrange(Size(160, 45), QR, band_rows=0)
    assert fitted.qr_here and fitted.clock_scale == 2


def test_a_pinned_sentence_of_three_lines_still_leaves_room_for_the_code_at_100x30() -> None:
    assert arrange(Size(100, 30), QR, band_rows=3).qr_here


def test_the_code_moves_to_its_own_screen_when_it_would_be_cut() -> None:
    assert not arrange(Size(80, 24), QR, band_rows=0).qr_here
    assert not arrange(Size(70, 40), QR, band_rows=0).qr_here


def test_below_the_minimum_only_the_minimum_is_said() -> None:
    assert arrange(Size(MIN_WIDTH - 1, 30), QR, band_rows=0).too_small
    assert arrange(Size(100, MIN_HEIGHT - 1), QR, band_rows=0).too_small


async def test_on_a_small_terminal_the_screen_points_to_the_full_screen_code(
    tmp_path: Path,
) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert not side_code_shown(app)
            words = " ".join(screen_text(app).split())
            assert "tryk q for at vise den" in words
            assert "Kode: KXR7M" in words
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, QrScreen)
            assert app.screen.query_one(QrCode).scale == 1


async def test_resizing_moves_the_code_away_and_back(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert side_code_shown(app)
            await pilot.resize_terminal(72, 22)
            await pilot.pause()
            assert not side_code_shown(app)
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            assert side_code_shown(app)


async def test_a_tiny_terminal_says_how_large_it_must_be(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(50, 15)) as pilot:
            await pilot.pause()
            words = " ".join(screen_text(app).split())
            assert "mindst 60×20 tegn (nu 50×15)" in words
            assert "Hvad tror jeg" not in words
