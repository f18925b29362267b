"""``oversigt.html``: one self-contained page (inline CSS and SVG), printable on A4."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

import jinja2

from kerne_tui.archive.wording import decimal, long_date, signed
from kerne_tui.catalog import Lang, t
from kerne_tui.overview.model import Overview, ScaleLine, Workplace

TEMPLATES = Path(__file__).resolve().parent / "templates"
CHART_WIDTH = 240.0
CHART_HEIGHT = 80.0


@dataclass(frozen=True, slots=True)
class Trend:
    """One scale step's means session by session, as SVG polylines (one per statement)."""

    title: str
    lines: tuple[str, ...]
    labels: tuple[tuple[float, str], ...]
    """The x of each session and its name."""


def round_name(lang: Lang, number: int) -> str:
    """ "Dagen", "Opfølgning 1", …"""
    return t(lang, "overview.round.0") if number == 0 else t(lang, "overview.round.n", n=number)


def trends(lang: Lang, workplace: Workplace) -> list[Trend]:
    """A small chart per compared scale, where the workplace has several sessions."""
    count = len(workplace.sessions)
    if count < 2:
        return []
    start = 1 if workplace.alone else 0
    step = (CHART_WIDTH - 40) / (count - 1)
    xs = [20 + i * step for i in range(count)]
    by_key: dict[str, list[ScaleLine]] = {}
    for line in workplace.scale_lines():
        by_key.setdefault(line.key, []).append(line)
    found = []
    for lines in by_key.values():
        drawn = []
        for line in lines:
            points = [
                f"{xs[i]:.1f},{CHART_HEIGHT - 10 - (mean - 1) / 4 * (CHART_HEIGHT - 20):.1f}"
                for i in range(count)
                if (mean := line.mean(i)) is not None
            ]
            if len(points) >= 2:
                drawn.append(" ".join(points))
        if drawn:
            labels = tuple((x, round_name(lang, start + i)) for i, x in enumerate(xs))
            found.append(Trend(lines[0].title, tuple(drawn), labels))
    return found


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_html(overview: Overview) -> str:
    """The whole page."""
    lang = overview.lang

    def tr(key: str, **values: object) -> str:
        return t(lang, key, **values)

    def number(value: float | None) -> str:
        return "" if value is None else decimal(lang, value)

    def change(value: float | None) -> str:
        return "" if value is None else signed(lang, value)

    def spread(counts: tuple[int, ...] | None) -> str:
        return " · ".join(str(n) for n in counts) if counts is not None else ""

    template = _environment().get_template("overview.html")
    return template.render(
        o=overview,
        lang=lang,
        tr=tr,
        number=number,
        change=change,
        spread=spread,
        round_name=lambda n: round_name(lang, n),
        trends=lambda w: trends(lang, w),
        day=lambda d: _long_day(lang, d),
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
    )


def _long_day(lang: Lang, day: date | None) -> str:
    return long_date(lang, datetime(day.year, day.month, day.day)) if day else ""
