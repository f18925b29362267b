"""What a phone sends is data: markup, escapes and control characters never style the screen."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.app import App, ComposeResult
from tui_support import FakeClock, make_app, open_workshop, screen_text, submit

from kerne_tui.tui.draw_actions import action_table
from kerne_tui.tui.draw_bars import BarChart
from kerne_tui.tui.draw_cards import CardView, card_text
from kerne_tui.tui.pane import plain
from kerne_tui.workshop.results import ActionRow, Bar, Card

MARKUP = "[bold red]Skrig[/bold red] [link=https://evil.example]klik her[/link]"
ANSI = "\x1b[31mrød\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 slut"
CONTROLS = "før\x07\x08\x00\x1b efter\u202eomvendt"


def rendered(renderable: object, width: int = 80) -> tuple[str, str]:
    """(plain text, text with escape codes) of *renderable* on a colour terminal."""
    out = io.StringIO()
    console = Console(
        file=out, width=width, force_terminal=True, color_system="truecolor", record=True
    )
    console.print(renderable)
    return console.export_text(styles=False), out.getvalue()


def test_plain_keeps_markup_as_literal_text() -> None:
    text = plain(MARKUP)
    assert text.plain == MARKUP
    assert text.spans == []
    words, _ = rendered(text)
    assert "[bold red]Skrig[/bold red]" in words
    assert "[link=https://evil.example]klik her[/link]" in words


def test_plain_drops_escape_sequences_and_control_characters() -> None:
    assert plain(ANSI).plain == "rød link slut"
    assert plain(CONTROLS).plain == "før efteromvendt"
    _, codes = rendered(plain(ANSI + CONTROLS))
    # The only escapes left are the console's own (none here: the text has no style).
    assert "\x1b" not in codes and "\x07" not in codes and "\x00" not in codes


def test_a_card_built_from_raw_text_shows_it_literally() -> None:
    content = card_text(Card(id="c1", text=MARKUP + " " + ANSI, at="", weight=2), selected=True)
    assert content.plain == "▶ " + MARKUP + " rød link slut  ×2"
    assert {str(span.style) for span in content.spans} == {"bold"}


def test_bar_labels_and_action_cells_stay_plain() -> None:
    chart = BarChart([Bar("1", MARKUP + "\x1b[2J", 3, 2)], lambda n: f"{n} prikker")
    words, codes = rendered(chart)
    assert "[bold red]Skrig[/bold red]" in words
    assert "\x1b[2J" not in codes
    table = action_table([ActionRow("a", MARKUP, "[i]Mette[/i]", "\x1b[5mfredag")], None, "da")
    words, codes = rendered(table, width=120)
    assert "[i]Mette[/i]" in words and "fredag" in words
    assert "\x1b[5m" not in codes


async def test_hostile_answers_appear_literally_and_the_screen_stays_whole(tmp_path: Path) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("min-opgave")
        for phone, text in (("a", MARKUP), ("b", ANSI), ("c", CONTROLS)):
            clock.advance(1)
            await submit(workshop, phone, {"text": text})
        await workshop.toggle_reveal("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.pause()
            screen = screen_text(app)
            assert "[bold red]Skrig[/bold red]" in screen
            assert "[link=https://evil.example]klik" in screen
            assert "rød link slut" in screen
            assert "før efteromvendt" in screen
            assert "\x1b" not in screen and "\x07" not in screen
            # Everything else is where it belongs.
            assert "Hvad tror jeg, vi laver?" in screen
            assert "3 har svaret" in screen
            assert "kode KXR7M" in screen  # in the corner: the answers have the width
            assert "http://192.168.1.23:8765/j/KXR7M" in screen


class CardApp(App[None]):
    """One raw card on its own, for the widget test."""

    def __init__(self, raw: str) -> None:
        super().__init__()
        self.raw = raw

    def compose(self) -> ComposeResult:
        yield CardView(Card(id="x", text=self.raw, at=""), selected=True)


async def test_a_raw_card_widget_cannot_style_or_break_the_screen() -> None:
    raw = MARKUP + "\n" + ANSI + "\n" + CONTROLS
    app = CardApp(raw)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        joined = "\n".join(lines)
        assert "▶ [bold red]Skrig[/bold red]" in joined
        assert "rød link slut" in joined
        assert "\x1b" not in joined and "\x00" not in joined
        assert all(len(line) == 60 for line in lines)
