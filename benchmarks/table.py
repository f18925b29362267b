"""Figures and the table they are printed in: kerne beside the naive server and the ceiling."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

SERVERS = ("kerne", "naive", "ceiling")


@dataclass(frozen=True)
class Figure:
    """One measured value; *at_least* when the run was cut off and the truth is larger."""

    value: float
    at_least: bool = False


@dataclass
class Row:
    """One metric, measured on each server where it applies."""

    scenario: str
    metric: str
    unit: str
    figures: dict[str, Figure | None] = field(default_factory=dict)
    lower_is_better: bool = True
    target: float | None = None
    note: str = ""
    compare: bool = True
    """False for figures that describe rather than rank (CPU use): no ratios."""

    def met(self) -> bool | None:
        """Whether kerne's figure meets the target (None where there is no target or figure)."""
        figure = self.figures.get("kerne")
        if self.target is None or figure is None or math.isnan(figure.value):
            return None
        if self.lower_is_better:
            return figure.value <= self.target and not figure.at_least
        return figure.value >= self.target

    def ratio(self, other: str) -> str:
        """How many times better kerne is than *other* (">1x" means better)."""
        mine, theirs = self.figures.get("kerne"), self.figures.get(other)
        if not self.compare or mine is None or theirs is None or mine.at_least:
            return "-"
        if mine.value <= 0 or theirs.value <= 0:
            return "-"
        times = theirs.value / mine.value if self.lower_is_better else mine.value / theirs.value
        bound = ">" if theirs.at_least and self.lower_is_better else ""
        return f"{bound}{times:.2f}x" if times < 10 else f"{bound}{times:.0f}x"


def show(figure: Figure | None, unit: str) -> str:
    """A figure with its unit, as people read it."""
    if figure is None:
        return "-"
    value = figure.value
    if math.isnan(value):
        return "n/a"
    prefix = ">" if figure.at_least else ""
    if unit == "ms":
        text = f"{value * 1000:.1f} ms" if value < 0.01 else f"{value * 1000:.0f} ms"
    elif unit == "s":
        text = f"{value:.2f} s"
    elif unit == "/s":
        text = f"{value:,.0f}/s"
    elif unit == "kB":
        text = f"{value:,.0f} kB" if value >= 10 else f"{value:.1f} kB"
    elif unit == "MiB":
        text = f"{value:.0f} MiB"
    else:
        text = f"{value:g}{unit}"
    return prefix + text


def render(rows: list[Row]) -> str:
    """The whole table as monospaced text (Markdown-compatible)."""
    header = [
        "scenario",
        "metric",
        "kerne",
        "naive",
        "ceiling",
        "kerne vs naive",
        "kerne vs ceiling",
        "target",
        "met",
        "note",
    ]
    lines = [header]
    for row in rows:
        met = row.met()
        target = ""
        if row.target is not None:
            target = ("<= " if row.lower_is_better else ">= ") + show(Figure(row.target), row.unit)
        lines.append(
            [
                row.scenario,
                row.metric,
                *(show(row.figures.get(name), row.unit) for name in SERVERS),
                row.ratio("naive"),
                row.ratio("ceiling"),
                target,
                "" if met is None else ("yes" if met else "NO"),
                row.note,
            ]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for number, line in enumerate(lines):
        out.append(
            "| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |"
        )
        if number == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)
