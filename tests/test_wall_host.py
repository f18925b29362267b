"""The wall's terminal going away, in-process: the driver's input stops, the host serves on.

The real terminal (tmux, make, both TERMs, the handover) is in ``test_lost_terminal.py``; here
the parts are taken one at a time: the driver's input thread reading a terminal that answers
end-of-file (a pipe whose writer is closed) or an error, its output to a terminal that is gone,
and the host that closes the wall, marks the runtime file and logs it once.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import load_test_plan, new_workshop

from kerne_tui.control import ControlCenter
from kerne_tui.control.runtime import read_runtime
from kerne_tui.tui.terminal import _ForgivingOutput, lost_terminal_driver
from kerne_tui.wall_host import WallHost

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Textual's Linux driver")
JOIN_SECONDS = 5.0
"""How long the input thread is given to notice (it notices at once; this only bounds a hang)."""


class _Keys:
    """An app for the driver: it keeps what the input thread posts (keys, as Textual's would)."""

    def __init__(self) -> None:
        self.messages: list[object] = []

    async def _post_message(self, message: object) -> bool:
        self.messages.append(message)
        return True


@pytest.fixture(autouse=True)
def _signals_restored() -> Iterator[None]:
    """Textual's driver takes SIGTSTP and SIGCONT when it is made; the tests give them back."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


def _reading(
    fileno: int, app: _Keys | None = None
) -> tuple[threading.Thread, list[str], threading.Event]:
    """The wall's driver's input thread reading *fileno*; (thread, what it reported, its stop)."""
    reported: list[str] = []
    driver_class = lost_terminal_driver(reported.append)
    assert driver_class is not None
    driver = driver_class(app or _Keys())
    driver.fileno = fileno  # type: ignore[attr-defined]
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)  # type: ignore[attr-defined]
    thread.start()
    return thread, reported, driver.exit_event  # type: ignore[attr-defined]


async def test_the_input_thread_stops_at_end_of_file_and_says_so_once() -> None:
    read_end, write_end = os.pipe()
    try:
        os.close(write_end)  # the terminal is gone: every read answers end-of-file at once
        thread, reported, stop = _reading(read_end)
        thread.join(JOIN_SECONDS)
        stopped = not thread.is_alive()
        stop.set()  # a thread that spins would stop here; it must have stopped by itself
        thread.join(JOIN_SECONDS)
    finally:
        os.close(read_end)
    assert stopped, "the input thread kept reading a terminal that answers end-of-file"
    assert reported == ["end of file"]


async def test_the_input_thread_stops_at_a_read_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_read(fileno: int, size: int) -> bytes:
        raise OSError(5, "Input/output error")

    read_end, write_end = os.pipe()
    try:
        os.write(write_end, b"n")  # ready to read, and the read fails as a hung-up terminal's
        monkeypatch.setattr("kerne_tui.tui.terminal.os.read", failing_read)
        thread, reported, stop = _reading(read_end)
        thread.join(JOIN_SECONDS)
        stopped = not thread.is_alive()
        stop.set()
        thread.join(JOIN_SECONDS)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert stopped
    assert reported == ["read: [Errno 5] Input/output error"]


async def test_the_input_thread_keeps_reading_while_the_terminal_is_there() -> None:
    app = _Keys()
    read_end, write_end = os.pipe()
    try:
        thread, reported, stop = _reading(read_end, app)
        os.write(write_end, b"n")
        for _ in range(50):  # bounded: the key arrives within a few passes of the loop
            await asyncio.sleep(0.02)
            if app.messages:
                break
        still_reading = thread.is_alive()
        stop.set()
        thread.join(JOIN_SECONDS)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert still_reading
    assert reported == []
    assert [getattr(message, "key", None) for message in app.messages] == ["n"]


class _GoneTerminal(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(5, "Input/output error")


def test_writes_to_a_terminal_that_is_gone_are_dropped_and_reported_once() -> None:
    reported: list[str] = []
    output = _ForgivingOutput(_GoneTerminal(), reported.append)
    for _ in range(100):  # more than Textual's writer queue holds
        assert output.write("\x1b[?1049l") == len("\x1b[?1049l")
        output.flush()
    assert output.lost
    assert len(reported) == 1
    assert "Input/output error" in reported[0]


class _Wall:
    """A wall that runs until it is told to exit."""

    def __init__(self) -> None:
        self.closed = asyncio.Event()
        self.exits = 0

    @property
    def is_running(self) -> bool:
        return not self.closed.is_set()

    def exit(self) -> None:
        self.exits += 1
        self.closed.set()

    async def run_async(self) -> None:
        await self.closed.wait()


async def _hosting(data_dir: Path) -> tuple[ControlCenter, WallHost, _Wall, Path]:
    workshop = new_workshop(load_test_plan("small"), data_dir)
    control = ControlCenter(workshop)
    return control, WallHost(control), _Wall(), data_dir


async def test_a_lost_terminal_closes_the_wall_marks_the_runtime_file_and_serves_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    detached: list[bool] = []
    monkeypatch.setattr("kerne_tui.wall_host.detach_from_terminal", lambda: detached.append(True))
    control, host, wall, data_dir = await _hosting(tmp_path)
    with control.published(data_dir, 1, "http://127.0.0.1:1/j/KERNE", 1) as path:
        running = asyncio.create_task(host.run(wall))
        await asyncio.sleep(0)
        with caplog.at_level(logging.WARNING, logger="kerne"):
            host.terminal_lost("end of file")  # from the driver's thread, as it would be
            host.terminal_lost("hang-up signal")  # and the hang-up after it
            await asyncio.wait_for(wall.closed.wait(), JOIN_SECONDS)
            await asyncio.sleep(0.05)
        info = read_runtime(path)
        assert info is not None and info.wall_lost
        assert not running.done(), "the room stopped with its wall"
        assert detached == [True]
        assert "end of file" in caplog.records[0].message
        assert len(caplog.records) == 1
        assert control.hand_over()  # a kerne run --resume takes it: the room ends here
        await asyncio.wait_for(running, JOIN_SECONDS)
    control.workshop.store.release()


async def test_a_handover_closes_a_wall_that_is_still_shown(tmp_path: Path) -> None:
    control, host, wall, _ = await _hosting(tmp_path)
    running = asyncio.create_task(host.run(wall))
    await asyncio.sleep(0)
    assert control.hand_over()
    await asyncio.wait_for(running, JOIN_SECONDS)
    assert wall.exits == 1
    assert host.stop.is_set()
    control.workshop.store.release()


def test_without_a_host_the_session_cannot_be_handed_over(tmp_path: Path) -> None:
    workshop = new_workshop(load_test_plan("small"), tmp_path)
    assert not ControlCenter(workshop).hand_over()
    workshop.store.release()
