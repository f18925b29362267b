"""Deleting a session from the laptop, run as a person runs it: ``kerne sessions --delete``.

It names what goes and what stays, asks first (no without a yes), removes the session file and
the reports written beside it, keeps the archives, and refuses a session that another kerne is
running (its writer lock tells). After ``kerne archive`` of an ended session the working file
is offered for deletion on a terminal, and named on stderr otherwise.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from fixtures.archive_sessions import copy_all_kinds
from test_archive_cli import TIMEOUT, environment, kerne, phone_sends, serving

from kerne_tui.archive import write_archive, write_report
from kerne_tui.store.journal import journal_path


def kerne_answering(answer: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run kerne with *answer* typed on its standard input (not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "kerne_tui", *map(str, args)],
        input=answer,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(),
        timeout=TIMEOUT,
        check=False,
    )


def ended_session(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An ended session in a data folder, a report beside it and its archive: the three paths."""
    data = tmp_path / "data"
    data.mkdir()
    session = copy_all_kinds(data)
    report = write_report(session, "md")
    zip_path = write_archive(session, data / "archives")
    return session, report, zip_path


def test_delete_asks_first_and_keeps_everything_without_a_yes(tmp_path: Path) -> None:
    session, report, zip_path = ended_session(tmp_path)
    done = kerne_answering("nej\n", "sessions", "--delete", "KAFFE", "--data-dir", session.parent)
    assert done.returncode == 1
    assert "Disse filer slettes:" in done.stdout
    assert str(session) in done.stdout and str(report) in done.stdout
    assert "Intet blev slettet." in done.stdout
    assert session.exists() and report.exists() and zip_path.exists()
    # No terminal and nothing typed is no yes either.
    silent = kerne_answering("", "sessions", "--delete", "KAFFE", "--data-dir", session.parent)
    assert silent.returncode == 1 and session.exists()


def test_delete_with_a_yes_removes_the_session_and_its_reports_and_keeps_the_archive(
    tmp_path: Path,
) -> None:
    session, report, zip_path = ended_session(tmp_path)
    done = kerne_answering("ja\n", "sessions", "--delete", "KAFFE", "--data-dir", session.parent)
    assert done.returncode == 0, done.stderr
    assert "Arkiverne bliver" in done.stdout and str(zip_path) in done.stdout
    assert "Slettet: 2 filer." in done.stdout
    assert not session.exists() and not report.exists()
    assert not session.with_name(session.name + ".lock").exists()
    assert zipfile.is_zipfile(zip_path)
    listed = kerne("sessions", "--data-dir", session.parent)
    assert "KAFFE" not in listed.stdout


def test_delete_removes_the_journal_a_killed_session_left_beside_its_file(
    tmp_path: Path,
) -> None:
    # A session killed mid-day leaves its newest answers in the journal, not yet in the file.
    session, _report, _zip = ended_session(tmp_path)
    journal = journal_path(session)
    journal.write_bytes(b"")
    done = kerne_answering("ja\n", "sessions", "--delete", "KAFFE", "--data-dir", session.parent)
    assert done.returncode == 0, done.stderr
    assert not journal.exists()
    assert "Slettet: 3 filer." in done.stdout


async def test_a_running_session_is_refused_and_stays(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'title = "Kører"\nlanguage = "da"\n[[modules]]\ntitle = "M"\n[[modules.steps]]\n'
        'id = "svar"\nkind = "text"\ntitle = "Svar"\nprompt = "Skriv"\nminutes = 5\n',
        encoding="utf-8",
    )
    data = tmp_path / "data"
    async with serving(plan, data) as join_url:
        await phone_sends(join_url, "svar", "Et svar")
        session = next(data.glob("*.json"))
        done = await asyncio.to_thread(
            kerne, "sessions", "--delete", session.name, "--yes", "--data-dir", data
        )
        assert done.returncode == 2  # a user error: one sentence and a hint
        assert "kører stadig i en anden kerne" in done.stderr
        assert "Traceback" not in done.stderr
        assert session.exists()
    assert session.exists()


def test_archive_names_the_working_file_on_stderr_without_a_terminal(tmp_path: Path) -> None:
    session, _report, _zip = ended_session(tmp_path)
    done = kerne("archive", "KAFFE", "--data-dir", session.parent)
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()  # only the new zip's path, for scripts
    assert zipfile.is_zipfile(line)
    assert f"kerne sessions --delete {session.stem}" in done.stderr
    assert session.exists()


def test_archive_on_a_terminal_offers_to_delete_the_working_file(tmp_path: Path) -> None:
    session, report, zip_path = ended_session(tmp_path)
    leader, follower = os.openpty()
    try:
        os.write(leader, b"ja\n")
        done = subprocess.run(
            [sys.executable, "-m", "kerne_tui", "archive", "KAFFE", "--data-dir", session.parent],
            stdin=follower,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=environment(),
            timeout=TIMEOUT,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 0, done.stderr
    assert "Slettet: 2 filer." in done.stdout
    assert not session.exists() and not report.exists()
    assert zip_path.exists()
    assert len(list((session.parent / "archives").glob("*.zip"))) == 2
