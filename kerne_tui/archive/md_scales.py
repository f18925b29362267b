"""The Markdown sections of placements: scales (also against an earlier session), the matrix."""

from __future__ import annotations

from kerne_tui.archive.markdown_text import cell, table
from kerne_tui.archive.step_view import StepView
from kerne_tui.archive.wording import decimal, signed
from kerne_tui.catalog import Lang, t
from kerne_tui.workshop.kinds.matrix import axes
from kerne_tui.workshop.results import ScaleRow


def scale_markdown(step: StepView, lang: Lang) -> list[str]:
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


def _spread(mean: float, spread: float, lang: Lang) -> str:
    return t(lang, "archive.matrix.mean_spread", mean=decimal(lang, mean), sd=decimal(lang, spread))


def matrix_markdown(step: StepView, lang: Lang) -> list[str]:
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
