"""The agenda: every module and step with planned and actual minutes, and how the day is going."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from kerne_tui.catalog import Lang, t
from kerne_tui.plan import Plan
from kerne_tui.store import SessionStatus
from kerne_tui.tui.keys import KeyedScreen
from kerne_tui.workshop import Workshop, parse_iso
from kerne_tui.workshop.clock import day_start

REDRAW_SECONDS = 5.0
"""How often an open agenda recomputes the projected end."""


@dataclass(frozen=True, slots=True)
class DayProgress:
    """Planned against projected end of the day; *behind* is in minutes (negative: ahead)."""

    planned_start: datetime
    planned_end: datetime
    projected_end: datetime

    @property
    def behind(self) -> float:
        """Minutes the projected end lies after the planned end."""
        return (self.projected_end - self.planned_end).total_seconds() / 60


def planned_start(plan: Plan, started_at: datetime | None, now: datetime) -> datetime:
    """The day's planned start: the plan's ``start`` on the day of the session, else its start
    (or its real start, when it began far from the plan's; ``workshop.clock.day_start``)."""
    return day_start(plan.start, started_at, now)


def day_progress(
    plan: Plan,
    *,
    status: str,
    current_index: int,
    seconds_left: float,
    now: datetime,
    started_at: datetime | None,
    ended_at: datetime | None,
    speed: float = 1.0,
    left: Mapping[str, float] | None = None,
) -> DayProgress:
    """Where the day will end if every remaining step takes its planned time.

    A later step the session already visited takes what it had *left* when it was left.
    """
    start = planned_start(plan, started_at, now)
    steps = plan.steps
    total = sum(step.seconds for step in steps) / speed
    planned_end = start + timedelta(seconds=total)
    local_now = now.astimezone()
    if status == SessionStatus.FINISHED and ended_at is not None:
        projected = ended_at.astimezone()
    elif status != SessionStatus.RUNNING or current_index < 0:
        projected = max(local_now, start) + timedelta(seconds=total)
    else:
        left = left or {}
        later = sum(left.get(step.id, step.seconds / speed) for step in steps[current_index + 1 :])
        projected = local_now + timedelta(seconds=seconds_left + later)
    return DayProgress(start, planned_end, projected)


def progress_of(workshop: Workshop) -> DayProgress:
    """The day's progress for a running workshop, read from its clock."""
    return day_progress(
        workshop.plan,
        status=workshop.status,
        current_index=workshop.step_index,
        seconds_left=workshop.seconds_left(),
        now=workshop.clock.now(),
        started_at=parse_iso(workshop.started_at) if workshop.started_at else None,
        ended_at=parse_iso(workshop.ended_at) if workshop.ended_at else None,
        speed=workshop.speed,
        left=workshop.left,
    )


def verdict(progress: DayProgress, lang: Lang) -> str:
    """Ahead, behind or on time, in words."""
    minutes = round(progress.behind)
    if minutes > 0:
        return t(lang, "tui.agenda.behind", n=minutes)
    if minutes < 0:
        return t(lang, "tui.agenda.ahead", n=-minutes)
    return t(lang, "tui.agenda.on_time")


def _minutes(value: float) -> str:
    """Whole minutes with their unit; under a minute says so."""
    return f"{value:.0f} min" if value >= 1 or value == 0 else "<1 min"


def agenda_table(workshop: Workshop, lang: Lang) -> tuple[Table, int]:
    """The plan as a table, and the line on which the open step stands (for scrolling)."""
    plan = workshop.plan
    current = workshop.step_index
    finished = workshop.status == SessionStatus.FINISHED
    progress = progress_of(workshop)
    moment = progress.planned_start
    table = Table(box=box.SIMPLE_HEAVY, expand=True, show_edge=False, pad_edge=False)
    table.add_column("", width=6, no_wrap=True)
    table.add_column(t(lang, "tui.agenda.time"), width=5, no_wrap=True)
    table.add_column(t(lang, "tui.agenda.step"), ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(t(lang, "tui.agenda.kind"), width=14, no_wrap=True, overflow="ellipsis")
    table.add_column(t(lang, "tui.agenda.planned"), width=9, justify="right", no_wrap=True)
    table.add_column(t(lang, "tui.agenda.actual"), width=9, justify="right", no_wrap=True)
    index = 0
    line = 2  # the header and its rule
    current_line = 0
    for number, module in enumerate(plan.modules, start=1):
        table.add_row(
            "",
            "",
            Text(t(lang, "tui.agenda.module", n=number, title=module.title), style="bold"),
            "",
            Text(_minutes(module.minutes / workshop.speed), style="bold"),
            "",
        )
        line += 1
        for step in module.steps:
            if index == current:
                mark, style = t(lang, "tui.agenda.now"), "reverse bold"
                current_line = line
            elif 0 <= index < current or (finished and index <= current):
                mark, style = "✓", ""
            else:
                mark, style = "", ""
            spent = workshop.elapsed.get(step.id)
            actual = _minutes(spent / 60) if spent is not None and index != current else ""
            table.add_row(
                mark,
                moment.strftime("%H:%M"),
                Text("  " + step.title),
                t(lang, f"kind.{step.kind.value}"),
                _minutes(step.minutes / workshop.speed),
                actual,
                style=style or None,
            )
            moment += timedelta(seconds=step.seconds / workshop.speed)
            index += 1
            line += 1
    return table, current_line


def summary_text(workshop: Workshop, lang: Lang) -> Text:
    """Planned end, projected end, and ahead or behind, in one line."""
    progress = progress_of(workshop)
    text = Text()
    text.append(
        t(
            lang,
            "tui.agenda.summary",
            planned=progress.planned_end.strftime("%H:%M"),
            projected=progress.projected_end.strftime("%H:%M"),
        )
    )
    text.append("  ·  ")
    text.append(verdict(progress, lang), style="bold")
    return text


class AgendaScreen(KeyedScreen):
    """The whole day at a glance; a or escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "app.pop_screen", "tui.key.back"),
        Binding("escape", "app.pop_screen", "tui.key.back", show=False),
    ]

    def __init__(self, workshop: Workshop, lang: Lang) -> None:
        super().__init__(lang)
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        yield Static(Text(self.workshop.plan.title, style="bold"), id="agenda-title")
        yield Static(id="agenda-summary")
        with VerticalScroll(id="agenda-scroll", can_focus=False):
            yield Static(id="agenda-table")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show_session()
        # The projected end moves with the clock even when nothing happens.
        self.set_interval(REDRAW_SECONDS, self.show_session)

    def show_session(self) -> None:
        """Draw the agenda as the session stands now."""
        table, current_line = agenda_table(self.workshop, self.lang)
        self.query_one("#agenda-summary", Static).update(summary_text(self.workshop, self.lang))
        self.query_one("#agenda-table", Static).update(table)
        scroll = self.query_one("#agenda-scroll", VerticalScroll)
        self.call_after_refresh(
            scroll.scroll_to, y=max(0, current_line - scroll.size.height // 2), animate=False
        )
