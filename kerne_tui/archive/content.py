"""What a report says, worked out once from a session record for every format to render."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from kerne_tui import __version__
from kerne_tui.archive.kinds import REPORT_KINDS
from kerne_tui.archive.record import SessionRecord, step_numbers
from kerne_tui.archive.wording import local_time, whole_minutes
from kerne_tui.catalog import Lang, t
from kerne_tui.plan import Module, Option, Step
from kerne_tui.store import FollowUpRecord
from kerne_tui.workshop import ComparedRow, Pin, StepResults, compared
from kerne_tui.workshop.kinds import spec_for
from kerne_tui.workshop.parts import QuestionRow
from kerne_tui.workshop.results import ActionRow, Card


@dataclass(frozen=True, slots=True)
class StepReport:
    """One step as the report shows it."""

    step: Step
    number: str
    results: StepResults
    options: tuple[Option, ...]
    received: int
    """Contributions that were not taken back, hidden and merged ones included."""
    merged: int
    retracted: int
    actual_seconds: float
    planned_minutes: int = 0
    """The planned length in whole minutes, as the report shows it (see ``whole_minutes``)."""
    actual_minutes: int = 0
    """The time spent in whole minutes; a module's steps add up to the module's minutes."""
    compared: tuple[ComparedRow, ...] = ()
    """A compared scale in a follow-up: each statement's earlier and new distribution."""

    @property
    def planned_seconds(self) -> float:
        """The step's planned length."""
        return float(self.step.seconds)

    @property
    def withheld(self) -> bool:
        """True when a summed result is held back because too few people answered.

        A compared scale is never held back whole: each side shows, or says it has too few.
        """
        return (
            spec_for(self.step.kind).summed
            and self.results.count > 0
            and not self.results.enough
            and not self.compared
        )

    @property
    def unanswered(self) -> bool:
        """True for an input step nobody answered (a compared scale still shows the day)."""
        return self.step.kind.takes_input and self.results.count == 0 and not self.compared

    @property
    def cards(self) -> tuple[Card, ...]:
        """Texts with the most merged duplicates first, then in the order they arrived."""
        return tuple(sorted(self.results.cards, key=lambda card: (-card.weight, card.at)))

    @property
    def bar_scale(self) -> int:
        """The largest bar value, which the charts draw at full width (at least 1)."""
        return max((bar.value for bar in self.results.bars), default=0) or 1


@dataclass(frozen=True, slots=True)
class ModuleReport:
    """A module with its steps and its planned and actual time."""

    number: int
    module: Module
    steps: tuple[StepReport, ...]
    planned_minutes: int = 0
    actual_minutes: int = 0
    """Whole minutes; the modules add up to the session's minutes in the time table."""

    @property
    def planned_seconds(self) -> float:
        """The module's planned length."""
        return sum(step.planned_seconds for step in self.steps)

    @property
    def actual_seconds(self) -> float:
        """The time the facilitator spent in the module's steps."""
        return sum(step.actual_seconds for step in self.steps)


@dataclass(frozen=True, slots=True)
class ActionItem:
    """An action item with the step it was written in."""

    step: StepReport
    row: ActionRow


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """What was left unsettled, with where it stands: a step's number and title."""

    where: str
    text: str


@dataclass(frozen=True, slots=True)
class PinVersion:
    """A version of the core-task sentence with its local time."""

    text: str
    at: datetime | None


@dataclass(frozen=True, slots=True)
class ReportContent:
    """Everything a report shows, in the reader's time zone and the plan's language."""

    lang: Lang
    title: str
    description: str
    join_code: str
    status: str
    rehearsal: bool
    created: datetime | None
    started: datetime | None
    ended: datetime | None
    generated: datetime
    kerne_version: str
    modules: tuple[ModuleReport, ...]
    pins: tuple[PinVersion, ...]
    actions: tuple[ActionItem, ...]
    phones: int
    open_questions: tuple[OpenQuestion, ...] = ()
    asks_open_questions: bool = False
    """True when a step of the plan collects objections (the report then has the section)."""
    parking_lot: bool = False
    """The plan had the parking lot open all day."""
    parking: tuple[QuestionRow, ...] = ()
    """Its items, most upvotes first, each with its end state."""
    planned_minutes: int = 0
    actual_minutes: int = 0
    """The session's length in whole minutes (its seconds rounded)."""
    follow_up: FollowUpRecord | None = None
    """In a follow-up: what it copied from the earlier session."""
    earlier_created: datetime | None = None
    """When the earlier session was made, in the reader's time zone."""
    workplace: str = ""
    """The workplace the day was held for, as the plan names it ("" when it does not)."""

    @property
    def day(self) -> datetime | None:
        """The day the workshop was held (or the file made, if it never started)."""
        return self.started or self.created

    @property
    def steps(self) -> tuple[StepReport, ...]:
        """Every step, in plan order."""
        return tuple(step for module in self.modules for step in module.steps)

    @property
    def input_steps(self) -> tuple[StepReport, ...]:
        """The steps where phones could answer."""
        return tuple(s for s in self.steps if s.step.kind.takes_input)

    @property
    def received(self) -> int:
        """Contributions kept, over the whole session."""
        return sum(step.received for step in self.steps)

    @property
    def hidden(self) -> int:
        """Contributions the facilitator hid, left out of the report."""
        return sum(step.results.hidden for step in self.steps)

    @property
    def retracted(self) -> int:
        """Contributions their senders took back, left out of the report."""
        return sum(step.retracted for step in self.steps)

    @property
    def merged(self) -> int:
        """Duplicates folded into another contribution."""
        return sum(step.merged for step in self.steps)

    @property
    def planned_seconds(self) -> float:
        """The plan's whole length."""
        return sum(module.planned_seconds for module in self.modules)

    @property
    def actual_seconds(self) -> float:
        """The time spent in all steps."""
        return sum(module.actual_seconds for module in self.modules)

    @property
    def working_version(self) -> PinVersion | None:
        """The last pinned sentence: the working version of the core task."""
        return self.pins[-1] if self.pins else None


def build_content(
    record: SessionRecord, *, generated: datetime, zone: tzinfo | None = None
) -> ReportContent:
    """Work out the report of *record* as of *generated*, with times shown in *zone*."""
    numbers = step_numbers(record.plan)
    plain = [
        [_step_report(record, step, numbers[step.id]) for step in module.steps]
        for module in record.plan.modules
    ]
    planned_total, planned = _in_minutes([[s.planned_seconds for s in ss] for ss in plain])
    actual_total, actual = _in_minutes([[s.actual_seconds for s in ss] for ss in plain])
    modules = []
    for m, (module, reports) in enumerate(zip(record.plan.modules, plain, strict=True), start=1):
        steps = tuple(
            replace(report, planned_minutes=p, actual_minutes=a)
            for report, p, a in zip(reports, planned[m - 1], actual[m - 1], strict=True)
        )
        modules.append(
            ModuleReport(
                number=m,
                module=module,
                steps=steps,
                planned_minutes=sum(planned[m - 1]),
                actual_minutes=sum(actual[m - 1]),
            )
        )
    actions = tuple(
        ActionItem(step=step, row=row)
        for module in modules
        for step in module.steps
        if REPORT_KINDS[step.step.kind].action_items
        for row in step.results.actions
    )
    open_questions = tuple(
        OpenQuestion(where=f"{step.number} {step.step.title}", text=text)
        for module in modules
        for step in module.steps
        for text in REPORT_KINDS[step.step.kind].open_items(step)
    ) + parked_open_items(record)
    asks = (
        bool(open_questions)
        or record.plan.parking_lot
        or any(step.open_questions for step in record.plan.steps)
    )
    return ReportContent(
        lang=record.lang,
        title=record.plan.title,
        description=record.plan.description,
        workplace=record.plan.workplace,
        join_code=record.join_code,
        status=record.status,
        rehearsal=record.rehearsal,
        created=local_time(record.created, zone),
        # The typed fields, not ``record.state``/``record.header``: those copy the whole
        # document (the plan included) each time, a fifth of an overview's reading.
        started=local_time(record.started_at, zone),
        ended=local_time(record.ended_at, zone),
        generated=generated.astimezone(zone),
        kerne_version=record.kerne_version or __version__,
        modules=tuple(modules),
        pins=pin_times(record.pins, zone),
        actions=actions,
        phones=record.phones,
        open_questions=open_questions,
        asks_open_questions=asks,
        parking_lot=record.plan.parking_lot,
        parking=record.parking(),
        planned_minutes=planned_total,
        actual_minutes=actual_total,
        follow_up=record.session_header.follow_up,
        earlier_created=local_time(record.session_header.follow_up.created, zone)
        if record.session_header.follow_up
        else None,
    )


def parked_open_items(record: SessionRecord) -> tuple[OpenQuestion, ...]:
    """The parking lot's items that got no outcome (answered, an owner, dropped) by the end.

    They stand among the open questions with the parking lot's name as ``where``; a plan
    without the parking lot has none.
    """
    if not record.plan.parking_lot:
        return ()
    where = t(record.lang, "archive.parking.heading")
    return tuple(
        OpenQuestion(where=where, text=row.text) for row in record.parking() if not row.outcome
    )


def _in_minutes(seconds: list[list[float]]) -> tuple[int, list[list[int]]]:
    """The session's whole minutes and each step's, so steps add up to modules and modules to it.

    The total is the whole time rounded; it is shared among the modules, and each module's share
    among its steps (``whole_minutes``).
    """
    total = round(sum(map(sum, seconds)) / 60)
    per_module = whole_minutes([sum(steps) for steps in seconds], total)
    return total, [
        whole_minutes(steps, share) for steps, share in zip(seconds, per_module, strict=True)
    ]


def _step_report(record: SessionRecord, step: Step, number: str) -> StepReport:
    """One step with its results, counts and times."""
    own = [c for c in record.contributions if c.step_id == step.id]
    results = record.results(step)
    return StepReport(
        step=step,
        number=number,
        results=results,
        compared=compared(results, record.session_header.follow_up),
        options=record.options(step),
        received=sum(1 for c in own if not c.retracted),
        merged=sum(1 for c in own if c.merged_into and not c.retracted and not c.hidden),
        retracted=sum(1 for c in own if c.retracted),
        actual_seconds=record.elapsed(step.id),
    )


def pin_times(pins: tuple[Pin, ...], zone: tzinfo | None) -> tuple[PinVersion, ...]:
    """Pins with their times in *zone*."""
    return tuple(PinVersion(pin.text, local_time(pin.at, zone)) for pin in pins)
