"""The rules of a running session: facilitator and participant commands, timers, events.

What the session is made of lives beside it: its state and queries (:mod:`.queries`), how a
command writes and undoes (:mod:`.writes`), moderation of contributions, questions and word
clouds (:mod:`.moderation`), the contribution index (:mod:`.index`), the event bus
(:mod:`.events`), ids (:mod:`.ids`), join codes (:mod:`.join_codes`), each step kind's checks
(:mod:`.kinds`), and the session file's layout in the store.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from kerne_tui.plan import Plan, Step, StepKind
from kerne_tui.store import (
    CONTRIBUTIONS,
    FollowUpRecord,
    Insert,
    SessionFileError,
    StoreWriteError,
    Update,
)
from kerne_tui.workshop.clock import Clock, SystemClock, iso
from kerne_tui.workshop.events import Listener
from kerne_tui.workshop.follow_up import require_earlier
from kerne_tui.workshop.join_codes import JOIN_ALPHABET, new_join_code, normalise_join_code
from kerne_tui.workshop.kinds import spec_for
from kerne_tui.workshop.model import (
    Contribution,
    ContributionReceived,
    ContributionRetracted,
    Pin,
    Refused,
    ResultsRevealed,
    SentencePinned,
    SessionClosed,
    StepClosed,
    StepOpened,
    TimerChanged,
)
from kerne_tui.workshop.moderation import Moderation
from kerne_tui.workshop.opening import create_session_file, reopen_session_file
from kerne_tui.workshop.parking import PARKING_STEP, PARKING_STEP_ID
from kerne_tui.workshop.sanitize import clean_text
from kerne_tui.workshop.timer import StepTimer
from kerne_tui.workshop.writes import FINISHED, RUNNING, WAITING, WALL

__all__ = ["JOIN_ALPHABET", "Listener", "Workshop", "new_join_code", "normalise_join_code"]


class Workshop(Moderation):
    """One session of a plan: the only place where its state changes.

    Its bases hold the rest: :class:`~.queries.SessionQueries` the state and its queries,
    :class:`~.writes.SessionWrites` the writing, :class:`~.moderation.Moderation` moderation.
    """

    # --- creating and resuming -------------------------------------------------------
    @classmethod
    def create(
        cls,
        plan: Plan,
        data_dir: Path,
        *,
        clock: Clock | None = None,
        rehearsal: bool = False,
        join_code: str | None = None,
        speed: float = 1.0,
        follow_up: FollowUpRecord | None = None,
    ) -> Workshop:
        """Start a new session file for *plan* in *data_dir*.

        A plan that builds on an earlier session needs *follow_up*, what was copied from it
        (:func:`kerne_tui.archive.read_earlier`); without it :class:`FollowUpError` says so
        and nothing is written.
        """
        require_earlier(plan, follow_up)
        clock = clock or SystemClock()
        store = create_session_file(
            plan,
            data_dir,
            clock,
            rehearsal=rehearsal,
            join_code=join_code,
            speed=speed,
            follow_up=follow_up,
        )
        return cls(plan, store, clock)

    @classmethod
    def resume(cls, path: Path, *, clock: Clock | None = None) -> Workshop:
        """Continue the session in *path* with its join code, step and remaining time."""
        plan, store = reopen_session_file(path)
        try:
            return cls(plan, store, clock)
        except SessionFileError:
            store.release()
            raise
        except (KeyError, TypeError, ValueError) as error:
            store.release()
            raise SessionFileError(path, "unreadable", repr(error)) from None

    async def open(self) -> None:
        """Start writing; must run on the event loop that serves the session."""
        await self.store.start()

    async def shutdown(self) -> None:
        """Write what is pending and release the session file."""
        await self.store.close()

    # --- facilitator commands ----------------------------------------------------------
    async def start(
        self, step_id: str | None = None, *, run_timer: bool = True, surface: str = WALL
    ) -> None:
        """Begin the session at *step_id* (default the first step).

        Every facilitator command takes *surface*: where it was given (``wall``, ``console``
        or ``remote``), which the session file's log keeps beside the action, never a device.
        """
        if self.status is FINISHED:
            raise Refused("closed", "refuse.closed_session")
        if self.status is RUNNING and self.current and step_id in (None, self.current):
            return
        async with self._undone_if_unsaved("start"):
            if self.started_at is None:
                self.started_at = iso(self.clock.now())
            self.status = RUNNING
            target = step_id or self._steps[0].id
            await self._open(target, run_timer=run_timer, action="start", surface=surface)

    async def next_step(self, *, surface: str = WALL) -> bool:
        """Move to the next step (before the start: the first); False at the last one."""
        if self.status is WAITING:
            await self.start(surface=surface)
            return True
        index = self.step_index
        if index + 1 >= len(self._steps):
            return False
        await self._open(self._steps[index + 1].id, run_timer=True, action="next", surface=surface)
        return True

    async def previous_step(self, *, surface: str = WALL) -> bool:
        """Move back one step; False at the first one and before the start."""
        index = self.step_index
        if index <= 0 or self.status is WAITING:
            return False
        target = self._steps[index - 1].id
        await self._open(target, run_timer=True, action="previous", surface=surface)
        return True

    async def go_to(self, step_id: str, *, run_timer: bool = True, surface: str = WALL) -> None:
        """Move to any step (after a break, or to skip ahead)."""
        self.plan.step(step_id)
        if self.status is not RUNNING:
            await self.start(step_id, run_timer=run_timer, surface=surface)
        else:
            await self._open(step_id, run_timer=run_timer, action="go_to", surface=surface)

    async def _open(self, step_id: str, *, run_timer: bool, action: str, surface: str) -> None:
        if self.status is FINISHED:
            raise Refused("closed", "refuse.closed_session")
        step = self.plan.step(step_id)
        async with self._undone_if_unsaved(action):
            self._account_elapsed()
            if self.current is not None:
                # The step keeps what it had left, so that coming back to it continues there.
                self.left[self.current] = self.timer.seconds_left()
            self.current = step_id
            self._current_since_mono = self.clock.monotonic()
            self.timer = StepTimer.fresh(self.clock, step.seconds / self.speed)
            if step_id in self.left:
                self.timer.remaining_at_mark = self.left[step_id]
            if run_timer:
                self.timer.start()
            self._closed_announced = False
            await self._persist(action, step=step_id, surface=surface)
        self._bus.publish(StepOpened(step_id, self.step_index))
        self._bus.publish(TimerChanged(step_id, self.timer.running, self.timer.seconds_left()))

    async def toggle_timer(self, *, surface: str = WALL) -> bool:
        """Pause a running countdown or start a paused one; returns True if now running."""
        self._require_step()
        action = "pause" if self.timer.running else "resume"
        async with self._undone_if_unsaved(action):
            if self.timer.running:
                self.timer.pause()
            else:
                self.timer.start()
            await self._timer_changed(action, surface=surface)
        return self.timer.running

    async def extend(self, seconds: float = 60.0, *, surface: str = WALL) -> None:
        """Give the open step more time (also after it reached zero, which reopens input)."""
        self._require_step()
        async with self._undone_if_unsaved("extend"):
            self.timer.extend(seconds)
            self._closed_announced = False
            await self._timer_changed("extend", seconds=seconds, surface=surface)

    async def _timer_changed(self, action: str, **details: Any) -> None:
        assert self.current is not None
        await self._persist(action, step=self.current, **details)
        self._bus.publish(TimerChanged(self.current, self.timer.running, self.timer.seconds_left()))

    def tick(self) -> None:
        """Called about once a second: announces the moment a countdown reaches zero."""
        if (
            self.current
            and self.status is RUNNING
            and self.timer.running
            and self.timer.expired
            and not self._closed_announced
        ):
            self._closed_announced = True
            self._bus.publish(StepClosed(self.current))

    async def keep_time(self, interval: float = 0.25) -> None:
        """Run :meth:`tick` forever; the host starts this as a task beside the server."""
        while True:
            self.tick()
            await asyncio.sleep(interval)

    async def toggle_reveal(self, step_id: str | None = None, *, surface: str = WALL) -> bool:
        """Show or hide a step's answers on the screen; returns True if now shown."""
        step_id = step_id or self._require_step().id
        if not self.plan.has_step(step_id):
            raise Refused("not_found", "refuse.unknown_step")
        revealed = step_id not in self.revealed
        action = "reveal" if revealed else "conceal"
        async with self._undone_if_unsaved(action):
            if revealed:
                self.revealed.add(step_id)
            else:
                self.revealed.discard(step_id)
            await self._persist(action, step=step_id, surface=surface)
        self._bus.publish(ResultsRevealed(step_id, revealed))
        return revealed

    async def pin(self, text: str, source: str | None = None, *, surface: str = WALL) -> Pin:
        """Make *text* the working version of the core-task sentence (earlier ones are kept)."""
        cleaned = clean_text(text, multiline=False)
        if not cleaned:
            raise Refused("invalid", "refuse.empty")
        pin = Pin(text=cleaned, at=iso(self.clock.now()), source=source)
        async with self._undone_if_unsaved("pin"):
            self.pins.append(pin)
            await self._persist("pin", text=cleaned, source=source, surface=surface)
        self._bus.publish(SentencePinned(cleaned))
        return pin

    async def close(self, *, surface: str = WALL) -> None:
        """End the session: input stops and the session file says it is finished."""
        if self.status is FINISHED:
            return
        async with self._undone_if_unsaved("close"):
            self._account_elapsed()
            self.timer.pause()
            self.status = FINISHED
            self.ended_at = iso(self.clock.now())
            await self._persist("close", surface=surface)
        self._bus.publish(SessionClosed())

    async def save_state(self) -> None:
        """Write the timer and elapsed time as they are now (before quitting)."""
        if self.current is not None:
            await self._persist("save")

    # --- participant commands ----------------------------------------------------------
    async def submit(
        self, token: str, step_id: str, client_id: str, payload: Mapping[str, Any]
    ) -> Contribution:
        """Take a phone's contribution; returns once it is on disk.

        The same *client_id* from the same phone returns the first contribution again, so a
        double tap or a retry never makes two. The step kind's spec checks the payload and
        the phone's caps (:mod:`kerne_tui.workshop.kinds`).
        """
        device = self.device_key(token)
        client_id = str(client_id)[:64]
        retried = await self._retried(device, step_id, client_id)
        if retried is not None:
            return retried
        return await self._take(device, self._check_open(step_id), client_id, payload)

    async def park(self, token: str, client_id: str, payload: Mapping[str, Any]) -> Contribution:
        """Take a question for the parking lot, or an upvote of a parked one (any step)."""
        if not self.plan.parking_lot:
            raise Refused("not_found", "refuse.no_parking")
        device = self.device_key(token)
        client_id = str(client_id)[:64]
        retried = await self._retried(device, PARKING_STEP_ID, client_id)
        if retried is not None:
            return retried
        if self.status is FINISHED:
            raise Refused("closed", "refuse.closed_session")
        if self.status is not RUNNING:
            raise Refused("closed", "refuse.not_started")
        return await self._take(device, PARKING_STEP, client_id, payload)

    async def _retried(self, device: str, step_id: str, client_id: str) -> Contribution | None:
        """The contribution a phone sent before under *client_id*, once it is on disk."""
        existing = self._index.by_client(device, step_id, client_id) if client_id else None
        if existing is None or existing not in self._index:
            return None
        try:
            await self._inflight.wait(existing)
        except Refused:
            self.refused_for_storage += 1
            raise
        return self._get(existing)

    async def _take(
        self, device: str, step: Step, client_id: str, payload: Mapping[str, Any]
    ) -> Contribution:
        spec = spec_for(step.kind)
        options = self.parked_options() if step is PARKING_STEP else self.options(step)
        fields = spec.check(step, payload, options)
        spec.check_caps(step, self._index.own(step.id, device), fields)
        contribution = Contribution(
            id=self._ids.new(self._index),
            step_id=step.id,
            kind=step.kind,
            device=device,
            client_id=client_id,
            at=iso(self.clock.now()),
            **fields,
        )
        self._index.add(contribution)
        self._inflight.begin(contribution.id)
        # The store settles the contribution itself, whatever happens to this request: a phone
        # that disconnects cancels its request, yet its contribution must still be announced
        # (or forgotten if it was not written). So the wait below needs no shield.
        durable = self.store.enqueue(
            [Insert(CONTRIBUTIONS, contribution.to_doc())],
            on_written=lambda error: self._settle(contribution, error),
        )
        try:
            await durable
        except StoreWriteError:
            self.refused_for_storage += 1
            raise Refused("storage", "refuse.storage") from None
        return contribution

    def _settle(self, contribution: Contribution, error: BaseException | None) -> None:
        """Announce a contribution once it is on disk, or forget it if the write failed."""
        self._inflight.settle(contribution.id, error)
        if error is not None:
            self._index.remove(contribution)
            return
        self._bus.publish(ContributionReceived(contribution.step_id, contribution.id))

    async def retract(self, token: str, contribution_id: str) -> None:
        """Take back one's own contribution while its step is open."""
        device = self.device_key(token)
        contribution = self._index.get(contribution_id)
        if contribution is None or contribution.device != device or contribution.retracted:
            raise Refused("not_found", "refuse.not_yours")
        parked = contribution.step_id == PARKING_STEP_ID
        if not (self.status is RUNNING if parked else self.is_open(contribution.step_id)):
            raise Refused("closed", "refuse.retract_closed")
        self._index.replace(replace(contribution, retracted=True))
        self._index.release_client(contribution)
        try:
            await self.store.commit([Update(contribution.id, {"retracted": True})])
        except StoreWriteError:
            self._index.replace(contribution)
            self._index.claim_client(contribution)
            self.refused_for_storage += 1
            raise Refused("storage", "refuse.storage") from None
        self._bus.publish(ContributionRetracted(contribution.step_id, contribution.id))

    def _check_open(self, step_id: str) -> Step:
        if self.status is FINISHED:
            raise Refused("closed", "refuse.closed_session")
        if self.status is not RUNNING or self.current is None:
            raise Refused("closed", "refuse.not_started")
        if not self.plan.has_step(step_id):
            raise Refused("not_found", "refuse.unknown_step")
        step = self.plan.step(step_id)
        if step.id != self.current:
            raise Refused("closed", "refuse.not_current_step")
        if not step.kind.takes_input:
            raise Refused("wrong_kind", "refuse.no_input")
        if not self.is_open(step.id):
            # What the phone was about to send is a text where the kind is written, else an answer.
            written = step.kind.is_textual or step.kind is StepKind.ACTIONS
            raise Refused(
                "closed", "refuse.step_closed" if written else "refuse.step_closed_answer"
            )
        return step
