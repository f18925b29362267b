"""The report's one place per step kind: ``REPORT_KINDS``.

For every :class:`StepKind` it says how the kind's results read in the Markdown report, which
template partial draws them in the HTML report (``templates/kinds/``), what a contribution of
the kind puts in the CSV's value column, and whether its results are sums (held back when too
few answered) or action items. The rest of the archive dispatches through it; adding a kind
means one entry here (and its partial), which ``test_archive_kinds.py`` asks for.

What every step shows whatever its kind (heading, figures, prompt, "held back", "no answers")
stays with the formats; the functions here draw only the results.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from kerne_tui.archive.markdown_text import cell, item, table
from kerne_tui.archive.wording import decimal
from kerne_tui.catalog import Lang, counted, t
from kerne_tui.plan import Step, StepKind
from kerne_tui.workshop import ComparedRow, Contribution, StepResults
from kerne_tui.workshop.kinds import spec_for
from kerne_tui.workshop.kinds.matrix import axes
from kerne_tui.workshop.parts import REVIEW_STATUSES
from kerne_tui.workshop.results import Card, QuestionRow, ScaleRow


class StepView(Protocol):
    """What a results section reads of a step in the report (``content.StepReport``)."""

    @property
    def step(self) -> Step: ...

    @property
    def results(self) -> StepResults: ...

    @property
    def cards(self) -> tuple[Card, ...]: ...

    @property
    def compared(self) -> tuple[ComparedRow, ...]: ...


MarkdownSection = Callable[[StepView, Lang], list[str]]
"""A step's results as Markdown blocks, in the report's language."""
CsvValue = Callable[[Lang, Step, Contribution, Mapping[str, str]], str]
"""A contribution's content in one CSV cell, given the step's option labels by id."""
OpenItems = Callable[[StepView], tuple[str, ...]]
"""What of a step stands in the report as open questions (texts, in the order shown)."""


def _no_open_items(step: StepView) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True, slots=True)
class ReportKind:
    """How the report shows one kind of step."""

    markdown: MarkdownSection
    html: str
    """The template partial that draws the results, relative to ``templates/``."""
    csv_value: CsvValue
    summed: bool = False
    """Results are sums: with too few answers a sum gives a person away, so it is held back.
    Texts, sentences and actions are shown whatever their number: the words are the point."""
    action_items: bool = False
    """Its rows are gathered into the report's list of action items."""
    open_items: OpenItems = _no_open_items
    """What of the step stands as an open question in the report's section of them. A step
    that collects objections (``open_questions = true``) gives the cards left shown; the
    parking lot's kind, once it is here, gives its items that were not closed."""


# --- no input: information and discussion -----------------------------------------------


def _no_input(kind: StepKind) -> MarkdownSection:
    def section(step: StepView, lang: Lang) -> list[str]:
        return [t(lang, f"archive.step.no_input.{kind.value}")]

    return section


# --- texts and sentences -----------------------------------------------------------------


def _cards_markdown(step: StepView, lang: Lang) -> list[str]:
    """The cards as a list, the most merged first, with their weight when above one."""
    lines = []
    for card in step.cards:
        weight = f" **{t(lang, 'archive.weight', n=card.weight)}**" if card.weight > 1 else ""
        lines.append(f"- {item(card.text, '  ')}{weight}")
    return ["\n".join(lines)]


def _objections_left(step: StepView) -> tuple[str, ...]:
    """The objections a step collected and nobody hid: each stands as an open question."""
    if not step.step.open_questions:
        return ()
    return tuple(card.text for card in step.cards)


# --- votes, rankings and choices: bars ---------------------------------------------------


def _counted(step: StepView, lang: Lang, value_key: str, rule: str) -> list[str]:
    """Bars as a table of the option, its dots or points, and the people behind them."""
    header = [
        t(lang, "archive.chart.option"),
        t(lang, value_key),
        t(lang, "archive.chart.people"),
    ]
    rows = [[cell(bar.label), str(bar.value), str(bar.people)] for bar in step.results.bars]
    return [table(header, rows, right=(1, 2)), rule]


def _vote_markdown(step: StepView, lang: Lang) -> list[str]:
    rule = counted(lang, "archive.vote.rule", step.step.dots, field="dots")
    return _counted(step, lang, "archive.chart.dots", rule)


def _rank_markdown(step: StepView, lang: Lang) -> list[str]:
    rule = counted(lang, "archive.rank.rule", step.step.top, field="top")
    return _counted(step, lang, "archive.chart.points", rule)


def _choice_markdown(step: StepView, lang: Lang) -> list[str]:
    """How many chose each option, and what share of those who answered that is."""
    header = [
        t(lang, "archive.chart.option"),
        t(lang, "archive.chart.chosen"),
        t(lang, "archive.chart.share"),
    ]
    respondents = step.results.respondents
    rows = [
        [
            cell(bar.label),
            str(bar.value),
            t(
                lang,
                "archive.chart.percent",
                n=round(100 * bar.value / respondents) if respondents else 0,
            ),
        ]
        for bar in step.results.bars
    ]
    rule = t(lang, "archive.choice.rule.many" if step.step.multiple else "archive.choice.rule.one")
    return [table(header, rows, right=(1, 2)), rule]


# --- scales ------------------------------------------------------------------------------


def _scale_markdown(step: StepView, lang: Lang) -> list[str]:
    """One row of counts per statement, with answers and average, and the scale's ends."""
    if step.compared:
        return _compared_markdown(step, lang)
    header = [
        t(lang, "archive.scale.statement"),
        "1",
        "2",
        "3",
        "4",
        "5",
        t(lang, "archive.scale.answers"),
        t(lang, "archive.scale.mean"),
    ]
    rows = [
        [
            cell(row.statement),
            *(str(n) for n in row.counts),
            str(row.answers),
            decimal(lang, row.mean) if row.answers else "–",
        ]
        for row in step.results.scales
    ]
    ends = t(
        lang,
        "archive.scale.ends",
        low=cell(step.step.low_label or t(lang, "web.scale.low")),
        high=cell(step.step.high_label or t(lang, "web.scale.high")),
    )
    return [table(header, rows, right=(1, 2, 3, 4, 5, 6, 7)), ends]


def _side(lang: Lang, statement: str, name: str, row: ScaleRow, shown: bool) -> list[str]:
    if not shown:
        return [statement, name, *("–" for _ in row.counts), "–", "–"]
    mean = decimal(lang, row.mean) if row.answers else "–"
    return [statement, name, *(str(n) for n in row.counts), str(row.answers), mean]


def _compared_markdown(step: StepView, lang: Lang) -> list[str]:
    """Per statement the day's row above today's, with the change of the mean."""
    header = [
        t(lang, "archive.scale.statement"),
        t(lang, "archive.followup.side"),
        "1",
        "2",
        "3",
        "4",
        "5",
        t(lang, "archive.scale.answers"),
        t(lang, "archive.scale.mean"),
        t(lang, "archive.followup.change"),
    ]
    before, after = t(lang, "followup.before"), t(lang, "followup.after")
    rows = []
    for row in step.compared:
        shift = "" if row.shift is None else signed(lang, row.shift)
        rows.append([*_side(lang, cell(row.statement), before, row.before, row.before_shown), ""])
        rows.append([*_side(lang, "", after, row.after, row.after_shown), shift])
    blocks = [table(header, rows, right=(2, 3, 4, 5, 6, 7, 8, 9))]
    first = step.compared[0]
    if not first.before_shown:
        blocks.append(
            t(
                lang,
                "archive.followup.too_few",
                side=before,
                n=first.before_respondents,
                least=first.before_least,
            )
        )
    if not first.after_shown:
        blocks.append(
            t(
                lang,
                "archive.followup.too_few",
                side=after,
                n=step.results.respondents,
                least=step.step.min_answers,
            )
        )
    blocks.append(
        t(
            lang,
            "archive.scale.ends",
            low=cell(step.step.low_label or t(lang, "web.scale.low")),
            high=cell(step.step.high_label or t(lang, "web.scale.high")),
        )
    )
    return blocks


def signed(lang: Lang, value: float) -> str:
    """A change of a mean with its sign: +0,5, −0,3 or ±0,0."""
    if round(value, 1) == 0:
        return "±" + decimal(lang, 0.0)
    return ("+" if value > 0 else "−") + decimal(lang, abs(value))


# --- points shared out ------------------------------------------------------------------


def _average(total: int, answered: int, lang: Lang) -> str:
    return decimal(lang, total / answered) if answered else "–"


def _points_markdown(step: StepView, lang: Lang) -> list[str]:
    """Per option its points in all, the average of those who answered, and the people."""
    header = [
        t(lang, "archive.chart.option"),
        t(lang, "archive.chart.points"),
        t(lang, "archive.points.average"),
        t(lang, "archive.chart.people"),
    ]
    answered = step.results.count
    rows = [
        [cell(bar.label), str(bar.value), _average(bar.value, answered, lang), str(bar.people)]
        for bar in step.results.bars
    ]
    rule = t(lang, "archive.points.rule", budget=step.step.budget)
    return [table(header, rows, right=(1, 2, 3)), rule]


# --- matrix placements -------------------------------------------------------------------


def _spread(mean: float, spread: float, lang: Lang) -> str:
    return t(lang, "archive.matrix.mean_spread", mean=decimal(lang, mean), sd=decimal(lang, spread))


def _matrix_markdown(step: StepView, lang: Lang) -> list[str]:
    """Per option where the room put it on average, how far apart, and its quadrant."""
    named = axes(step.step, lang)
    header = [
        "#",
        t(lang, "archive.chart.option"),
        t(lang, "archive.scale.answers"),
        cell(named.x),
        cell(named.y),
        t(lang, "archive.matrix.quadrant"),
    ]
    rows = []
    for number, p in enumerate(step.results.placements, start=1):
        if not p.answers:
            rows.append([str(number), cell(p.label), "0", "–", "–", "–"])
            continue
        sides = [side for side in (named.y_side(p.y), named.x_side(p.x)) if side]
        rows.append(
            [
                str(number),
                cell(p.label),
                str(p.answers),
                _spread(p.x, p.x_spread, lang),
                _spread(p.y, p.y_spread, lang),
                cell(", ".join(sides)) if sides else t(lang, "archive.matrix.middle"),
            ]
        )
    rule = t(
        lang,
        "archive.matrix.rule",
        x=cell(named.x),
        x_low=cell(named.x_low),
        x_high=cell(named.x_high),
        y=cell(named.y),
        y_low=cell(named.y_low),
        y_high=cell(named.y_high),
    )
    return [table(header, rows, right=(0, 2, 3, 4)), rule]


# --- action items ------------------------------------------------------------------------


def _actions_markdown(step: StepView, lang: Lang) -> list[str]:
    header = [
        t(lang, "archive.actions.what"),
        t(lang, "archive.actions.who"),
        t(lang, "archive.actions.when"),
    ]
    actions = step.results.actions
    if any(a.evidence for a in actions):
        header.append(evidence_heading(step.step, lang))
        rows = [[cell(a.what), cell(a.who), cell(a.when), cell(a.evidence)] for a in actions]
    else:
        rows = [[cell(a.what), cell(a.who), cell(a.when)] for a in actions]
    return [table(header, rows)]


def evidence_heading(step: Step, lang: Lang) -> str:
    """The heading of "how we will see that it worked": the plan's own words, else the catalog's."""
    return step.evidence_label or t(lang, "archive.actions.evidence")


# --- word clouds -------------------------------------------------------------------------


def _words_markdown(step: StepView, lang: Lang) -> list[str]:
    """The words as a table, the most frequent first, with how many phones sent each."""
    header = [t(lang, "archive.words.word"), t(lang, "archive.words.count")]
    rows = [[cell(entry.word), str(entry.count)] for entry in step.results.words]
    parts = [table(header, rows, right=(1,))]
    if step.step.stop_words:
        left_out = ", ".join(cell(word) for word in step.step.stop_words)
        parts.append(t(lang, "archive.words.stop_words", words=left_out))
    return parts


# --- questions (and the parking lot) ------------------------------------------------------


def outcome_words(lang: Lang, row: QuestionRow) -> str:
    """How a question or parked item ended, in words (open when it did not)."""
    return t(lang, f"outcome.{row.outcome or 'open'}", owner=row.owner)


def questions_table(rows: Sequence[QuestionRow], lang: Lang) -> str:
    """Questions with their upvotes and end state, most upvotes first (also the parking lot)."""
    header = [
        t(lang, "archive.questions.question"),
        t(lang, "archive.questions.votes"),
        t(lang, "archive.questions.outcome"),
    ]
    body = [[cell(row.text), str(row.votes), cell(outcome_words(lang, row))] for row in rows]
    return table(header, body, right=(1,))


def _questions_markdown(step: StepView, lang: Lang) -> list[str]:
    return [questions_table(step.results.questions, lang)]


# --- reviews of the day's agreements ----------------------------------------------------


def _review_markdown(step: StepView, lang: Lang) -> list[str]:
    """Each earlier agreement with who, when and how many gave each status; the comments."""
    header = [
        t(lang, "archive.actions.what"),
        t(lang, "archive.actions.who"),
        t(lang, "archive.actions.when"),
        *(t(lang, f"review.status.{status}") for status in REVIEW_STATUSES),
    ]
    reviews = step.results.reviews
    if not reviews:
        return [f"*{t(lang, 'review.none')}*"]
    rows = [[cell(r.what), cell(r.who), cell(r.when), *(str(n) for n in r.counts)] for r in reviews]
    blocks = [table(header, rows, right=(3, 4, 5, 6)), t(lang, "archive.followup.review.rule")]
    said = [
        f"- {item(r.what, '  ')}: {item(comment, '  ')}" for r in reviews for comment in r.comments
    ]
    if said:
        blocks.append(f"{t(lang, 'archive.followup.review.comments')}:\n\n" + "\n".join(said))
    return blocks


REPORT_KINDS: Mapping[StepKind, ReportKind] = {
    StepKind.INFO: ReportKind(
        _no_input(StepKind.INFO), "kinds/no_input.html", spec_for(StepKind.INFO).describe
    ),
    StepKind.DISCUSS: ReportKind(
        _no_input(StepKind.DISCUSS), "kinds/no_input.html", spec_for(StepKind.DISCUSS).describe
    ),
    StepKind.TEXT: ReportKind(
        _cards_markdown,
        "kinds/cards.html",
        spec_for(StepKind.TEXT).describe,
        open_items=_objections_left,
    ),
    StepKind.SENTENCE: ReportKind(
        _cards_markdown,
        "kinds/cards.html",
        spec_for(StepKind.SENTENCE).describe,
        open_items=_objections_left,
    ),
    StepKind.VOTE: ReportKind(
        _vote_markdown, "kinds/vote.html", spec_for(StepKind.VOTE).describe, summed=True
    ),
    StepKind.SCALE: ReportKind(
        _scale_markdown, "kinds/scale.html", spec_for(StepKind.SCALE).describe, summed=True
    ),
    StepKind.CHOICE: ReportKind(
        _choice_markdown, "kinds/choice.html", spec_for(StepKind.CHOICE).describe, summed=True
    ),
    StepKind.RANK: ReportKind(
        _rank_markdown, "kinds/rank.html", spec_for(StepKind.RANK).describe, summed=True
    ),
    StepKind.ACTIONS: ReportKind(
        _actions_markdown,
        "kinds/actions.html",
        spec_for(StepKind.ACTIONS).describe,
        action_items=True,
    ),
    StepKind.WORDS: ReportKind(
        _words_markdown, "kinds/words.html", spec_for(StepKind.WORDS).describe
    ),
    StepKind.QUESTIONS: ReportKind(
        _questions_markdown, "kinds/questions.html", spec_for(StepKind.QUESTIONS).describe
    ),
    StepKind.POINTS: ReportKind(
        _points_markdown, "kinds/points.html", spec_for(StepKind.POINTS).describe, summed=True
    ),
    StepKind.MATRIX: ReportKind(
        _matrix_markdown, "kinds/matrix.html", spec_for(StepKind.MATRIX).describe, summed=True
    ),
    StepKind.REVIEW: ReportKind(
        _review_markdown, "kinds/review.html", spec_for(StepKind.REVIEW).describe, summed=True
    ),
}
"""How the report shows each step kind; every ``StepKind`` has an entry."""
