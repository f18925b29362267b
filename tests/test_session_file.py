"""The session file: group commit, plain TinyDB on disk, damaged files never overwritten."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import orjson
import pytest
from support import FakeClock
from tinydb import TinyDB

from kerne_tui.plan import Plan
from kerne_tui.store import (
    SessionFile,
    SessionFileError,
    SessionLocked,
    StoreWriteError,
    read_session_data,
    rows,
    write_atomic,
)
from kerne_tui.store import batching as batching_module
from kerne_tui.store import files as files_module
from kerne_tui.store.files import WriterLock
from kerne_tui.store.journal import JournalWriter
from kerne_tui.workshop import Refused, Workshop


def stored_ids(path: Path) -> list[str]:
    """Contribution ids on disk as every reader of kerne gets them: the file and its journal."""
    return [str(doc["id"]) for doc in rows(read_session_data(path), "contributions")]


def plain_tinydb_ids(path: Path) -> list[str]:
    """Contribution ids as plain ``TinyDB(path)`` reads them, the way any tool would."""
    db = TinyDB(path)
    try:
        return [str(doc["id"]) for doc in db.table("contributions").all()]
    finally:
        db.close()


async def burst(workshop: Workshop, count: int, *, first: int = 0) -> list[str]:
    """*count* phones submit at the same moment; the ids in the order they were answered."""
    sent = await asyncio.gather(
        *(
            workshop.submit(f"phone-{n}", "ideas", f"c-{n}", {"text": f"Idé nummer {n}"})
            for n in range(first, first + count)
        )
    )
    return [c.id for c in sent]


def fail_writes(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Make every flush fail as a full disk would; returns a function that heals the disk.

    Both ways a batch reaches the disk fail: a line appended to the journal, and a rewrite.
    """
    target = "kerne_tui.store.session_file.write_atomic"
    real_append = JournalWriter.append

    def full_disk(path: Path, payload: object) -> None:
        raise OSError(28, "No space left on device")

    def full_disk_append(self: JournalWriter, line: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(target, full_disk)
    monkeypatch.setattr(JournalWriter, "append", full_disk_append)

    def heal() -> None:
        monkeypatch.setattr(target, write_atomic)
        monkeypatch.setattr(JournalWriter, "append", real_append)

    return heal


# --- group commit --------------------------------------------------------------------------


async def test_a_burst_of_submits_is_written_in_few_batches(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    before = workshop.store.stats.batches
    await burst(workshop, 200)
    assert workshop.store.stats.batches - before <= 3
    assert workshop.store.stats.largest_batch >= 100


async def test_every_acknowledged_submit_of_a_burst_is_on_disk(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    acknowledged = await burst(workshop, 200)
    assert sorted(stored_ids(workshop.path)) == sorted(acknowledged)


async def test_the_file_opens_with_plain_tinydb(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    await burst(workshop, 3)
    db = TinyDB(workshop.path)
    try:
        assert set(db.tables()) == {"session", "state", "contributions", "log"}
        header, state = db.table("session").get(doc_id=1), db.table("state").get(doc_id=1)
        assert header is not None and header["join_code"] == workshop.join_code
        assert state is not None and state["current"] == "ideas"
    finally:
        db.close()


async def test_contributions_keep_their_arrival_order_on_disk(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    first = await burst(workshop, 5)
    second = await burst(workshop, 5, first=5)
    assert stored_ids(workshop.path) == first + second


async def test_a_write_waits_for_the_one_in_flight(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    await asyncio.gather(
        burst(workshop, 50), workshop.pin("Version"), burst(workshop, 50, first=50)
    )
    data = read_session_data(workshop.path)
    assert len(rows(data, "contributions")) == 100
    assert rows(data, "state")[0]["pins"][0]["text"] == "Version"


# --- what is on disk -----------------------------------------------------------------------


async def test_the_device_token_is_never_stored_in_clear(workshop: Workshop) -> None:
    token = "a-very-secret-device-token-4711"
    await workshop.go_to("ideas")
    await workshop.submit(token, "ideas", "c-1", {"text": "Hemmeligt?"})
    raw = workshop.path.read_bytes()
    assert token.encode() not in raw
    assert rows(read_session_data(workshop.path), "contributions")[0]["device"] == (
        workshop.device_key(token)
    )


async def test_the_session_file_holds_a_snapshot_of_the_plan(
    workshop: Workshop, plan: Plan
) -> None:
    header = rows(read_session_data(workshop.path), "session")[0]
    assert header["plan"] == plan.raw
    assert header["format"] == "kerne-session-1"


async def test_a_new_session_never_overwrites_an_existing_file(
    workshop: Workshop, plan: Plan, data_dir: Path, clock: FakeClock
) -> None:
    before = workshop.path.read_bytes()
    second = Workshop.create(plan, data_dir, clock=clock, join_code=workshop.join_code)
    try:
        assert second.path != workshop.path
        assert second.path.stem.endswith("-" + workshop.join_code)
        assert workshop.path.read_bytes() == before
    finally:
        await second.shutdown()


# --- damaged files -------------------------------------------------------------------------


DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda good: good[: len(good) // 2], "not_json"),
    "not json": (lambda good: b"Dette er ikke JSON\n", "not_json"),
    "empty": (lambda good: b"", "empty"),
    "only whitespace": (lambda good: b"  \n", "empty"),
    "another tinydb file": (lambda good: b'{"_default": {"1": {"a": 1}}}', "not_ours"),
    "a json list": (lambda good: b"[1, 2, 3]", "not_ours"),
    "another format": (
        lambda good: good.replace(b"kerne-session-1", b"kerne-session-9"),
        "not_ours",
    ),
}


@pytest.fixture(params=sorted(DAMAGE))
async def damaged(
    request: pytest.FixtureRequest, plan: Plan, data_dir: Path, clock: FakeClock
) -> tuple[Path, str]:
    """A session file damaged in one way, with an old mtime, and the reason expected."""
    damage, reason = DAMAGE[request.param]
    session = Workshop.create(plan, data_dir, clock=clock, join_code="DAMAG")
    await session.shutdown()
    session.path.write_bytes(damage(session.path.read_bytes()))
    os.utime(session.path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return session.path, reason


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes and mtime, and the names in its folder."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def test_a_damaged_file_is_refused_with_its_reason(damaged: tuple[Path, str]) -> None:
    path, reason = damaged
    with pytest.raises(SessionFileError) as caught:
        Workshop.resume(path)
    assert (caught.value.path, caught.value.reason) == (path, reason)


def test_a_damaged_file_is_left_byte_for_byte_unchanged(damaged: tuple[Path, str]) -> None:
    path, _ = damaged
    before = snapshot(path)
    with pytest.raises(SessionFileError):
        Workshop.resume(path)
    with pytest.raises(SessionFileError):
        read_session_data(path)
    assert snapshot(path) == before


def test_a_missing_session_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(SessionFileError) as caught:
        SessionFile.open(tmp_path / "nope.json")
    assert caught.value.reason == "missing"


async def test_a_session_whose_plan_no_longer_validates_is_refused_and_kept(
    workshop: Workshop,
) -> None:
    await workshop.shutdown()
    data = orjson.loads(workshop.path.read_bytes())
    data["session"]["1"]["plan"]["modules"][0]["steps"][0]["kind"] = "hologram"
    workshop.path.write_bytes(orjson.dumps(data))
    before = snapshot(workshop.path)
    with pytest.raises(SessionFileError) as caught:
        Workshop.resume(workshop.path)
    assert caught.value.reason == "unreadable"
    assert "hologram" in caught.value.detail
    assert snapshot(workshop.path) == before


# --- one writer ----------------------------------------------------------------------------


async def test_a_second_writer_on_the_same_file_is_refused(workshop: Workshop) -> None:
    with pytest.raises(SessionLocked):
        Workshop.resume(workshop.path)


async def test_the_file_can_be_resumed_once_the_writer_is_gone(workshop: Workshop) -> None:
    await workshop.shutdown()
    again = Workshop.resume(workshop.path)
    await again.shutdown()
    assert not workshop.path.with_name(workshop.path.name + ".lock").exists()


async def test_reading_a_file_in_use_is_allowed(workshop: Workshop) -> None:
    assert read_session_data(workshop.path)["session"]["1"]["join_code"] == workshop.join_code


async def test_leftover_temporary_files_are_removed_on_resume(workshop: Workshop) -> None:
    await workshop.shutdown()
    leftover = workshop.path.with_name(f".{workshop.path.name}.99999.tmp")
    leftover.write_bytes(b'{"half": ')
    again = Workshop.resume(workshop.path)
    await again.shutdown()
    assert not leftover.exists()


# --- write failures ------------------------------------------------------------------------


async def test_a_failed_write_refuses_the_waiting_submits(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    await workshop.go_to("ideas")
    fail_writes(monkeypatch)
    outcomes = await asyncio.gather(
        *(workshop.submit(f"phone-{n}", "ideas", f"c-{n}", {"text": f"Idé {n}"}) for n in range(5)),
        return_exceptions=True,
    )
    assert all(isinstance(o, Refused) and o.code == "storage" for o in outcomes)
    assert workshop.contributions("ideas") == []


async def test_a_failed_write_loses_nothing_acknowledged_before(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    await workshop.go_to("ideas")
    acknowledged = await burst(workshop, 10)
    heal = fail_writes(monkeypatch)
    with pytest.raises(Refused):
        await workshop.submit("phone-x", "ideas", "c-x", {"text": "Tabt"})
    heal()
    after = await burst(workshop, 2, first=10)
    assert stored_ids(workshop.path) == acknowledged + after
    assert [c.id for c in workshop.contributions("ideas")] == acknowledged + after


async def test_a_refused_submit_can_be_sent_again_once_the_disk_works(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    await workshop.go_to("ideas")
    heal = fail_writes(monkeypatch)
    with pytest.raises(Refused):
        await workshop.submit("phone-x", "ideas", "c-x", {"text": "Igen"})
    heal()
    retry = await workshop.submit("phone-x", "ideas", "c-x", {"text": "Igen"})
    assert stored_ids(workshop.path) == [retry.id]


async def test_a_failed_facilitator_write_is_reported_and_undone(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    await workshop.go_to("ideas")
    fail_writes(monkeypatch)
    with pytest.raises(StoreWriteError):
        await workshop.pin("Bliver ikke gemt")
    assert workshop.pins == []


async def test_a_real_failed_write_leaves_no_temporary_file(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    await workshop.go_to("ideas")

    def broken_fsync(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(Refused):
        await workshop.submit("phone-x", "ideas", "c-x", {"text": "Tabt"})
    monkeypatch.undo()
    assert sorted(p.name for p in workshop.path.parent.iterdir()) == sorted(
        [workshop.path.name, workshop.path.name + ".lock", workshop.path.name + ".journal"]
    )
    assert stored_ids(workshop.path) == []


async def test_commit_after_close_is_refused(workshop: Workshop) -> None:
    await workshop.shutdown()
    with pytest.raises(StoreWriteError):
        await workshop.store.commit([])


@pytest.mark.skipif(sys.platform == "win32", reason="Windows cannot remove an open file")
def test_a_lock_file_removed_while_locking_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = tmp_path / "session.json"
    real_lock = files_module._lock
    calls = 0

    def lock_after_the_holder_left(handle: IO[bytes]) -> None:
        # The previous holder releases and removes the file between our open and our lock.
        nonlocal calls
        calls += 1
        if calls == 1:
            os.unlink(session.with_name(session.name + ".lock"))
        real_lock(handle)

    monkeypatch.setattr(files_module, "_lock", lock_after_the_holder_left)
    first = WriterLock(session)
    first.acquire()
    monkeypatch.undo()
    try:
        with pytest.raises(SessionLocked):
            WriterLock(session).acquire()
    finally:
        first.release()


async def test_the_file_is_exactly_what_a_whole_encoding_of_the_session_gives(
    workshop: Workshop,
) -> None:
    # Flushes append only what is new to the previous encoding; after inserts, retracts,
    # moderation and facilitator actions in any order, the bytes must still be the whole data.
    await workshop.go_to("ideas")
    ids = await burst(workshop, 30)
    await workshop.toggle_hidden(ids[3])
    ids += await burst(workshop, 20, first=30)
    await workshop.toggle_reveal()
    await workshop.merge(ids[5], ids[6])
    ids += await burst(workshop, 5, first=50)
    assert await workshop.store.fold_journal()
    on_disk = workshop.path.read_bytes()
    assert on_disk == orjson.dumps(orjson.loads(on_disk))
    assert on_disk == orjson.dumps(workshop.store._storage.data)
    assert plain_tinydb_ids(workshop.path) == stored_ids(workshop.path) == ids


async def test_a_long_session_of_small_batches_still_writes_the_whole_data(
    workshop: Workshop, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each batch adds one piece to the table's encoding; past the limit the pieces are joined.
    # Across that joining, and after a failed write, the file must stay the whole data.
    monkeypatch.setattr(batching_module, "MAX_PIECES", 3)
    await workshop.go_to("ideas")
    for n in range(9):
        await workshop.submit(f"phone-{n}", "ideas", f"c-{n}", {"text": f"Idé {n}"})
        assert await workshop.store.fold_journal()
        on_disk = workshop.path.read_bytes()
        assert on_disk == orjson.dumps(workshop.store._storage.data)
    heal = fail_writes(monkeypatch)
    with pytest.raises(Refused):
        await workshop.submit("phone-x", "ideas", "c-x", {"text": "Går tabt"})
    heal()
    await workshop.submit("phone-y", "ideas", "c-y", {"text": "Kommer med"})
    assert await workshop.store.fold_journal()
    on_disk = workshop.path.read_bytes()
    assert on_disk == orjson.dumps(workshop.store._storage.data)
    texts = [doc["text"] for doc in orjson.loads(on_disk)["contributions"].values()]
    assert texts == [*(f"Idé {n}" for n in range(9)), "Kommer med"]
