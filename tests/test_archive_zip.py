"""The archive zip: what it holds, what it never holds, its manifest and its safety rules."""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import pytest
from aiohttp import ClientSession, CookieJar
from aiohttp.test_utils import TestServer
from fixtures.archive_sessions import ALL_KINDS_FILE, build_small, copy_all_kinds

from kerne_tui.archive import read_record, render_report, session_status, verify_archive
from kerne_tui.archive import write_archive as archive
from kerne_tui.archive.bundle import MANIFEST
from kerne_tui.archive.step_times import with_step_times
from kerne_tui.archive.withheld import without_withheld_texts
from kerne_tui.store import SessionFileError, summarise
from kerne_tui.web import make_app
from kerne_tui.workshop import Workshop

ZONE = ZoneInfo("Europe/Copenhagen")
MADE = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)
MEMBERS = (
    ALL_KINDS_FILE.name,
    "report.html",
    "report.md",
    "contributions.csv",
    MANIFEST,
)


def members_of(zip_path: Path) -> dict[str, bytes]:
    """Every member of an archive, decompressed."""
    with zipfile.ZipFile(zip_path) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


@pytest.fixture
def archived(tmp_path: Path) -> Path:
    """An archive of the fixed session, made at a fixed time in a fixed zone."""
    return archive(copy_all_kinds(tmp_path), tmp_path / "archives", now=MADE, zone=ZONE)


def test_archive_is_named_after_date_plan_and_join_code(archived: Path) -> None:
    assert archived.name == "2026-11-23-arkiv-alle-trin-KAFFE.zip"


def test_archive_holds_session_file_reports_csv_and_manifest(archived: Path) -> None:
    assert sorted(members_of(archived)) == sorted(MEMBERS)


def test_manifest_gives_every_member_its_checksum_and_size(archived: Path) -> None:
    members = members_of(archived)
    manifest = json.loads(members[MANIFEST])
    assert manifest["kerne_version"]
    assert manifest["archived_at"] == "2026-11-24T07:30:00.000Z"
    assert set(manifest["files"]) == set(MEMBERS) - {MANIFEST}
    for name, entry in manifest["files"].items():
        assert entry == {
            "sha256": hashlib.sha256(members[name]).hexdigest(),
            "size": len(members[name]),
        }


def test_archived_session_file_is_tinydb_json_without_devices_or_secret(archived: Path) -> None:
    data = orjson.loads(members_of(archived)[ALL_KINDS_FILE.name])
    # Everything kept, each time cut to its step's opening (test_archive_times.py).
    original = with_step_times(orjson.loads(ALL_KINDS_FILE.read_bytes()))
    assert set(data) == set(original)
    assert "secret" not in data["session"]["1"]
    for doc_id, doc in data["contributions"].items():
        assert "device" not in doc and "client_id" not in doc
        kept = {k: v for k, v in original["contributions"][doc_id].items()}
        del kept["device"], kept["client_id"]
        if kept.get("hidden") or kept.get("retracted"):
            # Their words stay behind (test_hostile_archive.py); everything else is kept.
            kept = {k: v for k, v in kept.items() if k not in ("text", "what", "who", "when")}
            doc = {k: v for k, v in doc.items() if k not in ("text", "what", "who", "when")}
            assert doc.pop("withheld") in ("hidden", "retracted")
        assert doc == kept
    assert data["state"] == original["state"]
    assert data["log"] == original["log"]


def test_archive_contains_no_device_hash_or_secret_in_any_member(archived: Path) -> None:
    original = orjson.loads(ALL_KINDS_FILE.read_bytes())
    secrets = {original["session"]["1"]["secret"]}
    devices = {doc["device"] for doc in original["contributions"].values()}
    assert len(devices) == 6
    raw = archived.read_bytes()
    for name, payload in members_of(archived).items():
        for value in secrets | devices:
            assert value.encode() not in payload, (name, value)
            assert value.encode() not in raw


def test_report_made_later_from_the_archived_copy_says_the_same(archived: Path) -> None:
    members = members_of(archived)
    copy = archived.parent / "copy.json"
    copy.write_bytes(members[ALL_KINDS_FILE.name])
    again = render_report(read_record(copy), "md", generated=MADE, zone=ZONE)
    assert again == members["report.md"].decode("utf-8")


def test_reports_in_the_archive_are_the_session_reports(archived: Path, tmp_path: Path) -> None:
    members = members_of(archived)
    # The session's reports without the words of hidden and retracted contributions, and
    # with the times of the steps.
    shared = tmp_path / ALL_KINDS_FILE.name
    shared.write_bytes(
        orjson.dumps(
            with_step_times(without_withheld_texts(orjson.loads(ALL_KINDS_FILE.read_bytes())))
        )
    )
    record = read_record(shared)
    for fmt, name in (("html", "report.html"), ("md", "report.md"), ("csv", "contributions.csv")):
        assert members[name].decode("utf-8") == render_report(
            record, fmt, generated=MADE, zone=ZONE
        )


def test_verify_finds_nothing_wrong_with_a_fresh_archive(archived: Path) -> None:
    assert verify_archive(archived, "da") == []


def rewrite(zip_path: Path, change: dict[str, bytes]) -> None:
    """Rewrite the archive with some members' contents replaced (a valid zip all the same)."""
    members = members_of(zip_path)
    members.update(change)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, payload in members.items():
            bundle.writestr(name, payload)


def flip_one_byte(payload: bytes) -> bytes:
    middle = len(payload) // 2
    return payload[:middle] + bytes([payload[middle] ^ 0x01]) + payload[middle + 1 :]


@pytest.mark.parametrize("member", MEMBERS)
def test_verify_names_a_member_whose_content_changed_by_one_byte(
    archived: Path, member: str
) -> None:
    rewrite(archived, {member: flip_one_byte(members_of(archived)[member])})
    problems = verify_archive(archived, "en")
    assert any(member in problem for problem in problems)
    if member != MANIFEST:
        # A changed checksum inside the manifest may also name the file it describes.
        assert all(member in problem for problem in problems)


@pytest.mark.parametrize("member", MEMBERS)
def test_verify_names_a_member_whose_stored_bytes_were_damaged(archived: Path, member: str) -> None:
    with zipfile.ZipFile(archived) as bundle:
        info = bundle.getinfo(member)
    raw = bytearray(archived.read_bytes())
    header = 30 + len(info.filename.encode()) + len(info.extra)
    raw[info.header_offset + header + info.compress_size // 2] ^= 0xFF
    archived.write_bytes(bytes(raw))
    problems = verify_archive(archived, "da")
    assert problems
    assert any(member in problem for problem in problems)


def test_verify_names_a_member_that_is_missing(archived: Path) -> None:
    members = members_of(archived)
    del members["report.md"]
    with zipfile.ZipFile(archived, "w") as bundle:
        for name, payload in members.items():
            bundle.writestr(name, payload)
    assert verify_archive(archived, "da") == ["report.md står i manifestet, men mangler i arkivet."]


def test_verify_names_a_member_that_was_added(archived: Path) -> None:
    rewrite(archived, {"extra.txt": b"sneaked in"})
    assert verify_archive(archived, "en") == [
        "extra.txt is in the archive but not listed in the manifest."
    ]


def test_verify_says_plainly_when_the_file_is_not_a_zip(tmp_path: Path) -> None:
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello", encoding="utf-8")
    (problem,) = verify_archive(not_zip, "da")
    assert "er ikke en zip-fil" in problem


async def test_archive_of_a_session_without_contributions_is_complete(tmp_path: Path) -> None:
    session = await build_small(tmp_path, submitted=0, hide_all=False)
    zip_path = archive(session, tmp_path / "out", now=MADE, zone=ZONE)
    assert verify_archive(zip_path, "da") == []
    members = members_of(zip_path)
    assert "Ingen svar." in members["report.md"].decode("utf-8")
    assert members["contributions.csv"].decode("utf-8").count("\r\n") == 1


async def test_archive_of_a_session_with_only_hidden_contributions_leaves_them_out(
    tmp_path: Path,
) -> None:
    session = await build_small(tmp_path, submitted=4, hide_all=True)
    zip_path = archive(session, tmp_path / "out", now=MADE, zone=ZONE)
    assert verify_archive(zip_path, "da") == []
    members = members_of(zip_path)
    report = members["report.md"].decode("utf-8")
    assert "Skjult tekst" not in report
    assert "4 bidrag blev skjult af facilitatoren og er udeladt her." in report
    assert "Skjult tekst" not in members["report.html"].decode("utf-8")
    assert members["contributions.csv"].decode("utf-8").count(";ja;") == 4


def test_archiving_twice_makes_two_archives_and_leaves_the_session_file_alone(
    tmp_path: Path,
) -> None:
    session = copy_all_kinds(tmp_path)
    before = session.read_bytes()
    first = archive(session, tmp_path / "archives", now=MADE, zone=ZONE)
    second = archive(session, tmp_path / "archives", now=MADE, zone=ZONE)
    assert first != second
    assert first.exists() and second.exists()
    assert second.name == "2026-11-23-arkiv-alle-trin-KAFFE-2.zip"
    assert session.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["archives", session.name])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b'{"session": {"1": {"format": "kerne-sess', "not_json"),
        (b"[]", "not_ours"),
    ],
)
def test_damaged_session_file_raises_and_leaves_no_zip(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    session = tmp_path / "damaged.json"
    session.write_bytes(content)
    out = tmp_path / "archives"
    out.mkdir()
    with pytest.raises(SessionFileError) as raised:
        archive(session, out)
    assert raised.value.reason == reason
    assert list(out.iterdir()) == []
    assert session.read_bytes() == content


def test_failure_while_writing_leaves_no_half_written_zip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = copy_all_kinds(tmp_path)
    out = tmp_path / "archives"

    def full_disk(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk)
    with pytest.raises(OSError):
        archive(session, out)
    assert list(out.iterdir()) == []


def test_sessions_lists_an_archived_finished_session_as_archived(tmp_path: Path) -> None:
    session = copy_all_kinds(tmp_path)
    summary = summarise(session)
    assert session_status(summary, tmp_path, "da") == "afsluttet"
    archive(session, tmp_path / "archives", now=MADE, zone=ZONE)
    assert session_status(summary, tmp_path, "da") == "arkiveret"
    assert session_status(summary, tmp_path, "en") == "archived"


async def test_sessions_marks_a_rehearsal_and_a_running_session(tmp_path: Path) -> None:
    plan = read_record(ALL_KINDS_FILE).plan
    workshop = Workshop.create(plan, tmp_path, rehearsal=True)
    await workshop.open()
    try:
        await workshop.start()
        assert session_status(summarise(workshop.path), tmp_path, "da") == "i gang, øvelse"
        archive(workshop.path, tmp_path / "archives")
        # An archive made while it ran does not make the session archived.
        assert session_status(summarise(workshop.path), tmp_path, "en") == "running, rehearsal"
    finally:
        await workshop.shutdown()


async def test_report_and_archive_work_while_the_session_is_running(tmp_path: Path) -> None:
    plan = read_record(ALL_KINDS_FILE).plan
    workshop = Workshop.create(plan, tmp_path)
    await workshop.open()
    try:
        await workshop.go_to("min-opgave")
        await workshop.submit(
            "telefon01abcdefghijklmnop", "min-opgave", "a", {"text": "Midt i det"}
        )
        zip_path = archive(workshop.path, tmp_path / "archives")
        await workshop.submit("telefon02abcdefghijklmnop", "min-opgave", "b", {"text": "Bagefter"})
    finally:
        await workshop.shutdown()
    report = members_of(zip_path)["report.md"].decode("utf-8")
    assert "Midt i det" in report
    assert "Workshoppen var stadig i gang" in report
    assert "Bagefter" in workshop.path.read_text(encoding="utf-8")


async def test_archive_of_a_session_held_over_http_has_no_address_agent_or_token(
    tmp_path: Path,
) -> None:
    plan = read_record(ALL_KINDS_FILE).plan
    workshop = Workshop.create(plan, tmp_path)
    await workshop.open()
    agent = "KerneTestPhone/9.9 (Linux; Android 14; Pixel-Zeta)"
    forwarded = "10.77.66.55"
    tokens: list[str] = []
    try:
        await workshop.go_to("min-opgave")
        server = TestServer(make_app(workshop), host="127.0.0.1", port=0)
        await server.start_server()
        try:
            for n in range(3):
                jar = CookieJar(unsafe=True)
                headers = {"User-Agent": agent, "X-Forwarded-For": forwarded}
                async with ClientSession(cookie_jar=jar, headers=headers) as phone:
                    base = str(server.make_url(""))
                    async with phone.get(f"{base}/j/{workshop.join_code}") as page:
                        assert page.status == 200
                    body = {
                        "step": "min-opgave",
                        "client_id": f"http-{n}",
                        "text": f"Via nettet {n}",
                    }
                    url = f"{base}/api/{workshop.join_code}/contributions"
                    async with phone.post(url, json=body) as answer:
                        assert answer.status in (200, 201), await answer.text()
                    tokens += [cookie.value for cookie in jar]
        finally:
            await server.close()
    finally:
        await workshop.shutdown()
    zip_path = archive(workshop.path, tmp_path / "archives")
    members = members_of(zip_path)
    assert "Via nettet 2" in members["report.md"].decode("utf-8")
    original = orjson.loads(workshop.path.read_bytes())
    devices = [doc["device"] for doc in original["contributions"].values()]
    forbidden = [agent, "Pixel-Zeta", forwarded, "127.0.0.1", *tokens, *devices]
    forbidden.append(original["session"]["1"]["secret"])
    assert len(tokens) == 3
    for name, payload in members.items():
        for value in forbidden:
            assert value.encode() not in payload, (name, value)
