"""The report as one self-contained HTML page: inline CSS and SVG charts, printable on A4."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from kerne_tui.archive.content import ReportContent, StepReport
from kerne_tui.archive.kinds import REPORT_KINDS
from kerne_tui.archive.wording import (
    clock,
    count,
    decimal,
    difference,
    long_date,
    minutes,
    signed,
)
from kerne_tui.catalog import Lang, counted, t
from kerne_tui.workshop.parts import REVIEW_STATUSES
from kerne_tui.workshop.results import ScaleRow

TEMPLATES = Path(__file__).resolve().parent / "templates"
HISTOGRAM_HEIGHT = 44.0
"""Height in SVG units of the tallest bar of a scale's distribution."""


@dataclass(frozen=True, slots=True)
class Column:
    """One bar of a scale's distribution, placed in the SVG's own units."""

    value: int
    count: int
    x: float
    y: float
    height: float


def histogram(row: ScaleRow) -> tuple[Column, ...]:
    """The five bars of a statement's distribution, scaled to the largest count."""
    tallest = max(row.counts) or 1
    columns = []
    for index, n in enumerate(row.counts):
        height = HISTOGRAM_HEIGHT * n / tallest
        columns.append(
            Column(value=index + 1, count=n, x=6 + index * 40, y=58 - height, height=height)
        )
    return tuple(columns)


def bar_width(value: int, step: StepReport) -> float:
    """A bar's length in percent of the step's longest bar (a choice's bars are its shares)."""
    return round(100 * value / step.bar_scale, 2)


def partial(step: StepReport) -> str:
    """The template that draws *step*'s results (``REPORT_KINDS``)."""
    return REPORT_KINDS[step.step.kind].html


def share(value: int, step: StepReport) -> int:
    """What part of the step's respondents chose an option, in whole percent."""
    respondents = step.results.respondents
    return round(100 * value / respondents) if respondents else 0


def css_string(text: str) -> str:
    """*text* as a quoted CSS string that cannot end the string or the style element."""
    escaped = "".join(
        f"\\{ord(char):x} " if char in '\\"<>&\n\r' or ord(char) < 32 else char for char in text
    )
    return f'"{escaped}"'


@cache
def _environment() -> jinja2.Environment:
    """The template environment, made once: autoescaping on, unknown names are errors."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        clock=clock,
        histogram=histogram,
        bar_width=bar_width,
        share=share,
        partial=partial,
        review_statuses=REVIEW_STATUSES,
    )
    return environment


def render_html(content: ReportContent) -> str:
    """The whole report page in the plan's language."""
    lang: Lang = content.lang

    def tr(key: str, **values: object) -> str:
        """Catalog text in the report language."""
        return t(lang, key, **values)

    stylesheet = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    stylesheet = stylesheet.replace("/*TITLE*/", css_string(content.title))
    template = _environment().get_template("report.html")
    return template.render(
        c=content,
        lang=lang,
        tr=tr,
        count=lambda key, n: count(lang, key, n),
        counted=lambda key, n, field="n": counted(lang, key, n, field=field),
        minutes=lambda seconds: minutes(lang, seconds),
        difference=lambda planned, actual: difference(lang, planned, actual),
        decimal=lambda value: decimal(lang, value),
        signed=lambda value: signed(lang, value),
        long_date=lambda moment: long_date(lang, moment) if moment else "",
        kind=lambda step: t(lang, f"kind.{step.kind.value}"),
        css=Markup(stylesheet),
    )
