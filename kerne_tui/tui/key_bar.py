"""The wall's key bar: the keys that fit the width, each whole, and how many more `?` lists.

Textual's own footer lays its keys out in a row and cuts the row at the screen's edge, so at
80 or 100 columns the last keys stood half written and the rest never showed. This bar takes
the screen's active bindings in their order (the help key first), writes as many as fit
whole, and ends with "+4 flere: ?" when some were left out; the help screen and the palette
list them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static

from kerne_tui.catalog import Lang, t

GAP = "  "
"""Between two keys."""


def key_bar_text(
    entries: Sequence[tuple[str, str]], width: int, lang: Lang, key_style: str = "bold"
) -> Text:
    """The bar for *entries* ((key, what it does), in order) in *width* cells.

    Each key is written whole or not at all; when some are left out, the bar ends with how many
    and where they are. Nothing is ever cut in the middle.
    """
    text = Text(no_wrap=True, overflow="crop")

    def note(left: int) -> str:
        return GAP + t(lang, "tui.keys.more", n=left)

    for index, (key, label) in enumerate(entries):
        piece = (GAP if index else "") + key + " " + label
        after = len(entries) - index - 1
        reserve = cell_len(note(after)) if after else 0
        if text.cell_len + cell_len(piece) + reserve > width:
            if not index and cell_len(piece) <= width:
                # Too narrow for the help key and the count: the help key alone.
                text.append(key, style=key_style)
                text.append(" " + label)
                break
            left = len(entries) - index
            if index and text.cell_len + cell_len(note(left)) <= width:
                text.append(note(left), style="italic")
            break
        if index:
            text.append(GAP)
        text.append(key, style=key_style)
        text.append(" " + label)
    return text


class KeyBar(Static):
    """A one-line key bar at the foot of a wall screen (see the module's text)."""

    DEFAULT_CSS: ClassVar[str] = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def __init__(self, lang: Lang, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.lang: Lang = lang

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.draw)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self, event: Resize) -> None:
        self.draw()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached:
            self.call_after_refresh(self.draw)

    def entries(self) -> list[tuple[str, str]]:
        """(key, what it does) of every shown, enabled binding, one per action, in order."""
        seen: set[str] = set()
        found: list[tuple[str, str]] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            found.append((self.app.get_key_display(binding), binding.description))
        return found

    def draw(self) -> None:
        """Write the bar again for the current bindings and width."""
        width = self.content_size.width or self.app.size.width
        variables = self.app.get_css_variables()
        key_style = f"bold {variables.get('footer-key-foreground', '')}".strip()
        self.update(key_bar_text(self.entries(), width, self.lang, key_style))
