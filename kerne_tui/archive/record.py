"""A session file read for the report and the archive, and its anonymised copy for the zip."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kerne_tui.catalog import Lang
from kerne_tui.plan import Option, Plan, PlanError, Step, plan_from_data
from kerne_tui.store import (
    ARCHIVE_FIELD,
    LayoutError,
    SessionFileError,
    SessionHeader,
    SessionState,
    SessionStatus,
    anonymised_copy,
    decode_documents,
    read_session_data,
)
from kerne_tui.workshop import (
    PARKING_STEP_ID,
    Contribution,
    Pin,
    StepResults,
    agreements,
    merge_roots,
    results_for,
)
from kerne_tui.workshop.kinds.questions import question_rows
from kerne_tui.workshop.parts import QuestionRow

ARCHIVE_NOTE = ARCHIVE_FIELD
"""Header field of an archived copy (``SessionHeader.archive``): when, and the saved tallies."""
REMOVED_FROM_CONTRIBUTIONS = ("device", "client_id")
"""Fields that could tie contributions to a phone; the archive drops them."""
REMOVED_FROM_HEADER = ("secret",)
"""The key of the device hashes; without it nothing can be traced back, so it goes too."""


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts that need the device hashes, kept in an archived copy that no longer has them."""

    respondents: Mapping[str, int]
    people: Mapping[str, Mapping[str, int]]
    phones: int


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """One session as read from its file: header, state, plan snapshot and contributions."""

    path: Path
    session_header: SessionHeader
    session_state: SessionState
    plan: Plan
    contributions: tuple[Contribution, ...]
    log: tuple[Mapping[str, Any], ...]
    saved_tally: Tally | None = None
    """Present in an archived copy, whose contributions carry no device hash."""

    @property
    def lang(self) -> Lang:
        """The session's language: the plan's."""
        return self.plan.language

    @property
    def header(self) -> Mapping[str, Any]:
        """The header as its stored document (prefer :attr:`session_header`'s fields)."""
        return self.session_header.to_doc()

    @property
    def state(self) -> Mapping[str, Any]:
        """The state as its stored document (prefer :attr:`session_state`'s fields)."""
        return self.session_state.to_doc()

    @property
    def join_code(self) -> str:
        """The join code, which names the session together with its creation time."""
        return self.session_header.join_code

    @property
    def created(self) -> str:
        """When the session file was made (UTC, as stored)."""
        return self.session_header.created

    @property
    def status(self) -> SessionStatus:
        """waiting, running or finished, as the state says."""
        return self.session_state.status

    @property
    def rehearsal(self) -> bool:
        """True for a rehearsal (``kerne demo``), not a real workshop."""
        return self.session_header.rehearsal

    @property
    def started_at(self) -> str:
        """When the session started (UTC, as stored), or "" if it never did."""
        return self.session_state.started_at or ""

    @property
    def ended_at(self) -> str:
        """When the session was closed (UTC, as stored), or "" if it was not."""
        return self.session_state.ended_at or ""

    @property
    def kerne_version(self) -> str:
        """The kerne version that made the session file ("" in very old files)."""
        return self.session_header.kerne_version

    @property
    def plan_source(self) -> str:
        """Where the plan was read from when the session was made."""
        return self.session_header.plan_source

    @property
    def pins(self) -> tuple[Pin, ...]:
        """Every version of the core-task sentence, oldest first."""
        return self.session_state.pins

    def elapsed(self, step_id: str) -> float:
        """Seconds the facilitator spent on a step."""
        return self.session_state.elapsed.get(step_id, 0.0)

    def options(self, step: Step) -> tuple[Option, ...]:
        """A step's options as the workshop offered them (carried-forward ones included)."""
        if step.actions_from is not None:  # a review: the earlier session's agreements
            return agreements(step, self.session_header.follow_up)
        if step.options_from is None:
            return step.options
        return tuple(
            Option(id=c.id, label=c.text)
            for c in self.contributions
            if c.step_id == step.options_from and c.visible
        )

    def option_merges(self, step: Step) -> dict[str, str]:
        """Carried-forward options merged later, mapped to the card they went into."""
        if step.options_from is None:
            return {}
        return merge_roots(c for c in self.contributions if c.step_id == step.options_from)

    def results(self, step: Step) -> StepResults:
        """The step's tallies from the workshop's own results code."""
        edits = self.session_state.word_edits.get(step.id)
        results = results_for(
            step,
            self.contributions,
            self.options(step),
            word_edits=edits,
            merged=self.option_merges(step),
        )
        if self.saved_tally is None:
            return results
        people = self.saved_tally.people.get(step.id, {})
        return replace(
            results,
            respondents=self.saved_tally.respondents.get(step.id, 0),
            bars=tuple(replace(bar, people=people.get(bar.option_id, 0)) for bar in results.bars),
        )

    def parking(self) -> tuple[QuestionRow, ...]:
        """The parking lot's shown items, most upvotes first, with how each one ended."""
        every = [c for c in self.contributions if c.step_id == PARKING_STEP_ID and not c.retracted]
        return question_rows(every, [c for c in every if c.visible])

    @property
    def phones(self) -> int:
        """How many phones sent at least one contribution that was not taken back."""
        if self.saved_tally is not None:
            return self.saved_tally.phones
        return len({c.device for c in self.contributions if not c.retracted})


def read_record(path: Path) -> SessionRecord:
    """Read a session file without locking or writing it; raises SessionFileError."""
    return record_from_data(path, read_session_data(path))


def record_from_data(path: Path, data: Mapping[str, Mapping[str, Any]]) -> SessionRecord:
    """Build the record from a session file's parsed data."""
    documents = decode_documents(path, data)
    header = documents.header
    try:
        plan = plan_from_data(header.require_plan(), header.plan_source or str(path))
    except LayoutError as error:
        raise SessionFileError(path, "not_ours", str(error)) from None
    except PlanError as error:
        raise SessionFileError(path, "not_ours", str(error)) from None
    try:
        contributions = tuple(Contribution.from_doc(doc) for doc in documents.contributions)
    except (KeyError, ValueError, TypeError) as error:
        raise SessionFileError(path, "not_ours", f"contribution: {error}") from None
    try:
        saved_tally = _saved_tally(header.archive)
    except (AttributeError, ValueError, TypeError) as error:
        raise SessionFileError(path, "unreadable", f"archive note: {error}") from None
    return SessionRecord(
        path=path,
        session_header=header,
        session_state=documents.state,
        plan=plan,
        contributions=contributions,
        log=documents.log,
        saved_tally=saved_tally,
    )


def _saved_tally(note: object) -> Tally | None:
    """The tallies an archived copy carries, or None for an ordinary session file."""
    if not isinstance(note, Mapping):
        return None
    respondents = note.get("respondents", {})
    people = note.get("people", {})
    return Tally(
        respondents={str(k): int(v) for k, v in dict(respondents).items()},
        people={str(s): {str(k): int(v) for k, v in dict(p).items()} for s, p in people.items()},
        phones=int(note.get("phones", 0)),
    )


def tally_of(record: SessionRecord) -> Tally:
    """The device-based counts of every step, to keep in the anonymised copy."""
    respondents: dict[str, int] = {}
    people: dict[str, dict[str, int]] = {}
    for step in record.plan.steps:
        if not step.kind.takes_input:
            continue
        results = record.results(step)
        respondents[step.id] = results.respondents
        if results.bars:
            people[step.id] = {bar.option_id: bar.people for bar in results.bars}
    return Tally(respondents=respondents, people=people, phones=record.phones)


def anonymised_data(
    data: Mapping[str, Mapping[str, Any]], tally: Tally, archived_at: str
) -> dict[str, dict[str, Any]]:
    """A copy of the session data with no device hash, client id or secret: still TinyDB JSON.

    The tallies that needed the device hashes (people per step and per option) are kept as
    plain numbers in the header, so a report made later from the copy says the same.
    """
    note = {
        "archived_at": archived_at,
        "removed": [*REMOVED_FROM_HEADER, *REMOVED_FROM_CONTRIBUTIONS],
        "respondents": dict(tally.respondents),
        "people": {step: dict(counts) for step, counts in tally.people.items()},
        "phones": tally.phones,
    }
    return anonymised_copy(
        data,
        note=note,
        header_removed=REMOVED_FROM_HEADER,
        contribution_removed=REMOVED_FROM_CONTRIBUTIONS,
    )


def step_numbers(plan: Plan) -> dict[str, str]:
    """``"2.3"`` for the third step of the second module: how the report refers to steps."""
    return {
        step.id: f"{m}.{s}"
        for m, module in enumerate(plan.modules, start=1)
        for s, step in enumerate(module.steps, start=1)
    }
