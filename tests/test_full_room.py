"""A room larger than the laptop's open-files limit: clear answers, nothing lost, a small log.

``kerne serve`` runs as a child process whose open-files limit is lowered before it starts (as
``ulimit -n`` would); the phones are simulated in this process on 127.0.0.1, each holding its
event stream and then pressing send at the same moment. No timings are asserted here (the
figures are in ``python -m benchmarks --only stock hall``); every wait is bounded.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from benchmarks.crowd import CrowdResult, crowd_burst, join_crowd, late_phone, log_bytes
from benchmarks.files import kerne_ids
from benchmarks.phones import close_phones
from benchmarks.servers import PLAN

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="open-files limits are POSIX"),
]

START_TIMEOUT = 30.0
LOG_BUDGET = 1_000_000


@asynccontextmanager
async def serve_under(soft: int, hard: int, folder: Path) -> AsyncIterator[tuple[str, str]]:
    """``kerne serve`` with its open-files limit set to *soft* / *hard* before it starts."""
    import resource

    def lower() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    command = [sys.executable, "-m", "kerne_tui", "serve", str(PLAN), "--step", "burst"]
    command += ["--port", "0", "--host", "127.0.0.1", "--data-dir", str(folder)]
    with open(folder / "server.log", "ab") as errors:
        process = await asyncio.create_subprocess_exec(
            *command, stdout=asyncio.subprocess.PIPE, stderr=errors, preexec_fn=lower
        )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), START_TIMEOUT)).decode()
        assert line.startswith("JOIN "), (folder / "server.log").read_text(errors="replace")
        base, _, code = line.split()[1].partition("/j/")
        yield base, code
    finally:
        if process.returncode is None:
            process.terminate()
        try:
            await asyncio.wait_for(process.wait(), START_TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()


async def full_room(soft: int, hard: int, phones: int, folder: Path) -> CrowdResult:
    result = CrowdResult(phones)
    async with serve_under(soft, hard, folder) as (base, code):
        before = log_bytes(folder)
        room = await join_crowd(base, code, phones, result)
        try:
            await crowd_burst(room, "burst", result)
            result.late_phone = await late_phone(base, code, "burst")
        finally:
            close_phones(room)
        result.log_growth = log_bytes(folder) - before
    return result


async def test_a_room_past_a_hard_limit_of_256_gets_201s_and_clear_503s(tmp_path: Path) -> None:
    result = await full_room(256, 256, 400, tmp_path)

    assert result.answered_clearly == 400, result.summary()
    assert not result.other and not result.broken and not result.timed_out, result.summary()
    assert result.acked, "some phones must be served even when the room is over the limit"
    assert result.refused, "past the cap a phone is told to come back, not kept waiting"
    assert set(result.acked) <= kerne_ids(tmp_path), "an acknowledged answer is missing"
    assert result.late_phone.startswith("201"), result.late_phone
    assert result.log_growth < LOG_BUDGET, result.summary()
    stderr = (tmp_path / "server.log").read_text(encoding="utf-8")
    assert "kan kun holde omkring" in stderr, "the facilitator is told the room will not fit"
    assert "Traceback" not in stderr


async def test_a_low_soft_limit_is_raised_so_the_whole_room_is_served(tmp_path: Path) -> None:
    import resource

    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and hard < 2048:
        pytest.skip(f"this machine's hard limit ({hard}) leaves nothing to raise to")

    result = await full_room(256, hard, 500, tmp_path)

    assert len(result.acked) == 500, result.summary()
    assert set(result.acked) <= kerne_ids(tmp_path)
    assert result.streams == 500, result.summary()
    stderr = (tmp_path / "server.log").read_text(encoding="utf-8")
    assert "kan kun holde omkring" not in stderr


async def test_idle_keep_alive_connections_make_room_for_a_phone_that_sends(
    tmp_path: Path,
) -> None:
    from urllib.parse import urlsplit

    from benchmarks.http_client import Connection
    from benchmarks.phones import Phone, own_address
    from kerne_tui.limits import capacity_for

    cap = capacity_for(256).connections
    async with serve_under(256, 256, tmp_path) as (base, code):
        parts = urlsplit(base)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        idle: list[Connection] = []
        try:
            for number in range(cap):
                # Each idle phone on its own address, as in a room (one address may bring in
                # only a few phones).
                local = own_address(host, number)
                connection = await asyncio.wait_for(Connection.open(host, port, local), 5)
                idle.append(connection)
                state = f"GET /api/{code}/state HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
                response = await asyncio.wait_for(connection.request(state), 5)
                assert response.status == 200
            phone = Phone(0, host, port, code, local=own_address(host, cap + 1))
            status, _ = await asyncio.wait_for(phone.submit("burst"), 10)
            phone.close()
        finally:
            for connection in idle:
                connection.close()
    assert status == 201, "an idle connection should have been closed to make room"
    assert sum(c.lost for c in idle) >= 1
