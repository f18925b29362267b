"""``kerne console``: a second Textual app, the facilitator's own view of the session."""

from kerne_tui.console.app import ConsoleApp
from kerne_tui.console.client import ControlClient, SessionError, SessionRefused

__all__ = ["ConsoleApp", "ControlClient", "SessionError", "SessionRefused"]
