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
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB

from kerne_tui.store.batching import (
    IDLE_COMPACTION,
    JOURNAL_FLOOR,
    FlushStats,
    Pending,
    SnapshotStorage,
    StoreWriteError,
    WriteCallback,
    encode_pieces,
    journal_records,
)
from kerne_tui.store.fields import LayoutError
from kerne_tui.store.files import (
    WriterLock,
    make_private_folder,
    remove_stale_temporaries,
    write_atomic,
)
from kerne_tui.store.journal import (
    JournalWriter,
    Record,
    applied_copy,
    apply_records,
    encode_batch,
    read_journal_bytes,
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
from kerne_tui.store.reading import (
    SessionFileError,
    decode_session_bytes,
    read_session_data,
    replay_journal,
)

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


def _as_doc(value: SessionHeader | SessionState | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(value, SessionHeader | SessionState):
        return value.to_doc()
    return dict(value)


class SessionFile:
    """One session's file: the only way the rest of kerne reads or writes it."""

    def __init__(self, path: Path, data: dict[str, dict[str, Any]]) -> None:
        self.path = path
        self._storage = SnapshotStorage(data)
        self._db = TinyDB(storage=lambda: self._storage)
        self._journal = JournalWriter(path)
        self._compaction_due = False
        self._fold_waiters: list[asyncio.Future[bool]] = []
        self._doc_ids: dict[str, int] = {}
        self._next_ids: dict[str, int] = {}
        # Each table's JSON members as last written, in pieces, kept while the table is only
        # appended to, and the keys appended since: see _encode.
        self._encoded: dict[str, list[bytes]] = {}
        self._appended: dict[str, list[str]] = {}
        self._index_contributions()
        self._pending: list[Pending] = []
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
        session = cls(path, data)
        session._lock.acquire()
        try:
            if path.exists():
                raise FileExistsError(path)
            # A journal left by some other session of this name must not be replayed over
            # this one: emptied before the file exists.
            session._journal.open_empty()
            write_atomic(path, payload)
        except BaseException:
            session._journal.close()
            session._lock.release()
            raise
        session.stats.last_bytes = len(payload)
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
        # What the last run had only in its journal (it was killed) is applied over the file;
        # a damaged journal raises here, before anything is taken or written.
        journal = read_journal_bytes(path)
        replayed = replay_journal(path, data, journal) if journal else 0
        session = cls(path, data)
        session._lock.acquire()
        try:
            remove_stale_temporaries(path)
            if replayed or journal:
                # Fold it in now: the file gets the journal's whole lines, and a torn last
                # line (never acknowledged) goes, before any new line could follow it.
                write_atomic(path, session._encode())
            session._journal.open_empty()
        except BaseException:
            session._journal.close()
            session._lock.release()
            raise
        session.stats.last_bytes = len(raw)
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
        pending = Pending(list(operations), done, on_written)
        if self._wakeup is None or self._closing:
            pending.settle(StoreWriteError("the session file is not open for writing"))
            return done
        self._pending.append(pending)
        self._wakeup.set()
        return done

    def release(self) -> None:
        """Give up the file without writing (for a session that is not used after all)."""
        self._let_go_of_journal()
        self._lock.release()

    def _let_go_of_journal(self) -> None:
        if self._journal.size == 0 and not self._journal.suspect:
            with contextlib.suppress(OSError):
                self._journal.remove()
        self._journal.close()

    async def fold_journal(self) -> bool:
        """Rewrite the file with what the journal holds and empty it, between two batches.

        The flusher does it by itself at quiet moments; this is for a pause the caller knows
        of. Returns False if the file could not be rewritten (the journal keeps everything).
        """
        if self._wakeup is None or self._closing:
            return False
        folded: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._fold_waiters.append(folded)
        self._compaction_due = True
        self._wakeup.set()
        return await folded

    async def close(self) -> None:
        """Write what is pending, stop the flusher and release the file."""
        if self._task is not None and self._wakeup is not None:
            self._closing = True
            self._wakeup.set()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._let_go_of_journal()
        self._lock.release()

    async def _flusher(self) -> None:
        assert self._wakeup is not None
        while True:
            if self._journal.size and not self._closing:
                try:
                    await asyncio.wait_for(self._wakeup.wait(), IDLE_COMPACTION)
                except TimeoutError:
                    await self._compact()
                    continue
            else:
                await self._wakeup.wait()
            self._wakeup.clear()
            if self._pending:
                batch, self._pending = self._pending, []
                await self._write_batch(batch)
            if self._closing and not self._pending:
                await self._compact(final=True)
                return
            if self._compaction_due:
                await self._compact()

    async def _write_batch(self, batch: list[Pending]) -> None:
        loop = asyncio.get_running_loop()
        operations = [op for pending in batch for op in pending.operations]
        records = self._records(operations)
        # A facilitator's action (a step, a pause, a timer) is a quiet moment for the phones,
        # and it is acknowledged only once the whole file is rewritten with it, as before
        # the journal: a disk that is full refuses it even where the journal's last block
        # still has room. The phones' batches cost one appended line.
        rewrite = any(record[0] == "p" for record in records)
        try:
            started = loop.time()
            if self._journal.suspect and not await self._compact():
                raise OSError("the journal could not be set right after a failed write")
            if rewrite:
                await self._rewrite_with(records)
            else:
                await asyncio.to_thread(self._journal.append, encode_batch(records))
            self.stats.seconds_writing += loop.time() - started
        except Exception as error:
            log.exception("could not write %s", self.path)
            failure = StoreWriteError(str(error))
            for pending in batch:
                pending.settle(failure)
            return
        self._apply(records)
        self.stats.batches += 1
        self.stats.operations += len(operations)
        self.stats.largest_batch = max(self.stats.largest_batch, len(operations))
        if self._journal.size > max(JOURNAL_FLOOR, self.stats.last_bytes):
            # Replaying it would cost more than rewriting the file: folded in before the next.
            self._compaction_due = True
        for pending in batch:
            pending.settle(None)

    async def _rewrite_with(self, records: list[Record]) -> None:
        """Write a batch as a rewrite of the whole file; raise if it is not on disk.

        The batch is appended to the journal first, so that the new file is always the old
        one plus the whole journal (what makes replaying the journal over it harmless). If
        the file cannot be rewritten, the line is cut off again and the batch is refused;
        a line that cannot be cut off is on disk, and the batch counts as written.
        """
        before = self._journal.size
        await asyncio.to_thread(self._journal.append, encode_batch(records))
        candidate = applied_copy(self._storage.data, records)
        try:
            payload = await asyncio.to_thread(self._write_snapshot_of, candidate)
        except Exception:
            try:
                await asyncio.to_thread(self._journal.cut_back, before)
            except OSError:
                log.exception("could not take a refused batch out of %s", self._journal.path)
                self._journal.suspect = True
                return
            raise
        self._encoded = {}
        self._appended = {}
        self.stats.compactions += 1
        self.stats.last_bytes = payload

    def _write_snapshot_of(self, data: dict[str, dict[str, Any]]) -> int:
        payload = orjson.dumps(data)
        write_atomic(self.path, payload)
        try:
            self._journal.empty()
        except OSError:
            log.exception("could not empty %s; it is folded in again later", self._journal.path)
            self._journal.suspect = True
        return len(payload)

    def _records(self, operations: list[Operation]) -> list[Record]:
        return journal_records(operations, self._next_id, self._doc_ids)

    def _next_id(self, table: str) -> int:
        known = self._next_ids.get(table)
        if known is None:
            known = max(map(int, self._storage.data.get(table, {})), default=0) + 1
        return known

    def _apply(self, records: list[Record]) -> None:
        """Make the data in memory hold a written batch, as a replay of its line would.

        A table only appended to keeps its encoded pieces (see _encode); a changed one is
        encoded whole at the next rewrite. Nothing here goes through TinyDB's insert: it
        converts every key of the table twice per call, which at 10,000 contributions blocked
        the loop as long as encoding the whole file (benchmarks/).
        """
        apply_records(self._storage.data, records)
        touched: set[str] = set()
        for record in records:
            kind, table = record[0], record[1]
            touched.add(table)
            if kind == "i":
                self._appended.setdefault(table, []).append(record[2])
                self._next_ids[table] = int(record[2]) + 1
                if table == CONTRIBUTIONS:
                    self._doc_ids[str(record[3]["id"])] = int(record[2])
            else:
                self._encoded.pop(table, None)
        for table in touched:
            self._db.table(table).clear_cache()

    async def _compact(self, *, final: bool = False) -> bool:
        """Rewrite the session file from memory, then empty the journal (or remove it).

        In this order a crash at any point leaves the file and a journal whose replay over it
        gives what was acknowledged. Batches that arrive meanwhile wait for the next turn of
        the flusher. Returns False if the file could not be rewritten (the journal keeps
        everything then, and the next quiet moment tries again).
        """
        self._compaction_due = False
        waiters, self._fold_waiters = self._fold_waiters, []
        dirty = self._journal.size > 0 or self._journal.suspect
        pieces = self._encode() if dirty else None
        try:
            await asyncio.to_thread(self._write_snapshot, pieces, final)
        except Exception:
            log.exception("could not rewrite %s; its journal keeps what is new", self.path)
            if final:
                self._journal.close()
            done = False
        else:
            done = True
            if pieces is not None:
                self.stats.compactions += 1
                self.stats.last_bytes = sum(map(len, pieces))
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(done)
        return done

    def _write_snapshot(self, pieces: list[bytes] | None, final: bool) -> None:
        if pieces is not None:
            write_atomic(self.path, pieces)
        try:
            if final:
                self._journal.remove()
            elif self._journal.suspect:
                self._journal.open_empty()
            elif pieces is not None:
                self._journal.empty()
        except OSError:
            self._journal.suspect = True
            raise

    def _encode(self) -> list[bytes]:
        """The whole file in pieces (see :func:`encode_pieces`)."""
        return encode_pieces(self._storage.data, self._encoded, self._appended)
