"""What a running session is and what can be asked of it: its state, contributions, options.

:class:`SessionQueries` holds the session's state as read from its file and answers the
queries; :class:`~kerne_tui.workshop.engine.Workshop` adds the commands that change it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from kerne_tui.plan import Option, Plan, Step, StepKind
from kerne_tui.store import (
    FollowUpRecord,
    LayoutError,
    SessionFile,
    SessionFileError,
    SessionState,
    SessionStatus,
)
from kerne_tui.workshop.carried import carried_options
from kerne_tui.workshop.clock import Clock, SystemClock, iso, parse_iso
from kerne_tui.workshop.durable import InFlight
from kerne_tui.workshop.events import EventBus, Listener
from kerne_tui.workshop.follow_up import agreements
from kerne_tui.workshop.ids import IdSource
from kerne_tui.workshop.index import ContributionIndex
from kerne_tui.workshop.kinds.questions import question_rows
from kerne_tui.workshop.model import Contribution, Pin, Refused
from kerne_tui.workshop.parking import PARKING_STEP_ID
from kerne_tui.workshop.parts import QuestionRow, merge_roots, merge_weights
from kerne_tui.workshop.timer import StepTimer


class SessionQueries:
    """One session's state in memory, rebuilt from its file, and everything read from it."""

    def __init__(self, plan: Plan, store: SessionFile, clock: Clock | None = None) -> None:
        self.plan = plan
        self.store = store
        self.clock: Clock = clock or SystemClock()
        header = store.session_header
        try:
            self.join_code: str = header.require_join_code()
            self._secret = header.secret_key()
        except LayoutError as error:
            raise SessionFileError(store.path, "unreadable", str(error)) from None
        self.rehearsal: bool = header.rehearsal
        self.speed: float = header.speed
        self.follow_up: FollowUpRecord | None = header.follow_up
        """What this session builds on from an earlier one (None for a session of its own)."""
        self._bus = EventBus()
        self._index = ContributionIndex()
        self._inflight = InFlight()
        self._ids = IdSource()
        self._steps = plan.steps
        for number, doc in enumerate(store.contributions(), start=1):
            try:
                self._index.add(Contribution.from_doc(doc))
            except KeyError as error:
                detail = f"contribution {number} is damaged: it has no '{error.args[0]}'"
                raise SessionFileError(store.path, "unreadable", detail) from None
            except (TypeError, ValueError) as error:
                detail = f"contribution {number} is damaged: {error}"
                raise SessionFileError(store.path, "unreadable", detail) from None
        state = store.session_state
        if state.current is not None and not plan.has_step(state.current):
            # Every page a phone asks for would fail on it; say so once, before serving.
            detail = f"the current step '{state.current}' is not in the session's plan"
            raise SessionFileError(store.path, "unreadable", detail)
        self.status: SessionStatus = state.status
        self.current: str | None = state.current
        self.revealed: set[str] = set(state.revealed)
        self.pins: list[Pin] = list(state.pins)
        self.elapsed: dict[str, float] = dict(state.elapsed)
        self.left: dict[str, float] = dict(state.left)
        """The seconds each step had left when the session moved on from it."""
        self.started_at: str | None = state.started_at
        self.ended_at: str | None = state.ended_at
        self._word_edits: dict[str, dict[str, str]] = {
            step: dict(edits) for step, edits in state.word_edits.items()
        }
        self._current_since_mono = self.clock.monotonic()
        if self.current and state.current_since and self.status is SessionStatus.RUNNING:
            gap = (self.clock.now() - parse_iso(state.current_since)).total_seconds()
            self.elapsed[self.current] = self.elapsed.get(self.current, 0.0) + max(0.0, gap)
        self.timer = (
            StepTimer.from_record(self.clock, state.timer)
            if self.current and state.timer is not None
            else StepTimer.fresh(self.clock, 0.0)
        )
        self._closed_announced = self.timer.expired and self.timer.running
        self._carried: dict[str, tuple[int, tuple[Option, ...]]] = {}
        self.refused_for_storage = 0
        """Answers from phones refused because the session file could not be written."""

    # --- events ----------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call *listener* with every event; returns a function that stops it."""
        return self._bus.subscribe(listener)

    # --- reading ---------------------------------------------------------------------
    @property
    def path(self) -> Path:
        """The session file."""
        return self.store.path

    @property
    def step(self) -> Step | None:
        """The open step, if the session has started."""
        return self.plan.step(self.current) if self.current else None

    @property
    def step_index(self) -> int:
        """The position of the open step among all steps (-1 before the start)."""
        return self.plan.index_of(self.current) if self.current else -1

    def device_key(self, token: str) -> str:
        """The keyed hash that stands for a phone; the token itself is never stored."""
        return hmac.new(self._secret, token.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def is_open(self, step_id: str | None = None) -> bool:
        """True while the (open) step takes input: running session, current step, time left."""
        step_id = step_id or self.current
        if self.status is not SessionStatus.RUNNING or step_id is None or step_id != self.current:
            return False
        return not self.timer.expired

    def seconds_left(self) -> float:
        """Seconds left on the open step's countdown."""
        return self.timer.seconds_left() if self.current else 0.0

    def contributions(self, step_id: str, *, include_invisible: bool = False) -> list[Contribution]:
        """The contributions of a step in arrival order (visible ones unless asked)."""
        found = self._index.of_step(step_id)
        return found if include_invisible else [c for c in found if c.visible]

    def all_contributions(self) -> list[Contribution]:
        """Every contribution of the session, in arrival order."""
        return list(self._index)

    def mine(self, token: str, step_id: str | None = None) -> list[Contribution]:
        """A phone's own live contributions to a step (the open one by default)."""
        step_id = step_id or self.current
        if step_id is None:
            return []
        return self._index.own(step_id, self.device_key(token))

    def options(self, step: Step) -> tuple[Option, ...]:
        """The options of a vote, choice or rank step, carried forward where the plan says so.

        A questions step's options are the questions shown so far (what phones may upvote); a
        review step's options are the earlier session's agreements.
        """
        if step.kind is StepKind.QUESTIONS:
            shown = self.contributions(step.id)
            return tuple(Option(id=c.id, label=c.text) for c in shown if not c.upvote)
        if step.kind is StepKind.REVIEW:
            return agreements(step, self.follow_up)
        if step.options_from is None:
            return step.options
        cached = self._carried.get(step.id)
        if cached is not None and cached[0] == self._index.changes:
            return cached[1]
        source = self._index.of_step(step.options_from)
        options = carried_options(source, merge_weights(source))
        self._carried[step.id] = (self._index.changes, options)
        return options

    def option_merges(self, step: Step) -> dict[str, str]:
        """Carried-forward options merged later, mapped to the card they went into."""
        if step.options_from is None:
            return {}
        return merge_roots(self._index.of_step(step.options_from))

    def word_edits(self, step_id: str) -> Mapping[str, str]:
        """The words of a word-cloud step the facilitator hid (to "") or merged into another."""
        return MappingProxyType(self._word_edits.get(step_id, {}))

    def parked(self, *, include_invisible: bool = False) -> list[Contribution]:
        """The parking lot's items and upvotes in arrival order."""
        return self.contributions(PARKING_STEP_ID, include_invisible=include_invisible)

    def parked_options(self) -> tuple[Option, ...]:
        """The parked items phones may upvote."""
        return tuple(Option(id=c.id, label=c.text) for c in self.parked() if not c.upvote)

    def parking_rows(self) -> tuple[QuestionRow, ...]:
        """The parking lot's shown items, most upvotes first, each with its outcome."""
        return self.question_rows(PARKING_STEP_ID)

    def question_rows(self, step_id: str) -> tuple[QuestionRow, ...]:
        """A questions step's (or the parking lot's) shown questions, most upvotes first."""
        every = [c for c in self._index.of_step(step_id) if not c.retracted]
        return question_rows(every, [c for c in every if c.visible])

    def respondents(self, step_id: str) -> int:
        """How many phones have answered a step."""
        return len({c.device for c in self._index.of_step(step_id) if not c.retracted})

    def _root(self, contribution_id: str) -> str:
        """The card a contribution ends up in after following its merges."""
        current = contribution_id
        for _ in range(len(self._index) + 1):
            contribution = self._index.get(current)
            if contribution is None or contribution.merged_into is None:
                return current
            current = contribution.merged_into
        return current

    @property
    def pinned(self) -> Pin | None:
        """The working version of the core-task sentence."""
        return self.pins[-1] if self.pins else None

    def _require_step(self) -> Step:
        step = self.step
        if step is None:
            raise Refused("not_started", "refuse.not_started")
        return step

    def _get(self, contribution_id: str) -> Contribution:
        contribution = self._index.get(contribution_id)
        if contribution is None:
            raise Refused("not_found", "refuse.not_yours")
        return contribution

    def _state(self) -> SessionState:
        return SessionState(
            status=self.status,
            current=self.current,
            current_since=iso(self.clock.now()),
            timer=self.timer.to_record(),
            revealed=frozenset(self.revealed),
            pins=tuple(self.pins),
            elapsed=dict(self.elapsed),
            started_at=self.started_at,
            ended_at=self.ended_at,
            left=dict(self.left),
            word_edits={step: dict(edits) for step, edits in self._word_edits.items() if edits},
        )
