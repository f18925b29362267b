"""The rules of a running session: facilitator and participant commands, timers, events."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import secrets
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from kerne_tui import __version__
from kerne_tui.plan import Option, Plan, PlanError, Step, StepKind, plan_from_data
from kerne_tui.store import (
    CONTRIBUTIONS,
    LOG,
    STATE,
    Insert,
    Put,
    SessionFile,
    SessionFileError,
    StoreWriteError,
    Update,
)
from kerne_tui.workshop import rollback
from kerne_tui.workshop.carried import carried_options
from kerne_tui.workshop.clock import Clock, SystemClock, iso, parse_iso
from kerne_tui.workshop.model import (
    Contribution,
    ContributionModerated,
    ContributionReceived,
    ContributionRetracted,
    Event,
    Pin,
    Refused,
    ResultsRevealed,
    SentencePinned,
    SessionClosed,
    StepClosed,
    StepOpened,
    TimerChanged,
)
from kerne_tui.workshop.results import merge_weights
from kerne_tui.workshop.sanitize import clean_text
from kerne_tui.workshop.timer import StepTimer

log = logging.getLogger(__name__)

JOIN_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
"""Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B)."""
JOIN_CODE_LENGTH = 5
ACTION_FIELD_LIMIT = 120
Listener = Callable[[Event], None]


def new_join_code() -> str:
    """A short random join code."""
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(text: str) -> str:
    """The code as typed on a phone, made comparable (case and spaces ignored)."""
    return "".join(text.split()).upper()


def session_file_name(plan: Plan, code: str, moment: datetime) -> str:
    """``2026-11-23-kerneopgaven-ABCDE.json``: sorts by date, says what and which."""
    stem = Path(plan.source).stem.replace(".", "-") if plan.source else "plan"
    return f"{moment.strftime('%Y-%m-%d')}-{stem}-{code}.json"


def _free_path(folder: Path, name: str) -> Path:
    """*name* in *folder*, numbered before the join code if a session already has it."""
    path = folder / name
    stem, _, code = path.stem.rpartition("-")
    for number in range(2, 1000):
        if not path.exists():
            return path
        path = folder / f"{stem}-{number}-{code}{path.suffix}"
    raise FileExistsError(path)


def _client_key(contribution: Contribution) -> tuple[str, str, str]:
    """What makes a retried submit the same one: phone, step and the phone's own id."""
    return (contribution.device, contribution.step_id, contribution.client_id)


class _IdSource:
    """Contribution ids: 12 random hex digits, unpredictable, unique within the session.

    The random bytes are fetched from the system 256 ids at a time: one ``os.urandom`` per
    submit (``secrets.token_hex``) cost 5 % of a submit's time on the event loop (benchmarks/).
    """

    BYTES = 6
    PER_FETCH = 256

    def __init__(self) -> None:
        self._pool = b""
        self._at = 0

    def new(self, taken: Mapping[str, object]) -> str:
        """A fresh id that is not among *taken*."""
        while True:
            if self._at >= len(self._pool):
                self._pool = secrets.token_bytes(self.BYTES * self.PER_FETCH)
                self._at = 0
            candidate = self._pool[self._at : self._at + self.BYTES].hex()
            self._at += self.BYTES
            if candidate not in taken:
                return candidate


class Workshop:
    """One session of a plan: the only place where its state changes."""

    def __init__(self, plan: Plan, store: SessionFile, clock: Clock | None = None) -> None:
        self.plan = plan
        self.store = store
        self.clock: Clock = clock or SystemClock()
        header = store.header
        self.join_code: str = str(header["join_code"])
        self.rehearsal: bool = bool(header.get("rehearsal", False))
        self.speed: float = float(header.get("speed", 1.0)) or 1.0
        self._secret = bytes.fromhex(str(header["secret"]))
        self._listeners: list[Listener] = []
        self._contributions: dict[str, Contribution] = {}
        self._by_step: dict[str, list[str]] = defaultdict(list)
        # A phone's own contributions per step: caps are checked on every submit, and scanning
        # the whole step instead cost most of the server's time in a burst (benchmarks/).
        self._by_device: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._by_client: dict[tuple[str, str, str], str] = {}
        self._inflight: dict[str, list[asyncio.Future[None]]] = {}
        """Contributions on their way to disk, with the repeated sends waiting for them."""
        self._ids = _IdSource()
        self._changes = 0
        """Grows with every change to a contribution, so carried options are built once."""
        self._carried: dict[str, tuple[int, tuple[Option, ...]]] = {}
        self._steps = plan.steps
        self._step_ids = frozenset(step.id for step in self._steps)
        self._step_by_id = {step.id: step for step in self._steps}
        self._load_contributions()
        state = store.state
        self.status: str = str(state.get("status", "waiting"))
        self.current: str | None = state.get("current")
        self.revealed: set[str] = set(state.get("revealed", []))
        self.pins: list[Pin] = [Pin(**pin) for pin in state.get("pins", [])]
        self.elapsed: dict[str, float] = {k: float(v) for k, v in state.get("elapsed", {}).items()}
        self.started_at: str | None = state.get("started_at")
        self.ended_at: str | None = state.get("ended_at")
        self._current_since_mono = self.clock.monotonic()
        since = state.get("current_since")
        if self.current and since and self.status == "running":
            gap = (self.clock.now() - parse_iso(str(since))).total_seconds()
            self.elapsed[self.current] = self.elapsed.get(self.current, 0.0) + max(0.0, gap)
        self.timer = (
            StepTimer.from_doc(self.clock, state["timer"])
            if self.current and "timer" in state
            else StepTimer.fresh(self.clock, 0.0)
        )
        self._closed_announced = self.timer.expired and self.timer.running
        self.refused_for_storage = 0
        """Answers from phones refused because the session file could not be written."""

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
    ) -> Workshop:
        """Start a new session file for *plan* in *data_dir*."""
        clock = clock or SystemClock()
        code = join_code or new_join_code()
        now = clock.now()
        path = _free_path(data_dir, session_file_name(plan, code, now))
        header = {
            "title": plan.title,
            "language": plan.language,
            "plan": plan.raw,
            "plan_source": plan.source,
            "join_code": code,
            "secret": secrets.token_hex(32),
            "created": iso(now),
            "rehearsal": rehearsal,
            "speed": speed,
            "kerne_version": __version__,
        }
        store = SessionFile.create(path, header, {"status": "waiting"})
        return cls(plan, store, clock)

    @classmethod
    def resume(cls, path: Path, *, clock: Clock | None = None) -> Workshop:
        """Continue the session in *path* with its join code, step and remaining time."""
        store = SessionFile.open(path)
        try:
            header = store.header
            plan = plan_from_data(header["plan"], str(header.get("plan_source", path)))
            return cls(plan, store, clock)
        except PlanError as error:
            store.release()
            raise SessionFileError(path, "unreadable", error.messages("en")[0]) from None
        except (KeyError, TypeError, ValueError) as error:
            store.release()
            raise SessionFileError(path, "unreadable", repr(error)) from None

    async def open(self) -> None:
        """Start writing; must run on the event loop that serves the session."""
        await self.store.start()

    async def shutdown(self) -> None:
        """Write what is pending and release the session file."""
        await self.store.close()

    def _load_contributions(self) -> None:
        for doc in self.store.contributions():
            contribution = Contribution.from_doc(doc)
            self._remember(contribution)

    def _remember(self, contribution: Contribution) -> None:
        self._changes += 1
        self._contributions[contribution.id] = contribution
        self._by_step[contribution.step_id].append(contribution.id)
        self._by_device[(contribution.step_id, contribution.device)].append(contribution.id)
        if contribution.client_id and not contribution.retracted:
            self._by_client[_client_key(contribution)] = contribution.id

    def _forget(self, contribution: Contribution) -> None:
        self._changes += 1
        self._contributions.pop(contribution.id, None)
        ids = self._by_step.get(contribution.step_id, [])
        if contribution.id in ids:
            ids.remove(contribution.id)
        own = self._by_device.get((contribution.step_id, contribution.device), [])
        if contribution.id in own:
            own.remove(contribution.id)
        self._by_client.pop(_client_key(contribution), None)

    # --- events ----------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call *listener* with every event; returns a function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _publish(self, event: Event) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("a listener failed on %r", event)

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
        if self.status != "running" or step_id is None or step_id != self.current:
            return False
        return not self.timer.expired

    def seconds_left(self) -> float:
        """Seconds left on the open step's countdown."""
        return self.timer.seconds_left() if self.current else 0.0

    def contributions(self, step_id: str, *, include_invisible: bool = False) -> list[Contribution]:
        """The contributions of a step in arrival order (visible ones unless asked)."""
        found = [self._contributions[cid] for cid in self._by_step.get(step_id, [])]
        return found if include_invisible else [c for c in found if c.visible]

    def all_contributions(self) -> list[Contribution]:
        """Every contribution of the session, in arrival order."""
        return list(self._contributions.values())

    def mine(self, token: str, step_id: str | None = None) -> list[Contribution]:
        """A phone's own live contributions to a step (the open one by default)."""
        step_id = step_id or self.current
        if step_id is None:
            return []
        return self._own(step_id, self.device_key(token))

    def _own(self, step_id: str, device: str) -> list[Contribution]:
        """A device's contributions to a step that it has not taken back, from the index."""
        found = (self._contributions[cid] for cid in self._by_device.get((step_id, device), []))
        return [c for c in found if not c.retracted]

    def options(self, step: Step) -> tuple[Option, ...]:
        """The options of a vote, choice or rank step, carried forward where the plan says so."""
        if step.options_from is None:
            return step.options
        cached = self._carried.get(step.id)
        if cached is not None and cached[0] == self._changes:
            return cached[1]
        source = self.contributions(step.options_from, include_invisible=True)
        options = carried_options(source, merge_weights(source))
        self._carried[step.id] = (self._changes, options)
        return options

    def respondents(self, step_id: str) -> int:
        """How many phones have answered a step."""
        return len(
            {
                c.device
                for c in self.contributions(step_id, include_invisible=True)
                if not c.retracted
            }
        )

    def merged_count(self, contribution_id: str) -> int:
        """How many contributions stand behind a card (itself and those merged into it)."""
        contribution = self._contributions.get(contribution_id)
        if contribution is None:
            return 1
        step_contributions = self.contributions(contribution.step_id, include_invisible=True)
        return 1 + merge_weights(step_contributions).get(contribution_id, 0)

    def _root(self, contribution_id: str) -> str:
        """The card a contribution ends up in after following its merges."""
        current = contribution_id
        for _ in range(len(self._contributions) + 1):
            contribution = self._contributions.get(current)
            if contribution is None or contribution.merged_into is None:
                return current
            current = contribution.merged_into
        return current

    @property
    def pinned(self) -> Pin | None:
        """The working version of the core-task sentence."""
        return self.pins[-1] if self.pins else None

    # --- facilitator commands ----------------------------------------------------------
    async def start(self, step_id: str | None = None, *, run_timer: bool = True) -> None:
        """Begin the session at *step_id* (default the first step)."""
        if self.status == "finished":
            raise Refused("closed", "refuse.closed_session")
        if self.status == "running" and self.current and step_id in (None, self.current):
            return
        async with self._undone_if_unsaved("start"):
            if self.started_at is None:
                self.started_at = iso(self.clock.now())
            self.status = "running"
            target = step_id or self._steps[0].id
            await self._open(target, run_timer=run_timer, action="start")

    async def next_step(self) -> bool:
        """Move to the next step (before the start: the first); False at the last one."""
        if self.status == "waiting":
            await self.start()
            return True
        index = self.step_index
        if index + 1 >= len(self._steps):
            return False
        await self._open(self._steps[index + 1].id, run_timer=True, action="next")
        return True

    async def previous_step(self) -> bool:
        """Move back one step; False at the first one and before the start."""
        index = self.step_index
        if index <= 0 or self.status == "waiting":
            return False
        await self._open(self._steps[index - 1].id, run_timer=True, action="previous")
        return True

    async def go_to(self, step_id: str, *, run_timer: bool = True) -> None:
        """Move to any step (after a break, or to skip ahead)."""
        self.plan.step(step_id)
        if self.status != "running":
            await self.start(step_id, run_timer=run_timer)
        else:
            await self._open(step_id, run_timer=run_timer, action="go_to")

    async def _open(self, step_id: str, *, run_timer: bool, action: str) -> None:
        if self.status == "finished":
            raise Refused("closed", "refuse.closed_session")
        step = self.plan.step(step_id)
        async with self._undone_if_unsaved(action):
            self._account_elapsed()
            self.current = step_id
            self._current_since_mono = self.clock.monotonic()
            self.timer = StepTimer.fresh(self.clock, step.seconds / self.speed)
            if run_timer:
                self.timer.start()
            self._closed_announced = False
            await self._persist(action, step=step_id)
        self._publish(StepOpened(step_id, self.step_index))
        self._publish(TimerChanged(step_id, self.timer.running, self.timer.seconds_left()))

    @contextlib.asynccontextmanager
    async def _undone_if_unsaved(self, action: str) -> AsyncIterator[None]:
        """Undo in memory what the block changed when its write fails, and say what failed.

        The screen, the phones and the session file then still say the same; the failure
        reaches the facilitator as :class:`CommandNotSaved`, naming what was tried.
        """
        before = rollback.take(self)
        try:
            yield
        except StoreWriteError as error:
            rollback.restore(self, before)
            if isinstance(error, rollback.CommandNotSaved):
                raise
            raise rollback.CommandNotSaved(action, str(error)) from None

    def _account_elapsed(self) -> None:
        if self.current is not None and self.status in ("running", "finished"):
            spent = self.clock.monotonic() - self._current_since_mono
            self.elapsed[self.current] = self.elapsed.get(self.current, 0.0) + max(0.0, spent)
        self._current_since_mono = self.clock.monotonic()

    async def toggle_timer(self) -> bool:
        """Pause a running countdown or start a paused one; returns True if now running."""
        self._require_step()
        action = "pause" if self.timer.running else "resume"
        async with self._undone_if_unsaved(action):
            if self.timer.running:
                self.timer.pause()
            else:
                self.timer.start()
            await self._timer_changed(action)
        return self.timer.running

    async def extend(self, seconds: float = 60.0) -> None:
        """Give the open step more time (also after it reached zero, which reopens input)."""
        self._require_step()
        async with self._undone_if_unsaved("extend"):
            self.timer.extend(seconds)
            self._closed_announced = False
            await self._timer_changed("extend", seconds=seconds)

    async def _timer_changed(self, action: str, **details: Any) -> None:
        assert self.current is not None
        await self._persist(action, step=self.current, **details)
        self._publish(TimerChanged(self.current, self.timer.running, self.timer.seconds_left()))

    def tick(self) -> None:
        """Called about once a second: announces the moment a countdown reaches zero."""
        if (
            self.current
            and self.status == "running"
            and self.timer.running
            and self.timer.expired
            and not self._closed_announced
        ):
            self._closed_announced = True
            self._publish(StepClosed(self.current))

    async def keep_time(self, interval: float = 0.25) -> None:
        """Run :meth:`tick` forever; the host starts this as a task beside the server."""
        while True:
            self.tick()
            await asyncio.sleep(interval)

    async def toggle_reveal(self, step_id: str | None = None) -> bool:
        """Show or hide a step's answers on the screen; returns True if now shown."""
        step_id = step_id or self._require_step().id
        if step_id not in self._step_ids:
            raise Refused("not_found", "refuse.unknown_step")
        revealed = step_id not in self.revealed
        action = "reveal" if revealed else "conceal"
        async with self._undone_if_unsaved(action):
            if revealed:
                self.revealed.add(step_id)
            else:
                self.revealed.discard(step_id)
            await self._persist(action, step=step_id)
        self._publish(ResultsRevealed(step_id, revealed))
        return revealed

    async def toggle_hidden(self, contribution_id: str) -> bool:
        """Hide a contribution from the screen (moderation), or show it again."""
        contribution = self._get(contribution_id)
        updated = replace(contribution, hidden=not contribution.hidden)
        await self._moderate(
            updated, "hide" if updated.hidden else "unhide", {"hidden": updated.hidden}
        )
        return updated.hidden

    async def merge(self, contribution_id: str, into_id: str) -> None:
        """Fold a duplicate card into another; it then counts with it and is not shown alone."""
        contribution = self._get(contribution_id)
        target = self._get(self._root(into_id))
        if contribution.id == target.id or contribution.step_id != target.step_id:
            raise Refused("invalid", "refuse.unknown_option")
        updated = replace(contribution, merged_into=target.id)
        await self._moderate(updated, "merge", {"merged_into": target.id}, into=target.id)

    async def _moderate(
        self, updated: Contribution, action: str, fields: dict[str, Any], **details: Any
    ) -> None:
        previous = self._contributions[updated.id]
        self._changes += 1
        self._contributions[updated.id] = updated
        try:
            await self.store.commit(
                [
                    Update(updated.id, fields),
                    self._log_op(action, contribution=updated.id, **details),
                ]
            )
        except StoreWriteError as error:
            self._contributions[updated.id] = previous
            self._changes += 1
            raise rollback.CommandNotSaved(action, str(error)) from None
        self._publish(ContributionModerated(updated.step_id, updated.id))

    async def pin(self, text: str, source: str | None = None) -> Pin:
        """Make *text* the working version of the core-task sentence (earlier ones are kept)."""
        cleaned = clean_text(text, multiline=False)
        if not cleaned:
            raise Refused("invalid", "refuse.empty")
        pin = Pin(text=cleaned, at=iso(self.clock.now()), source=source)
        async with self._undone_if_unsaved("pin"):
            self.pins.append(pin)
            await self._persist("pin", text=cleaned, source=source)
        self._publish(SentencePinned(cleaned))
        return pin

    async def close(self) -> None:
        """End the session: input stops and the session file says it is finished."""
        if self.status == "finished":
            return
        async with self._undone_if_unsaved("close"):
            self._account_elapsed()
            self.timer.pause()
            self.status = "finished"
            self.ended_at = iso(self.clock.now())
            await self._persist("close")
        self._publish(SessionClosed())

    def _require_step(self) -> Step:
        step = self.step
        if step is None:
            raise Refused("not_started", "refuse.not_started")
        return step

    def _get(self, contribution_id: str) -> Contribution:
        contribution = self._contributions.get(contribution_id)
        if contribution is None:
            raise Refused("not_found", "refuse.not_yours")
        return contribution

    def _state_doc(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "current": self.current,
            "current_since": iso(self.clock.now()),
            "timer": self.timer.to_doc(),
            "revealed": sorted(self.revealed),
            "pins": [{"text": p.text, "at": p.at, "source": p.source} for p in self.pins],
            "elapsed": {k: round(v, 3) for k, v in self.elapsed.items()},
            "started_at": self.started_at,
            "ended_at": self.ended_at,
        }

    def _log_op(self, action: str, **details: Any) -> Insert:
        return Insert(LOG, {"action": action, "at": iso(self.clock.now()), **details})

    async def _persist(self, action: str, **details: Any) -> None:
        self._account_elapsed()
        await self.store.commit([Put(STATE, self._state_doc()), self._log_op(action, **details)])

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
        double tap or a retry never makes two.
        """
        device = self.device_key(token)
        client_id = str(client_id)[:64]
        existing = self._by_client.get((device, step_id, client_id)) if client_id else None
        if existing is not None and existing in self._contributions:
            await self._wait_durable(existing)
            return self._contributions[existing]
        step = self._check_open(step_id)
        fields = self._check_payload(step, payload)
        self._check_caps(step, device, fields)
        contribution = Contribution(
            id=self._ids.new(self._contributions),
            step_id=step.id,
            kind=step.kind,
            device=device,
            client_id=client_id,
            at=iso(self.clock.now()),
            **fields,
        )
        self._remember(contribution)
        self._inflight[contribution.id] = []
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
        for waiter in self._inflight.pop(contribution.id, []):
            if waiter.done():
                continue
            if error is None:
                waiter.set_result(None)
            else:
                waiter.set_exception(StoreWriteError(str(error)))
        if error is not None:
            self._forget(contribution)
            return
        self._publish(ContributionReceived(contribution.step_id, contribution.id))

    async def _wait_durable(self, contribution_id: str) -> None:
        """Wait until a contribution sent before (a double tap, a retry) is on disk."""
        waiters = self._inflight.get(contribution_id)
        if waiters is None:
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        waiters.append(waiter)
        try:
            await waiter
        except StoreWriteError:
            self.refused_for_storage += 1
            raise Refused("storage", "refuse.storage") from None

    async def retract(self, token: str, contribution_id: str) -> None:
        """Take back one's own contribution while its step is open."""
        device = self.device_key(token)
        contribution = self._contributions.get(contribution_id)
        if contribution is None or contribution.device != device or contribution.retracted:
            raise Refused("not_found", "refuse.not_yours")
        if not self.is_open(contribution.step_id):
            raise Refused("closed", "refuse.step_closed")
        updated = replace(contribution, retracted=True)
        self._changes += 1
        self._contributions[contribution.id] = updated
        self._by_client.pop(_client_key(contribution), None)
        try:
            await self.store.commit([Update(contribution.id, {"retracted": True})])
        except StoreWriteError:
            self._changes += 1
            self._contributions[contribution.id] = contribution
            if contribution.client_id:
                self._by_client[_client_key(contribution)] = contribution.id
            self.refused_for_storage += 1
            raise Refused("storage", "refuse.storage") from None
        self._publish(ContributionRetracted(contribution.step_id, contribution.id))

    def _check_open(self, step_id: str) -> Step:
        if self.status == "finished":
            raise Refused("closed", "refuse.closed_session")
        if self.status != "running" or self.current is None:
            raise Refused("closed", "refuse.not_started")
        step = self._step_by_id.get(step_id)
        if step is None:
            raise Refused("not_found", "refuse.unknown_step")
        if step.id != self.current:
            raise Refused("closed", "refuse.not_current_step")
        if not step.kind.takes_input:
            raise Refused("wrong_kind", "refuse.no_input")
        if not self.is_open(step.id):
            raise Refused("closed", "refuse.step_closed")
        return step

    def _check_payload(self, step: Step, payload: Mapping[str, Any]) -> dict[str, Any]:
        kind = step.kind
        if kind in (StepKind.TEXT, StepKind.SENTENCE):
            return {
                "text": self._clean(
                    payload.get("text"), step.max_length, multiline=kind is StepKind.TEXT
                )
            }
        if kind is StepKind.ACTIONS:
            return {
                "what": self._clean(
                    payload.get("what"),
                    step.max_length,
                    multiline=False,
                    empty_key="refuse.action_what",
                ),
                "who": self._clean(
                    payload.get("who", ""), ACTION_FIELD_LIMIT, multiline=False, required=False
                ),
                "when": self._clean(
                    payload.get("when", ""), ACTION_FIELD_LIMIT, multiline=False, required=False
                ),
            }
        option_ids = {option.id for option in self.options(step)}
        if not option_ids and kind in (StepKind.VOTE, StepKind.CHOICE, StepKind.RANK):
            raise Refused("invalid", "refuse.no_options")
        if kind is StepKind.VOTE:
            return {"dots": self._check_dots(step, payload.get("dots"), option_ids)}
        if kind is StepKind.SCALE:
            return {"values": self._check_values(step, payload.get("values"))}
        if kind is StepKind.CHOICE:
            choices = payload.get("choices")
            if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
                raise Refused("wrong_kind", "refuse.wrong_kind")
            unique = tuple(dict.fromkeys(choices))
            if not unique:
                raise Refused("invalid", "refuse.choice_none")
            if any(c not in option_ids for c in unique):
                raise Refused("invalid", "refuse.unknown_option")
            if not step.multiple and len(unique) != 1:
                raise Refused("invalid", "refuse.choice_count")
            return {"choices": unique}
        if kind is StepKind.RANK:
            ranking = payload.get("ranking")
            if not isinstance(ranking, list) or not all(isinstance(r, str) for r in ranking):
                raise Refused("wrong_kind", "refuse.wrong_kind")
            if any(r not in option_ids for r in ranking):
                raise Refused("invalid", "refuse.unknown_option")
            wanted = min(step.top, len(option_ids))
            if len(ranking) != wanted or len(set(ranking)) != len(ranking):
                raise Refused("invalid", "refuse.rank_count", limit=wanted)
            return {"ranking": tuple(ranking)}
        raise Refused("wrong_kind", "refuse.no_input")

    @staticmethod
    def _clean(
        value: Any,
        limit: int,
        *,
        multiline: bool,
        required: bool = True,
        empty_key: str = "refuse.empty",
    ) -> str:
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise Refused("wrong_kind", "refuse.wrong_kind")
        text = clean_text(value, multiline=multiline)
        if required and not text:
            raise Refused("invalid", empty_key)
        if len(text) > limit:
            raise Refused("invalid", "refuse.too_long", limit=limit, length=len(text))
        return text

    @staticmethod
    def _check_dots(step: Step, raw: Any, option_ids: set[str]) -> dict[str, int]:
        if not isinstance(raw, dict):
            raise Refused("wrong_kind", "refuse.wrong_kind")
        dots: dict[str, int] = {}
        for key, value in raw.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise Refused("wrong_kind", "refuse.wrong_kind")
            if str(key) not in option_ids:
                raise Refused("invalid", "refuse.unknown_option")
            if value:
                dots[str(key)] = value
        if not dots:
            raise Refused("invalid", "refuse.no_dots")
        if sum(dots.values()) > step.dots:
            raise Refused("invalid", "refuse.too_many_dots", limit=step.dots)
        if step.max_per_option and max(dots.values()) > step.max_per_option:
            raise Refused("invalid", "refuse.option_cap", limit=step.max_per_option)
        return dots

    @staticmethod
    def _check_values(step: Step, raw: Any) -> dict[str, int]:
        if not isinstance(raw, dict):
            raise Refused("wrong_kind", "refuse.wrong_kind")
        values: dict[str, int] = {}
        for key, value in raw.items():
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
                raise Refused("invalid", "refuse.scale_value")
            if str(key) not in {str(i) for i in range(len(step.statements))}:
                raise Refused("invalid", "refuse.unknown_option")
            values[str(key)] = value
        if len(values) != len(step.statements):
            raise Refused("invalid", "refuse.scale_missing")
        return values

    def _check_caps(self, step: Step, device: str, fields: Mapping[str, Any]) -> None:
        own = self._own(step.id, device)
        if step.kind in (StepKind.TEXT, StepKind.SENTENCE, StepKind.ACTIONS):
            if len(own) >= step.max_per_person:
                raise Refused("cap", "refuse.cap", limit=step.max_per_person)
        elif step.kind is StepKind.VOTE:
            placed = sum(sum(c.dots.values()) for c in own)
            if placed + sum(fields["dots"].values()) > step.dots:
                raise Refused("invalid", "refuse.too_many_dots", limit=step.dots)
            if step.max_per_option:
                for option, count in fields["dots"].items():
                    if sum(c.dots.get(option, 0) for c in own) + count > step.max_per_option:
                        raise Refused("invalid", "refuse.option_cap", limit=step.max_per_option)
        elif own:
            raise Refused("cap", "refuse.already_answered")
