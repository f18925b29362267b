"""Reading a session file without taking it for writing: bytes, checks, decoded documents."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from kerne_tui.store.fields import LayoutError
from kerne_tui.store.journal import JournalDamaged, apply_records, parse_journal, read_journal_bytes
from kerne_tui.store.layout import (
    CONTRIBUTIONS,
    FORMAT,
    LOG,
    SESSION,
    STATE,
    SessionHeader,
    SessionState,
    rows,
    single_doc,
)


class SessionFileError(Exception):
    """A session file that cannot be read; it is left exactly as it was."""

    def __init__(self, path: Path, reason: str, detail: str = "") -> None:
        self.path = path
        self.reason = reason
        self.detail = detail
        super().__init__(f"{path}: {reason} {detail}".strip())


def decode_session_bytes(path: Path, raw: bytes) -> dict[str, dict[str, Any]]:
    """Parse and sanity-check the bytes of a session file; raise :class:`SessionFileError`."""
    if not raw.strip():
        raise SessionFileError(path, "empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise SessionFileError(path, "not_json", str(error)) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise SessionFileError(path, "not_ours")
    header = single_doc(data, SESSION)
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise SessionFileError(path, "not_ours")
    return data


CONSISTENT_READ_TRIES = 50
"""A reader that raced a compaction this many times in a row gives up (SessionFileError)."""


def read_session_data(path: Path) -> dict[str, dict[str, Any]]:
    """Read a session file without taking it for writing (reports, listings, archives).

    What the running session has only in its journal is applied over the file. The writer
    renames a new file into place before it empties the journal, so when the file at *path*
    is still the one that was read after the journal was read, the two belong together;
    otherwise a compaction came in between and both are read again.
    """
    for _ in range(CONSISTENT_READ_TRIES):
        try:
            with open(path, "rb") as handle:
                opened = os.fstat(handle.fileno())
                raw = handle.read()
            journal = read_journal_bytes(path)
            now = os.stat(path)
        except FileNotFoundError:
            raise SessionFileError(path, "missing") from None
        except OSError as error:
            raise SessionFileError(path, "unreadable", str(error)) from None
        if (opened.st_ino, opened.st_dev) != (now.st_ino, now.st_dev):
            continue
        data = decode_session_bytes(path, raw)
        if journal:
            try:
                replay_journal(path, data, journal)
            except SessionFileError:
                # Read while the writer emptied it and went on appending: read again. The
                # same damage twice is in the file itself.
                if read_journal_bytes(path) != journal:
                    continue
                raise
        return data
    raise SessionFileError(path, "unreadable", "the file kept changing while it was read")


def replay_journal(path: Path, data: dict[str, dict[str, Any]], raw: bytes) -> int:
    """Apply the journal's whole lines to *data*; return the bytes they take.

    A damaged line with more after it raises :class:`SessionFileError` (``journal_damaged``).
    """
    try:
        batches, used = parse_journal(raw)
    except JournalDamaged as error:
        raise SessionFileError(path, "journal_damaged", str(error.line)) from None
    for batch in batches:
        apply_records(data, batch)
    return used


@dataclass(frozen=True, slots=True)
class SessionDocuments:
    """A session file as read: typed header and state, contributions and log in order."""

    header: SessionHeader
    state: SessionState
    contributions: tuple[dict[str, Any], ...]
    log: tuple[dict[str, Any], ...]


def decode_head(
    path: Path, data: Mapping[str, Mapping[str, Any]]
) -> tuple[SessionHeader, SessionState]:
    """The header and state of a session file's parsed data (SessionFileError if damaged)."""
    try:
        return (
            SessionHeader.from_doc(single_doc(data, SESSION)),
            SessionState.from_doc(single_doc(data, STATE)),
        )
    except LayoutError as error:
        raise SessionFileError(path, "unreadable", str(error)) from None


def decode_documents(path: Path, data: Mapping[str, Mapping[str, Any]]) -> SessionDocuments:
    """The parsed data of a session file, decoded; a damaged field raises SessionFileError."""
    header, state = decode_head(path, data)
    try:
        return SessionDocuments(
            header=header,
            state=state,
            contributions=tuple(rows(data, CONTRIBUTIONS)),
            log=tuple(rows(data, LOG)),
        )
    except (TypeError, ValueError) as error:  # a document id that is not a number
        raise SessionFileError(path, "unreadable", f"damaged table: {error}") from None
