"""The line under the answers while they fill the wall, and one answer in the spotlight.

While answers are on show the QR code gives way to them; the join address, the code and the
time left stay in the corner of this line, beside "page 2 of 5" when there are pages.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from kerne_tui.catalog import Lang, t
from kerne_tui.control import Showing
from kerne_tui.tui.pane import plain
from kerne_tui.workshop import StepResults, Workshop


def page_bar_text(
    showing: Showing, lang: Lang, *, join_url: str, code: str, clock: str, width: int
) -> Text:
    """ "side 2 af 5 · bladrer hvert 8. sekund" on the left, time, address and code on the right.

    When both do not fit one line, the corner goes on a line of its own (never cut).
    """
    left = Text()
    if showing.pages > 1:
        left.append(t(lang, "paging.page", page=showing.page + 1, pages=showing.pages), "bold")
        left.append("  ·  ")
        if showing.held:
            left.append(t(lang, "paging.held"))
        else:
            left.append(t(lang, "paging.turning", seconds=round(showing.page_seconds)))
    right = Text(clock + "  ·  ", style="bold")
    right.append(t(lang, "paging.join", url=join_url, code=code), style="bold")
    room = max(1, width - 2)
    gap = room - cell_len(left.plain) - cell_len(right.plain)
    if gap >= 2:
        return Text.assemble(left, " " * gap, right, no_wrap=True)
    if not left.plain:
        return Text.assemble(right, overflow="fold")
    right.pad_left(max(0, room - cell_len(right.plain)))
    return Text.assemble(left, "\n", right, overflow="fold")


def spotlight_text(workshop: Workshop, results: StepResults, answer_id: str) -> Text | None:
    """The one answer to show alone and large, or None when it is not among the answers."""
    for card in results.cards:
        if card.id == answer_id:
            words = plain(card.text)
            if card.weight > 1:
                words.append(f"  ×{card.weight}")
            return words
    for row in results.actions:
        if row.id == answer_id:
            return plain(row.what)
    for question in results.questions:
        if question.id == answer_id:
            return plain(question.text)
    found = next(
        (
            c
            for c in workshop.contributions(results.step.id)
            if c.id == answer_id and c.text and not c.hidden
        ),
        None,
    )
    return plain(found.text) if found is not None else None
