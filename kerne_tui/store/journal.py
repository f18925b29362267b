"""The journal beside a session file: what the group commit added since the file was written.

The session file (TinyDB's JSON) is rewritten whole only at quiet moments; between those, each
batch is one line appended to ``<session file>.journal`` and fsynced before any caller is
answered. A line is a JSON list of records, each one of:

- ``["i", table, doc_id, doc]``: the document *doc_id* of *table* is *doc* (an insert);
- ``["u", table, doc_id, fields]``: the document *doc_id* gets *fields* (an update);
- ``["p", table, doc]``: the single document of *table* gets *doc*'s fields (TinyDB's upsert).

Every record says what a document becomes, never what to add to it, so applying a line twice
leaves the data as applying it once. That is what makes the compaction crash-safe: the new
session file (with everything in the journal) is renamed into place first, the journal emptied
after, and a crash in between replays the journal over a file that already holds it.

A last line without its newline was being written when the process died: it was never
acknowledged and is ignored. A line that cannot be read with more after it is damage, and the
session is refused rather than opened without it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from kerne_tui.store.files import PRIVATE_FILE, full_fsync
from kerne_tui.store.layout import SINGLE

Record = list[Any]
Data = dict[str, dict[str, Any]]


class JournalDamaged(Exception):
    """A journal line in the middle cannot be read; *line* is its number, from 1."""

    def __init__(self, line: int) -> None:
        self.line = line
        super().__init__(f"journal line {line}")


def journal_path(session_path: Path) -> Path:
    """Where the journal of *session_path* lives."""
    return session_path.with_name(session_path.name + ".journal")


def read_journal_bytes(session_path: Path) -> bytes:
    """The journal's bytes, or none when there is no journal."""
    try:
        return journal_path(session_path).read_bytes()
    except FileNotFoundError:
        return b""


def parse_journal(raw: bytes) -> tuple[list[list[Record]], int]:
    """The batches in *raw* and how many of its bytes they take (a torn tail is left out).

    Raises :class:`JournalDamaged` for an unreadable line that is not the last one.
    """
    batches: list[list[Record]] = []
    lines = raw.split(b"\n")
    # The part after the last newline was never finished (or is empty): ignored.
    whole, used = lines[:-1], 0
    for number, line in enumerate(whole, start=1):
        try:
            batch = orjson.loads(line)
        except orjson.JSONDecodeError:
            raise JournalDamaged(number) from None
        if not isinstance(batch, list) or not all(_is_record(r) for r in batch):
            raise JournalDamaged(number)
        batches.append(batch)
        used += len(line) + 1
    return batches, used


def _is_record(record: object) -> bool:
    if not isinstance(record, list) or not record or not isinstance(record[-1], dict):
        return False
    kind = record[0]
    if kind in ("i", "u"):
        return len(record) == 4 and isinstance(record[1], str) and isinstance(record[2], str)
    return kind == "p" and len(record) == 3 and isinstance(record[1], str)


def apply_records(data: Data, records: Iterable[Record]) -> None:
    """Make *data* hold what *records* say (idempotent: see the module's text)."""
    for record in records:
        kind, table = record[0], record[1]
        if kind == "i":
            data.setdefault(table, {})[record[2]] = dict(record[3])
        elif kind == "u":
            doc = data.get(table, {}).get(record[2])
            if isinstance(doc, dict):
                doc.update(record[3])
        else:
            docs = data.setdefault(table, {})
            single = docs.get(SINGLE)
            if isinstance(single, dict):
                single.update(record[2])
            else:
                docs[SINGLE] = dict(record[2])


def applied_copy(data: Data, records: list[Record]) -> Data:
    """What *data* would hold after *records*, leaving *data* and its documents untouched.

    Only the tables and documents the records change are copied, so a batch checked against
    a rewrite of the whole file does not copy every contribution.
    """
    copy = dict(data)
    copied: set[tuple[str, str]] = set()
    for record in records:
        kind, table = record[0], record[1]
        if (table, "") not in copied:
            copy[table] = dict(data.get(table, {}))
            copied.add((table, ""))
        key = SINGLE if kind == "p" else record[2]
        if kind != "i" and (table, key) not in copied:
            doc = copy[table].get(key)
            if isinstance(doc, dict):
                copy[table][key] = dict(doc)
            copied.add((table, key))
    apply_records(copy, records)
    return copy


def encode_batch(records: list[Record]) -> bytes:
    """One journal line."""
    return orjson.dumps(records) + b"\n"


class JournalWriter:
    """The open journal of the session this process holds (under the session's lock)."""

    def __init__(self, session_path: Path) -> None:
        self.path = journal_path(session_path)
        self._descriptor: int | None = None
        self.size = 0
        self.suspect = False
        """A failed append could not be cut back: rewrite the session file before the next."""

    def open_empty(self) -> None:
        """Open the journal for appending, emptied (its contents are in the session file)."""
        self.close()
        descriptor = os.open(
            self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_TRUNC, PRIVATE_FILE
        )
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, PRIVATE_FILE)  # one a crash left keeps its mode otherwise
        self._descriptor = descriptor
        self.size = 0
        self.suspect = False
        full_fsync(descriptor)

    def append(self, line: bytes) -> None:
        """Append one batch and fsync it; on failure the journal is cut back to before it."""
        descriptor = self._require()
        before = self.size
        try:
            view = memoryview(line)
            while view:
                written = os.write(descriptor, view)
                view = view[written:]
            full_fsync(descriptor)
        except BaseException:
            # A half-written line would become damage in the middle once the next one lands.
            try:
                os.ftruncate(descriptor, before)
            except OSError:
                self.suspect = True
            raise
        self.size = before + len(line)

    def cut_back(self, size: int) -> None:
        """Drop what was appended after *size* bytes (a batch that is refused after all)."""
        descriptor = self._require()
        os.ftruncate(descriptor, size)
        full_fsync(descriptor)
        self.size = size

    def empty(self) -> None:
        """Drop every line (after the session file was rewritten with them)."""
        descriptor = self._require()
        os.ftruncate(descriptor, 0)
        full_fsync(descriptor)
        self.size = 0

    def remove(self) -> None:
        """Close and delete the journal (the session file holds everything)."""
        self.close()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        """Close the descriptor; the file stays."""
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None

    def _require(self) -> int:
        if self._descriptor is None:
            raise OSError("the journal is not open")
        return self._descriptor
