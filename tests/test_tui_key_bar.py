"""The wall's key bar: every key it writes is whole, and it says how many more `?` lists.

Issue 22 saw the bar end at "t Lys/m" at 100x30, with P, f, c and o never shown. The bar now
writes the keys that fit whole, in the bindings' order, and ends with "+N flere: ?".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import make_app, open_workshop, screen_text, until

from kerne_tui.catalog import t
from kerne_tui.tui.key_bar import KeyBar, key_bar_text

ENTRIES = [
    ("?", "Hjælp"),
    ("mellemrum", "Start/pause"),
    ("n", "Næste"),
    ("p", "Forrige"),
    ("P", "Parkering"),
    ("c", "Afslut"),
]


def test_a_bar_with_room_writes_every_key_and_no_count() -> None:
    text = key_bar_text(ENTRIES, 200, "da").plain
    for key, label in ENTRIES:
        assert f"{key} {label}" in text
    assert "flere" not in text


@pytest.mark.parametrize("width", range(12, 80))
def test_a_narrow_bar_cuts_no_key_and_counts_the_rest(width: int) -> None:
    text = key_bar_text(ENTRIES, width, "da").plain
    assert len(text) <= width
    shown = [pair for pair in ENTRIES if f"{pair[0]} {pair[1]}" in text]
    assert shown == ENTRIES[: len(shown)], "keys are written in order, none skipped"
    left = len(ENTRIES) - len(shown)
    count = t("da", "tui.keys.more", n=left)
    if left and len("? Hjælp  " + count) <= width:
        assert text.endswith(count), text
    elif left:
        assert text == "? Hjælp", "too narrow for the count: the help key alone"
    # What is written is whole pairs, the count and the gaps between them: nothing else.
    rest = text
    for key, label in shown:
        rest = rest.replace(f"{key} {label}", "", 1)
    rest = rest.replace(count, "", 1) if left else rest
    assert rest.strip() == "", f"a cut piece {rest.strip()!r} at {width}"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_walls_bar_is_whole_at_a_small_projectors_size(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    async with open_workshop(tmp_path) as workshop:
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=size) as pilot:
            await pilot.press("space")  # from the join screen to the first step
            await until(pilot, lambda: "flere" in screen_text(app).splitlines()[-1])
            bar = app.screen.query_one(KeyBar)
            entries = bar.entries()
            last = screen_text(app).splitlines()[-1].rstrip()
            shown = [pair for pair in entries if f"{pair[0]} {pair[1]}" in last]
            assert shown and shown[0][1] == t("da", "tui.key.help")
            left = len(entries) - len(shown)
            assert left > 0 and last.endswith(t("da", "tui.keys.more", n=left)), last
            # The keys the issue never saw are among what `?` lists, not half written.
            assert "Lys/m" not in last.replace(t("da", "tui.key.theme"), "")


async def test_at_full_width_every_key_is_on_the_bar(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(320, 45)) as pilot:
            await pilot.press("space")
            await until(pilot, lambda: t("da", "tui.key.close") in screen_text(app))
            last = screen_text(app).splitlines()[-1]
            for key, label in app.screen.query_one(KeyBar).entries():
                assert f"{key} {label}" in last
            assert "flere" not in last
