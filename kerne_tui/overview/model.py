"""Many archives put together: workplaces (a day and its follow-ups) and totals across them.

A follow-up finds its day by the SHA-256 of the archive it was started from, which the
follow-up's own session recorded (``FollowUpRecord.source_sha256``), never by file name. A
follow-up whose day is not among the inputs stands alone, with a note. A total across
workplaces adds only the counts each session shows, and says how many it left out, so no figure
can be found by subtracting one table from another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from kerne_tui.catalog import Lang
from kerne_tui.overview.reading import Excluded
from kerne_tui.overview.summary import Figures, Review, SessionSummary
from kerne_tui.plan import StepKind


@dataclass(frozen=True, slots=True)
class ScaleLine:
    """One statement of a compared scale in one workplace: its figures session by session."""

    key: str
    title: str
    index: int
    statement: str
    sessions: tuple[Figures | None, ...]
    """The step in each of the workplace's sessions (None where the session has no such step)."""

    def mean(self, at: int) -> float | None:
        """The mean in session *at*, or None where not shown."""
        figures = self.sessions[at]
        return figures.mean(self.index) if figures is not None else None

    def change(self, at: int) -> float | None:
        """The change of the mean from the first session to session *at*, when both show."""
        first, later = self.mean(0), self.mean(at)
        return later - first if first is not None and later is not None and at else None


@dataclass(frozen=True, slots=True)
class AgreementLine:
    """An agreement of the day with its latest review (None before any follow-up judged it)."""

    what: str
    who: str
    when: str
    review: Review | None
    reviewed_in: int
    """The session (index in the workplace) of that review; 0 when none."""


@dataclass(frozen=True, slots=True)
class Workplace:
    """A day and its follow-ups, or a follow-up whose day was not given."""

    sessions: tuple[SessionSummary, ...]
    alone: bool = False
    """The first session is a follow-up whose day is not among the inputs."""

    @property
    def first(self) -> SessionSummary:
        """The day (or the lone follow-up)."""
        return self.sessions[0]

    @property
    def name(self) -> str:
        """The plan's workplace, else the title and date of the first session."""
        named = next((s.workplace for s in reversed(self.sessions) if s.workplace), "")
        if named:
            return named
        day = self.first.day.isoformat() if self.first.day else ""
        return f"{self.first.title} {day}".strip()

    @property
    def overall_task(self) -> str:
        """The overall formulation the latest plan gives ("" if none)."""
        return next((s.overall_task for s in reversed(self.sessions) if s.overall_task), "")

    @property
    def pinned(self) -> SessionSummary | None:
        """The latest session with a pinned sentence."""
        return next((s for s in reversed(self.sessions) if s.sentence), None)

    def scale_lines(self) -> list[ScaleLine]:
        """Every scale statement, compared across the workplace's sessions by day step."""
        keys: dict[str, Figures] = {}
        for session in self.sessions:
            for figures in session.figures:
                if figures.kind is StepKind.SCALE:
                    keys.setdefault(figures.key, figures)
        lines = []
        for key, shape in keys.items():
            per_session = tuple(_find(s.figures, key, shape.labels) for s in self.sessions)
            lines += [
                ScaleLine(key, shape.title, i, statement, per_session)
                for i, statement in enumerate(shape.labels)
            ]
        return lines

    def agreement_lines(self) -> list[AgreementLine]:
        """The agreements of the first session, each with the latest review that judged it."""
        lines = []
        for agreement in self.first.agreements:
            latest: Review | None = None
            at = 0
            for index, session in enumerate(self.sessions):
                for review in session.reviews:
                    if (review.actions_step, review.agreement_id) == (
                        agreement.step_id,
                        agreement.id,
                    ):
                        latest, at = review, index
            lines.append(AgreementLine(agreement.what, agreement.who, agreement.when, latest, at))
        return lines


def _find(figures: Iterable[Figures], key: str, labels: tuple[str, ...]) -> Figures | None:
    """The step compared as *key* with the same statements, if the session has it."""
    return next((f for f in figures if f.key == key and f.labels == labels), None)


@dataclass(frozen=True, slots=True)
class Total:
    """One statement's answers added over the sessions that show them, at one session number."""

    key: str
    title: str
    statement: str
    round: int
    """0 for the day, 1 for the first follow-up, and on."""
    counts: tuple[int, ...]
    included: int
    left_out: int
    """Sessions with this step whose answers were too few to show: not in ``counts``."""

    @property
    def mean(self) -> float | None:
        """The mean of the added answers, or None when nothing was added."""
        total = sum(self.counts)
        return sum((i + 1) * n for i, n in enumerate(self.counts)) / total if total else None


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything the three files show."""

    lang: Lang
    generated: datetime
    workplaces: tuple[Workplace, ...]
    excluded: tuple[Excluded, ...]
    totals: tuple[Total, ...]

    @property
    def overall_tasks(self) -> tuple[str, ...]:
        """The overall formulations the plans give, each once."""
        return tuple(dict.fromkeys(w.overall_task for w in self.workplaces if w.overall_task))

    @property
    def sessions(self) -> int:
        """Archives included."""
        return sum(len(w.sessions) for w in self.workplaces)


def group(summaries: Iterable[SessionSummary]) -> tuple[Workplace, ...]:
    """Workplaces: each day with the follow-ups that name its archive's SHA-256 (at any depth)."""
    by_sha = {s.sha256: s for s in summaries}
    children: dict[str, list[SessionSummary]] = {}
    roots = []
    for summary in by_sha.values():
        if summary.earlier_sha256 in by_sha and summary.earlier_sha256 != summary.sha256:
            children.setdefault(summary.earlier_sha256, []).append(summary)
        else:
            roots.append(summary)
    workplaces = []
    for root in roots:
        tree: list[tuple[int, SessionSummary]] = []
        todo = [(0, root)]
        while todo:
            depth, node = todo.pop()
            tree.append((depth, node))
            todo += [(depth + 1, child) for child in children.get(node.sha256, [])]
        tree.sort(key=lambda pair: (pair[0], pair[1].day or date.min, pair[1].sha256))
        workplaces.append(
            Workplace(sessions=tuple(node for _, node in tree), alone=root.is_follow_up)
        )
    return tuple(sorted(workplaces, key=lambda w: (w.name.casefold(), w.first.sha256)))


def totals(workplaces: Iterable[Workplace]) -> tuple[Total, ...]:
    """Each scale statement added over the workplaces, per session number, shown answers only."""
    found: dict[tuple[str, str, str, int], list[int]] = {}
    counts: dict[tuple[str, str, str, int], list[int]] = {}
    for workplace in workplaces:
        start = 1 if workplace.alone else 0
        for line in workplace.scale_lines():
            for at, figures in enumerate(line.sessions):
                if figures is None or not figures.respondents:
                    continue  # a step nobody answered is neither added nor left out
                key = (line.key, line.title, line.statement, start + at)
                tally = found.setdefault(key, [0, 0])
                row = figures.counts[line.index] if figures.counts is not None else None
                if row is None:
                    tally[1] += 1
                    continue
                tally[0] += 1
                added = counts.setdefault(key, [0] * len(row))
                for i, n in enumerate(row):
                    added[i] += n
    return tuple(
        Total(
            key=key[0],
            title=key[1],
            statement=key[2],
            round=key[3],
            counts=tuple(counts.get(key, [0, 0, 0, 0, 0])),
            included=tally[0],
            left_out=tally[1],
        )
        for key, tally in sorted(found.items(), key=lambda item: (item[0][0], item[0][3]))
    )
