"""The follow-up carries the day's open ends, and lists its agreements even when none is answered.

The whole day (``kerneopgaven``, with its parking lot) is run with agreements, parked items two
of which were given an owner, one left open, and objections left shown; it is archived to a
zip, and ``opfoelgning`` is run on that zip with thirty phones that answer everything but
the review of the agreements. The follow-up's report (Markdown and HTML, also inside its own
archive) names every agreement, every owned parked item with its owner and every open
question.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from support import FakeClock, data_folder
from support.follow_up import (
    DAY_AGREEMENTS,
    DAY_OBJECTIONS,
    DAY_OWNED,
    DAY_PARKED_OPEN,
    run_day,
    shipped,
)

from kerne_tui.archive import read_earlier, read_record, render_report, write_archive
from kerne_tui.archive.step_times import STEP_OPENINGS
from kerne_tui.store import FollowUpRecord, read_session_data
from kerne_tui.workshop import Workshop

PHONES = 30
REPORTED = datetime(2026, 12, 21, 10, 0, tzinfo=UTC)


async def archived_day(tmp_path: Path, clock: FakeClock) -> Path:
    """The whole day with its open ends, archived as the workplace keeps it."""
    day = await run_day(data_folder(tmp_path / "day"), clock, "kerneopgaven")
    return write_archive(day, tmp_path / "archives", now=clock.now())


async def follow_up_without_review(tmp_path: Path, clock: FakeClock, zip_path: Path) -> Workshop:
    """``opfoelgning`` on the zip: thirty phones answer the scales, nobody the review."""
    plan = shipped("opfoelgning")
    workshop = Workshop.create(
        plan, data_folder(tmp_path / "follow"), clock=clock, follow_up=read_earlier(zip_path, plan)
    )
    await workshop.open()
    try:
        await workshop.start()
        for step in plan.steps:
            await workshop.go_to(step.id)
            if step.kind.value == "scale":
                for phone in range(PHONES):
                    values = {str(i): 1 + (phone + i) % 5 for i in range(len(step.statements))}
                    await workshop.submit(f"phone-{phone}", step.id, "s", {"values": values})
            clock.advance(60)
        await workshop.close()
    finally:
        await workshop.shutdown()
    return workshop


def carried(earlier: FollowUpRecord) -> None:
    """The follow-up's copy holds the day's owned parked items and open questions."""
    assert [(end.text, end.owner) for end in earlier.owned] == list(DAY_OWNED)
    questions = [end.text for end in earlier.open_questions]
    assert set(questions) == {*DAY_OBJECTIONS, DAY_PARKED_OPEN}


async def test_the_follow_up_s_report_lists_agreements_owned_items_and_open_questions(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    zip_path = await archived_day(tmp_path, clock)
    workshop = await follow_up_without_review(tmp_path, clock, zip_path)
    assert workshop.follow_up is not None
    carried(workshop.follow_up)
    assert workshop.contributions("aftalerne") == []

    record = read_record(workshop.path)
    assert record.session_header.follow_up == workshop.follow_up  # it stands on its own
    follow_zip = write_archive(workshop.path, tmp_path / "archives", now=REPORTED)
    with zipfile.ZipFile(follow_zip) as bundle:
        archived = {
            name: bundle.read(name).decode("utf-8") for name in ("report.md", "report.html")
        }
    reports = {
        "md": render_report(record, "md", generated=REPORTED),
        "html": render_report(record, "html", generated=REPORTED),
        "zip md": archived["report.md"],
        "zip html": archived["report.html"],
    }
    for name, text in reports.items():
        flat = " ".join(text.replace("&#39;", "'").replace("&#34;", '"').split())
        for what, who, when in DAY_AGREEMENTS:
            assert what in flat and who in flat and when in flat, (name, what)
        for text_owned, owner in DAY_OWNED:
            assert text_owned in flat, (name, text_owned)
            assert f"ejer: {owner}" in flat, (name, owner)
        for question in (*DAY_OBJECTIONS, DAY_PARKED_OPEN):
            assert question in flat, (name, question)
        assert "Aftaler fra dagen, som opfølgningen gennemgår" in flat
        assert "Parkeret på dagen, og nogen tog det på sig" in flat
        assert "Åbne spørgsmål fra dagen" in flat

    # Under the unanswered review itself, the agreements stand (no longer only "Ingen svar").
    review = reports["md"].split("Hvor langt er aftalerne kommet?", 2)[-1].split("\n### ", 1)[0]
    assert "Ingen svar." in review
    for what, who, when in DAY_AGREEMENTS:
        assert f"- {what} *({who} · {when})*" in review


async def test_an_older_follow_up_without_open_ends_still_reads(tmp_path: Path) -> None:
    clock = FakeClock()
    zip_path = await archived_day(tmp_path, clock)
    earlier = read_earlier(zip_path, shipped("opfoelgning"))
    doc = earlier.to_doc()
    del doc["open_ends"]
    older = FollowUpRecord.from_doc(doc)
    assert older.open_ends == ()
    assert older.action_steps == earlier.action_steps
    assert FollowUpRecord.from_doc(earlier.to_doc()) == earlier


async def test_a_follow_up_from_the_session_file_copies_no_time_finer_than_the_step(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    workshop = Workshop.create(shipped("kerneopgaven-kort"), data_folder(tmp_path), clock=clock)
    await workshop.open()
    try:
        await workshop.start()
        clock.advance(37)
        await workshop.pin("Vi skaber trygge rammer")
        clock.advance(20)
        await workshop.close()
    finally:
        await workshop.shutdown()
    day = workshop.path
    working = read_session_data(day)
    openings = {doc["at"] for doc in working["log"].values() if doc["action"] in STEP_OPENINGS}
    exact = {pin["at"] for pin in working["state"]["1"]["pins"]}
    earlier = read_earlier(day, shipped("opfoelgning"))
    assert exact - openings  # the day pinned between the steps' openings
    assert {pin.at for pin in earlier.pins} <= openings
