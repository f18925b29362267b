"""The overview as rows: the long CSV and the typed sheets of the workbook share them.

Column names are fixed identifiers in English whatever the language, so a data warehouse can
load every file the same way (``docs/overview-format.md``). A step whose answers were too few
has its row with ``shown`` 0 and no count; nothing of its answers is anywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from kerne_tui.overview.model import Overview, Workplace
from kerne_tui.overview.summary import SessionSummary
from kerne_tui.plan import StepKind
from kerne_tui.workshop.parts import REVIEW_STATUSES

Cell = str | int | float | date | bool | None

CSV_COLUMNS = (
    "workplace",
    "session",
    "session_kind",
    "date",
    "archive",
    "archive_sha256",
    "step_id",
    "step_title",
    "step_kind",
    "item",
    "value",
    "count",
    "respondents",
    "min_answers",
    "shown",
)


def session_kind(workplace: Workplace, index: int) -> str:
    """``day`` or ``follow_up``."""
    return "follow_up" if workplace.sessions[index].is_follow_up else "day"


def session_number(workplace: Workplace, index: int) -> int:
    """0 for the day, 1 for the first follow-up, and on (a lone follow-up starts at 1)."""
    return index + (1 if workplace.alone else 0)


def long_rows(overview: Overview) -> Iterator[tuple[Cell, ...]]:
    """One row per workplace, session, step, item and value with its count."""
    for workplace in overview.workplaces:
        for index, session in enumerate(workplace.sessions):
            head = (
                workplace.name,
                session_number(workplace, index),
                session_kind(workplace, index),
                session.day,
                session.file_name,
                session.sha256,
            )
            for row in _session_rows(session):
                yield head + row


def _session_rows(session: SessionSummary) -> Iterator[tuple[Cell, ...]]:
    for f in session.figures:
        step = (f.step_id, f.title, f.kind.value)
        tail = (f.respondents, f.min_answers)
        if f.counts is None:
            for label in f.labels:
                yield (*step, label, None, None, *tail, 0)
            continue
        if f.kind is StepKind.SCALE:
            for label, counts in zip(f.labels, f.counts, strict=True):
                for value, n in enumerate(counts, start=1):
                    yield (*step, label, value, n, *tail, 1)
        else:
            for label, n in zip(f.labels, f.counts[0], strict=True):
                yield (*step, label, None, n, *tail, 1)
    for review in session.reviews:
        step = (review.actions_step, review.what, StepKind.REVIEW.value)
        tail = (review.respondents, review.min_answers)
        if review.counts is None:
            yield (*step, review.what, None, None, *tail, 0)
            continue
        for status, n in zip(REVIEW_STATUSES, review.counts, strict=True):
            yield (*step, review.what, status, n, *tail, 1)


SHEETS: dict[str, tuple[str, ...]] = {
    "workplaces": (
        "workplace",
        "session",
        "session_kind",
        "date",
        "plan",
        "participants",
        "archive",
        "archive_sha256",
        "follows_archive_sha256",
        "alone",
    ),
    "sentences": ("workplace", "overall_task", "sentence", "versions", "session", "date"),
    "scales": (
        "workplace",
        "session",
        "date",
        "step_id",
        "step_title",
        "statement",
        "respondents",
        "min_answers",
        "shown",
        "n1",
        "n2",
        "n3",
        "n4",
        "n5",
        "mean",
        "change_from_day",
    ),
    "agreements": (
        "workplace",
        "what",
        "who",
        "when",
        "latest_status",
        "reviewed_in_session",
        *(f"n_{status}" for status in REVIEW_STATUSES),
    ),
    "totals": (
        "step_id",
        "step_title",
        "statement",
        "session",
        "sessions_included",
        "sessions_left_out",
        "n1",
        "n2",
        "n3",
        "n4",
        "n5",
        "mean",
    ),
    "not_included": ("file", "reason"),
}


def sheet_rows(overview: Overview) -> dict[str, list[tuple[Cell, ...]]]:
    """Each sheet's rows (without the header)."""
    rows: dict[str, list[tuple[Cell, ...]]] = {name: [] for name in SHEETS}
    for w in overview.workplaces:
        for i, s in enumerate(w.sessions):
            rows["workplaces"].append(
                (
                    w.name,
                    session_number(w, i),
                    session_kind(w, i),
                    s.day,
                    s.title,
                    s.phones,
                    s.file_name,
                    s.sha256,
                    s.earlier_sha256 or None,
                    w.alone,
                )
            )
        pinned = w.pinned
        if pinned is not None:
            at = w.sessions.index(pinned)
            rows["sentences"].append(
                (
                    w.name,
                    w.overall_task,
                    pinned.sentence,
                    pinned.versions,
                    session_number(w, at),
                    pinned.day,
                )
            )
        for line in w.scale_lines():
            for i, f in enumerate(line.sessions):
                if f is None:
                    continue
                counts: tuple[int | None, ...] = (
                    f.counts[line.index] if f.counts is not None else (None,) * 5
                )
                rows["scales"].append(
                    (
                        w.name,
                        session_number(w, i),
                        w.sessions[i].day,
                        f.step_id,
                        f.title,
                        line.statement,
                        f.respondents,
                        f.min_answers,
                        f.shown,
                        *counts,
                        line.mean(i),
                        line.change(i),
                    )
                )
        for a in w.agreement_lines():
            review = a.review
            statuses: tuple[int | None, ...] = (None,) * len(REVIEW_STATUSES)
            if review is not None and review.counts is not None:
                statuses = review.counts
            rows["agreements"].append(
                (
                    w.name,
                    a.what,
                    a.who,
                    a.when,
                    (review.status or None) if review is not None else None,
                    session_number(w, a.reviewed_in) if review is not None else None,
                    *statuses,
                )
            )
    for total in overview.totals:
        rows["totals"].append(
            (
                total.key,
                total.title,
                total.statement,
                total.round,
                total.included,
                total.left_out,
                *(total.counts if total.included else (None,) * len(total.counts)),
                total.mean,
            )
        )
    for excluded in overview.excluded:
        rows["not_included"].append((excluded.path.name, excluded.reason(overview.lang)))
    return rows
