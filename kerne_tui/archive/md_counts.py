"""The Markdown sections of counted options: votes (dots), rankings, choices and points."""

from __future__ import annotations

from kerne_tui.archive.markdown_text import cell, table
from kerne_tui.archive.step_view import StepView
from kerne_tui.archive.wording import decimal
from kerne_tui.catalog import Lang, counted, t


def _counted(step: StepView, lang: Lang, value_key: str, rule: str) -> list[str]:
    """Bars as a table of the option, its dots or points, and the people behind them."""
    header = [
        t(lang, "archive.chart.option"),
        t(lang, value_key),
        t(lang, "archive.chart.people"),
    ]
    rows = [[cell(bar.label), str(bar.value), str(bar.people)] for bar in step.results.bars]
    return [table(header, rows, right=(1, 2)), rule]


def vote_markdown(step: StepView, lang: Lang) -> list[str]:
    rule = counted(lang, "archive.vote.rule", step.step.dots, field="dots")
    return _counted(step, lang, "archive.chart.dots", rule)


def rank_markdown(step: StepView, lang: Lang) -> list[str]:
    rule = counted(lang, "archive.rank.rule", step.step.top, field="top")
    return _counted(step, lang, "archive.chart.points", rule)


def choice_markdown(step: StepView, lang: Lang) -> list[str]:
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


def _average(total: int, answered: int, lang: Lang) -> str:
    return decimal(lang, total / answered) if answered else "–"


def points_markdown(step: StepView, lang: Lang) -> list[str]:
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
