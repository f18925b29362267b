"""The facilitator's own view: the runtime file, pairing, the view model and the commands.

No Textual and no aiohttp in here: the phone server, the wall and ``kerne console`` all use it.
"""

from kerne_tui.control.center import (
    COMMANDS,
    AttachmentChanged,
    ControlCenter,
    ControlEvent,
    PairingOffered,
    RemotePaired,
    RemoteRevoked,
    WallParkingAsked,
    WallShowingChanged,
)
from kerne_tui.control.pairing import (
    CODE_SECONDS,
    PairingOffer,
    PairingRefusal,
    PairingRefused,
    Pairings,
    Remote,
    Surface,
    shown_code,
)
from kerne_tui.control.runtime import (
    NoRunningSession,
    RuntimeInfo,
    find_running,
    published,
    running_sessions,
)
from kerne_tui.control.showing import DEFAULT_PAGE_SECONDS, SHOWING_COMMANDS, Showing
from kerne_tui.control.turned_away import Cause, TurnedAway
from kerne_tui.control.view import facilitator_view

__all__ = [
    "CODE_SECONDS",
    "COMMANDS",
    "DEFAULT_PAGE_SECONDS",
    "SHOWING_COMMANDS",
    "AttachmentChanged",
    "Cause",
    "ControlCenter",
    "ControlEvent",
    "NoRunningSession",
    "PairingOffer",
    "PairingOffered",
    "PairingRefusal",
    "PairingRefused",
    "Pairings",
    "Remote",
    "RemotePaired",
    "RemoteRevoked",
    "RuntimeInfo",
    "Showing",
    "Surface",
    "TurnedAway",
    "WallParkingAsked",
    "WallShowingChanged",
    "facilitator_view",
    "find_running",
    "published",
    "running_sessions",
    "shown_code",
]
