"""What the agenda says, line by line: the summary, a step's row, the selected one's detail."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from kerne_tui.catalog import Lang, t
from kerne_tui.editor.state import EditorSession
from kerne_tui.plan import StepKind


def minutes_text(minutes: float) -> str:
    """Minutes as the agenda writes them: 5, 1.5."""
    return f"{minutes:g}"


def kind_name(lang: Lang, kind: object) -> str:
    """A step kind's name in *lang* (the raw value for an unknown one)."""
    if isinstance(kind, str) and kind in {k.value for k in StepKind}:
        return t(lang, f"kind.{kind}")
    return str(kind)


def summary_lines(session: EditorSession) -> tuple[Text, Text, bool]:
    """The top line, the day's length and end, and whether the day runs past its set end."""
    lang = session.lang
    data = session.document.data()
    top = Text(t(lang, "editor.top", name=session.name, title=data.get("title", "")), style="bold")
    line = session.timeline
    total = minutes_text(line.total)
    if line.start is None:
        summary = Text(t(lang, "editor.sum.no_start", minutes=total))
    else:
        summary = Text(
            t(lang, "editor.sum.start", start=line.clock(0), minutes=total, end=line.end)
        )
    late = line.over > 0
    if late:
        summary.append(
            "  " + t(lang, "editor.sum.late", end=line.end, over=line.over, limit=data.get("end")),
            style="bold",
        )
    elif line.limit is not None and line.start is not None:
        summary.append("  " + t(lang, "editor.sum.fits", limit=data.get("end")))
    return top, summary, late


def step_row(session: EditorSession, module: int, step: int, table: Any) -> Table:
    """One step on the agenda: clock, minutes, kind, title; a mark where it has problems."""
    line = session.timeline
    offset = line.offsets.get((module, step), 0.0)
    clock = line.clock(offset) or f"+{minutes_text(offset)}"
    minutes = table.get("minutes")
    shown = minutes_text(float(minutes)) if isinstance(minutes, int | float) else "?"
    broken = bool(session.checked.at(module, step))
    row = Table(box=None, show_header=False, expand=True, pad_edge=False, padding=(0, 1))
    row.add_column(width=1, style="bold red")
    row.add_column(width=6, justify="right", style="dim")
    row.add_column(width=8, justify="right")
    row.add_column(width=15, no_wrap=True, overflow="ellipsis", style="italic")
    row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    row.add_row(
        "!" if broken else "",
        clock,
        f"{shown} min",
        kind_name(session.lang, table.get("kind")),
        str(table.get("title", "")),
    )
    return row


def detail_text(session: EditorSession, place: tuple[int, int | None]) -> Text:
    """The selected module or step in a few lines, with its problems in the loader's words."""
    lang = session.lang
    module, step = place
    modules = session.document.modules()
    if not modules:
        return Text()
    text = Text()
    if step is None:
        table = modules[module]
        text.append(str(table.get("title", "")) + "\n", style="bold")
        text.append(str(table.get("focus", "")) + "\n")
        length = session.timeline.module_minutes[module]
        text.append(t(lang, "editor.detail.minutes_only", minutes=minutes_text(length)) + "\n")
    else:
        table = session.document.step(module, step)
        text.append(str(table.get("title", "")) + "\n", style="bold")
        text.append(
            t(lang, "editor.detail.kind", kind=kind_name(session.lang, table.get("kind"))) + "\n"
        )
        minutes = table.get("minutes")
        clock = session.timeline.clock(session.timeline.offsets.get((module, step), 0.0))
        shown = minutes_text(float(minutes)) if isinstance(minutes, int | float) else "?"
        key = "editor.detail.minutes" if clock else "editor.detail.minutes_only"
        text.append(t(lang, key, minutes=shown, clock=clock) + "\n\n")
        text.append(str(table.get("prompt", "")) + "\n")
    problems = session.checked.at(module, step)
    if problems:
        text.append("\n" + t(lang, "editor.detail.problems") + "\n", style="bold red")
        for problem in problems:
            text.append(problem.message(lang) + "\n", style="red")
    return text
