"""The wall's terminal goes away mid-session, and the wall comes back in a new one (tmux).

``kerne run`` runs in a real tmux terminal, started directly or by ``make run``, with tmux's own
``TERM`` or ``xterm-256color``; the shell around it either passes the hang-up on or ignores it
(as ``trap '' HUP``, ``nohup`` or a parent that ignores SIGHUP do: then the terminal's
end-of-file is all kerne learns). Thirty phones on their own loopback addresses answer, and the
tmux session is killed. Then kerne must be quiet (its CPU time from ``/proc`` over two seconds),
the phones must still be answered, the console's API must still steer it, and ``kerne run
--resume`` in a new tmux terminal must bring the wall back on the same step, with every
acknowledged answer, the same port and timer, the old process gone and nothing left behind.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from support import close_tmux, copy_plan
from test_two_terminals import Terminal

from kerne_tui.control.runtime import RuntimeInfo, read_runtime
from kerne_tui.rehearsal.addresses import own_addresses_work, phone_address
from kerne_tui.store import read_session_data, rows

pytestmark = [
    pytest.mark.terminal,
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="tmux and /proc"),
    pytest.mark.skipif(not own_addresses_work(), reason="phones need loopback addresses"),
]

REPO = Path(__file__).resolve().parent.parent
PHONES = 30
CONSOLE_HEADER = "X-Kerne-Console"
QUIET_SHARE = 0.05
"""The share of one core a headless kerne may use: an idle loop is near zero; the spinning
input thread of issue 27 took a whole core (or all the core it could get on a busy machine)."""
MEASURE_SECONDS = 2.0
SETTLE_SECONDS = 3.0
"""After the terminal is killed, kerne has this long to go quiet before its CPU is measured."""


@dataclass(frozen=True)
class Launch:
    """How the wall is started in its terminal."""

    name: str
    term: str
    make: bool
    hang_up: bool
    """False: the shell ignores SIGHUP and does not pass it on (only end-of-file is left)."""
    piped: bool = False
    """Its output (the screen included) goes through a pipe to the terminal."""


LAUNCHES = [
    Launch("direct-tmux-hangup", "tmux-256color", make=False, hang_up=True),
    Launch("direct-xterm-no-hangup", "xterm-256color", make=False, hang_up=False),
    Launch("make-tmux-no-hangup", "tmux-256color", make=True, hang_up=False),
    Launch("make-xterm-hangup", "xterm-256color", make=True, hang_up=True),
    Launch("make-tmux-piped-no-hangup", "tmux-256color", make=True, hang_up=False, piped=True),
]


def wall_command(launch: Launch, plan: Path, data: Path, exit_file: Path) -> str:
    options = f"--port 0 --host 127.0.0.1 --data-dir {shlex.quote(str(data))}"
    if launch.make:
        run = (
            f"make -s -C {shlex.quote(str(REPO))} run "
            f"PLAN={shlex.quote(str(plan))} ARGS={shlex.quote(options)}"
        )
    else:
        run = f"{shlex.quote(sys.executable)} -m kerne_tui run {shlex.quote(str(plan))} {options}"
    run = f"{run}; echo $? > {exit_file}"
    if launch.piped:
        run = f"{{ {run}; }} 2>&1 | cat"
    ignore = "trap '' HUP; " if not launch.hang_up else ""
    return f"{ignore}export TERM={launch.term} KERNE_LANG=da; {run}"


def wait_until(found: Callable[[], object], seconds: float, what: str) -> object:
    """Poll *found* (bounded in time and count) until it answers something true."""
    deadline = time.monotonic() + seconds
    for _ in range(int(seconds / 0.1) + 1):
        answer = found()
        if answer or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert answer, f"never: {what}"
    return answer


def runtime_files(data: Path) -> list[RuntimeInfo]:
    found = [read_runtime(path) for path in sorted((data / ".kerne-control").glob("*.json"))]
    return [info for info in found if info is not None]


def cpu_share(pid: int, seconds: float = MEASURE_SECONDS) -> float:
    """The share of one core process *pid* used over *seconds* (user and system, all threads)."""

    def ticks() -> int:
        assert not gone(pid), "kerne ended with its terminal: the room lost its phone server"
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime

    per_second = os.sysconf("SC_CLK_TCK")
    before, started = ticks(), time.monotonic()
    time.sleep(seconds)
    used, spent = ticks() - before, time.monotonic() - started
    return used / per_second / spent


def gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


class Room:
    """Thirty phones, each on its own loopback address with its own cookies, and the console."""

    def __init__(self, base: str, code: str, secret: str, control_port: int) -> None:
        self.base = base
        self.code = code
        self.secret = secret
        self.control = f"http://127.0.0.1:{control_port}"
        self.cookies: list[dict[str, str]] = [{} for _ in range(PHONES)]
        """Each phone's cookies, kept across the handover as its browser keeps them."""

    def _phone(self, number: int) -> aiohttp.ClientSession:
        cookies = "; ".join(f"{name}={value}" for name, value in self.cookies[number].items())
        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=(phone_address(number), 0), force_close=True),
            cookie_jar=aiohttp.DummyCookieJar(),
            headers={"Cookie": cookies} if cookies else {},
            timeout=aiohttp.ClientTimeout(total=20),
        )

    def _keep(self, number: int, response: aiohttp.ClientResponse) -> None:
        for name, morsel in response.cookies.items():
            self.cookies[number][name] = morsel.value

    async def _answer(self, number: int, step: str, text: str) -> str:
        body = {"step": step, "client_id": secrets.token_hex(8), "text": text}
        async with (
            self._phone(number) as phone,
            phone.post(f"{self.base}/api/{self.code}/contributions", json=body) as response,
        ):
            assert response.status == 201, await response.text()
            self._keep(number, response)
            answer: str = (await response.json())["id"]
            return answer

    def answer_all(self, step: str, round_: int) -> list[str]:
        """Every phone answers *step* once; returns the acknowledged ids."""

        async def everyone() -> list[str]:
            return list(
                await asyncio.gather(
                    *(self._answer(n, step, f"Runde {round_}, telefon {n}") for n in range(PHONES))
                )
            )

        answers = asyncio.run(everyone())
        assert all(self.cookies), "every phone holds the device cookie the server gave it"
        return answers

    def phone_states(self) -> list[dict[str, object]]:
        """Every phone asks for the open step with the cookie it already has (no new join)."""

        async def one(number: int) -> dict[str, object]:
            async with (
                self._phone(number) as phone,
                phone.get(f"{self.base}/api/{self.code}/state") as response,
            ):
                assert response.status == 200, await response.text()
                assert not response.cookies, "the phone was treated as a new one"
                state: dict[str, object] = await response.json()
                return state

        async def everyone() -> list[dict[str, object]]:
            return list(await asyncio.gather(*(one(n) for n in range(PHONES))))

        return asyncio.run(everyone())

    def remote_extends(self) -> None:
        """The console offers a pairing code; a facilitator phone pairs with it and extends."""
        offer = self.console("POST", "/control/pairing")

        async def pair_and_extend() -> None:
            connector = aiohttp.TCPConnector(local_addr=(phone_address(PHONES), 0))
            async with aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.CookieJar(unsafe=True),
                timeout=aiohttp.ClientTimeout(total=20),
            ) as remote:
                pair = f"{self.base}/control/remote/pair"
                async with remote.post(pair, data={"code": offer["code"]}) as paired:
                    assert paired.status == 200, await paired.text()  # the remote's page
                extend = f"{self.base}/control/commands/extend"
                async with remote.post(extend, json={}) as response:
                    assert response.status == 200, await response.text()

        asyncio.run(pair_and_extend())

    def console(self, method: str, path: str) -> dict[str, object]:
        """Ask as ``kerne console`` does: the secret of the runtime file, from 127.0.0.1."""
        request = urllib.request.Request(
            f"{self.control}{path}",
            data=b"{}" if method == "POST" else None,
            method=method,
            headers={CONSOLE_HEADER: self.secret, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=20) as response:
            assert response.status < 300
            answer: dict[str, object] = json.loads(response.read())
            return answer


@pytest.fixture
def tmux_socket(tmp_path: Path) -> Iterator[Path]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    socket = tmp_path / "tmux.sock"  # a private server: other tmux sessions are left alone
    try:
        yield socket
    finally:
        close_tmux(socket)


def stop_leftovers(data: Path) -> None:
    """A failed test leaves no kerne of its own running (by the pid of its runtime file)."""
    for info in runtime_files(data):
        if not gone(info.pid):
            os.kill(info.pid, 15)


@pytest.mark.parametrize("launch", LAUNCHES, ids=[launch.name for launch in LAUNCHES])
def test_the_room_outlives_its_terminal_and_the_wall_comes_back(
    launch: Launch, tmp_path: Path, tmux_socket: Path
) -> None:
    if launch.make and not (REPO / ".venv" / ".installed").exists():
        pytest.skip("make run needs the repository's own .venv")
    plan = copy_plan("two-screens", tmp_path, "plan.toml")
    data = tmp_path / "data"
    old_exit = tmp_path / "old-exit"
    wall = Terminal(tmux_socket, "wall")
    wall.start(wall_command(launch, plan, data, old_exit))
    try:
        run_the_room(launch, tmp_path, tmux_socket, wall, data, old_exit)
    finally:
        stop_leftovers(data)


def run_the_room(
    launch: Launch, tmp_path: Path, socket: Path, wall: Terminal, data: Path, old_exit: Path
) -> None:
    [old] = wait_until(lambda: runtime_files(data), 30, "the runtime file")  # type: ignore[misc]
    assert not old.wall_lost
    base, code = old.join_url.split("/j/")
    room = Room(base, code, old.secret, old.port)
    wall.wait_for(lambda text: "To skærme" in text)
    room.console("POST", "/control/commands/next")  # the console starts the workshop
    wall.wait_for(lambda text: "Hvad er svært hos os?" in text)
    acknowledged = room.answer_all("svaert", 1)

    wall.tmux("kill-session", "-t", "wall")
    time.sleep(SETTLE_SECONDS)
    share = cpu_share(old.pid)
    assert share < QUIET_SHARE, f"kerne used {share:.0%} of a core after its terminal went away"
    wait_until(
        lambda: [i for i in runtime_files(data) if i.wall_lost], 15, "the wall's loss is recorded"
    )
    log = (data / "kerne.log").read_text(encoding="utf-8")
    assert log.count("the wall's terminal went away") == 1

    # A plain kerne run does not start a second session beside it: it says how to take it back.
    plain = subprocess.run(
        [sys.executable, "-m", "kerne_tui", "run", "kerneopgaven", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "KERNE_LANG": "en"},
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert plain.returncode == 2
    assert "still running without its wall" in plain.stderr
    assert f"kerne run --resume --data-dir {data}" in plain.stderr
    assert len(list(data.glob("*.json"))) == 1

    acknowledged += room.answer_all("svaert", 2)  # the phones are answered as before
    room.console("POST", "/control/commands/next")  # and the console still steers
    room.remote_extends()  # and so does a facilitator phone paired now
    before = room.console("GET", "/control/state")
    assert before["step"]["id"] == "snak"  # type: ignore[index]
    assert before["timer"]["running"]  # type: ignore[index]
    assert before["timer"]["seconds_left"] > 5 * 60  # type: ignore[index]  # 5 minutes, extended

    new_wall = Terminal(socket, "wall2")
    new_exit = tmp_path / "new-exit"
    new_wall.start(
        f"export TERM={launch.term} KERNE_LANG=da; {shlex.quote(sys.executable)} -m kerne_tui run "
        f"--resume --port 0 --host 127.0.0.1 --data-dir {shlex.quote(str(data))}; "
        f"echo $? > {new_exit}"
    )
    new_wall.wait_for(lambda text: "[J/n]" in text and "kører stadig" in text)
    new_wall.keys("j", "Enter")
    new_wall.wait_for(lambda text: "Tal sammen to og to" in text, seconds=40)

    wait_until(lambda: gone(old.pid), 10, "the old process has exited")
    if not launch.hang_up:
        # The shell that waited for the old kerne (or make) saw it exit cleanly; a shell that
        # took the hang-up is gone with its terminal.
        wait_until(lambda: old_exit.exists() and old_exit.read_text().strip(), 10, "old exit")
        assert old_exit.read_text().strip() == "0"
    [new] = wait_until(  # type: ignore[misc]
        lambda: [i for i in runtime_files(data) if i.pid != old.pid], 10, "the new runtime file"
    )
    assert not new.wall_lost
    assert (new.phone_port, new.join_url) == (old.phone_port, old.join_url)

    room.control = f"http://127.0.0.1:{new.port}"
    room.secret = new.secret
    after = room.console("GET", "/control/state")
    assert after["step"]["id"] == "snak"  # type: ignore[index]
    assert after["join_code"] == code
    timer_before, timer_after = before["timer"], after["timer"]
    assert timer_after["running"]  # type: ignore[index]
    elapsed = timer_before["seconds_left"] - timer_after["seconds_left"]  # type: ignore[index]
    assert 0 <= elapsed < 60, (timer_before, timer_after)
    states = room.phone_states()  # the same phones, the same cookies, the same address
    assert {state["step"]["id"] for state in states} == {"snak"}  # type: ignore[index]

    [session] = data.glob("*.json")
    stored = {row["id"] for row in rows(read_session_data(session), "contributions")}
    assert len(acknowledged) == 2 * PHONES
    assert set(acknowledged) <= stored

    new_wall.keys("C-q")
    new_wall.wait_for(lambda text: "Luk kerne?" in text)
    new_wall.keys("Enter")
    wait_until(lambda: new_exit.exists() and new_exit.read_text().strip(), 20, "the new exit")
    assert new_exit.read_text().strip() == "0"
    assert list((data / ".kerne-control").glob("*.json")) == []
    assert list(data.glob("*.lock")) == []
    print(json.dumps({"launch": launch.name, "cpu_share_after_loss": round(share, 4)}))
