"""What the session file's flusher works with: pending batches, its figures, the encoding.

Split from :mod:`kerne_tui.store.session_file`, which owns the order of the writes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from tinydb.storages import Storage

from kerne_tui.store.journal import Record
from kerne_tui.store.layout import CONTRIBUTIONS
from kerne_tui.store.operations import Insert, Operation, Update

MAX_PIECES = 256
"""A table kept as more pieces than this (one per batch since the last rewrite) is joined."""


class StoreWriteError(Exception):
    """A batch could not be written to disk; nothing in it was acknowledged."""


class SnapshotStorage(Storage):
    """TinyDB storage that keeps the data in memory; the session file writes it to disk."""

    def __init__(self, data: dict[str, dict[str, Any]] | None = None) -> None:
        self.data: dict[str, dict[str, Any]] = data if data is not None else {}

    def read(self) -> dict[str, dict[str, Any]]:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data


WriteCallback = Callable[[BaseException | None], None]
"""Told once a batch is written (None) or could not be (the error)."""


@dataclass
class Pending:
    operations: list[Operation]
    done: asyncio.Future[None]
    on_written: WriteCallback | None = None

    def settle(self, error: BaseException | None) -> None:
        if self.on_written is not None:
            self.on_written(error)
        if self.done.done():  # its caller went away; the callback above still had its say
            return
        if error is None:
            self.done.set_result(None)
        else:
            self.done.set_exception(error)


@dataclass
class FlushStats:
    """What the flusher has done, for benchmarks and the log."""

    batches: int = 0
    operations: int = 0
    largest_batch: int = 0
    seconds_writing: float = 0.0
    last_bytes: int = 0
    """The session file's size when it was last rewritten."""
    compactions: int = 0
    """How often the session file was rewritten from memory and the journal emptied."""


IDLE_COMPACTION = 3.0
"""Seconds without a batch after which the journal is folded into the session file."""
JOURNAL_FLOOR = 16 * 1024 * 1024
"""A journal grows to this, or to the session file's size if larger, before it is folded in
while batches keep coming (so a long burst rewrites the file a bounded number of times)."""


def encode_pieces(
    data: dict[str, dict[str, Any]],
    encoded: dict[str, list[bytes]],
    appended_keys: dict[str, list[str]],
) -> list[bytes]:
    """The whole file in pieces that join to exactly ``orjson.dumps`` of *data*.

    Encoding every contribution again for each batch blocked the loop for 16 ms at 20,000
    contributions, and joining the file into one string on the loop cost 6 % of a submit
    (benchmarks/). So a table that was only appended to keeps the JSON of its members as
    pieces and gets one new piece with the new documents; a changed or new table is encoded
    whole. The pieces are never changed afterwards, so the writer thread can write them
    while the loop goes on, and the loop never copies the whole file. *encoded* (each
    table's members as last encoded) and *appended_keys* (the keys added since) are the
    caller's, kept from one call to the next.
    """
    pieces: list[bytes] = [b"{"]
    for name, table in data.items():
        members = encoded.get(name)
        appended = appended_keys.pop(name, [])
        if members is None:
            members = encoded[name] = [orjson.dumps(table)[1:-1]] if table else []
        elif appended:
            members.append(orjson.dumps({key: table[key] for key in appended})[1:-1])
            if len(members) > MAX_PIECES:
                # Rarely: one copy of the table, so a long session is not 10,000 pieces.
                members[:] = [b",".join(members)]
        if len(pieces) > 1:
            pieces.append(b",")
        pieces.append(orjson.dumps(name) + b":{")
        for index, member in enumerate(members):
            if index:
                pieces.append(b",")
            pieces.append(member)
        pieces.append(b"}")
    pieces.append(b"}")
    return pieces


def journal_records(
    operations: list[Operation], next_id: Callable[[str], int], doc_ids: Mapping[str, int]
) -> list[Record]:
    """The journal records of a batch, with the document ids its inserts will get.

    *next_id* gives a table's next free id; *doc_ids* the ids of the stored contributions.
    An update of a contribution that is not there (it was never written) is left out.
    """
    records: list[Record] = []
    next_ids: dict[str, int] = {}
    new_ids: dict[str, int] = {}
    for op in operations:
        if isinstance(op, Insert):
            doc_id = next_ids.get(op.table) or next_id(op.table)
            doc = dict(op.doc)
            records.append(["i", op.table, str(doc_id), doc])
            next_ids[op.table] = doc_id + 1
            if op.table == CONTRIBUTIONS:
                new_ids[str(doc["id"])] = doc_id
        elif isinstance(op, Update):
            found = new_ids.get(op.key) or doc_ids.get(op.key)
            if found is not None:
                records.append(["u", op.table, str(found), dict(op.fields)])
        else:
            records.append(["p", op.table, dict(op.doc)])
    return records
