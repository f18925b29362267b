"""The session file's layout, owned by the store: typed header and state, tolerant decoding."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from kerne_tui.archive import read_record
from kerne_tui.plan import plan_from_data
from kerne_tui.rehearsal.phones import ApiStatus
from kerne_tui.store import (
    SessionFileError,
    SessionHeader,
    SessionState,
    SessionStatus,
    list_sessions,
    summarise,
)
from kerne_tui.workshop import Workshop

FIXTURE = Path(__file__).parent / "fixtures" / "2026-11-23-arkiv-alle-trin-KAFFE.json"


def fixture_data() -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(FIXTURE.read_bytes())
    return data


def damaged_copy(tmp_path: Path, table: str, **fields: Any) -> Path:
    """The fixture with some header or state fields changed (None removes one)."""
    data = fixture_data()
    doc = data[table]["1"]
    for name, value in fields.items():
        if value is None:
            doc.pop(name, None)
        else:
            doc[name] = value
    path = tmp_path / FIXTURE.name
    path.write_bytes(orjson.dumps(data))
    return path


def test_the_stored_header_and_state_read_back_as_they_were_written() -> None:
    data = fixture_data()
    header = SessionHeader.from_doc(data["session"]["1"])
    state = SessionState.from_doc(data["state"]["1"])
    assert (header.join_code, header.title, header.rehearsal) == (
        "KAFFE",
        "Kerneopgaven i Solsikken",
        False,
    )
    assert state.status is SessionStatus.FINISHED
    assert state.timer is not None and not state.timer.running
    assert header.to_doc() == data["session"]["1"]
    assert state.to_doc() == data["state"]["1"]


def test_an_old_state_with_only_a_status_reads_with_defaults() -> None:
    state = SessionState.from_doc({"status": "waiting"})
    assert state == SessionState()
    assert SessionState.from_doc(None).status is SessionStatus.WAITING


@pytest.mark.parametrize(
    ("table", "fields", "words"),
    [
        ("state", {"status": "paused"}, "'status'"),
        ("state", {"status": 3}, "'status'"),
        ("state", {"pins": "Vi er her"}, "'pins'"),
        ("state", {"elapsed": {"tak": "lang tid"}}, "'elapsed'"),
        ("state", {"left": {"tak": "lidt"}}, "'left'"),
        ("state", {"timer": {"planned": "ti"}}, "'planned'"),
        ("state", {"revealed": "min-opgave"}, "'revealed'"),
        ("session", {"title": 42}, "'title'"),
        ("session", {"rehearsal": "ja"}, "'rehearsal'"),
        ("session", {"plan": "kerneopgaven"}, "'plan'"),
    ],
)
def test_a_damaged_field_is_named_and_the_file_is_left_alone(
    tmp_path: Path, table: str, fields: dict[str, Any], words: str
) -> None:
    path = damaged_copy(tmp_path, table, **fields)
    before = path.read_bytes()
    for read in (summarise, read_record, Workshop.resume):
        with pytest.raises(SessionFileError) as caught:
            read(path)
        assert caught.value.reason == "unreadable"
        assert words in caught.value.detail
        assert "Error(" not in caught.value.detail  # a reason, not an exception's repr
    assert path.read_bytes() == before
    _, broken = list_sessions(tmp_path)
    assert [error.path for error in broken] == [path]


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"secret": None}, "no secret"),
        ({"secret": "not hex"}, "hexadecimal"),
        ({"join_code": None}, "no join code"),
        ({"plan": None}, "no plan"),
    ],
)
def test_a_header_missing_what_a_running_session_needs_is_not_resumed(
    tmp_path: Path, fields: dict[str, Any], words: str
) -> None:
    path = damaged_copy(tmp_path, "session", **fields)
    before = path.read_bytes()
    with pytest.raises(SessionFileError) as caught:
        Workshop.resume(path)
    assert words in caught.value.detail
    assert path.read_bytes() == before
    # The lock was given back: a second attempt meets the same reason, not "locked".
    with pytest.raises(SessionFileError):
        Workshop.resume(path)


def test_the_archived_fixture_still_opens_and_archives(tmp_path: Path) -> None:
    path = tmp_path / FIXTURE.name
    shutil.copyfile(FIXTURE, path)
    record = read_record(path)
    assert record.status is SessionStatus.FINISHED
    assert record.pins[0].source == "c00000000019"
    assert record.elapsed("tak") == 45.0
    assert record.header["join_code"] == "KAFFE"
    summary = summarise(path)
    assert (summary.status, summary.join_code) == (SessionStatus.FINISHED, "KAFFE")


async def test_a_new_session_file_reads_back_through_the_layout(tmp_path: Path) -> None:
    plan = plan_from_data(fixture_data()["session"]["1"]["plan"], "arkiv-alle-trin.toml")
    workshop = Workshop.create(plan, tmp_path, join_code="TRYGT")
    await workshop.open()
    try:
        await workshop.start()
        await workshop.pin("Vi er her for børnene.")
    finally:
        await workshop.shutdown()
    resumed = Workshop.resume(workshop.path)
    try:
        assert resumed.status is SessionStatus.RUNNING
        assert resumed.current == plan.steps[0].id
        assert [pin.text for pin in resumed.pins] == ["Vi er her for børnene."]
    finally:
        resumed.store.release()


def test_the_simulated_phones_spell_the_status_as_the_store_does() -> None:
    assert {status.name: status.value for status in ApiStatus} == {
        status.name: status.value for status in SessionStatus
    }


def test_a_plan_finds_its_steps_by_id_and_position() -> None:
    plan = plan_from_data(fixture_data()["session"]["1"]["plan"], "arkiv-alle-trin.toml")
    assert plan.steps is plan.steps  # computed once
    for index, step in enumerate(plan.steps):
        assert plan.step(step.id) is step
        assert plan.index_of(step.id) == index
        assert plan.has_step(step.id)
    assert not plan.has_step("findes-ikke")
    with pytest.raises(KeyError):
        plan.step("findes-ikke")
