"""What every draw function of the result pane shares.

The pane a kind draws into (:class:`ResultsPane`, the base of ``results.ResultsView``), participant
text as plain ``rich.text.Text`` (:func:`plain`, never parsed for markup; control and escape codes
are dropped on the way), decimals in the session's language, and the cells of a bar.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll

from kerne_tui.catalog import Lang
from kerne_tui.store import FollowUpRecord
from kerne_tui.workshop.sanitize import clean_text

BAR_STYLE = "reverse bold"
"""Bars are reversed spaces: solid cells in every font and renderer, where "█" can leave gaps."""
MARK = "▶ "


def plain(raw: str, *, multiline: bool = True) -> Text:
    """Participant text for the screen: plain Text, no markup, escapes or control characters."""
    return Text(clean_text(raw, multiline=multiline), overflow="fold")


def decimal(value: float, lang: Lang) -> str:
    """One decimal, with a decimal comma in Danish."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "da" else text


def bar_cells(value: int, top: int, room: int) -> str:
    """The cells of a bar of *room* cells at most; any answer shows at least one cell."""
    if value <= 0 or top <= 0 or room <= 0:
        return ""
    return " " * max(1, round(value / top * room))


class ResultsPane(VerticalScroll, can_focus=False):
    """The pane the results of one step are drawn into: its language and what it builds on."""

    def __init__(
        self, lang: Lang, *, id: str | None = None, follow_up: FollowUpRecord | None = None
    ) -> None:
        super().__init__(id=id)
        self.lang: Lang = lang
        self.follow_up = follow_up
        """What a follow-up builds on: a compared scale draws the day beside today."""
        self.selectable: list[str] = []
        """Ids of the cards or action rows on show, in screen order, for moderation."""
