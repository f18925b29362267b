"""The control centre of a running session: who may steer it besides the wall, and how.

One object per running session, shared by the phone server (the control endpoints), the wall
(which becomes the room's view while a console or a remote is attached) and the runtime file.
It knows the console's secret, the pairings, how many consoles are attached, and turns a
named command from any surface into a call on the workshop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kerne_tui.control.moderating import MODERATION_COMMANDS, moderate, text_arg
from kerne_tui.control.pairing import PairingOffer, Pairings, Remote, Surface
from kerne_tui.control.runtime import mark_wall_lost, new_secret, published
from kerne_tui.control.showing import (
    SHOWING_COMMANDS,
    Showing,
    ShowingChanged,
    perform_showing,
)
from kerne_tui.control.turned_away import TurnedAway
from kerne_tui.control.view import answers_step, facilitator_view
from kerne_tui.plan import Show
from kerne_tui.store import SessionStatus
from kerne_tui.workshop import Event, Refused, StepOpened, Workshop

log = logging.getLogger(__name__)

COMMANDS = (
    "next",
    "back",
    "pause",
    "extend",
    "reveal",
    "hide",
    "merge",
    "pin",
    *MODERATION_COMMANDS,
    *SHOWING_COMMANDS,
)
"""What the console and the remote may ask for (the wall's keys n, p, space, +, r, h, m, s;
h, m on a cloud's words, x, e, d, P; and paging and the spotlight: PageDown, PageUp, b, l)."""
EXTEND_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class ControlEvent:
    """Something changed about who steers the session."""


@dataclass(frozen=True, slots=True)
class PairingOffered(ControlEvent):
    """A pairing code is on offer on *offered_on*."""

    code: str
    offered_on: Surface
    seconds: float


@dataclass(frozen=True, slots=True)
class RemotePaired(ControlEvent):
    """A facilitator phone was paired (the wall announces it)."""

    number: int
    offered_on: Surface


@dataclass(frozen=True, slots=True)
class PhonesTurnedAway(ControlEvent):
    """Phones were turned away (at most one event a second): the views say how many."""

    total: int


@dataclass(frozen=True, slots=True)
class RemoteRevoked(ControlEvent):
    """A facilitator phone was revoked; its token is refused from now on."""

    remote_id: str
    number: int


@dataclass(frozen=True, slots=True)
class WallParkingAsked(ControlEvent):
    """The console or the remote asked the wall to show the parking lot (or the answers)."""

    shown: bool


class WallShowingChanged(ControlEvent):
    """The wall's page, its turning or its spotlight changed (the views show the new page)."""


@dataclass(frozen=True, slots=True)
class AttachmentChanged(ControlEvent):
    """A console or remote attached, or the last one left: the wall changes its manner."""

    attached: bool


@dataclass(frozen=True, slots=True)
class PairingGuessed(ControlEvent):
    """A wrong pairing code was tried (the console says that guessing was seen)."""

    wrong: int
    """Wrong codes tried so far in this session."""


ControlListener = Callable[[ControlEvent], None]


class ControlCenter:
    """The console's secret, the remotes and the commands for one running session."""

    def __init__(
        self, workshop: Workshop, *, secret: str | None = None, pairings: Pairings | None = None
    ) -> None:
        self.workshop = workshop
        self.secret = secret or new_secret()
        self.pairings = pairings or Pairings()
        self.consoles = 0
        """Consoles holding an event stream open now."""
        self.phones: Callable[[], int] = lambda: 0
        """How many participant phones are connected (set by the phone server)."""
        self.join_url = ""
        """The participants' join address, whose host a facilitator phone pairs through."""
        self._listeners: list[ControlListener] = []
        self.changes = 0
        """Grows with every event of the session or the control centre (views are cached by it)."""
        self.turned_away = TurnedAway()
        """Phones the server turned away; every place that refuses one records it here."""
        self.turned_away.on_change = self._turned_away
        self.parking_on_wall = False
        """The wall shows the parking lot in place of the answers (asked from any surface)."""
        self._runtime: tuple[Path, Path] | None = None
        """The data folder and this process's runtime file, while it is published."""
        self._handover: Callable[[], None] | None = None
        workshop.subscribe(self._session_changed)
        self.showing = Showing(workshop.clock.monotonic, workshop.plan.page_seconds)
        """The wall's page and spotlight, shared by the wall, the console and the remote."""
        self.showing.subscribe(self._showing_changed)

    @contextmanager
    def published(
        self, data_dir: Path, port: int, join_url: str, phone_port: int = 0
    ) -> Iterator[Path]:
        """Keep the runtime file for ``kerne console`` in *data_dir* while the block runs."""
        self.join_url = join_url
        with published(
            data_dir,
            port=port,
            secret=self.secret,
            session=self.workshop.path,
            title=self.workshop.plan.title,
            join_url=join_url,
            phone_port=phone_port,
        ) as path:
            self._runtime = (data_dir, path)
            try:
                yield path
            finally:
                self._runtime = None

    def wall_lost(self) -> None:
        """The wall's terminal went away: the runtime file says so to the next ``kerne run``."""
        if self._runtime is not None:
            mark_wall_lost(*self._runtime)

    # --- handing the session over -------------------------------------------------------------
    def on_handover(self, callback: Callable[[], None]) -> None:
        """Call *callback* when a ``kerne run --resume`` asks for the session (one at a time)."""
        self._handover = callback

    def hand_over(self) -> bool:
        """Stop here so that another process can take the session; False if nothing can."""
        if self._handover is None:
            return False
        log.info("the session is handed over to a new kerne run --resume")
        self._handover()
        return True

    # --- listening ---------------------------------------------------------------------
    def subscribe(self, listener: ControlListener) -> Callable[[], None]:
        """Call *listener* with every control event; returns a function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _session_changed(self, event: Event) -> None:
        self.changes += 1
        if isinstance(event, StepOpened):
            self.parking_on_wall = False  # as on the wall: a new step shows its answers

    def _turned_away(self) -> None:
        self._publish(PhonesTurnedAway(self.turned_away.total))

    def show_parking(self, shown: bool) -> None:
        """Show the parking lot on the wall in place of the answers (False: the answers)."""
        self.parking_on_wall = shown
        self._publish(WallParkingAsked(shown))

    def _showing_changed(self, event: ShowingChanged) -> None:
        self._publish(WallShowingChanged())

    def _publish(self, event: ControlEvent) -> None:
        self.changes += 1
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("a control listener failed on %r", event)

    # --- who is attached -----------------------------------------------------------------
    @property
    def attached(self) -> bool:
        """True while a console is connected or a facilitator phone is paired."""
        return self.consoles > 0 or bool(self.pairings.remotes)

    def _changing(self, change: Callable[[], Any]) -> Any:
        before = self.attached
        result = change()
        if self.attached != before:
            self._publish(AttachmentChanged(self.attached))
        return result

    def console_attached(self) -> None:
        """A console opened its event stream."""

        def attach() -> None:
            self.consoles += 1

        self._changing(attach)

    def console_detached(self) -> None:
        """A console's event stream ended."""

        def detach() -> None:
            self.consoles = max(0, self.consoles - 1)

        self._changing(detach)

    # --- pairing ---------------------------------------------------------------------------
    def offer_pairing(self, offered_on: Surface) -> PairingOffer:
        """Show a fresh one-time code on *offered_on*."""
        offer = self.pairings.new_offer(offered_on)
        self._publish(PairingOffered(offer.code, offered_on, self.pairings.lifetime))
        return offer

    def withdraw_pairing(self, code: str) -> None:
        """The surface that showed *code* closed it: it pairs no phone from now on."""
        self.pairings.withdraw_code(code)

    def pair(self, code: str, guesser: str) -> tuple[Remote, str]:
        """Redeem a pairing code (raises ``PairingRefused``); returns the remote and its token."""
        wrong = self.pairings.wrong_guesses
        try:
            remote, token = self._changing(lambda: self.pairings.redeem(code, guesser))
        finally:
            if self.pairings.wrong_guesses != wrong:
                self._publish(PairingGuessed(self.pairings.wrong_guesses))
        log.info(
            "facilitator phone %s paired (code shown on the %s)", remote.number, remote.offered_on
        )
        self._publish(RemotePaired(remote.number, remote.offered_on))
        return remote, token

    def revoke(self, remote_id: str) -> bool:
        """Revoke a paired phone at once; False if there is no such remote."""
        remote = self._changing(lambda: self.pairings.revoke(remote_id))
        if remote is None:
            return False
        log.info("facilitator phone %s revoked", remote.number)
        self._publish(RemoteRevoked(remote.id, remote.number))
        return True

    def remote_for(self, token: str | None) -> Remote | None:
        """The paired remote a token belongs to, if any."""
        return self.pairings.verify(token)

    # --- what the facilitator sees ---------------------------------------------------------
    def remotes_json(self) -> list[dict[str, Any]]:
        """The paired phones as the console lists them (a number and a time, nothing else)."""
        return [
            {"id": r.id, "number": r.number, "paired_at": r.paired_at, "offered_on": r.offered_on}
            for r in self.pairings.remotes
        ]

    def view(self) -> dict[str, Any]:
        """The facilitator's view of the session as it is now."""
        view = facilitator_view(
            self.workshop,
            phones=self.phones(),
            remotes=self.remotes_json(),
            turned_away=self.turned_away,
            parking_on_wall=self.parking_on_wall,
        )
        view["pairing_guesses"] = self.pairings.wrong_guesses
        view["wall"] = self.showing.as_json()
        return view

    # --- commands ----------------------------------------------------------------------------
    async def perform(self, command: str, args: Mapping[str, Any], surface: Surface) -> str | None:
        """Run a named command from *surface*; returns a catalog key for a notice, if any.

        Refusals of the rules come as ``Refused`` (with a reason in the plan's language).
        """
        workshop = self.workshop
        if workshop.status == SessionStatus.FINISHED:
            raise Refused("closed", "refuse.closed_session")
        if command in SHOWING_COMMANDS:
            return self._perform_showing(command, args)
        waiting = workshop.status == SessionStatus.WAITING
        where = surface.value
        if command == "next":
            if waiting:
                await workshop.start(surface=where)
                return None
            moved = await workshop.next_step(surface=where)
            return None if moved else "control.step.last"
        if command == "back":
            if waiting:
                return "control.step.not_started"
            moved = await workshop.previous_step(surface=where)
            return None if moved else "control.step.first"
        if command == "pause":
            if waiting:
                await workshop.start(surface=where)
                return None
            await workshop.toggle_timer(surface=where)
            return None
        if command == "extend":
            await workshop.extend(EXTEND_SECONDS, surface=where)
            return "control.extended"
        if command == "reveal":
            step = answers_step(workshop)
            if step is None:
                return "control.reveal.nothing"
            if step.show is Show.LIVE:
                return "control.reveal.live"
            await workshop.toggle_reveal(step.id, surface=where)
            return None
        if command == "hide":
            await workshop.toggle_hidden(_text(args, "id"), surface=where)
            return None
        if command == "merge":
            await workshop.merge(_text(args, "id"), _text(args, "into"), surface=where)
            return None
        if command == "pin":
            source = args.get("source")
            chosen = source if isinstance(source, str) else None
            await workshop.pin(_text(args, "text"), source=chosen, surface=where)
            return "control.pinned"
        return await moderate(
            workshop, command, args, where, self.show_parking, self.parking_on_wall
        )

    def _perform_showing(self, command: str, args: Mapping[str, Any]) -> str | None:
        """Paging and the spotlight: room-visible, so any surface may turn the wall's pages."""
        chosen = args.get("id") if command == "spotlight" else None
        if chosen is not None:
            if not isinstance(chosen, str):
                raise Refused("invalid", "control.missing_field", field="id")
            step = answers_step(self.workshop)
            known = (
                {c.id for c in self.workshop.contributions(step.id, include_invisible=True)}
                if step is not None
                else set()
            )
            if chosen and chosen not in known:
                raise Refused("not_found", "control.spotlight.unknown")
        return perform_showing(self.showing, command, chosen)


_text = text_arg
