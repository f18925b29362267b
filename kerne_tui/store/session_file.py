"""The session file: TinyDB JSON on disk, written by group commit.

TinyDB rewrites its whole table on every insert, and its stock JSON storage writes the file
non-atomically on every call. Here TinyDB works on an in-memory copy (:class:`SnapshotStorage`)
and a flusher task turns everything that arrived while the previous write was on its way into
one batch: one ``insert_multiple`` per table, one serialisation with orjson on the event loop,
and one atomic write with fsync in a worker thread. Every caller of :meth:`SessionFile.commit`
is answered only once its batch is on disk, so "received" on a phone means durable.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from kerne_tui.store.fields import LayoutError
from kerne_tui.store.files import (
    WriterLock,
    make_private_folder,
    remove_stale_temporaries,
    write_atomic,
)
from kerne_tui.store.layout import (
    CONTRIBUTIONS,
    FORMAT,
    LOG,
    SESSION,
    SINGLE,
    STATE,
    SessionHeader,
    SessionState,
    new_file_data,
    rows,
    single_doc,
)
from kerne_tui.store.operations import Insert, Operation, Put, Update
from kerne_tui.store.reading import SessionFileError, decode_session_bytes, read_session_data

log = logging.getLogger(__name__)

# Re-exported from here as before the layout and the reading moved out.
__all__ = [
    "CONTRIBUTIONS",
    "FORMAT",
    "LOG",
    "SESSION",
    "STATE",
    "Insert",
    "Operation",
    "Put",
    "SessionFile",
    "SessionFileError",
    "StoreWriteError",
    "Update",
    "read_session_data",
    "rows",
]

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


def _as_doc(value: SessionHeader | SessionState | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(value, SessionHeader | SessionState):
        return value.to_doc()
    return dict(value)


WriteCallback = Callable[[BaseException | None], None]
"""Told once a batch is written (None) or could not be (the error)."""


@dataclass
class _Pending:
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


class SessionFile:
    """One session's file: the only way the rest of kerne reads or writes it."""

    def __init__(self, path: Path, data: dict[str, dict[str, Any]], last_good: bytes) -> None:
        self.path = path
        self._storage = SnapshotStorage(data)
        self._db = TinyDB(storage=lambda: self._storage)
        self._last_good: list[bytes] = [last_good]
        self._doc_ids: dict[str, int] = {}
        self._next_ids: dict[str, int] = {}
        # Each table's JSON members as last written, in pieces, kept while the table is only
        # appended to, and the keys appended since: see _encode.
        self._encoded: dict[str, list[bytes]] = {}
        self._appended: dict[str, list[str]] = {}
        self._index_contributions()
        self._pending: list[_Pending] = []
        self._wakeup: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._lock = WriterLock(path)
        self.stats = FlushStats()

    # --- opening ---------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: Path,
        header: SessionHeader | Mapping[str, Any],
        state: SessionState | Mapping[str, Any],
    ) -> SessionFile:
        """Write a new session file with its header and first state, and take it for writing.

        Plain documents are accepted too (benchmarks write minimal files).
        """
        make_private_folder(path.parent)
        if isinstance(header, SessionHeader) and isinstance(state, SessionState):
            data = new_file_data(header, state)
        else:
            data = {
                SESSION: {SINGLE: {**_as_doc(header), "format": FORMAT}},
                STATE: {SINGLE: _as_doc(state)},
                CONTRIBUTIONS: {},
                LOG: {},
            }
        payload = orjson.dumps(data)
        session = cls(path, data, payload)
        session._lock.acquire()
        try:
            if path.exists():
                raise FileExistsError(path)
            write_atomic(path, payload)
        except BaseException:
            session._lock.release()
            raise
        return session

    @classmethod
    def open(cls, path: Path) -> SessionFile:
        """Open an existing session file for writing; a damaged file raises and is untouched."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise SessionFileError(path, "missing") from None
        except OSError as error:
            raise SessionFileError(path, "unreadable", str(error)) from None
        data = decode_session_bytes(path, raw)
        session = cls(path, data, raw)
        session._lock.acquire()
        remove_stale_temporaries(path)
        return session

    def _index_contributions(self) -> None:
        self._doc_ids = {
            str(doc["id"]): int(doc_id)
            for doc_id, doc in self._storage.data.get(CONTRIBUTIONS, {}).items()
            if isinstance(doc, dict) and "id" in doc
        }

    # --- reading ---------------------------------------------------------------------
    @property
    def session_header(self) -> SessionHeader:
        """The session header: plan snapshot, join code, secret, times (SessionFileError)."""
        try:
            return SessionHeader.from_doc(single_doc(self._storage.data, SESSION))
        except LayoutError as error:
            raise SessionFileError(self.path, "unreadable", str(error)) from None

    @property
    def session_state(self) -> SessionState:
        """The last committed facilitator state (SessionFileError if it is damaged)."""
        try:
            return SessionState.from_doc(single_doc(self._storage.data, STATE))
        except LayoutError as error:
            raise SessionFileError(self.path, "unreadable", str(error)) from None

    @property
    def header(self) -> dict[str, Any]:
        """The header as the stored document, a copy (tests look at the file through it)."""
        return dict(single_doc(self._storage.data, SESSION) or {})

    @property
    def state(self) -> dict[str, Any]:
        """The state as the stored document, a copy (tests look at the file through it)."""
        return dict(single_doc(self._storage.data, STATE) or {})

    def contributions(self) -> list[dict[str, Any]]:
        """Every contribution, in the order they arrived."""
        return rows(self._storage.data, CONTRIBUTIONS)

    # --- writing ---------------------------------------------------------------------
    async def start(self) -> None:
        """Start the flusher on the running loop."""
        self._wakeup = asyncio.Event()
        self._task = asyncio.create_task(self._flusher(), name=f"flusher {self.path.name}")

    async def commit(self, operations: Iterable[Operation]) -> None:
        """Queue *operations* and return once they are on disk; raise StoreWriteError if not."""
        await self.enqueue(operations)

    def enqueue(
        self, operations: Iterable[Operation], on_written: WriteCallback | None = None
    ) -> asyncio.Future[None]:
        """Queue *operations*; the future is done once they are on disk (or StoreWriteError).

        A plain future rather than a task per caller: a burst queues hundreds at once.
        *on_written* is called when the batch is settled even if the future was cancelled.
        """
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        pending = _Pending(list(operations), done, on_written)
        if self._wakeup is None or self._closing:
            pending.settle(StoreWriteError("the session file is not open for writing"))
            return done
        self._pending.append(pending)
        self._wakeup.set()
        return done

    def release(self) -> None:
        """Give up the file without writing (for a session that is not used after all)."""
        self._lock.release()

    async def close(self) -> None:
        """Write what is pending, stop the flusher and release the file."""
        if self._task is not None and self._wakeup is not None:
            self._closing = True
            self._wakeup.set()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._lock.release()

    async def _flusher(self) -> None:
        assert self._wakeup is not None
        while True:
            await self._wakeup.wait()
            self._wakeup.clear()
            if self._pending:
                batch, self._pending = self._pending, []
                await self._write_batch(batch)
            if self._closing and not self._pending:
                return

    async def _write_batch(self, batch: list[_Pending]) -> None:
        loop = asyncio.get_running_loop()
        operations = [op for pending in batch for op in pending.operations]
        try:
            self._apply(operations)
            pieces = self._encode()
            started = loop.time()
            await asyncio.to_thread(write_atomic, self.path, pieces)
            self.stats.seconds_writing += loop.time() - started
        except Exception as error:
            log.exception("could not write %s", self.path)
            self._restore_last_good()
            failure = StoreWriteError(str(error))
            for pending in batch:
                pending.settle(failure)
            return
        self._last_good = pieces
        self.stats.batches += 1
        self.stats.operations += len(operations)
        self.stats.largest_batch = max(self.stats.largest_batch, len(operations))
        self.stats.last_bytes = sum(map(len, pieces))
        for pending in batch:
            pending.settle(None)

    def _apply(self, operations: list[Operation]) -> None:
        run: list[Insert] = []
        for operation in operations:
            if isinstance(operation, Insert) and (not run or run[0].table == operation.table):
                run.append(operation)
                continue
            self._insert_run(run)
            run = []
            if isinstance(operation, Insert):
                run.append(operation)
            elif isinstance(operation, Update):
                self._encoded.pop(operation.table, None)
                doc_id = self._doc_ids.get(operation.key)
                if doc_id is not None:
                    self._db.table(operation.table).update(dict(operation.fields), doc_ids=[doc_id])
            else:
                self._encoded.pop(operation.table, None)
                doc = Document(dict(operation.doc), doc_id=int(SINGLE))
                self._db.table(operation.table).upsert(doc)
        self._insert_run(run)

    def _encode(self) -> list[bytes]:
        """The whole file in pieces that join to exactly ``orjson.dumps`` of the data.

        Encoding every contribution again for each batch blocked the loop for 16 ms at 20,000
        contributions, and joining the file into one string on the loop cost 6 % of a submit
        (benchmarks/). So a table that was only appended to keeps the JSON of its members as
        pieces and gets one new piece with the new documents; a changed or new table is encoded
        whole. The pieces are never changed afterwards, so the writer thread can write them
        while the loop goes on, and the loop never copies the whole file.
        """
        pieces: list[bytes] = [b"{"]
        for name, table in self._storage.data.items():
            members = self._encoded.get(name)
            appended = self._appended.pop(name, [])
            if members is None:
                members = self._encoded[name] = [orjson.dumps(table)[1:-1]] if table else []
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

    def _insert_run(self, run: list[Insert]) -> None:
        if not run:
            return
        # Added in place, as TinyDB's insert_multiple would with the same ids and JSON: it
        # converts every key of the table twice per call, which at 10,000 contributions blocked
        # the loop as long as encoding the whole file (benchmarks/). Nothing here inserts
        # through TinyDB, so its own cached next id is never used.
        name = run[0].table
        table = self._storage.data.setdefault(name, {})
        next_id = self._next_ids.get(name) or max(map(int, table), default=0) + 1
        for op in run:
            table[str(next_id)] = dict(op.doc)
            self._appended.setdefault(name, []).append(str(next_id))
            if name == CONTRIBUTIONS:
                self._doc_ids[str(op.doc["id"])] = next_id
            next_id += 1
        self._next_ids[name] = next_id
        self._db.table(name).clear_cache()

    def _restore_last_good(self) -> None:
        self._storage.data = orjson.loads(b"".join(self._last_good))
        self._db.clear_cache()
        for name in list(self._storage.data):
            self._db.table(name).clear_cache()
        self._db = TinyDB(storage=lambda: self._storage)
        self._next_ids = {}
        self._encoded = {}
        self._appended = {}
        self._index_contributions()
