"""A card's words cut to fit the wall: one answer never fills the projected screen.

A 250-line text, or 300 wide CJK characters, made one card as tall as the whole wall at
100x30. A card shows at most :data:`CARD_LINES` lines and :data:`CARD_CELLS` terminal cells of
text (a wide character takes two), cut at a word where one is near, with "…" where it was
cut; the whole text stays in the session file, the archive and the console.
"""

from __future__ import annotations

from rich.cells import cell_len

CARD_LINES = 6
"""Lines of a card's own text at most (its line breaks, before wrapping)."""
CARD_CELLS = 240
"""Terminal cells of text at most: an answer of two long sentences stays whole, and the
card stays within about a third of the wall at 100x30 (ten lines at its narrowest)."""
ELLIPSIS = "…"
WORD_BACKTRACK = 12
"""How many cells back a cut may move to end at a space instead of inside a word."""


def fit_card(text: str, *, lines: int = CARD_LINES, cells: int = CARD_CELLS) -> tuple[str, bool]:
    """*text* cut to at most *lines* lines and *cells* cells; True when it was cut."""
    kept_lines = text.split("\n")
    cut = len(kept_lines) > lines
    kept_lines = kept_lines[:lines]
    shown: list[str] = []
    used = 0
    for line in kept_lines:
        room = cells - used
        width = cell_len(line)
        if width <= room:
            shown.append(line)
            used += width
            continue
        shown.append(_cut_line(line, room))
        cut = True
        break
    result = "\n".join(shown).rstrip()
    return (result + ELLIPSIS if cut else result), cut


def _cut_line(line: str, room: int) -> str:
    kept: list[str] = []
    used = 0
    for char in line:
        width = cell_len(char)
        if used + width > room - 1:
            break
        kept.append(char)
        used += width
    head = "".join(kept)
    space = head.rfind(" ")
    if space > 0 and cell_len(head[space:]) <= WORD_BACKTRACK:
        head = head[:space]
    return head.rstrip()
