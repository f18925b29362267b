"""Every action of the wall has a counterpart on the console, or a reviewed reason it has not;
every command the session takes has a control on the remote.

A new binding on the wall's main screen fails this test until the console can do the same (a
key that runs an action it has) or the exception below says why the console should not.
"""

from __future__ import annotations

import re
from pathlib import Path

from textual.binding import Binding

from kerne_tui.console.app import CONSOLE_KEYS, ConsoleApp
from kerne_tui.control import COMMANDS
from kerne_tui.tui.app import KerneApp
from kerne_tui.tui.keys import SCREEN

COUNTERPARTS = {
    "pair_phone": "pair",
    "select_next": "cursor_down",
    "select_previous": "cursor_up",
}
"""Wall actions whose console action has another name (the arrows move the console's list)."""

WALL_ONLY = {
    "show_qr": "the join QR is for the room to scan; the wall shows it, not the laptop",
    "show_notes": "the console shows the step's notes all the time, beside the answers",
    "toggle_theme": "light or dark is the projector's setting, chosen on the projected screen",
    "close_session": "closing writes the archive in the wall's process and asks on the wall; "
    "its c stays on while a console is attached",
    "command_palette": "the console has no palette: its help (?) lists every key it has",
    "quit": "quitting the wall ends the session; the console's ctrl+q ends only the console",
    "notes_elsewhere": "the wall's own answer to o while the notes are on the console",
}
"""Wall actions the console leaves to the wall, each with the reason (reviewed)."""


def wall_actions() -> set[str]:
    """Every action a key runs on the wall's main screen."""
    actions = set()
    for binding in KerneApp.BINDINGS:
        assert isinstance(binding, Binding)
        actions.add(binding.action.removeprefix(SCREEN))
    return actions


def console_actions() -> set[str]:
    """Every action a key runs on the console, and the arrows of its list."""
    bound = {b.action for b in CONSOLE_KEYS if isinstance(b, Binding)}
    return bound | {"cursor_down", "cursor_up"}


def test_every_wall_action_has_a_console_key_or_a_reason() -> None:
    missing = []
    for action in sorted(wall_actions()):
        if action in WALL_ONLY:
            assert len(WALL_ONLY[action]) > 20, f"{action}: say why the console has no such key"
            continue
        counterpart = COUNTERPARTS.get(action, action)
        if counterpart not in console_actions():
            missing.append(action)
    assert missing == [], f"wall actions the console cannot do: {missing}"


def test_every_console_key_runs_an_action_the_console_has() -> None:
    for binding in CONSOLE_KEYS:
        assert isinstance(binding, Binding)
        assert hasattr(ConsoleApp, f"action_{binding.action}"), binding.action


def test_the_exceptions_are_real_wall_actions() -> None:
    """A stale exception hides nothing: each one names an action the wall still has."""
    assert set(WALL_ONLY) <= wall_actions()


def test_every_moderation_key_of_the_console_is_a_command_the_session_takes() -> None:
    for command in ("hide", "merge", "hide_word", "merge_word", "answered", "owner", "drop"):
        assert command in COMMANDS
    assert "parking" in COMMANDS


REMOTE = Path(__file__).resolve().parent.parent / "kerne_tui" / "web"
NOT_ON_THE_REMOTE: dict[str, str] = {}
"""Commands of the session the remote leaves to the console, each with the reason (none)."""


def remote_commands() -> set[str]:
    """Every command the remote's page can send: its buttons, and what its script sends."""
    page = (REMOTE / "templates" / "remote.html").read_text(encoding="utf-8")
    script = (REMOTE / "static" / "remote.js").read_text(encoding="utf-8")
    found = set(re.findall(r'data-command="([a-z_]+)"', page))
    found |= set(re.findall(r'send\("([a-z_]+)"', script))
    found |= set(re.findall(r'outcome: "([a-z_]+)"', script))  # the parked items' buttons
    return found


def test_every_command_of_the_session_has_a_control_on_the_remote() -> None:
    missing = sorted(set(COMMANDS) - remote_commands() - set(NOT_ON_THE_REMOTE))
    assert missing == [], f"commands the remote cannot send: {missing}"
