"""Text answers as cards on a wall, and a word cloud with its top words in block letters."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual.containers import ItemGrid
from textual.content import Content
from textual.widgets import Static

from kerne_tui.catalog import Lang, t
from kerne_tui.tui.big_numbers import block_lines, block_size
from kerne_tui.tui.block_letters import LETTERS, drawable
from kerne_tui.tui.card_fit import fit_card
from kerne_tui.tui.paging import card_pages, column_width, columns_for
from kerne_tui.tui.pane import MARK, ResultsPane
from kerne_tui.workshop.results import Card, StepResults, WordCount
from kerne_tui.workshop.sanitize import clean_text

WALL_LIMIT = 150
"""Cards for the wall at most (the newest): a room of thirty with five answers each. Only a
page of them is on screen at a time, so this bounds the counting and the pages, not a frame."""


def card_text(card: Card, *, selected: bool) -> Content:
    """A card's words as plain text, marked when selected, with ×N for merged duplicates.

    Textual's own Content rather than a Rich Text: a wall of sixty cards drew in about half
    the time (benchmarks/). Participant text goes in as plain strings, never as markup.
    """
    parts: list[str | tuple[str, str]] = []
    if selected:
        parts.append((MARK, "bold"))
    shown, _ = fit_card(clean_text(card.text, multiline=True))
    parts.append(shown)
    if card.weight > 1:
        parts.append((f"  ×{card.weight}", "bold"))
    return Content.assemble(*parts)


class CardView(Static):
    """One answer on the wall, wrapped in its card; merged duplicates show as ×N."""

    def __init__(self, card: Card, *, selected: bool) -> None:
        super().__init__(markup=False, classes="card")
        self.card = card
        self.selected = selected
        self._paint()

    def show(self, card: Card, *, selected: bool) -> None:
        """Show *card* (maybe with a new weight), marked if *selected*."""
        if card != self.card or selected != self.selected:
            self.card = card
            self.selected = selected
            self._paint()

    def _paint(self) -> None:
        self.update(card_text(self.card, selected=self.selected))
        self.set_class(self.selected, "-selected")


class CardWall(ItemGrid):
    """The text answers as cards, newest first; cards are added and removed, never all redrawn."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._views: dict[str, CardView] = {}
        self._order: list[str] = []
        self._heights: dict[tuple[Card, bool, int], int] = {}

    def height_of(self, card: Card, *, selected: bool, width: int) -> int:
        """Lines *card* takes in a column *width* cells wide (remembered: pages are counted
        on every redraw)."""
        key = (card, selected, width)
        found = self._heights.get(key)
        if found is None:
            if len(self._heights) > 4 * WALL_LIMIT:
                self._heights.clear()
            found = len(card_text(card, selected=selected).wrap(max(1, width - 2)))
            self._heights[key] = found
        return found

    def view(self, card_id: str) -> CardView | None:
        """The card on the wall for *card_id*."""
        return self._views.get(card_id)

    def show(self, cards: Sequence[Card], selected: str | None) -> None:
        """Make the wall show *cards* in their order.

        New cards come in at the top. A card that leaves the wall gives its view to a new card
        instead of being removed while another is mounted: on a full wall a burst of answers
        then costs a few repaints, not sixty widgets taken down and sixty styled and mounted
        (which held the projected countdown for tens of milliseconds, benchmarks/).
        """
        wanted = [card.id for card in cards]
        wanted_set = set(wanted)
        kept = [cid for cid in self._order if cid in wanted_set]
        fresh = [card for card in cards if card.id not in self._views]
        if [card.id for card in fresh] + kept == wanted:
            spare = [self._views.pop(cid) for cid in self._order if cid not in wanted_set]
        else:
            # The order changed (rare: a resumed or re-sorted wall): every view is spare.
            spare = [self._views.pop(cid) for cid in self._order]
            kept, fresh = [], list(cards)
        by_id = {card.id: card for card in cards}
        for card_id in kept:
            self._views[card_id].show(by_id[card_id], selected=card_id == selected)
        # The last fresh cards take the spare views (in screen order), the first get new ones.
        reused = min(len(spare), len(fresh))
        split = len(fresh) - reused
        first_kept = self._views[kept[0]] if kept else None
        recycled = spare[:reused]
        for view, card in zip(recycled, fresh[split:], strict=True):
            view.show(card, selected=card.id == selected)
            self._views[card.id] = view
            if first_kept is not None:
                self.move_child(view, before=first_kept)
        for view in spare[reused:]:
            view.remove()
        if split:
            views = [CardView(card, selected=card.id == selected) for card in fresh[:split]]
            self._views.update((view.card.id, view) for view in views)
            anchor = recycled[0] if recycled else first_kept
            if anchor is not None:
                self.mount_all(views, before=anchor)
            else:
                self.mount_all(views)
        self._order = wanted


def wall_order(cards: Sequence[Card]) -> list[Card]:
    """Merged cards first (the most merged at the top), the rest newest first as they came."""
    return sorted(cards[:WALL_LIMIT], key=lambda card: -card.weight)


def draw_cards(view: ResultsPane, results: StepResults, selected: str | None) -> list[str]:
    """The page of cards the pager points at, in as many columns as the width holds.

    The page that holds the selected card is shown, so moderation never works out of sight.
    """
    wall = view.query_one("#cards", CardWall)
    ordered = wall_order(results.cards)
    hidden_cards = results.count - WALL_LIMIT
    more = view.query_one("#more-cards", Static)
    more.display = hidden_cards > 0
    if hidden_cards > 0:
        words = t(view.lang, "tui.cards.more", shown=WALL_LIMIT, total=results.count)
        more.update(Text(words, style="italic"))
    size = view.content_size
    width = size.width or 80
    columns = max(1, min(columns_for(width), len(ordered)))  # a few answers: wider cards
    narrowest = column_width(width, columns)
    heights = [
        wall.height_of(card, selected=card.id == selected, width=narrowest) for card in ordered
    ]
    room = (size.height or 20) - (1 if hidden_cards > 0 else 0)
    pages = card_pages(heights, columns, room)
    pager = view.pager
    pager.pages = len(pages)
    ids = [card.id for card in ordered]
    if selected in ids:
        at = ids.index(selected)
        pager.page = next(n for n, page in enumerate(pages) if at in page)
    pager.page = min(pager.page, len(pages) - 1)
    page = pages[pager.page]
    wall.styles.grid_size_columns = columns
    wall.show(ordered[page.start : page.stop], selected)
    return ids


BIG_WORDS = 3
"""The cloud's top words drawn in block letters; the rest follow in ordinary type."""


class WordCloud:
    """The most frequent words biggest: the top ones in block letters, the rest by weight."""

    def __init__(
        self, words: Sequence[WordCount], selected: str | None, ink: Style, lang: Lang
    ) -> None:
        self.words = words
        self.selected = selected
        self.ink = ink
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if not self.words:
            return
        solid = bool(self.ink.color and self.ink.bgcolor)
        for index, entry in enumerate(self.words[:BIG_WORDS]):
            if index:
                yield Text("")
            yield from self._big(entry, width, solid, first=index == 0)
        rest = self.words[BIG_WORDS:]
        if not rest:
            return
        yield Text("")
        top = rest[0].count
        flow = Text(overflow="fold")
        for index, entry in enumerate(rest):
            if index:
                flow.append("    ")
            chosen = entry.word == self.selected
            if chosen:
                flow.append(MARK, style="bold")
            style = "bold" if entry.count > 1 and entry.count * 2 >= top else ""
            word = clean_text(entry.word, multiline=False)
            flow.append(word.upper() if style else word, style=style + (" reverse" * chosen))
            flow.append(f" {entry.count}", style="italic")
        yield flow

    def _big(self, entry: WordCount, width: int, solid: bool, *, first: bool) -> RenderResult:
        word = clean_text(entry.word, multiline=False).upper()
        mark = MARK if entry.word == self.selected else ""
        count = f"  {entry.count}"
        room = width - len(mark) - len(count)
        scale = 2 if first and block_size(word, 2, LETTERS)[0] <= room else 1
        if not (solid and drawable(word) and block_size(word, scale, LETTERS)[0] <= room):
            line = Text(mark, style="bold", overflow="fold")
            line.append(word, style="bold reverse" if mark else "bold")
            line.append(count, style="italic")
            yield line
            return
        lines = block_lines(word, scale, self.ink, self.ink, LETTERS)
        middle = len(lines) // 2
        for index, drawn in enumerate(lines):
            line = Text(no_wrap=True)
            line.append(mark if index == middle else " " * len(mark), style="bold")
            line.append_text(drawn)
            if index == middle:
                line.append(count, style="bold")
            yield line


def draw_words(view: ResultsPane, results: StepResults, selected: str | None) -> list[str]:
    pane = view.query_one("#words", Static)
    pane.update(WordCloud(results.words, selected, pane.rich_style, view.lang))
    return [entry.word for entry in results.words]
