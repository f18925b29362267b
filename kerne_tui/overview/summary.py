"""What the overview keeps of one archived session: only what the workplace decided to share.

A :class:`SessionSummary` is made from the archive's own report content and then the record is
dropped, so the overview holds a few numbers and sentences per archive, never a session file.
Pinned sentences, agreements, review statuses, parked items and open questions are kept; the
counts of scales, votes and choices only where the step's own threshold (``min_answers`` of the
archived plan) was reached. Free-text answers, comments and hidden or retracted texts never are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kerne_tui.archive.content import ReportContent, StepReport
from kerne_tui.catalog import Lang
from kerne_tui.plan import StepKind
from kerne_tui.store import CONTRIBUTIONS, SESSION, FollowUpRecord
from kerne_tui.workshop import PARKING_STEP_ID
from kerne_tui.workshop.parts import REVIEW_STATUSES

Counts = tuple[int, ...]
BAR_KINDS = (StepKind.VOTE, StepKind.CHOICE, StepKind.RANK)
"""Kinds whose counts go up when the options are the plan's own (not carried-forward texts)."""


def shared_only(data: Mapping[str, Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Session data with only the contributions the overview may use, before it is decoded.

    Kept: scales, agreements and reviews, votes, choices and rankings over the plan's own
    options, the parking lot, and the steps that collect open questions
    (``open_questions = true``). Every other text a participant wrote is dropped here, so it
    is never even read into the overview (and reading takes half the time).
    """
    steps = _recorded_steps(data)
    contributions = data.get(CONTRIBUTIONS, {})
    kept = {
        key: doc
        for key, doc in contributions.items()
        if not isinstance(doc, Mapping) or _shared(doc, steps.get(str(doc.get("step_id"))))
    }
    return {**data, CONTRIBUTIONS: kept}


def _shared(doc: Mapping[str, Any], step: Mapping[str, Any] | None) -> bool:
    kind = doc.get("kind")
    if doc.get("step_id") == PARKING_STEP_ID or kind in ALWAYS_READ:
        return True
    if step is None:
        return False
    if kind in BAR_VALUES:
        return not step.get("options_from")
    return step.get("open_questions") is True


ALWAYS_READ = frozenset(kind.value for kind in (StepKind.SCALE, StepKind.ACTIONS, StepKind.REVIEW))
BAR_VALUES = frozenset(kind.value for kind in BAR_KINDS)


def _recorded_steps(data: Mapping[str, Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The recorded plan's steps by id, as the plan table has them (empty if it has none)."""
    header = next(iter(data.get(SESSION, {}).values()), None)
    plan = header.get("plan") if isinstance(header, Mapping) else None
    modules = plan.get("modules") if isinstance(plan, Mapping) else None
    if not isinstance(modules, list):
        return {}
    return {
        str(step.get("id")): step
        for module in modules
        if isinstance(module, Mapping) and isinstance(module.get("steps"), list)
        for step in module["steps"]
        if isinstance(step, Mapping)
    }


@dataclass(frozen=True, slots=True)
class Figures:
    """One counted step of one session: a scale's statements or a vote's options.

    ``counts`` is None when fewer than ``min_answers`` people answered: then nothing of the
    answers is shown anywhere in the overview, only how many answered and the threshold.
    """

    key: str
    """The day's step id this step is compared as (a follow-up's ``compare_with``)."""
    step_id: str
    title: str
    kind: StepKind
    labels: tuple[str, ...]
    """The statements of a scale, the options of a vote or choice."""
    counts: tuple[Counts, ...] | None
    """A scale: per statement, how many answered 1-5. A vote or choice: one row of totals."""
    respondents: int
    min_answers: int

    @property
    def shown(self) -> bool:
        """True when the step's own threshold was reached and its counts may be shown."""
        return self.counts is not None

    def mean(self, index: int) -> float | None:
        """A scale statement's mean, or None when withheld or unanswered."""
        if self.counts is None:
            return None
        row = self.counts[index]
        total = sum(row)
        return sum((i + 1) * n for i, n in enumerate(row)) / total if total else None


@dataclass(frozen=True, slots=True)
class Agreement:
    """An agreement the day ended with (what, who, by when)."""

    step_id: str
    id: str
    what: str
    who: str
    when: str


@dataclass(frozen=True, slots=True)
class Review:
    """How a follow-up's phones judged one earlier agreement (counts per status, or withheld)."""

    actions_step: str
    agreement_id: str
    what: str
    counts: tuple[int, int, int, int] | None
    respondents: int
    min_answers: int

    @property
    def status(self) -> str:
        """The status most phones gave ("" when withheld or nobody answered); ties go to the
        earlier one in ``REVIEW_STATUSES`` (done before under way)."""
        if not self.counts or not any(self.counts):
            return ""
        best = max(range(len(REVIEW_STATUSES)), key=lambda i: (self.counts or ())[i])
        return REVIEW_STATUSES[best]


@dataclass(frozen=True, slots=True)
class Parked:
    """A parking-lot item and how it ended ("" while open)."""

    text: str
    outcome: str
    owner: str
    votes: int


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One archive, as far as the overview may show it."""

    sha256: str
    file_name: str
    lang: Lang
    title: str
    workplace: str
    overall_task: str
    day: date | None
    phones: int
    sentence: str
    versions: int
    figures: tuple[Figures, ...]
    agreements: tuple[Agreement, ...]
    reviews: tuple[Review, ...]
    parked: tuple[Parked, ...]
    open_questions: tuple[str, ...]
    earlier_sha256: str = ""
    """A follow-up: the SHA-256 of the archive it was started from ("" for a day)."""
    earlier_name: str = ""
    earlier_sentence: str = ""
    """A follow-up: the day's last pinned sentence as it copied it."""

    @property
    def is_follow_up(self) -> bool:
        """True for a follow-up session."""
        return bool(self.earlier_sha256)


def summarise(
    content: ReportContent,
    sha256: str,
    file_name: str,
    workplace: str,
    overall_task: str,
    follow_up: FollowUpRecord | None,
) -> SessionSummary:
    """The shareable part of one archived session's report content."""
    pinned = content.working_version
    figures = tuple(f for s in content.steps if (f := _figures(s)) is not None)
    reviews = tuple(r for s in content.steps for r in _reviews(s))
    return SessionSummary(
        sha256=sha256,
        file_name=file_name,
        lang=content.lang,
        title=content.title,
        workplace=workplace,
        overall_task=overall_task,
        day=content.day.date() if content.day else None,
        phones=content.phones,
        sentence=pinned.text if pinned else "",
        versions=len(content.pins),
        figures=figures,
        agreements=tuple(
            Agreement(item.step.step.id, item.row.id, item.row.what, item.row.who, item.row.when)
            for item in content.actions
        ),
        reviews=reviews,
        parked=tuple(
            Parked(row.text, row.outcome, row.owner, row.votes) for row in content.parking
        ),
        open_questions=tuple(q.text for q in content.open_questions),
        earlier_sha256=follow_up.source_sha256 if follow_up else "",
        earlier_name=follow_up.source_name if follow_up else "",
        earlier_sentence=(follow_up.pinned.text if follow_up and follow_up.pinned else ""),
    )


def _figures(report: StepReport) -> Figures | None:
    step, results = report.step, report.results
    shown = results.enough and results.count > 0
    if step.kind is StepKind.SCALE:
        labels = tuple(row.statement for row in results.scales)
        counts: tuple[Counts, ...] | None = tuple(row.counts for row in results.scales)
    elif step.kind in BAR_KINDS and step.options_from is None:
        labels = tuple(bar.label for bar in results.bars)
        counts = (tuple(bar.value for bar in results.bars),)
    else:
        return None
    return Figures(
        key=step.compare_with or step.id,
        step_id=step.id,
        title=step.title,
        kind=step.kind,
        labels=labels,
        counts=counts if shown else None,
        respondents=results.respondents,
        min_answers=step.min_answers,
    )


def _reviews(report: StepReport) -> list[Review]:
    step, results = report.step, report.results
    if step.kind is not StepKind.REVIEW or step.actions_from is None:
        return []
    shown = results.enough and results.count > 0
    return [
        Review(
            actions_step=step.actions_from,
            agreement_id=row.id,
            what=row.what,
            counts=row.counts if shown else None,
            respondents=results.respondents,
            min_answers=step.min_answers,
        )
        for row in results.reviews
    ]
