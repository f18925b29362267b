"""What the session file holds, named once: its tables, the header, the state and the status.

The file is TinyDB JSON: one table per kind of document, each a map from a document id to the
document. The header and the state are single documents (id ``"1"``); contributions and log
entries are appended. Only this module knows that; everyone else gets typed, frozen objects.
Decoding is tolerant: a missing field that has a sensible default gets it, and a damaged one
raises :class:`LayoutError` with a reason a person can read (the store turns it into a
:class:`~kerne_tui.store.session_file.SessionFileError` with the file's path).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from kerne_tui.store.earlier import (
    FollowUpRecord,
)
from kerne_tui.store.fields import (
    LayoutError,
    Pin,
    flag_field,
    number_field,
    optional_text,
    pin_doc,
    pins_field,
    strings_field,
    table_field,
    text_field,
    type_name,
)

SESSION = "session"
STATE = "state"
CONTRIBUTIONS = "contributions"
LOG = "log"
FORMAT = "kerne-session-1"
ARCHIVE_FIELD = "archive"
"""The header field of an archived copy: when it was made and the tallies it saved."""
FOLLOW_UP_FIELD = "follow_up"
"""The header field of a follow-up: what it copied from the earlier session (``FollowUpRecord``)."""
SINGLE = "1"
"""The document id of the header and of the state: each table holds only that document."""

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class SessionStatus(StrEnum):
    """Where a session is in its day, as the session file and the phone API spell it."""

    WAITING = "waiting"
    RUNNING = "running"
    FINISHED = "finished"


# --- the header -------------------------------------------------------------------------

_HEADER_FIELDS = (
    "title",
    "language",
    "plan",
    "plan_source",
    "join_code",
    "secret",
    "created",
    "rehearsal",
    "speed",
    "kerne_version",
    "format",
    ARCHIVE_FIELD,
    FOLLOW_UP_FIELD,
)


@dataclass(frozen=True, slots=True)
class SessionHeader:
    """What a session is, written once when it is created: plan snapshot, code, secret, times."""

    title: str = ""
    language: str = "da"
    plan: Mapping[str, Any] | None = None
    """The plan as it was parsed from TOML, so the session runs the same if the file changes."""
    plan_source: str = ""
    join_code: str = ""
    secret: str = ""
    """Hex key of the device hashes; an archived copy has none."""
    created: str = ""
    rehearsal: bool = False
    speed: float = 1.0
    kerne_version: str = ""
    format: str = FORMAT
    archive: Mapping[str, Any] | None = None
    """In an archived copy: when it was made and the tallies that needed the device hashes."""
    follow_up: FollowUpRecord | None = None
    """In a follow-up: what it builds on, copied from the earlier session when it was made."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Fields this version does not know, kept as they were."""

    @classmethod
    def from_doc(cls, doc: object) -> SessionHeader:
        """Decode the header document; raises :class:`LayoutError`."""
        where = "session header"
        if not isinstance(doc, Mapping):
            raise LayoutError(f"{where} is missing")
        speed = number_field(doc, where, "speed", 1.0)
        if speed < 0:
            raise LayoutError(f"{where}: 'speed' should be above 0, not {speed}")
        return cls(
            title=text_field(doc, where, "title"),
            language=text_field(doc, where, "language", "da"),
            plan=table_field(doc, where, "plan"),
            plan_source=text_field(doc, where, "plan_source"),
            join_code=text_field(doc, where, "join_code"),
            secret=text_field(doc, where, "secret"),
            created=text_field(doc, where, "created"),
            rehearsal=flag_field(doc, where, "rehearsal"),
            speed=speed or 1.0,
            kerne_version=text_field(doc, where, "kerne_version"),
            format=text_field(doc, where, "format", FORMAT),
            archive=table_field(doc, where, ARCHIVE_FIELD),
            follow_up=FollowUpRecord.from_doc(doc[FOLLOW_UP_FIELD])
            if doc.get(FOLLOW_UP_FIELD) is not None
            else None,
            extra={k: v for k, v in doc.items() if k not in _HEADER_FIELDS},
        )

    def to_doc(self) -> dict[str, Any]:
        """The header document as written to the file."""
        doc: dict[str, Any] = {
            "title": self.title,
            "language": self.language,
            "plan": copy.deepcopy(dict(self.plan or {})),
            "plan_source": self.plan_source,
            "join_code": self.join_code,
        }
        if self.secret:
            doc["secret"] = self.secret
        doc.update(
            created=self.created,
            rehearsal=self.rehearsal,
            speed=self.speed,
            kerne_version=self.kerne_version,
        )
        doc.update(copy.deepcopy(dict(self.extra)))
        doc["format"] = self.format
        if self.archive is not None:
            doc[ARCHIVE_FIELD] = copy.deepcopy(dict(self.archive))
        if self.follow_up is not None:
            doc[FOLLOW_UP_FIELD] = self.follow_up.to_doc()
        return doc

    def require_plan(self) -> Mapping[str, Any]:
        """The plan snapshot, or :class:`LayoutError` when the header has none."""
        if self.plan is None:
            raise LayoutError("session header: no plan in the session file")
        return self.plan

    def secret_key(self) -> bytes:
        """The key of the device hashes, needed to run the session; :class:`LayoutError` if not."""
        if not self.secret:
            raise LayoutError("session header: no secret (an archived copy cannot be resumed)")
        try:
            return bytes.fromhex(self.secret)
        except ValueError:
            raise LayoutError("session header: 'secret' is not hexadecimal") from None

    def require_join_code(self) -> str:
        """The join code, needed to run the session; :class:`LayoutError` if it is missing."""
        if not self.join_code:
            raise LayoutError("session header: no join code")
        return self.join_code


# --- the state --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimerRecord:
    """A step's countdown as stored: the remaining seconds, and a UTC deadline while running."""

    planned: float
    remaining: float
    running: bool = False
    deadline: str | None = None
    extended: float = 0.0
    """Seconds the facilitator added to the step's own time (a resumed timer gets no more)."""

    @classmethod
    def from_doc(cls, doc: object) -> TimerRecord:
        """Decode a timer document; raises :class:`LayoutError`."""
        where = "session state: timer"
        if not isinstance(doc, Mapping):
            raise LayoutError(f"{where} should be a table, not {type_name(doc)}")
        planned = number_field(doc, where, "planned", 0.0)
        return cls(
            planned=planned,
            remaining=number_field(doc, where, "remaining", planned),
            running=flag_field(doc, where, "running"),
            deadline=optional_text(doc, where, "deadline"),
            extended=number_field(doc, where, "extended", 0.0),
        )

    def to_doc(self) -> dict[str, Any]:
        """The timer document as written to the file."""
        doc: dict[str, Any] = {
            "planned": self.planned,
            "remaining": self.remaining,
            "running": self.running,
        }
        if self.deadline is not None:
            doc["deadline"] = self.deadline
        if self.extended:
            doc["extended"] = self.extended
        return doc


@dataclass(frozen=True, slots=True)
class SessionState:
    """What the facilitator did so far: status, open step, countdown, reveals, pins, times."""

    status: SessionStatus = SessionStatus.WAITING
    current: str | None = None
    current_since: str | None = None
    """When the state was written (UTC): a resumed session adds the gap to the open step."""
    timer: TimerRecord | None = None
    revealed: frozenset[str] = frozenset()
    pins: tuple[Pin, ...] = ()
    elapsed: Mapping[str, float] = field(default_factory=dict)
    started_at: str | None = None
    ended_at: str | None = None
    left: Mapping[str, float] = field(default_factory=dict)
    """The seconds each step had left when the facilitator moved on from it (its return)."""
    word_edits: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Per word-cloud step: a word the facilitator hid (to "") or merged (to another word)."""

    @classmethod
    def from_doc(cls, doc: object) -> SessionState:
        """Decode the state document (none yet: a waiting session); raises :class:`LayoutError`."""
        where = "session state"
        if doc is None:
            return cls()
        if not isinstance(doc, Mapping):
            raise LayoutError(f"{where} should be a table, not {type_name(doc)}")
        status = text_field(doc, where, "status", SessionStatus.WAITING.value)
        if status not in SessionStatus.__members__.values():
            allowed = ", ".join(s.value for s in SessionStatus)
            raise LayoutError(f"{where}: 'status' is '{status}', not one of {allowed}")
        timer = doc.get("timer")
        return cls(
            status=SessionStatus(status),
            current=optional_text(doc, where, "current"),
            current_since=optional_text(doc, where, "current_since"),
            timer=TimerRecord.from_doc(timer) if timer is not None else None,
            revealed=frozenset(strings_field(doc, where, "revealed")),
            pins=tuple(pins_field(doc.get("pins"), where)),
            elapsed=_seconds(doc.get("elapsed"), where, "elapsed"),
            started_at=optional_text(doc, where, "started_at"),
            ended_at=optional_text(doc, where, "ended_at"),
            left=_seconds(doc.get("left"), where, "left"),
            word_edits=_word_edits(doc.get("word_edits"), where),
        )

    def to_doc(self) -> dict[str, Any]:
        """The state document as written to the file."""
        doc: dict[str, Any] = {"status": self.status.value, "current": self.current}
        doc["current_since"] = self.current_since
        if self.timer is not None:
            doc["timer"] = self.timer.to_doc()
        doc.update(
            revealed=sorted(self.revealed),
            pins=[pin_doc(p) for p in self.pins],
            elapsed={k: round(v, 3) for k, v in self.elapsed.items()},
            started_at=self.started_at,
            ended_at=self.ended_at,
        )
        if self.left:
            doc["left"] = {k: round(v, 3) for k, v in self.left.items()}
        if self.word_edits:
            doc["word_edits"] = {step: dict(edits) for step, edits in self.word_edits.items()}
        return doc


def _seconds(value: object, where: str, name: str) -> dict[str, float]:
    """A table of seconds by step id (``elapsed``, ``left``)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise LayoutError(f"{where}: '{name}' should be a table, not {type_name(value)}")
    found: dict[str, float] = {}
    for step_id, seconds in value.items():
        if isinstance(seconds, bool) or not isinstance(seconds, int | float):
            raise LayoutError(f"{where}: '{name}' of '{step_id}' should be a number")
        found[str(step_id)] = float(seconds)
    return found


def _word_edits(value: object, where: str) -> dict[str, dict[str, str]]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise LayoutError(f"{where}: 'word_edits' should be a table, not {type_name(value)}")
    found: dict[str, dict[str, str]] = {}
    for step_id, edits in value.items():
        if not isinstance(edits, Mapping) or not all(
            isinstance(word, str) and isinstance(target, str) for word, target in edits.items()
        ):
            raise LayoutError(f"{where}: 'word_edits' of '{step_id}' should map words to words")
        found[str(step_id)] = dict(edits)
    return found


# --- whole files ------------------------------------------------------------------------


def single_doc(data: Mapping[str, Mapping[str, Any]], table: str) -> Any:
    """The one document of *table* (header or state), or None when there is none."""
    return data.get(table, _EMPTY).get(SINGLE)


def rows(data: Mapping[str, Mapping[str, Any]], table: str) -> list[dict[str, Any]]:
    """The documents of *table* in insertion order, as plain dicts."""
    items = data.get(table, {})
    return [dict(items[key]) for key in sorted(items, key=int)]


def new_file_data(header: SessionHeader, state: SessionState) -> dict[str, dict[str, Any]]:
    """The data of a new session file: header, first state and empty tables."""
    return {
        SESSION: {SINGLE: header.to_doc()},
        STATE: {SINGLE: state.to_doc()},
        CONTRIBUTIONS: {},
        LOG: {},
    }


def anonymised_copy(
    data: Mapping[str, Mapping[str, Any]],
    *,
    note: Mapping[str, Any],
    header_removed: Iterable[str],
    contribution_removed: Iterable[str],
) -> dict[str, dict[str, Any]]:
    """A deep copy of the data without the named header and contribution fields, with *note*.

    The copy is still a session file: the note goes into the header's ``archive`` field.
    """
    copied: dict[str, dict[str, Any]] = copy.deepcopy({k: dict(v) for k, v in data.items()})
    header = copied[SESSION][SINGLE]
    for name in header_removed:
        header.pop(name, None)
    header[ARCHIVE_FIELD] = copy.deepcopy(dict(note))
    dropped = tuple(contribution_removed)
    for doc in copied.get(CONTRIBUTIONS, {}).values():
        if isinstance(doc, dict):
            for name in dropped:
                doc.pop(name, None)
    return copied
