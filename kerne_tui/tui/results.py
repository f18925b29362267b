"""The answers on the wall: the result pane and ``KIND_VIEWS``, how each step kind is drawn.

The draw functions live by what they draw: ``draw_cards`` (cards and words), ``draw_bars`` (bars,
points, the matrix), ``draw_scales`` (scales and compared scales), ``draw_actions`` (actions and
review), ``draw_questions`` (questions and the parking lot); ``pane`` holds what they share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textual.widget import Widget
from textual.widgets import Static

from kerne_tui.catalog import Lang, t
from kerne_tui.plan import StepKind
from kerne_tui.tui.big_numbers import Tally
from kerne_tui.tui.draw_actions import draw_actions, draw_reviews
from kerne_tui.tui.draw_bars import BarChart, draw_matrix, draw_points
from kerne_tui.tui.draw_cards import CardWall, draw_cards, draw_words
from kerne_tui.tui.draw_questions import draw_questions
from kerne_tui.tui.draw_scales import draw_scales
from kerne_tui.tui.page_bar import BigAnswer
from kerne_tui.tui.pane import Chart, ResultsPane
from kerne_tui.workshop import compared
from kerne_tui.workshop.results import StepResults


def unit_text(kind: StepKind, lang: Lang) -> Callable[[int], str]:
    """How a bar's count is said: dots for a vote, points for a ranking, people for a choice."""
    name = KIND_VIEWS[kind].unit or "people"

    def say(n: int) -> str:
        return t(lang, f"tui.unit.{name}.one" if n == 1 else f"tui.unit.{name}", n=n)

    return say


Draw = Callable[[ResultsPane, StepResults, "str | None"], list[str]]
"""Draws a step's results into its pane of the view; returns the ids the facilitator can select."""


@dataclass(frozen=True, slots=True)
class KindView:
    """How the results of one step kind are drawn on the wall."""

    pane: str
    """The id of the view's child that shows them ("" for a kind without answers)."""
    draw: Draw
    unit: str = ""
    """For bars: what a count is said in (``dots``, ``points``, ``people``)."""


def _draw_bars(view: ResultsPane, results: StepResults, selected: str | None) -> list[str]:
    """Bars counted in the unit the registry gives the kind (so they are drawn here)."""
    unit = unit_text(results.step.kind, view.lang)
    view.query_one("#bars", Static).update(BarChart(results.bars, unit))
    return []


def _draw_nothing(view: ResultsPane, results: StepResults, selected: str | None) -> list[str]:
    return []


KIND_VIEWS: dict[StepKind, KindView] = {
    StepKind.INFO: KindView("", _draw_nothing),
    StepKind.DISCUSS: KindView("", _draw_nothing),
    StepKind.TEXT: KindView("cards", draw_cards),
    StepKind.SENTENCE: KindView("cards", draw_cards),
    StepKind.VOTE: KindView("bars", _draw_bars, unit="dots"),
    StepKind.CHOICE: KindView("bars", _draw_bars, unit="people"),
    StepKind.RANK: KindView("bars", _draw_bars, unit="points"),
    StepKind.SCALE: KindView("scales", draw_scales),
    StepKind.ACTIONS: KindView("actions", draw_actions),
    StepKind.WORDS: KindView("words", draw_words),
    StepKind.QUESTIONS: KindView("questions", draw_questions),
    StepKind.REVIEW: KindView("reviews", draw_reviews),
    StepKind.POINTS: KindView("bars", draw_points, unit="points"),
    StepKind.MATRIX: KindView("matrix", draw_matrix),
}
"""The one place that says how each step kind's results are drawn; a new kind adds its line."""
PANES = ("cards", "bars", "scales", "actions", "words", "questions", "reviews", "matrix")
"""The view's children that show results, one of them at a time."""


class ResultsView(ResultsPane):
    """The results of one step, in the form its kind asks for, or nothing while they are hidden."""

    def compose(self) -> Iterable[Widget]:
        tally = Tally(id="tally")
        tally.display = False
        yield tally
        more = Static(id="more-cards")
        more.display = False
        yield more
        spotlight = Static(id="spotlight")
        spotlight.display = False
        yield spotlight
        yield CardWall(id="cards")
        pager = self.pager
        yield Chart(pager, id="bars")
        yield Chart(pager, id="scales")
        yield Chart(pager, id="actions")
        yield Chart(pager, id="words", classes="chart cloud")
        yield Chart(pager, id="questions")
        yield Chart(pager, id="reviews")
        yield Chart(pager, id="matrix")

    @property
    def answers_shown(self) -> bool:
        """True while answers (or the spotlight) are on show, not the tally or nothing."""
        return self.shown_pane is not None

    def show(
        self,
        results: StepResults | None,
        *,
        visible: bool,
        selected: str | None,
        spotlight: BigAnswer | None = None,
    ) -> None:
        """Show *results* if *visible* and enough people answered; otherwise show nothing.

        With *spotlight*, that one answer is shown alone in place of the others.
        """
        self.drawn_for = self.content_size
        self.pager.room = self.content_size.height
        # A compared scale shows the day's side even while today has too few answers: each
        # side keeps the minimum-answers rule on its own (the chart says which is held back).
        shown = results is not None and (results.enough or bool(compared(results, self.follow_up)))
        kind = results.step.kind if results and visible and shown else None
        tally = self.query_one(Tally)
        tally.display = results is not None and kind is None
        if results is not None:
            tally.count = results.respondents
        chosen = KIND_VIEWS[kind] if kind is not None else None
        if chosen is not None and not chosen.pane:
            chosen = None
        self.shown_pane = chosen.pane if chosen is not None else None
        lit = self.query_one("#spotlight", Static)
        lit.display = chosen is not None and spotlight is not None
        if lit.display and spotlight is not None:
            spotlight.ink = lit.rich_style  # block capitals in the pane's own colours
            lit.update(spotlight)
            self.pager.pages = 1
            chosen = None
        for pane in PANES:
            self.query_one(f"#{pane}").display = chosen is not None and chosen.pane == pane
        if chosen is None or chosen.pane != "cards":
            self.query_one("#more-cards").display = False
        self.selectable = []
        if results is None or chosen is None:
            self.query_one("#cards", CardWall).show([], None)
            return
        self.selectable = chosen.draw(self, results, selected)
