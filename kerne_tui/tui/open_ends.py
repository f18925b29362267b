"""A follow-up's wall shows what the day left open: at its start, and in a step that reviews it.

The parked items someone took on (with who) and the day's open questions come from the
follow-up's copy of the day (``FollowUpRecord.open_ends``), as the agreements do. They stand in
place of the answers while the follow-up waits to begin, during its first step when that takes
no answers (the welcome), and during an info or discuss step with ``open_ends = true``.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from kerne_tui.catalog import Lang, t
from kerne_tui.store import EarlierOpenEnd, FollowUpRecord, SessionStatus
from kerne_tui.tui.pane import plain
from kerne_tui.tui.results import ResultsView
from kerne_tui.workshop import Workshop

OPEN_END_ROWS = 12
"""Open ends on the wall at most, owned items first."""


def open_ends_on_wall(workshop: Workshop) -> bool:
    """True while the day's open ends stand in place of the answers."""
    earlier = workshop.follow_up
    if earlier is None or not earlier.open_ends:
        return False
    if workshop.status == SessionStatus.WAITING:
        return True
    step = workshop.step
    if workshop.status != SessionStatus.RUNNING or step is None:
        return False
    # At its start: the welcome (a first step that takes no answers); then where a step asks.
    starting = workshop.step_index == 0 and not step.kind.takes_input
    return step.open_ends or starting


def open_ends_heading(earlier: FollowUpRecord, lang: Lang) -> Text:
    """The line above them: from the day, how many taken on and how many questions open."""
    text = Text(t(lang, "tui.open_ends.title") + "  ", style="bold")
    text.append(
        t(lang, "tui.open_ends.count", owned=len(earlier.owned), asked=len(earlier.open_questions))
    )
    return text


def open_ends_table(earlier: FollowUpRecord, lang: Lang) -> RenderableType:
    """The owned parked items with who took them on, then the open questions with where."""
    shown = [*earlier.owned, *earlier.open_questions][:OPEN_END_ROWS]
    parts: list[RenderableType] = []
    for heading, ends in (
        ("archive.followup.carried.owned", [e for e in shown if e.owned]),
        ("archive.followup.carried.questions", [e for e in shown if not e.owned]),
    ):
        if ends:
            if parts:
                parts.append(Text(""))
            parts.append(Text(t(lang, heading), style="bold"))
            parts.append(_table(ends, lang))
    return Group(*parts)


def _table(ends: list[EarlierOpenEnd], lang: Lang) -> Table:
    table = Table(box=box.SIMPLE_HEAVY, expand=True, show_edge=False, pad_edge=False)
    table.add_column("", ratio=4, overflow="fold")
    table.add_column("", ratio=2, min_width=10, overflow="fold")
    table.show_header = False
    for end in ends:
        said = t(lang, "outcome.owner", owner=end.owner) if end.owned else end.where
        table.add_row(plain(end.text, multiline=False), Text(said, style="italic"))
    return table


def show_open_ends(workshop: Workshop, lang: Lang, view: ResultsView, count: Static) -> None:
    """Draw the day's open ends into *view*, with their heading on the *count* line."""
    earlier = workshop.follow_up
    assert earlier is not None
    view.show(None, visible=False, selected=None)
    count.display = True
    count.update(open_ends_heading(earlier, lang))
    pane = view.query_one("#questions", Static)
    pane.display = True
    pane.update(open_ends_table(earlier, lang))
