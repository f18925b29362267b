"""The journal beside the session file: a batch costs one appended line, never the whole file.

Phones' answers are appended to ``<file>.journal`` and fsynced before they are acknowledged;
the file itself is rewritten at quiet moments (a facilitator's action, a pause, closing) and
the journal emptied after. Every reader of kerne (report, archive, listing, resume) sees the
file with the journal applied. A torn last line is ignored; damage in the middle is refused.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from pathlib import Path

import orjson
import pytest
from support import FakeClock, new_workshop

from kerne_tui.archive import write_report
from kerne_tui.catalog import t
from kerne_tui.plan import Plan
from kerne_tui.store import SessionFileError, read_session_data, rows
from kerne_tui.store.journal import journal_path
from kerne_tui.user_errors import session_file_error
from kerne_tui.workshop import Workshop

PHONES = 30
"""A room's size."""


async def answers(workshop: Workshop, first: int, count: int = PHONES) -> list[str]:
    """*count* phones answer at once; their ids."""
    sent = await asyncio.gather(
        *(
            workshop.submit(f"phone-{n}", "ideas", f"c-{n}", {"text": f"Svar nummer {n}"})
            for n in range(first, first + count)
        )
    )
    return [c.id for c in sent]


def ids_on_disk(path: Path) -> list[str]:
    return [str(doc["id"]) for doc in rows(read_session_data(path), "contributions")]


def killed_copy(workshop: Workshop, folder: Path) -> Path:
    """The session file and its journal as a killed process leaves them (no lock, no close)."""
    folder.mkdir()
    copy = folder / workshop.path.name
    shutil.copyfile(workshop.path, copy)
    shutil.copyfile(journal_path(workshop.path), journal_path(copy))
    return copy


async def test_answers_cost_a_line_and_the_file_is_rewritten_at_a_quiet_moment(
    workshop: Workshop,
) -> None:
    await workshop.go_to("ideas")
    file_before = workshop.path.read_bytes()
    acknowledged = await answers(workshop, 0)
    # The file was not rewritten for the answers; they are in the journal, on disk.
    assert workshop.path.read_bytes() == file_before
    assert journal_path(workshop.path).stat().st_size > 0
    assert ids_on_disk(workshop.path) == acknowledged
    # The facilitator's next action is a quiet moment: the file gets everything.
    await workshop.toggle_reveal()
    assert journal_path(workshop.path).stat().st_size == 0
    plain = orjson.loads(workshop.path.read_bytes())
    assert [doc["id"] for doc in plain["contributions"].values()] == acknowledged


async def test_a_report_during_the_session_holds_the_answers_only_in_the_journal(
    workshop: Workshop, tmp_path: Path
) -> None:
    await workshop.go_to("ideas")
    await answers(workshop, 0)
    assert journal_path(workshop.path).stat().st_size > 0
    out = write_report(workshop.path, "csv", tmp_path / "report.csv")
    text = Path(out).read_text("utf-8")
    assert all(f"Svar nummer {n}" in text for n in range(PHONES))


async def test_closing_folds_the_journal_in_and_removes_it(workshop: Workshop) -> None:
    await workshop.go_to("ideas")
    acknowledged = await answers(workshop, 0)
    await workshop.shutdown()
    assert not journal_path(workshop.path).exists()
    plain = orjson.loads(workshop.path.read_bytes())
    assert [doc["id"] for doc in plain["contributions"].values()] == acknowledged


async def test_a_torn_last_line_is_ignored_and_cleared_on_resume(
    workshop: Workshop, tmp_path: Path, clock: FakeClock
) -> None:
    await workshop.go_to("ideas")
    acknowledged = await answers(workshop, 0)
    copy = killed_copy(workshop, tmp_path / "killed")
    with journal_path(copy).open("ab") as journal:
        journal.write(b'[["i","contributions","999",{"id":"halv')  # the kill came mid-write
    assert ids_on_disk(copy) == acknowledged
    resumed = Workshop.resume(copy, clock=clock)
    await resumed.open()
    try:
        assert [c.id for c in resumed.all_contributions()] == acknowledged
        # The torn line is gone before any new line could be appended after it.
        assert journal_path(copy).stat().st_size == 0
        more = await answers(resumed, PHONES, 3)
        assert ids_on_disk(copy) == acknowledged + more
    finally:
        await resumed.shutdown()


async def test_damage_in_the_middle_of_the_journal_is_refused_and_nothing_is_changed(
    workshop: Workshop, tmp_path: Path
) -> None:
    await workshop.go_to("ideas")
    await answers(workshop, 0, 10)
    await answers(workshop, 10, 10)
    copy = killed_copy(workshop, tmp_path / "killed")
    lines = journal_path(copy).read_bytes().split(b"\n")
    assert len(lines) >= 3  # two batches at least, and the empty part after the last newline
    lines[0] = lines[0][: len(lines[0]) // 2]
    journal_path(copy).write_bytes(b"\n".join(lines))
    before = (copy.read_bytes(), journal_path(copy).read_bytes())
    with pytest.raises(SessionFileError) as caught:
        Workshop.resume(copy)
    assert caught.value.reason == "journal_damaged"
    with pytest.raises(SessionFileError):
        read_session_data(copy)
    assert (copy.read_bytes(), journal_path(copy).read_bytes()) == before
    said = session_file_error(caught.value, "en").message
    assert said == t("en", "cli.session_file.journal_damaged", path=copy, detail="1")
    assert "\n" not in said and "Traceback" not in said


async def test_a_kill_between_the_rewrite_and_emptying_the_journal_replays_it_harmlessly(
    workshop: Workshop, tmp_path: Path
) -> None:
    # The new file is in place, the journal still holds what it already has: replaying it
    # must give every answer once and the moderation as it ended, not as it was midway.
    await workshop.go_to("ideas")
    acknowledged = await answers(workshop, 0)
    await workshop.toggle_hidden(acknowledged[3])
    await workshop.toggle_hidden(acknowledged[3])
    await workshop.toggle_hidden(acknowledged[4])
    journal = journal_path(workshop.path).read_bytes()
    assert journal
    assert await workshop.store.fold_journal()
    copy = killed_copy(workshop, tmp_path / "killed")
    journal_path(copy).write_bytes(journal)
    assert read_session_data(copy) == read_session_data(workshop.path)
    resumed = Workshop.resume(copy)
    try:
        stored = {c.id: c for c in resumed.all_contributions()}
        assert list(stored) == acknowledged
        assert not stored[acknowledged[3]].hidden and stored[acknowledged[4]].hidden
    finally:
        resumed.store.release()


async def test_a_reader_in_another_thread_always_sees_every_acknowledged_answer(
    workshop: Workshop,
) -> None:
    # kerne report reads while the session writes: the file may be renamed and the journal
    # emptied between its two reads. Each read must hold what was acknowledged before it began.
    await workshop.go_to("ideas")
    acknowledged: list[str] = []
    problems: list[str] = []
    done = threading.Event()
    reads = 0

    def reader() -> None:
        nonlocal reads
        while not done.is_set() and reads < 5_000:
            before = set(acknowledged)
            ids = ids_on_disk(workshop.path)
            reads += 1
            if len(ids) != len(set(ids)):
                problems.append(f"read {reads}: an answer twice")
            if missing := before - set(ids):
                problems.append(f"read {reads}: {len(missing)} acknowledged answers missing")

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for round_no in range(20):
            acknowledged += await answers(workshop, round_no * PHONES)
            assert await workshop.store.fold_journal()
    finally:
        done.set()
        thread.join(timeout=30)
    assert reads > 0
    assert not problems, problems[:5]


async def test_the_journal_is_this_users_only_like_the_file_it_belongs_to(
    plan: Plan, data_dir: Path, clock: FakeClock
) -> None:
    # It holds the answers (hidden ones too) until they are folded into the file.
    old = os.umask(0)
    try:
        workshop = new_workshop(plan, data_dir, clock)
        await workshop.open()
    finally:
        os.umask(old)
    try:
        await workshop.go_to("ideas")
        await answers(workshop, 0)
        journal = journal_path(workshop.path)
        assert journal.stat().st_size > 0
        assert journal.stat().st_mode & 0o777 == 0o600
    finally:
        await workshop.shutdown()
