"""The console's paging and spotlight: the wall's PageDown, PageUp, b and l, sent by name.

Paging is room-visible, so the console turns the wall's pages with the same commands the
remote has; the answers' head line says which page the wall shows and what is in the spotlight.
"""

from __future__ import annotations

from typing import Any, Protocol

from rich.text import Text
from textual.binding import Binding, BindingType

from kerne_tui.catalog import Lang, t

PAGING_CONSOLE_KEYS: list[BindingType] = [
    # Before the answer list's own PageDown and PageUp: on the console they turn the wall.
    Binding(
        "pagedown",
        "page_next",
        "tui.key.page_next",
        tooltip="tui.key.page_next.long",
        priority=True,
    ),
    Binding(
        "pageup",
        "page_previous",
        "tui.key.page_previous",
        tooltip="tui.key.page_previous.long",
        priority=True,
    ),
    Binding("b", "page_hold", "tui.key.page_hold", tooltip="tui.key.page_hold.long"),
    Binding("l", "spotlight", "tui.key.spotlight", tooltip="console.key.spotlight.long"),
]
"""The wall's paging keys on the console, with the same names."""


def wall_line(view: dict[str, Any], lang: Lang) -> Text:
    """ "Væggen: side 2 af 5 · bladrer hvert 8. sekund · I fokus: …" (empty with one page)."""
    wall = view.get("wall") or {}
    text = Text()
    pages = int(wall.get("pages", 1))
    parts: list[str] = []
    if pages > 1:
        parts.append(t(lang, "paging.page", page=wall.get("page", 1), pages=pages))
        seconds = round(float(wall.get("page_seconds", 8)))
        held = wall.get("held")
        parts.append(t(lang, "paging.held") if held else t(lang, "paging.turning", seconds=seconds))
    lit = wall.get("spotlight")
    if lit:
        items = (view.get("answers") or {}).get("items", [])
        words = next((item["text"] for item in items if item["id"] == lit), lit)
        parts.append(t(lang, "paging.spotlight") + ": " + words)
    if parts:
        text.append(t(lang, "console.wall") + " " + "  ·  ".join(parts), style="italic")
    return text


class _Console(Protocol):
    view: dict[str, Any]
    lang: Lang

    async def send(self, name: str, **args: Any) -> bool: ...

    def selected_id(self) -> str | None: ...

    def warn(self, key: str) -> None: ...


class PagingCommands:
    """The console app's paging and spotlight actions (mixed into ``ConsoleApp``)."""

    async def action_page_next(self: _Console) -> None:
        """The wall's next page of answers."""
        await self.send("page_next")

    async def action_page_previous(self: _Console) -> None:
        """The wall's page before."""
        await self.send("page_previous")

    async def action_page_hold(self: _Console) -> None:
        """Stop the wall's pages turning by themselves, or let them turn again."""
        await self.send("page_hold")

    async def action_spotlight(self: _Console) -> None:
        """Show the highlighted answer alone on the wall; again (or none picked): all again."""
        lit = (self.view.get("wall") or {}).get("spotlight")
        chosen = self.selected_id()
        if lit and (chosen is None or chosen == lit):
            await self.send("spotlight", id="")
            return
        if chosen is None:
            self.warn("console.select_first")
            return
        await self.send("spotlight", id=chosen)
