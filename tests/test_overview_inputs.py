"""What ``kerne overview`` does with what it is given: bad zips named, never fatal; a follow-up
without its day alone; only what the workplace shares; the language chosen.

Sessions run through the engine on the fake clock (no sockets); archives are real zips on disk.
"""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from support import FakeClock, load_test_plan
from support.follow_up import DAY_PINS, run_day, shipped

from kerne_tui.archive import read_earlier, write_archive
from kerne_tui.archive.bundle import MANIFEST, manifest_bytes, sealed
from kerne_tui.cli import main
from kerne_tui.overview import Written, collect, write_overview
from kerne_tui.workshop import Workshop

SECRET_TEXT = "Jeg synes ledelsen svigter os"
HIDDEN_TEXT = "Bent er umulig at samarbejde med"
COMMENT = "Forældremødet blev aflyst"
OPEN_QUESTION = "Hvem tager sig af vikarerne om morgenen?"
NOW = datetime(2026, 12, 21, 10, 0, tzinfo=UTC)


@pytest.fixture
async def day_zip(tmp_path: Path) -> Path:
    """The day (pins, scales, agreements), archived; beside it in the same folder, a session
    with free texts, one of them hidden."""
    plan = shipped("kerneopgaven-kort")
    workshop = Workshop.create(plan, tmp_path / "texts", clock=FakeClock())
    await workshop.open()
    try:
        await workshop.start()
        await workshop.go_to("min-opgave", run_timer=False)
        await workshop.submit("p1", "min-opgave", "t1", {"text": SECRET_TEXT})
        hidden = await workshop.submit("p2", "min-opgave", "t2", {"text": HIDDEN_TEXT})
        await workshop.toggle_hidden(hidden.id)
        await workshop.go_to("mangler", run_timer=False)  # a step that collects open questions
        await workshop.submit("p3", "mangler", "m1", {"text": OPEN_QUESTION})
        await workshop.close()
    finally:
        await workshop.shutdown()
    write_archive(workshop.path, tmp_path / "zips")
    return write_archive(await run_day(tmp_path / "day", FakeClock()), tmp_path / "zips")


@pytest.fixture
async def follow_up_zip(day_zip: Path, tmp_path: Path) -> Path:
    plan = shipped("opfoelgning")
    workshop = Workshop.create(
        plan, tmp_path / "fu", clock=FakeClock(), follow_up=read_earlier(day_zip, plan)
    )
    await workshop.open()
    try:
        await workshop.go_to("aftalerne", run_timer=False)
        ids = [o.id for o in workshop.options(plan.step("aftalerne"))]
        for n in range(4):
            statuses = {i: "done" for i in ids}
            await workshop.submit(
                f"p{n}", "aftalerne", "r", {"statuses": statuses, "comments": {ids[0]: COMMENT}}
            )
        await workshop.close()
    finally:
        await workshop.shutdown()
    return write_archive(workshop.path, tmp_path / "fu-zips")


def written(paths: list[Path], out: Path, **options: object) -> Written:
    return write_overview(collect(paths, now=NOW, **options), out)  # type: ignore[arg-type]


def every_text(result: Written) -> str:
    """The three files as text, the workbook's cells included."""
    book = openpyxl.load_workbook(result.xlsx)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    html = result.html.read_text(encoding="utf-8")
    return "\n".join([html, result.csv.read_text(encoding="utf-8"), *cells])


def resealed(source: Path, target: Path, change: dict[str, bytes], **manifest: object) -> Path:
    """A copy of an archive with members changed and a manifest that matches them again."""
    with zipfile.ZipFile(source) as bundle:
        members = {n: bundle.read(n) for n in bundle.namelist() if n != MANIFEST}
        old = json.loads(bundle.read(MANIFEST))
    members.update(change)
    files = {
        n: {"sha256": hashlib.sha256(p).hexdigest(), "size": len(p)} for n, p in members.items()
    }
    new = sealed({**old, **manifest, "files": files})
    with zipfile.ZipFile(target, "w") as bundle:
        for name, payload in members.items():
            bundle.writestr(name, payload)
        bundle.writestr(MANIFEST, manifest_bytes(new))
    return target


def tampered(source: Path, target: Path, member: str, payload: bytes) -> Path:
    """A copy of an archive with one member changed and the manifest left as it was."""
    with zipfile.ZipFile(source) as bundle, zipfile.ZipFile(target, "w") as copy:
        for name in bundle.namelist():
            copy.writestr(name, payload if name == member else bundle.read(name))
    return target


def session_member(archive: Path) -> tuple[str, dict[str, dict[str, object]]]:
    with zipfile.ZipFile(archive) as bundle:
        name = json.loads(bundle.read(MANIFEST))["session"]["file"]
        return name, json.loads(bundle.read(name))


# --- bad input is named, never fatal ------------------------------------------------------


def test_each_bad_zip_is_one_line_and_the_overview_is_still_written(
    day_zip: Path, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = inbox / day_zip.name
    good.write_bytes(day_zip.read_bytes())
    with zipfile.ZipFile(inbox / "fremmed.zip", "w") as foreign:
        foreign.writestr("budget.xlsx", b"not ours")
    tampered(day_zip, inbox / "forfalsket.zip", "report.md", b"# Alt gik godt\n")
    resealed(day_zip, inbox / "gammel-version.zip", {}, format="kerne-archive-0")
    name, data = session_member(day_zip)
    data["session"]["1"].pop("plan")  # type: ignore[attr-defined]
    older = json.dumps(data).encode("utf-8")
    resealed(day_zip, inbox / "uden-plan.zip", {name: older})
    (inbox / "tom.zip").write_bytes(b"")

    result = written([inbox, tmp_path / "findes-ikke"], tmp_path / "out")
    reasons = {e.path.name: e.reason("da") for e in result.overview.excluded}
    assert set(reasons) == {
        "fremmed.zip",
        "forfalsket.zip",
        "gammel-version.zip",
        "uden-plan.zip",
        "tom.zip",
        "findes-ikke",
    }
    assert "ikke et helt kerne-arkiv" in reasons["fremmed.zip"]
    assert "ikke et helt kerne-arkiv" in reasons["forfalsket.zip"]
    assert "en anden version af kerne" in reasons["gammel-version.zip"]
    assert "kerne-archive-0" in reasons["gammel-version.zip"]
    assert "ældre kerne" in reasons["uden-plan.zip"]
    assert "findes ikke" in reasons["findes-ikke"]
    assert len(result.overview.workplaces) == 1
    page = result.html.read_text(encoding="utf-8")
    for reason in reasons.values():
        assert reason.replace('"', "&#34;") in page or reason in page


def test_the_command_prints_each_left_out_zip_and_exits_well(
    day_zip: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tom.zip").write_bytes(b"PK")
    assert (
        main(["overview", str(day_zip), str(tmp_path / "tom.zip"), "--out", str(tmp_path / "o")])
        == 0
    )
    said = capsys.readouterr()
    assert said.err.count("Ikke med: tom.zip") == 1
    assert "Traceback" not in said.err
    assert (tmp_path / "o" / "oversigt.xlsx").is_file()


def test_a_folder_that_cannot_be_written_is_one_sentence(
    day_zip: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    with pytest.raises(SystemExit) as stop:
        main(["overview", str(day_zip), "--out", str(blocker / "ud")])
    assert stop.value.code == 2
    said = capsys.readouterr().err
    assert "Oversigten kan ikke skrives i" in said and "Traceback" not in said


# --- follow-ups, sharing and language ---------------------------------------------------------


def test_a_follow_up_without_its_day_stands_alone_with_a_note(
    follow_up_zip: Path, day_zip: Path, tmp_path: Path
) -> None:
    result = written([follow_up_zip], tmp_path / "out")
    (workplace,) = result.overview.workplaces
    assert workplace.alone
    page = result.html.read_text(encoding="utf-8")
    assert f"bygger på {day_zip.name}, som ikke er blandt arkiverne" in page
    # With its day it joins it, found by the archive's SHA-256 even under another name.
    renamed = tmp_path / "noget-helt-andet.zip"
    renamed.write_bytes(day_zip.read_bytes())
    together = written([follow_up_zip, renamed], tmp_path / "out2")
    (joined,) = together.overview.workplaces
    assert not joined.alone and len(joined.sessions) == 2
    assert joined.sessions[0].file_name == "noget-helt-andet.zip"


def test_no_free_text_comment_or_hidden_text_goes_up(
    day_zip: Path, follow_up_zip: Path, tmp_path: Path
) -> None:
    result = written([day_zip.parent, follow_up_zip], tmp_path / "out")
    text = every_text(result)
    assert SECRET_TEXT not in text
    assert HIDDEN_TEXT not in text
    assert COMMENT not in text
    assert DAY_PINS[-1] in text  # what the workplace pinned does go up
    page = result.html.read_text(encoding="utf-8")
    assert "Stadig åbne spørgsmål" in page and OPEN_QUESTION in page  # and what is still open


def test_the_language_is_the_plans_unless_chosen(day_zip: Path, tmp_path: Path) -> None:
    danish = written([day_zip], tmp_path / "da")
    assert "Oversigt over kerneopgaven" in danish.html.read_text(encoding="utf-8")
    english = written([day_zip], tmp_path / "en", lang="en")
    page = english.html.read_text(encoding="utf-8")
    assert "Overview of the core task" in page and "The sentences side by side" in page
    assert "Oversigt over kerneopgaven" not in page


def test_a_large_folder_shows_progress_on_the_terminal(
    day_zip: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mange"
    folder.mkdir()
    for n in range(20):
        (folder / f"kopi-{n:02d}.zip").write_bytes(day_zip.read_bytes())
    assert main(["overview", str(folder), "--out", str(tmp_path / "o")]) == 0
    said = capsys.readouterr().err
    assert "Læst 10 af 20 arkiver" in said and "Læst 20 af 20 arkiver" in said
    # The same zip twenty times is one workplace; the other nineteen are named once each.
    assert said.count("(samme SHA-256)") == 19


async def test_votes_and_choices_over_the_plan_s_options_go_up_with_their_threshold(
    tmp_path: Path,
) -> None:
    plan = load_test_plan("small")
    enough = plan.step("fixed-vote").min_answers
    workshop = Workshop.create(plan, tmp_path / "small", clock=FakeClock())
    await workshop.open()
    try:
        await workshop.start()
        await workshop.go_to("ideas", run_timer=False)
        idea = await workshop.submit("p0", "ideas", "i", {"text": SECRET_TEXT})
        await workshop.go_to("fixed-vote", run_timer=False)
        for n in range(enough):
            await workshop.submit(f"p{n}", "fixed-vote", "v", {"dots": {"2": 2}})
        await workshop.go_to("pick", run_timer=False)
        for n in range(enough - 1):  # one short of the threshold
            await workshop.submit(f"p{n}", "pick", "c", {"choices": ["1"]})
        await workshop.go_to("dots", run_timer=False)  # a vote over the participants' cards
        for n in range(enough):
            await workshop.submit(f"p{n}", "dots", "d", {"dots": {idea.id: 1}})
        await workshop.close()
    finally:
        await workshop.shutdown()
    result = written([write_archive(workshop.path, tmp_path / "zips")], tmp_path / "out")
    rows = list(csv.DictReader(result.csv.read_text(encoding="utf-8").splitlines()))
    votes = {r["item"]: r for r in rows if r["step_id"] == "fixed-vote"}
    assert votes["Mails"]["count"] == str(2 * enough) and votes["Mails"]["shown"] == "1"
    assert votes["Møder"]["count"] == "0"
    picks = [r for r in rows if r["step_id"] == "pick"]
    assert picks and all(r["shown"] == "0" and r["count"] == "" for r in picks)
    assert {r["respondents"] for r in picks} == {str(enough - 1)}
    # The vote over cards the participants wrote is not there at all (its options are texts).
    assert not [r for r in rows if r["step_id"] == "dots"]
    assert SECRET_TEXT not in every_text(result)
