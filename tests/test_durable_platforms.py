"""Durable writes on the laptops facilitators have, with the platform's calls simulated."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path

import pytest

from kerne_tui.store import files


def test_macos_asks_the_drive_itself_to_flush(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    fake = types.SimpleNamespace(F_FULLFSYNC=51, fcntl=lambda fd, op: calls.append((fd, op)))
    synced: list[int] = []
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(files, "fcntl_module", lambda: fake)
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    target = tmp_path / "session.json"

    files.write_atomic(target, b'{"ok": true}')

    assert target.read_bytes() == b'{"ok": true}'
    assert len(calls) == 1 and calls[0][1] == 51, "the file gets F_FULLFSYNC"
    assert len(synced) == 1, "only the folder gets a plain fsync, not the file's data"


def test_macos_falls_back_to_fsync_where_the_file_system_refuses(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(fd: int, op: int) -> None:
        raise OSError(45, "Operation not supported")

    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(
        files, "fcntl_module", lambda: types.SimpleNamespace(F_FULLFSYNC=51, fcntl=refuse)
    )
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))

    files.write_atomic(tmp_path / "s.json", b"{}")

    assert synced, "the data is still fsynced"


def held_open(times: int) -> tuple[list[int], object]:
    """An ``os.replace`` that fails like Windows for the first *times* calls."""
    real = os.replace
    tries: list[int] = []

    def replace(source: object, target: object) -> None:
        tries.append(1)
        if len(tries) <= times:
            raise PermissionError(13, "The process cannot access the file")
        real(source, target)  # type: ignore[arg-type]

    return tries, replace


def test_windows_retries_a_rename_over_a_file_held_open(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tries, replace = held_open(3)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(files, "REPLACE_PAUSE", 0.001)
    target = tmp_path / "session.json"
    target.write_bytes(b"old")

    files.write_atomic(target, b"new")

    assert len(tries) == 4 and target.read_bytes() == b"new"


def test_windows_gives_up_after_a_bounded_number_of_tries_and_keeps_the_old_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tries, replace = held_open(1000)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(files, "REPLACE_PAUSE", 0.001)
    target = tmp_path / "session.json"
    target.write_bytes(b"old")

    with pytest.raises(PermissionError):
        files.write_atomic(target, b"new")

    assert len(tries) == files.REPLACE_TRIES
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["session.json"], "no temporary file left"


def test_elsewhere_a_permission_error_is_not_retried(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tries, replace = held_open(1)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(PermissionError):
        files.write_atomic(tmp_path / "s.json", b"{}")
    assert len(tries) == 1
