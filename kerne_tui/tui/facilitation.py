"""The wall beside the facilitator's own view: the room's manners, and pairing from the wall.

While a console is connected or a facilitator phone is paired, the wall is the room's view
only: no notes, no moderation in front of everyone, no unrevealed sentence in the pin dialog.
With nothing attached it behaves exactly as before. For a mirrored display (the console is
visible to the room too) the wall can offer the pairing code itself; every pairing is
announced on the wall, so a participant who scans it first is seen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from kerne_tui.catalog import Lang, t
from kerne_tui.control import (
    ControlCenter,
    ControlEvent,
    PairingOffer,
    RemotePaired,
    RemoteRevoked,
    Surface,
    shown_code,
)
from kerne_tui.plan import Show
from kerne_tui.tui.keys import SELECTION_ACTIONS, KeyedScreen
from kerne_tui.tui.qr import QrCode
from kerne_tui.workshop import Workshop

PRIVATE_ACTIONS = SELECTION_ACTIONS | {"show_notes", "show_hidden"}
"""What the wall leaves to the console or the remote while one is attached."""
ANNOUNCE_SECONDS = 6


class RoomManners:
    """Whether the wall is the room's view only (a console or a remote is attached)."""

    def __init__(self, control: ControlCenter | None) -> None:
        self.control = control

    @property
    def private_view_elsewhere(self) -> bool:
        """True while the facilitator has a view of their own."""
        return self.control is not None and self.control.attached

    def allows(self, action: str) -> bool:
        """False for an action the wall leaves to the facilitator's own view just now."""
        return not (action in PRIVATE_ACTIONS and self.private_view_elsewhere)

    def pin_proposals(self, workshop: Workshop, proposals: list[tuple[str, str]]) -> list[str]:
        """The sentences the pin dialog may offer on the wall: (step id, text) pairs in.

        With a private view attached only answers the room has seen are offered.
        """
        if not self.private_view_elsewhere:
            return [text for _, text in proposals]
        seen = {
            step.id
            for step in workshop.plan.steps
            if step.show is Show.LIVE or step.id in workshop.revealed
        }
        return [text for step_id, text in proposals if step_id in seen]


def announcement(event: ControlEvent, lang: Lang) -> str | None:
    """What the wall says briefly about a change in who steers the session."""
    if isinstance(event, RemotePaired):
        return t(lang, "wall.remote_paired")
    if isinstance(event, RemoteRevoked):
        return t(lang, "wall.remote_revoked")
    return None


def pairing_address(control: ControlCenter, code: str) -> str:
    """The address the facilitator's phone opens to pair with *code*."""
    base = control.join_url.rsplit("/j/", 1)[0] if control.join_url else ""
    return f"{base}/control/remote?code={code}"


class WallPairScreen(KeyedScreen):
    """A one-time pairing code on the wall, for a mirrored display; it closes once used."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "app.pop_screen", "tui.key.back"),
        Binding("escape", "app.pop_screen", "tui.key.back", show=False),
    ]

    def __init__(self, control: ControlCenter, lang: Lang) -> None:
        super().__init__(lang)
        self.control = control
        self.offer: PairingOffer = control.offer_pairing(Surface.WALL)

    def compose(self) -> ComposeResult:
        code = shown_code(self.offer.code)
        address = pairing_address(self.control, self.offer.code)
        yield Static(Text(t(self.lang, "wall.pair.title"), style="bold"), id="qr-title")
        yield Static(Text(t(self.lang, "wall.pair.scan")), id="qr-scan")
        yield QrCode(address, fill=True, id="full-qr")
        yield Static(Text(address.split("?", 1)[0], style="bold"), id="qr-address")
        yield Static(Text(t(self.lang, "wall.pair.code", code=code), style="bold"), id="qr-code")
        yield Static(id="wall-pair-left")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.show_time()
        self.set_interval(1.0, self.show_time)

    def show_time(self) -> None:
        """Count the code's last seconds down; close when it has expired or was used."""
        offer = self.control.pairings.current_offer()
        if offer is None or offer.code != self.offer.code:
            self.app.pop_screen()
            return
        seconds = round(offer.seconds_left(self.control.pairings.monotonic()))
        left = t(self.lang, "wall.pair.left", seconds=seconds)
        self.query_one("#wall-pair-left", Static).update(Text(left, justify="center"))

    def on_unmount(self) -> None:
        # The room has seen this code: once the screen is gone it is no good to anyone.
        offer = self.control.pairings.current_offer()
        if offer is not None and offer.code == self.offer.code:
            self.control.pairings.withdraw()
