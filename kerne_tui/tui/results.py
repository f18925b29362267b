"""The answers on the wall: text as cards, votes as bars, scales as spreads, actions as a table.

In a follow-up, a compared scale shows the day's spread beside today's, and a review shows each
earlier agreement with the spread of its statuses.

Whatever a participant wrote reaches the screen only through :func:`plain`, as a ``rich.text.Text``
that is never parsed for markup; control and escape codes are dropped on the way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.containers import ItemGrid, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from kerne_tui.catalog import Lang, counted, t
from kerne_tui.plan import StepKind
from kerne_tui.store import FollowUpRecord
from kerne_tui.tui.big_numbers import Tally, block_lines, block_size
from kerne_tui.tui.block_letters import LETTERS, drawable
from kerne_tui.tui.card_fit import fit_card
from kerne_tui.tui.matrix_view import MatrixChart
from kerne_tui.workshop import ComparedRow, compared
from kerne_tui.workshop.kinds.matrix import axes
from kerne_tui.workshop.parts import REVIEW_STATUSES
from kerne_tui.workshop.results import (
    ActionRow,
    Bar,
    Card,
    QuestionRow,
    ReviewRow,
    ScaleRow,
    StepResults,
    WordCount,
)
from kerne_tui.workshop.sanitize import clean_text

WALL_LIMIT = 60
"""Cards on the wall at most (the newest): more never fit a screen, and each costs layout time."""
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


def _bar(value: int, top: int, room: int) -> str:
    """The cells of a bar of *room* cells at most; any answer shows at least one cell."""
    if value <= 0 or top <= 0 or room <= 0:
        return ""
    return " " * max(1, round(value / top * room))


class BarChart:
    """One bar per option with its count in words: dots, points or people."""

    def __init__(self, bars: Sequence[Bar], unit: Callable[[int], str]) -> None:
        self.bars = bars
        self.unit = unit

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        if not self.bars:
            return
        top = max(bar.value for bar in self.bars)
        counts = [self.unit(bar.value) for bar in self.bars]
        labels = [plain(bar.label, multiline=False) for bar in self.bars]
        count_width = max(cell_len(count) for count in counts)
        label_width = max(label.cell_len for label in labels)
        if label_width <= width * 0.35:
            room = max(1, width - label_width - count_width - 3)
            for label, bar, count in zip(labels, self.bars, counts, strict=True):
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append_text(label)
                line.append(" " * (label_width - label.cell_len + 2))
                line.append(_bar(bar.value, top, room), style=BAR_STYLE)
                line.append(" " + count, style="bold")
                yield line
            return
        # Long labels (carried-forward sentences) get their own lines above the bar.
        room = max(1, width - count_width - 1)
        for index, (label, bar, count) in enumerate(zip(labels, self.bars, counts, strict=True)):
            if index:
                yield Text("")
            yield label
            line = Text(no_wrap=True)
            line.append(_bar(bar.value, top, room), style=BAR_STYLE)
            line.append(" " + count, style="bold")
            yield line


class ScaleChart:
    """For every statement, how the answers spread over 1-5, with the average beside it.

    One line per value, so that each bar has the whole width: five bars side by side left
    a few cells each on a projector, specks from the back row.
    """

    def __init__(self, rows: Sequence[ScaleRow], low: str, high: str, lang: Lang) -> None:
        self.rows = rows
        self.low = low
        self.high = high
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        yield Text(t(self.lang, "tui.scale.ends", low=self.low, high=self.high), style="italic")
        for row in self.rows:
            yield Text("")
            heading = Text(row.statement, style="bold", overflow="fold")
            heading.append(
                "  ("
                + counted(
                    self.lang, "tui.scale.mean", row.answers, mean=decimal(row.mean, self.lang)
                )
                + ")",
                style="not bold italic",
            )
            yield heading
            # Bars are shares of all answers, so statements compare at a glance.
            top = row.answers
            count_width = max(len(str(n)) for n in row.counts)
            room = max(1, width - 4 - count_width)
            for value, count in enumerate(row.counts, start=1):
                line = Text(no_wrap=True)
                line.append(f"{value} ", style="bold")
                line.append(_bar(count, top, room), style=BAR_STYLE)
                line.append(f" {count}")
                yield line


def signed(value: float, lang: Lang) -> str:
    """A change with its sign: +0,5, −0,3 or ±0,0."""
    if round(value, 1) == 0:
        return "±" + decimal(0.0, lang)
    return ("+" if value > 0 else "−") + decimal(abs(value), lang)


class ComparedChart:
    """For every statement, the day's spread above today's; today's mean with the change."""

    def __init__(self, rows: Sequence[ComparedRow], low: str, high: str, lang: Lang) -> None:
        self.rows = rows
        self.low = low
        self.high = high
        self.lang = lang

    def _tail(self, row: ComparedRow, side: ScaleRow, now: bool) -> Text:
        tail = Text(t(self.lang, "followup.mean", mean=decimal(side.mean, self.lang)))
        if now and row.shift is not None:
            tail.append(" (" + signed(row.shift, self.lang) + ")", style="bold")
        return tail

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lang = self.lang
        ends = Text(t(lang, "tui.scale.ends", low=self.low, high=self.high), style="italic")
        if self.rows:
            day = self.rows[0].before_respondents
            key = "followup.day_answers.one" if day == 1 else "followup.day_answers"
            ends.append("   ·   " + t(lang, key, n=day))
        yield ends
        names = (t(lang, "followup.before"), t(lang, "followup.after"))
        label_width = max(cell_len(name) for name in names) + 2
        for row in self.rows:
            yield Text("")
            yield Text(row.statement, style="bold", overflow="fold")
            sides = (
                (names[0], row.before, row.before_shown, False),
                (names[1], row.after, row.after_shown, True),
            )
            tails = [self._tail(row, side, now) for _, side, _, now in sides]
            tail_width = max(tail.cell_len for tail in tails) + 2
            cell = (width - label_width - tail_width) // 5
            for (name, side, shown, now), tail in zip(sides, tails, strict=True):
                line = Text(no_wrap=True, overflow="ellipsis")
                line.append(name.ljust(label_width), style="bold")
                if not shown:
                    words = t(
                        lang,
                        "followup.too_few_side",
                        n=row.after_respondents if now else row.before_respondents,
                        least=row.after_least if now else row.before_least,
                    )
                    line.append(words, style="italic")
                    yield line
                    continue
                count_width = max(len(str(n)) for n in side.counts)
                room = cell - 2 - 1 - count_width - 1
                if room < 1:
                    line.append("  ".join(f"{v}:{n}" for v, n in enumerate(side.counts, 1)))
                    line.append("  ")
                else:
                    for value, count in enumerate(side.counts, start=1):
                        drawn = _bar(count, side.answers, room)
                        line.append(f"{value} ", style="bold")
                        line.append(drawn, style=BAR_STYLE)
                        line.append(f" {count}".ljust(cell - 2 - len(drawn)))
                    line.append("  ")
                line.append_text(tail)
                yield line


class ReviewChart:
    """Each earlier agreement, who and when, and how many phones gave it each status.

    The status most phones gave is drawn reversed; the newest comments follow in italics.
    """

    COMMENTS = 2
    """Comments shown per agreement at most (the newest); the report has them all."""

    def __init__(self, rows: Sequence[ReviewRow], lang: Lang) -> None:
        self.rows = rows
        self.lang = lang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lang = self.lang
        for index, row in enumerate(self.rows):
            if index:
                yield Text("")
            heading = plain(row.what, multiline=False)
            heading.stylize("bold")
            owner = " · ".join(part for part in (row.who, row.when) if part)
            if owner:
                heading.append("  (")
                heading.append_text(plain(owner, multiline=False))
                heading.append(")")
            yield heading
            top = max(row.counts)
            line = Text(overflow="fold")
            for number, (status, count) in enumerate(zip(REVIEW_STATUSES, row.counts, strict=True)):
                if number:
                    line.append("   ")
                words = f"{t(lang, f'review.status.{status}')} {count}"
                line.append(words, style="reverse bold" if count and count == top else "bold")
            yield line
            for comment in row.comments[-self.COMMENTS :]:
                said = plain("» " + comment, multiline=False)
                said.stylize("italic")
                yield said


def action_table(
    rows: Sequence[ActionRow], selected: str | None, lang: Lang, evidence_label: str = ""
) -> Table:
    """Action items as a table of what, who, by when and how we will see that it worked.

    The last column is there once an item has it, headed by the plan's *evidence_label* or the
    catalog's words; the selected row is marked.
    """
    evidence = any(row.evidence for row in rows)
    table = Table(box=box.SIMPLE_HEAVY, expand=True, show_edge=False, pad_edge=False)
    table.add_column("", width=2, no_wrap=True)
    table.add_column(t(lang, "tui.actions.what"), ratio=2 if evidence else 3, overflow="fold")
    table.add_column(t(lang, "tui.actions.who"), ratio=1, overflow="fold")
    table.add_column(t(lang, "tui.actions.when"), ratio=1, min_width=8, overflow="fold")
    if evidence:
        heading = evidence_label or t(lang, "tui.actions.evidence")
        table.add_column(heading, ratio=2, overflow="fold")
    for row in rows:
        chosen = row.id == selected
        cells = [
            Text(MARK.strip() if chosen else ""),
            plain(row.what, multiline=False),
            plain(row.who, multiline=False),
            plain(row.when, multiline=False),
        ]
        if evidence:
            cells.append(plain(row.evidence, multiline=False))
        table.add_row(*cells, style="reverse bold" if chosen else None)
    return table


BIG_WORDS = 3
"""The cloud's top words drawn in block letters; the rest follow in ordinary type."""
QUESTION_ROWS = 12
"""Questions on the wall at most (the most upvoted)."""


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


def question_table(
    rows: Sequence[QuestionRow], selected: str | None, lang: Lang, *, closing: bool = False
) -> Table:
    """Questions with their upvotes, most first; an answered or closed one says so."""
    table = Table(box=box.SIMPLE_HEAVY, expand=True, show_edge=False, pad_edge=False)
    table.add_column("", width=2, no_wrap=True)
    table.add_column(t(lang, "tui.questions.votes"), width=6, justify="right", no_wrap=True)
    table.add_column(t(lang, "tui.questions.question"), ratio=4, overflow="fold")
    table.add_column("", ratio=2, min_width=10, overflow="fold")
    for row in rows:
        chosen = row.id == selected
        outcome = outcome_text(row, lang)
        style = "reverse bold" if chosen else ("dim" if row.outcome else None)
        table.add_row(
            Text(MARK.strip() if chosen else ""),
            Text(f"▲ {row.votes}", style="bold"),
            plain(row.text, multiline=False),
            Text(outcome, style="italic") if outcome or closing else Text(""),
            style=style,
        )
    return table


def outcome_text(row: QuestionRow, lang: Lang) -> str:
    """How a question or parked item ended, in words ("" while it is open)."""
    if not row.outcome:
        return ""
    return t(lang, f"outcome.{row.outcome}", owner=clean_text(row.owner, multiline=False))


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
        super().__init__(id=id, min_column_width=26)
        self._views: dict[str, CardView] = {}
        self._order: list[str] = []

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


def unit_text(kind: StepKind, lang: Lang) -> Callable[[int], str]:
    """How a bar's count is said: dots for a vote, points for a ranking, people for a choice."""
    name = KIND_VIEWS[kind].unit or "people"

    def say(n: int) -> str:
        return t(lang, f"tui.unit.{name}.one" if n == 1 else f"tui.unit.{name}", n=n)

    return say


Draw = Callable[["ResultsView", StepResults, "str | None"], list[str]]
"""Draws a step's results into its pane of the view; returns the ids the facilitator can select."""


@dataclass(frozen=True, slots=True)
class KindView:
    """How the results of one step kind are drawn on the wall."""

    pane: str
    """The id of the view's child that shows them ("" for a kind without answers)."""
    draw: Draw
    unit: str = ""
    """For bars: what a count is said in (``dots``, ``points``, ``people``)."""


def _draw_cards(view: ResultsView, results: StepResults, selected: str | None) -> list[str]:
    wall = view.query_one("#cards", CardWall)
    shown = results.cards[:WALL_LIMIT]
    wall.show(shown, selected)
    hidden_cards = results.count - WALL_LIMIT
    more = view.query_one("#more-cards", Static)
    more.display = hidden_cards > 0
    if hidden_cards > 0:
        words = t(view.lang, "tui.cards.more", shown=WALL_LIMIT, total=results.count)
        more.update(Text(words, style="italic"))
    card = wall.view(selected) if selected else None
    if card is not None:
        view.call_after_refresh(view.scroll_to_widget, card, animate=False)
    return [card.id for card in shown]


def _draw_bars(view: ResultsView, results: StepResults, selected: str | None) -> list[str]:
    unit = unit_text(results.step.kind, view.lang)
    view.query_one("#bars", Static).update(BarChart(results.bars, unit))
    return []


def _draw_scales(view: ResultsView, results: StepResults, selected: str | None) -> list[str]:
    step = results.step
    low = step.low_label or t(view.lang, "web.scale.low")
    high = step.high_label or t(view.lang, "web.scale.high")
    rows = compared(results, view.follow_up)
    chart = (
        ComparedChart(rows, low, high, view.lang)
        if rows
        else ScaleChart(results.scales, low, high, view.lang)
    )
    view.query_one("#scales", Static).update(chart)
    return []


def _draw_reviews(view: ResultsView, results: StepResults, selected: str | None) -> list[str]:
    pane = view.query_one("#reviews", Static)
    if not results.reviews:
        pane.update(Text(t(view.lang, "review.none"), style="italic"))
    else:
        pane.update(ReviewChart(results.reviews, view.lang))
    return []


def _draw_points(view: ResultsView, results: StepResults, selected: str | None) -> list[str]:
    """Bars of the points in all, sorted, each with the average of those who answered."""
    answered = results.count
    lang = view.lang

    def say(n: int) -> str:
        average = decimal(n / answered, lang) if answered else "0"
        return t(lang, "tui.points.value", n=n, average=average)

    view.query_one("#bars", Static).update(BarChart(results.bars, say))
    return []


def _draw_matrix(view: ResultsView, results: StepResults, selected: str | None) -> list[str]:
    chart = MatrixChart(results.placements, axes(results.step, view.lang), view.lang)
    view.query_one("#matrix", Static).update(chart)
    return []


def _draw_actions(view: ResultsView, results: StepResults, selected: str | None) -> list[str]:
    table = action_table(results.actions, selected, view.lang, results.step.evidence_label)
    view.query_one("#actions", Static).update(table)
    return [row.id for row in results.actions]


def _draw_words(view: ResultsView, results: StepResults, selected: str | None) -> list[str]:
    pane = view.query_one("#words", Static)
    pane.update(WordCloud(results.words, selected, pane.rich_style, view.lang))
    return [entry.word for entry in results.words]


def _draw_questions(view: ResultsView, results: StepResults, selected: str | None) -> list[str]:
    shown = results.questions[:QUESTION_ROWS]
    view.query_one("#questions", Static).update(question_table(shown, selected, view.lang))
    return [row.id for row in shown]


def _draw_nothing(view: ResultsView, results: StepResults, selected: str | None) -> list[str]:
    return []


KIND_VIEWS: dict[StepKind, KindView] = {
    StepKind.INFO: KindView("", _draw_nothing),
    StepKind.DISCUSS: KindView("", _draw_nothing),
    StepKind.TEXT: KindView("cards", _draw_cards),
    StepKind.SENTENCE: KindView("cards", _draw_cards),
    StepKind.VOTE: KindView("bars", _draw_bars, unit="dots"),
    StepKind.CHOICE: KindView("bars", _draw_bars, unit="people"),
    StepKind.RANK: KindView("bars", _draw_bars, unit="points"),
    StepKind.SCALE: KindView("scales", _draw_scales),
    StepKind.ACTIONS: KindView("actions", _draw_actions),
    StepKind.WORDS: KindView("words", _draw_words),
    StepKind.QUESTIONS: KindView("questions", _draw_questions),
    StepKind.REVIEW: KindView("reviews", _draw_reviews),
    StepKind.POINTS: KindView("bars", _draw_points, unit="points"),
    StepKind.MATRIX: KindView("matrix", _draw_matrix),
}
"""The one place that says how each step kind's results are drawn; a new kind adds its line."""
PANES = ("cards", "bars", "scales", "actions", "words", "questions", "reviews", "matrix")
"""The view's children that show results, one of them at a time."""


class ResultsView(VerticalScroll, can_focus=False):
    """The results of one step, in the form its kind asks for, or nothing while they are hidden."""

    def __init__(
        self, lang: Lang, *, id: str | None = None, follow_up: FollowUpRecord | None = None
    ) -> None:
        super().__init__(id=id)
        self.lang: Lang = lang
        self.follow_up = follow_up
        """What a follow-up builds on: a compared scale draws the day beside today."""
        self.selectable: list[str] = []
        """Ids of the cards or action rows on show, in screen order, for moderation."""

    def compose(self) -> Iterable[Widget]:
        tally = Tally(id="tally")
        tally.display = False
        yield tally
        more = Static(id="more-cards")
        more.display = False
        yield more
        yield CardWall(id="cards")
        yield Static(id="bars", classes="chart")
        yield Static(id="scales", classes="chart")
        yield Static(id="actions", classes="chart")
        yield Static(id="words", classes="chart cloud")
        yield Static(id="questions", classes="chart")
        yield Static(id="reviews", classes="chart")
        yield Static(id="matrix", classes="chart")

    def show(self, results: StepResults | None, *, visible: bool, selected: str | None) -> None:
        """Show *results* if *visible* and enough people answered; otherwise show nothing."""
        # A compared scale shows the day's side even while today has too few answers: each
        # side keeps the minimum-answers rule on its own (the chart says which is held back).
        shown = results is not None and (results.enough or bool(compared(results, self.follow_up)))
        kind = results.step.kind if results and visible and shown else None
        tally = self.query_one(Tally)
        tally.display = results is not None and kind is None
        if results is not None:
            tally.count = results.respondents
        chosen = KIND_VIEWS[kind] if kind is not None else None
        for pane in PANES:
            self.query_one(f"#{pane}").display = chosen is not None and chosen.pane == pane
        if chosen is None or chosen.pane != "cards":
            self.query_one("#more-cards").display = False
        self.selectable = []
        if results is None or chosen is None:
            self.query_one("#cards", CardWall).show([], None)
            return
        self.selectable = chosen.draw(self, results, selected)
