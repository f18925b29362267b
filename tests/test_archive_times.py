"""The shared archive keeps the order of the answers and their step, not their clock times.

A room of thirty phones answers at odd seconds; one takes an answer back and sends another.
Every member of the zip (the session file copy, both reports, the CSV and the manifest) may
name a time only where a step was opened (or the day closed), or the moment of archiving.
"""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
from support import FakeClock, data_folder, open_workshop

from kerne_tui.archive import write_archive
from kerne_tui.archive.status import is_archived
from kerne_tui.archive.step_times import STEP_OPENINGS
from kerne_tui.plan import plan_from_data
from kerne_tui.store import list_sessions, read_session_data
from kerne_tui.workshop import Workshop

PHONES = 30
PLAN = {
    "title": "Tider",
    "language": "da",
    "modules": [
        {
            "title": "Et modul",
            "steps": [
                {"id": "ideer", "kind": "text", "title": "Idéer", "prompt": "Skriv", "minutes": 5},
                {
                    "id": "klarhed",
                    "kind": "scale",
                    "title": "Klarhed",
                    "prompt": "Hvor klart?",
                    "minutes": 5,
                    "statements": ["Jeg ved, hvad vi skal"],
                },
                {
                    "id": "aftaler",
                    "kind": "actions",
                    "title": "Aftaler",
                    "prompt": "Hvad gør vi?",
                    "minutes": 5,
                },
            ],
        }
    ],
}
TIME = re.compile(r"(?<![\d:])\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?")
"""A clock time in any of the forms the members write: 09:05, 09:05:12, 09:05:12.000."""


async def run_room(workshop: Workshop, clock: FakeClock) -> None:
    """Thirty phones answer each step at odd seconds; one retracts and answers again."""
    clock.advance(41)  # the facilitator made the session a little before starting it
    await workshop.start()
    clock.advance(7)
    for phone in range(PHONES):
        clock.advance(3 + phone % 5)
        sent = await workshop.submit(f"phone-{phone}", "ideer", "i", {"text": f"Idé {phone}"})
        if phone == 11:
            clock.advance(2)
            await workshop.retract(f"phone-{phone}", sent.id)
            clock.advance(3)
            await workshop.submit(f"phone-{phone}", "ideer", "j", {"text": "Bedre idé"})
    clock.advance(13)
    await workshop.pin("Vi skaber trygge rammer")
    clock.advance(17)
    await workshop.next_step()
    for phone in range(PHONES):
        clock.advance(1 + phone % 7)
        await workshop.submit(f"phone-{phone}", "klarhed", "k", {"values": {"0": 1 + phone % 5}})
    clock.advance(11)
    await workshop.next_step()
    for phone in range(PHONES):
        clock.advance(2 + phone % 3)
        await workshop.submit(f"phone-{phone}", "aftaler", "a", {"what": f"Aftale {phone}"})
    clock.advance(9)
    await workshop.close()


def forms(moment: datetime) -> set[str]:
    """Every way the members may write *moment* (UTC): ISO with milliseconds, seconds, minutes."""
    return {
        moment.strftime("%H:%M:%S.") + f"{moment.microsecond // 1000:03d}",
        moment.strftime("%H:%M:%S"),
        moment.strftime("%H:%M"),
    }


async def test_no_member_of_the_archive_has_a_time_finer_than_the_step(tmp_path: Path) -> None:
    clock = FakeClock()
    plan = plan_from_data(PLAN, "tider.toml")
    async with open_workshop(plan, data_folder(tmp_path), clock) as workshop:
        await run_room(workshop, clock)
    working = read_session_data(workshop.path)
    openings = {
        datetime.fromisoformat(doc["at"])
        for doc in working["log"].values()
        if doc["action"] in STEP_OPENINGS
    }
    answered = {datetime.fromisoformat(doc["at"]) for doc in working["contributions"].values()}
    # The working file on the laptop keeps each answer's own time (the premise of the test).
    assert len(answered - openings) > PHONES * 2
    archived = clock.now() + timedelta(minutes=3)
    zip_path = write_archive(workshop.path, tmp_path / "arkiv", now=archived, zone=UTC)

    created = datetime.fromisoformat(working["session"]["1"]["created"])
    allowed = set().union(*(forms(moment) for moment in {*openings, archived, created}))
    with zipfile.ZipFile(zip_path) as bundle:
        members = {name: bundle.read(name).decode("utf-8") for name in bundle.namelist()}
    # ``kerne sessions`` still knows the session as archived (by its creation time).
    (summary,), _ = list_sessions(workshop.path.parent)
    assert is_archived(summary, tmp_path / "arkiv")
    assert set(members) == {
        workshop.path.name,
        "report.html",
        "report.md",
        "contributions.csv",
        "manifest.json",
    }
    for name, text in members.items():
        found = set(TIME.findall(text))
        assert found, f"{name} names no time at all: the test would prove nothing"
        assert found <= allowed, f"{name} has times finer than the step: {found - allowed}"

    # What remains is the order of the answers and the step each belongs to.
    copy = orjson.loads(members[workshop.path.name])
    kept = [(doc["step_id"], doc["id"]) for doc in copy["contributions"].values()]
    assert kept == [(doc["step_id"], doc["id"]) for doc in working["contributions"].values()]
    by_step = {doc["step_id"]: doc["at"] for doc in copy["contributions"].values()}
    assert len(set(by_step.values())) == 3
    rows = members["contributions.csv"].splitlines()[1:]
    assert [row.split(";")[0] for row in rows] == [
        doc["id"] for doc in working["contributions"].values() if not doc["retracted"]
    ]


async def test_the_archive_s_csv_leaves_out_a_taken_back_answer_as_the_documents_say(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    plan = plan_from_data(PLAN, "tider.toml")
    async with open_workshop(plan, data_folder(tmp_path), clock) as workshop:
        await run_room(workshop, clock)
    working = read_session_data(workshop.path)
    taken = [doc["id"] for doc in working["contributions"].values() if doc["retracted"]]
    assert len(taken) == 1
    zip_path = write_archive(workshop.path, tmp_path / "arkiv", now=clock.now(), zone=UTC)
    with zipfile.ZipFile(zip_path) as bundle:
        csv_text = bundle.read("contributions.csv").decode("utf-8")
        copy = orjson.loads(bundle.read(workshop.path.name))
    ids = [row.split(";")[0] for row in csv_text.splitlines()[1:]]
    assert taken[0] not in ids
    assert len(ids) == 3 * PHONES
    assert "trukket tilbage" not in csv_text
    # The archived session file keeps the row (so counts stay), without its words.
    key = next(k for k, doc in working["contributions"].items() if doc["retracted"])
    assert copy["contributions"][key]["text"] == "(trukket tilbage)"
    root = Path(__file__).resolve().parents[1]
    readme = " ".join((root / "README.md").read_text("utf-8").split())
    trust = " ".join((root / "docs" / "trust.md").read_text("utf-8").split())
    assert "the CSV leaves a taken-back answer out altogether" in readme
    assert "`contributions.csv` leaves a taken-back contribution out altogether" in trust
    assert "CSV they read" not in readme + trust
