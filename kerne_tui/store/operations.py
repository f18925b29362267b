"""What a batch written to the session file is made of: inserts, updates and replacements."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kerne_tui.store.layout import CONTRIBUTIONS, LOG, STATE, SessionState


@dataclass(frozen=True, slots=True)
class Insert:
    """Append *doc* to *table*."""

    table: str
    doc: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Update:
    """Change fields of the contribution whose ``id`` is *key*."""

    key: str
    fields: Mapping[str, Any]
    table: str = CONTRIBUTIONS


@dataclass(frozen=True, slots=True)
class Put:
    """Replace the single document of *table* (the session header or the state)."""

    table: str
    doc: Mapping[str, Any]


Operation = Insert | Update | Put


def put_state(state: SessionState) -> Put:
    """The operation that writes *state* as the session's state."""
    return Put(STATE, state.to_doc())


def log_entry(action: str, at: str, **details: Any) -> Insert:
    """The operation that appends one facilitator action to the log."""
    return Insert(LOG, {"action": action, "at": at, **details})
