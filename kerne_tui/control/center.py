"""The control centre of a running session: who may steer it besides the wall, and how.

One object per running session, shared by the phone server (the control endpoints), the wall
(which becomes the room's view while a console or a remote is attached) and the runtime file.
It knows the console's secret, the pairings, how many consoles are attached, and turns a
named command from any surface into a call on the workshop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kerne_tui.control.pairing import PairingOffer, Pairings, Remote, Surface
from kerne_tui.control.runtime import new_secret, published
from kerne_tui.control.showing import (
    SHOWING_COMMANDS,
    Showing,
    ShowingChanged,
    perform_showing,
)
from kerne_tui.control.view import answers_step, facilitator_view
from kerne_tui.plan import Show
from kerne_tui.store import SessionStatus
from kerne_tui.workshop import Event, Refused, Workshop

log = logging.getLogger(__name__)

COMMANDS = ("next", "back", "pause", "extend", "reveal", "hide", "merge", "pin", *SHOWING_COMMANDS)
"""What the console and the remote may ask for (the wall's keys n, p, space, +, r, h, m, s,
and paging and the spotlight: PageDown, PageUp, b, l)."""
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
class RemoteRevoked(ControlEvent):
    """A facilitator phone was revoked; its token is refused from now on."""

    remote_id: str
    number: int


@dataclass(frozen=True, slots=True)
class WallShowingChanged(ControlEvent):
    """The wall's page, its turning or its spotlight changed (the views show the new page)."""


@dataclass(frozen=True, slots=True)
class AttachmentChanged(ControlEvent):
    """A console or remote attached, or the last one left: the wall changes its manner."""

    attached: bool


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
        workshop.subscribe(self._session_changed)
        self.showing = Showing(workshop.clock.monotonic, workshop.plan.page_seconds)
        """The wall's page and spotlight, shared by the wall, the console and the remote."""
        self.showing.subscribe(self._showing_changed)

    def published(self, data_dir: Path, port: int, join_url: str) -> AbstractContextManager[Path]:
        """Keep the runtime file for ``kerne console`` in *data_dir* while the block runs."""
        self.join_url = join_url
        return published(
            data_dir,
            port=port,
            secret=self.secret,
            session=self.workshop.path,
            title=self.workshop.plan.title,
            join_url=join_url,
        )

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
        remote, token = self._changing(lambda: self.pairings.redeem(code, guesser))
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
        view = facilitator_view(self.workshop, phones=self.phones(), remotes=self.remotes_json())
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
        raise Refused("invalid", "control.unknown_command", command=command[:40])

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


def _text(args: Mapping[str, Any], name: str) -> str:
    value = args.get(name)
    if not isinstance(value, str) or not value:
        raise Refused("invalid", "control.missing_field", field=name)
    return value
