"""The line under the answers while they fill the wall, and one answer in the spotlight.

While answers are on show the QR code gives way to them; the join address, the code and the
time left stay in the corner of this line, beside "page 2 of 5" when there are pages.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text

from kerne_tui.catalog import Lang, t
from kerne_tui.control import Showing
from kerne_tui.tui.big_numbers import UPPER_HALF, block_lines, block_size
from kerne_tui.tui.block_letters import LETTERS, drawable
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


def spotlight_text(workshop: Workshop, results: StepResults, answer_id: str) -> BigAnswer | None:
    """The one answer to show alone and large, or None when it is not among the answers."""
    for card in results.cards:
        if card.id == answer_id:
            return BigAnswer.of(card.text, card.weight)
    for row in results.actions:
        if row.id == answer_id:
            return BigAnswer.of(row.what)
    for question in results.questions:
        if question.id == answer_id:
            return BigAnswer.of(question.text)
    found = next(
        (
            c
            for c in workshop.contributions(results.step.id)
            if c.id == answer_id and c.text and not c.hidden
        ),
        None,
    )
    return BigAnswer.of(found.text) if found is not None else None


WORD_GAP = 4
"""Cells between two words in block capitals (a letter's own gap is one pixel)."""


class BigAnswer:
    """One answer for the spotlight: in block capitals when they fit the pane, else in bold."""

    def __init__(self, text: str, weight: int = 1) -> None:
        self.text = text
        self.weight = weight
        self.ink = Style()
        """The pane's colours (the capitals are solid blocks of them)."""

    @classmethod
    def of(cls, raw: str, weight: int = 1) -> BigAnswer:
        return cls(plain(raw).plain, weight)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width, room = options.max_width - 2, options.max_height
        words = self.text.upper().split()
        rows = _rows(words, width) if words and all(drawable(w) for w in words) else None
        solid = bool(self.ink.color and self.ink.bgcolor)
        mark = Text(f"×{self.weight}", style="bold", justify="center") if self.weight > 1 else None
        if rows is None or not solid or len(rows) * 4 - 1 > room:
            yield Text(self.text, style="bold", justify="center", overflow="fold")
            if mark is not None:
                yield mark
            return
        for index, row in enumerate(rows):
            if index:
                yield Text("")
            drawn = [block_lines(word, 1, self.ink, self.ink, LETTERS) for word in row]
            used = sum(lines[0].cell_len for lines in drawn) + WORD_GAP * (len(drawn) - 1)
            # Gaps are paper-coloured blocks like the letters' own (a run of spaces beside the
            # blocks drew shifted in some renderers); every line of a row starts alike.
            paper = Style(color=self.ink.bgcolor, bgcolor=self.ink.bgcolor)
            for line in range(len(drawn[0])):
                joined = Text(no_wrap=True, overflow="crop")
                joined.append(UPPER_HALF * ((width - used) // 2 + 1), style=paper)
                for n, lines in enumerate(drawn):
                    if n:
                        joined.append(UPPER_HALF * WORD_GAP, style=paper)
                    joined.append_text(lines[line])
                yield joined
        if mark is not None:
            yield Text("")
            yield mark


def _rows(words: list[str], width: int) -> list[list[str]] | None:
    """Words in rows of block capitals no wider than *width*; None when a word is wider."""
    rows: list[list[str]] = []
    used = 0
    for word in words:
        size = block_size(word, 1, LETTERS)[0]
        if size > width:
            return None
        if rows and used + WORD_GAP + size <= width:
            rows[-1].append(word)
            used += WORD_GAP + size
        else:
            rows.append([word])
            used = size
    return rows
