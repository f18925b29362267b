"""kerne report, kerne archive (and --verify) and kerne sessions, run as a person runs them."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aiohttp import ClientSession, CookieJar
from fixtures.archive_sessions import ALL_KINDS_TOML, copy_all_kinds

from kerne_tui.archive import write_archive

TIMEOUT = 30.0
"""Seconds any one command may take before the test gives up on it."""


def environment(lang: str = "da") -> dict[str, str]:
    """The user's environment with the language pinned and no data folder of their own."""
    env = {k: v for k, v in os.environ.items() if k != "KERNE_DATA_DIR"}
    env["KERNE_LANG"] = lang
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def kerne(*args: str | Path, lang: str = "da") -> subprocess.CompletedProcess[str]:
    """Run the kerne command line to its end."""
    return subprocess.run(
        [sys.executable, "-m", "kerne_tui", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(lang),
        timeout=TIMEOUT,
        check=False,
    )


@asynccontextmanager
async def serving(plan: Path, data_dir: Path) -> AsyncIterator[str]:
    """``kerne serve`` on a free port of 127.0.0.1; yields the join address, stops with SIGTERM."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kerne_tui",
        "serve",
        str(plan),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--data-dir",
        str(data_dir),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=environment(),
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), TIMEOUT)).decode("utf-8")
        assert line.startswith("JOIN "), line
        yield line.split()[1]
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), TIMEOUT)
            except TimeoutError:
                process.kill()
                await process.wait()


async def phone_sends(join_url: str, step: str, text: str) -> None:
    """One phone opens the join address and sends one text, as the page's script does."""
    base, code = join_url.rsplit("/j/", 1)
    headers = {"User-Agent": "KerneCliPhone/1.0 (Android 14)"}
    async with ClientSession(cookie_jar=CookieJar(unsafe=True), headers=headers) as phone:
        async with phone.get(join_url) as page:
            assert page.status == 200
        body = {"step": step, "client_id": text[:20], "text": text}
        async with phone.post(f"{base}/api/{code}/contributions", json=body) as answer:
            assert answer.status in (200, 201), await answer.text()


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "arkiv-alle-trin.toml"
    path.write_text(ALL_KINDS_TOML, encoding="utf-8")
    return path


async def test_report_of_a_running_served_session_holds_what_phones_sent(
    tmp_path: Path, plan: Path
) -> None:
    data = tmp_path / "data"
    async with serving(plan, data) as join_url:
        for n in range(3):
            await phone_sends(join_url, "min-opgave", f"Sendt fra telefon {n} æøå")
        done = await asyncio.to_thread(
            kerne, "report", next(data.glob("*.json")).name, "--format", "md", "--data-dir", data
        )
    assert done.returncode == 0, done.stderr
    report = Path(done.stdout.strip())
    assert report.parent == data
    text = report.read_text(encoding="utf-8")
    assert "Sendt fra telefon 2 æøå" in text
    assert "Workshoppen var stadig i gang" in text


async def test_archive_of_a_served_session_verifies_and_holds_no_user_agent(
    tmp_path: Path, plan: Path
) -> None:
    data = tmp_path / "data"
    async with serving(plan, data) as join_url:
        await phone_sends(join_url, "min-opgave", "Et svar fra rummet")
    session = next(data.glob("*.json"))
    done = await asyncio.to_thread(kerne, "archive", session.stem[-5:], "--data-dir", data)
    assert done.returncode == 0, done.stderr
    zip_path = Path(done.stdout.strip())
    assert zip_path.parent == data / "archives"
    with zipfile.ZipFile(zip_path) as bundle:
        for name in bundle.namelist():
            assert b"KerneCliPhone" not in bundle.read(name)
            assert b"127.0.0.1" not in bundle.read(name)
    checked = await asyncio.to_thread(kerne, "archive", "--verify", zip_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("Arkivet er i orden")


def test_archive_verify_says_which_member_changed_and_fails(tmp_path: Path) -> None:
    zip_path = write_archive(copy_all_kinds(tmp_path), tmp_path / "out")
    with zipfile.ZipFile(zip_path) as bundle:
        members = {name: bundle.read(name) for name in bundle.namelist()}
    members["report.md"] = members["report.md"].replace(b"Kerneopgaven", b"Kerneopgavem", 1)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, payload in members.items():
            bundle.writestr(name, payload)
    checked = kerne("archive", "--verify", zip_path, lang="en")
    assert checked.returncode == 1
    assert checked.stderr.strip() == (
        "report.md was changed: its contents do not match the checksum in the manifest."
    )


def test_sessions_lists_plan_date_code_and_archived_status(tmp_path: Path) -> None:
    write_archive(copy_all_kinds(tmp_path), tmp_path / "archives")
    listed = kerne("sessions", "--data-dir", tmp_path)
    assert listed.returncode == 0, listed.stderr
    (line,) = listed.stdout.splitlines()
    assert "2026-11-23" in line
    assert "KAFFE" in line
    assert "arkiveret" in line
    assert "Kerneopgaven i Solsikken" in line


def test_archive_without_a_session_explains_what_to_give(tmp_path: Path) -> None:
    done = kerne("archive", "--data-dir", tmp_path)
    assert done.returncode == 2
    assert "Angiv den session, der skal arkiveres" in done.stderr


def test_archive_of_a_damaged_session_file_says_so_and_writes_nothing(tmp_path: Path) -> None:
    damaged = tmp_path / "2026-11-23-plan-ABCDE.json"
    damaged.write_bytes(b'{"session": {"1": ')
    done = kerne("archive", damaged, "--data-dir", tmp_path)
    assert done.returncode == 2
    assert "beskadiget" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "archives").exists() or not any((tmp_path / "archives").iterdir())
    assert damaged.read_bytes() == b'{"session": {"1": '
