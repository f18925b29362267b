"""What kerne writes stays whole and private when the disk or the folder says no.

``kerne archive`` and ``kerne report`` run as subprocesses against a real full disk (a small
tmpfs), a read-only mount and a folder the system will not write in (immutable, refused even
to root); SIGTERM lands while an archive is being written; files and folders are checked for
their mode under a permissive umask. Then the protections that no test guarded: a session
file is never created over an existing one, the follow-up CSV escapes formulas in the rows
copied from the day, and the folder is fsynced after the rename on Linux too.
"""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.archive_sessions import copy_all_kinds
from support import FakeClock
from support.follow_up import shipped
from test_archive_cli import environment, kerne
from test_hostile_plan_files import serve_once

from benchmarks.archive_5000 import hold_session
from kerne_tui.store import files
from kerne_tui.store.session_file import SessionFile
from kerne_tui.workshop import Workshop

TIMEOUT = 60.0
DISK_BYTES = 256 * 1024


def one_error(done: subprocess.CompletedProcess[str]) -> str:
    """The command failed with one sentence on stderr, and no traceback."""
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


@contextlib.contextmanager
def mounted(root: Path, *options: str) -> Iterator[Path]:
    """A tmpfs of 256 KB at *root* (with mount *options*); unmounted afterwards."""
    root.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join([f"size={DISK_BYTES}", *options]), "tmpfs", root],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"no tmpfs here: {done.stderr.strip()}")
    try:
        yield root
    finally:
        subprocess.run(["umount", "-l", root], check=False)


def fill(disk: Path) -> None:
    """Write a filler file until the disk says it is full (bounded by the disk's size)."""
    with (disk / "filler.bin").open("ab", buffering=0) as out:
        for size in (4096, 512, 1):
            for _ in range(DISK_BYTES // size + 1):
                try:
                    out.write(b"\0" * size)
                except OSError:
                    break


@contextlib.contextmanager
def immutable(folder: Path) -> Iterator[Path]:
    """A folder nobody may create files in, root included (``chattr +i``)."""
    folder.mkdir()
    done = subprocess.run(["chattr", "+i", folder], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"no immutable folders here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", folder], check=False)


def test_a_full_disk_is_one_sentence_for_archive_and_report(tmp_path: Path) -> None:
    session = copy_all_kinds(tmp_path)
    with mounted(tmp_path / "disk") as disk:
        fill(disk)
        archived = kerne("archive", session, "--out", disk, lang="en")
        reported = kerne("report", session, "--format", "html", "--out", disk, lang="en")
        left = sorted(p.name for p in disk.iterdir())
    assert one_error(archived) == (
        f"error: The archive could not be written in the folder {disk}: the disk is full, so "
        "free some space and try again. No half-written archive was left behind."
    )
    assert one_error(reported) == (
        f"error: The report could not be written in the folder {disk}: the disk is full, so "
        "free some space and try again."
    )
    assert left == ["filler.bin"]


def test_a_read_only_folder_is_one_sentence_in_danish(tmp_path: Path) -> None:
    session = copy_all_kinds(tmp_path)
    with mounted(tmp_path / "ro", "ro") as folder:
        archived = kerne("archive", session, "--out", folder, lang="da")
        reported = kerne("report", session, "--format", "md", "--out", folder, lang="da")
    assert one_error(archived) == (
        f"fejl: Arkivet kunne ikke skrives i mappen {folder}: mappen er skrivebeskyttet, så vælg "
        "en anden mappe med --out. Intet halvt arkiv er efterladt."
    )
    assert one_error(reported) == (
        f"fejl: Rapporten kunne ikke skrives i mappen {folder}: mappen er skrivebeskyttet, så "
        "vælg en anden mappe med --out."
    )


def test_a_folder_kerne_may_not_write_in_is_one_sentence(tmp_path: Path) -> None:
    session = copy_all_kinds(tmp_path)
    with immutable(tmp_path / "locked") as folder:
        archived = kerne("archive", session, "--out", folder, lang="en")
        reported = kerne("report", session, "--format", "csv", "--out", folder, lang="en")
    assert "the folder " + str(folder) + ": kerne may not write there" in one_error(archived)
    assert "the folder " + str(folder) + ": kerne may not write there" in one_error(reported)


@pytest.fixture(scope="module")
def big_session(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A day of 500 phones and 5,000 contributions: its archive takes a moment to write."""
    folder = tmp_path_factory.mktemp("big")
    path, _ = asyncio.run(hold_session(folder, 500))
    return path


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".kerne-archive-*.part"))


def test_sigterm_while_archiving_leaves_no_temporary_file(
    big_session: Path, tmp_path: Path
) -> None:
    out = tmp_path / "archives"
    caught = False
    for _attempt in range(3):  # the signal must land while the temporary zip exists
        process = subprocess.Popen(
            [sys.executable, "-m", "kerne_tui", "archive", big_session, "--out", out],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environment("en"),
        )
        deadline = time.monotonic() + TIMEOUT
        while process.poll() is None and time.monotonic() < deadline and not parts(out):
            time.sleep(0.005)
        if process.poll() is None and parts(out):
            process.send_signal(signal.SIGTERM)
            caught = True
        _, stderr = process.communicate(timeout=TIMEOUT)
        if caught:
            assert process.returncode == 130, stderr
            assert "Traceback" not in stderr
            break
        shutil.rmtree(out, ignore_errors=True)
    assert caught, "the archive was always done before the signal could land"
    assert parts(out) == [] and list(out.glob("*.zip")) == []


def test_the_next_archive_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    session = copy_all_kinds(tmp_path)
    out = tmp_path / "archives"
    out.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (out / f".kerne-archive-{dead.pid}-x1y2.part").write_bytes(b"PK half")
    old = out / ".kerne-archive-q7w8e9.part"  # named by an older kerne, without a process id
    old.write_bytes(b"PK half")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    running = out / f".kerne-archive-{os.getpid()}-a1b2.part"  # a run that is still writing
    running.write_bytes(b"PK half")

    done = kerne("archive", session, "--out", out, lang="en")

    assert done.returncode == 0, done.stderr
    assert parts(out) == [running.name]
    assert len(list(out.glob("*.zip"))) == 1


def test_what_kerne_writes_is_private_whatever_the_umask(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'title = "Dag"\n\n[[modules]]\ntitle = "M"\n\n[[modules.steps]]\nkind = "text"\n'
        'title = "T"\nprompt = "P"\nminutes = 5\n',
        encoding="utf-8",
    )
    data = tmp_path / "data"
    old = os.umask(0)
    try:
        asyncio.run(serve_once(plan, data))
        session = next(data.glob("*.json"))
        archived = kerne("archive", session, "--data-dir", data, lang="en")
        reported = kerne("report", session, "--format", "md", "--data-dir", data, lang="en")
    finally:
        os.umask(old)
    assert archived.returncode == 0 and reported.returncode == 0, archived.stderr
    zip_path, report = Path(archived.stdout.strip()), Path(reported.stdout.strip())
    assert mode(data) == 0o700
    assert mode(zip_path.parent) == 0o700
    for made in (session, zip_path, report):
        assert mode(made) == 0o600, made


def test_kerne_s_own_data_folder_is_made_private_when_an_older_kerne_left_it_open(
    tmp_path: Path,
) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        'title = "Dag"\n\n[[modules]]\ntitle = "M"\n\n[[modules.steps]]\nkind = "info"\n'
        'title = "T"\nprompt = "P"\nminutes = 5\n',
        encoding="utf-8",
    )
    own = tmp_path / "xdg" / "kerne"
    own.mkdir(parents=True)
    own.chmod(0o755)
    env = {**environment("en"), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    process = subprocess.Popen(
        [sys.executable, "-m", "kerne_tui", "serve", plan, "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().startswith("JOIN ")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=TIMEOUT)
    assert mode(own) == 0o700
    assert [mode(p) for p in own.glob("*.json")] == [0o600]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_session_file_is_never_created_over_one_that_exists(tmp_path: Path) -> None:
    path = tmp_path / "2026-12-01-dag-ABCDE.json"
    damaged = b'{"session": {"1": {"title": "Dag"'  # cut off: a damaged file, not ours to touch
    path.write_bytes(damaged)
    with pytest.raises(FileExistsError):
        SessionFile.create(path, {"title": "Ny"}, {"status": "waiting"})
    assert path.read_bytes() == damaged
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "no lock or temporary file left"


FORMULAS = ('=HYPERLINK("http://x")', "+45 12 34 56 78", "-1 dag om ugen", "@SUM(A1:A9)")


async def test_the_follow_up_csv_escapes_formulas_in_the_rows_from_the_day(tmp_path: Path) -> None:
    day = Workshop.create(shipped("kerneopgaven-kort"), tmp_path / "day", clock=FakeClock())
    await day.open()
    try:
        await day.start()
        await day.go_to("handlinger")
        for n, what in enumerate(FORMULAS):
            payload = {"what": what, "who": "Mette", "when": "Fra marts"}
            await day.submit(f"phone-{n}", "handlinger", f"h{n}", payload)
        await day.close()
    finally:
        await day.shutdown()
    data = tmp_path / "data"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kerne_tui",
        "serve",
        "opfoelgning",
        "--follow-up",
        str(day.path),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--data-dir",
        str(data),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env=environment(),
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), TIMEOUT)
        assert line.startswith(b"JOIN "), line
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), TIMEOUT)
    follow_up = next(data.glob("*.json"))
    done = kerne("report", follow_up, "--format", "csv", "--out", tmp_path / "out.csv")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    earlier = [row for row in rows[1:] if row[0] == "tidligere"]
    cells = [cell for row in earlier for cell in row]
    for formula in FORMULAS:
        assert any(cell.startswith("'" + formula) for cell in cells), formula
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@")]


def test_the_folder_is_fsynced_after_the_rename_on_linux(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if sys.platform != "linux":
        pytest.skip("the Linux path")
    events: list[tuple[str, object]] = []
    opened: dict[int, str] = {}
    real_open, real_fsync, real_replace = os.open, os.fsync, os.replace

    def spy_open(path: object, flags: int, *args: object) -> int:
        descriptor = real_open(path, flags, *args)  # type: ignore[arg-type]
        opened[descriptor] = str(path)
        return descriptor

    def spy_fsync(descriptor: int) -> None:
        events.append(("fsync", opened.get(descriptor, "the file")))
        real_fsync(descriptor)

    def spy_replace(source: object, target: object) -> None:
        events.append(("rename", str(target)))
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", spy_open)
    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "replace", spy_replace)
    target = tmp_path / "session.json"

    files.write_atomic(target, b'{"ok": true}')

    assert target.read_bytes() == b'{"ok": true}'
    renamed = events.index(("rename", str(target)))
    assert ("fsync", str(tmp_path)) in events[renamed + 1 :], events
    assert any(name == "fsync" for name, _ in events[:renamed]), "the data before the rename"
