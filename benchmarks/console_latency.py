"""Latency of the facilitator's own view: a phone's send to the console, a console key to the wall.

Two processes on 127.0.0.1, as in the room: the **session** (engine, session file, phone
server with its control endpoints, and the wall running headless with ``KerneApp.run_test``,
all in one loop as ``kerne run`` composes them; it writes the runtime file) and the
**console** (``kerne console``'s app, headless, with phones beside it as aiohttp clients).
Each is pinned to its own core where there are two.

- *send -> console*: from the moment a phone starts its POST until the console's answer list
  holds the answer (the session's event stream delivered it and the console drew it).
- *key -> wall*: from the moment ``n`` (or ``p``) is pressed in the console until the wall's
  step title shows the new step. The session process reports when its title changed on the
  system's monotonic clock, which both processes share.

Prints p50/p99 (and max) over 100 of each. Run ``python -m benchmarks.console_latency``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PLAN = """\
title = "Konsolmåling"
language = "da"
description = "To trin til målingen af konsollens forsinkelse."

[[modules]]
title = "Måling"
focus = "Svar og skift."

[[modules.steps]]
id = "svar"
kind = "text"
title = "Skriv et svar"
prompt = "Hvad er svært?"
minutes = 60
max_per_person = 5
notes = "Noter til målingen."

[[modules.steps]]
id = "snak"
kind = "discuss"
title = "Tal sammen om svarene"
prompt = "Hvad ser I?"
minutes = 60
"""
SENDS = 100
KEYS = 100
WAIT = 10.0
"""Seconds any single measurement may take before the run gives up (bounded loops)."""
POLL = 0.001
SIZE = (120, 40)


# --- the session process ----------------------------------------------------------------------


async def session(plan_path: Path, folder: Path) -> None:
    """Host the session with the wall headless; report the wall's title changes on stdout."""
    from textual.widgets import Static

    from kerne_tui.control import ControlCenter
    from kerne_tui.plan import load_plan
    from kerne_tui.tui.app import build_app
    from kerne_tui.web import phone_server
    from kerne_tui.workshop import Workshop

    workshop = Workshop.create(load_plan(plan_path), folder)
    await workshop.open()
    control = ControlCenter(workshop)
    try:
        async with phone_server(workshop, host="127.0.0.1", port=0, control=control) as info:
            await workshop.start("svar")
            ticker = asyncio.create_task(workshop.keep_time())
            app = build_app(workshop, join_url=info.url, data_dir=folder, control=control)
            with control.published(folder, info.port, info.url):
                async with app.run_test(headless=True, size=SIZE) as pilot:
                    await pilot.pause()
                    title = app.main.query_one("#step-title", Static)
                    shown = str(title.render())
                    print(f"READY {info.port}", flush=True)
                    stdin = asyncio.create_task(_eof())
                    while not stdin.done():
                        now = str(title.render())
                        if now != shown:
                            shown = now
                            print(f"WALL {time.monotonic():.6f} {now}", flush=True)
                        await asyncio.sleep(POLL)
            ticker.cancel()
    finally:
        await workshop.shutdown()


async def _eof() -> None:
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)


# --- the console process ----------------------------------------------------------------------


def percentiles(samples: list[float]) -> str:
    """p50, p99 and max of *samples* (seconds) in milliseconds."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (
        f"p50 {statistics.median(ordered) * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms   "
        f"max {ordered[-1] * 1000:6.1f} ms   (n={len(ordered)})"
    )


async def until(condition: Any, seconds: float = WAIT) -> float:
    """Poll *condition* every millisecond (bounded); returns the monotonic time it held."""
    for _ in range(int(seconds / POLL)):
        if condition():
            return time.monotonic()
        await asyncio.sleep(POLL)
    raise TimeoutError("the measurement did not complete in time")


async def measure(folder: Path, host: asyncio.subprocess.Process) -> None:
    """Drive phones and the console's keys; print both latencies."""
    import aiohttp
    from textual.widgets import OptionList

    from kerne_tui.console import ConsoleApp, ControlClient
    from kerne_tui.control import find_running

    info = find_running(folder)
    client = ControlClient.for_runtime(info)
    code = (await client.state())["join_code"]
    base = f"http://127.0.0.1:{info.port}"
    wall_changes: asyncio.Queue[tuple[float, str]] = asyncio.Queue()

    async def read_wall() -> None:
        assert host.stdout is not None
        while line := await host.stdout.readline():
            parts = line.decode("utf-8").rstrip("\n").split(" ", 2)
            if parts[0] == "WALL" and len(parts) == 3:
                wall_changes.put_nowait((float(parts[1]), parts[2]))

    reader = asyncio.create_task(read_wall())
    app = ConsoleApp(client, await client.state())
    phones = [
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) for _ in range(SENDS)
    ]
    try:
        for phone in phones:  # a device cookie each, as a room of phones has
            async with phone.get(f"{base}/api/{code}/state") as response:
                await response.read()
        async with app.run_test(headless=True, size=SIZE) as pilot:
            await pilot.pause()
            answers = app.main.query_one("#c-answers", OptionList)

            def on_console(contribution_id: str) -> bool:
                try:
                    answers.get_option_index(contribution_id)
                except Exception:
                    return False
                return True

            sends = []
            for number, phone in enumerate(phones):
                body = {"step": "svar", "client_id": f"b{number}", "text": f"Svar nummer {number}"}
                started = time.monotonic()
                async with phone.post(f"{base}/api/{code}/contributions", json=body) as response:
                    contribution_id = (await response.json())["id"]
                arrived = await until(lambda cid=contribution_id: on_console(cid))
                sends.append(arrived - started)
                await asyncio.sleep(0.02)

            keys = []
            titles = {"n": "Tal sammen om svarene", "p": "Skriv et svar"}
            for number in range(KEYS):
                key = "n" if number % 2 == 0 else "p"
                while not wall_changes.empty():
                    wall_changes.get_nowait()
                started = time.monotonic()
                await pilot.press(key)
                for _ in range(100):
                    changed, title = await asyncio.wait_for(wall_changes.get(), WAIT)
                    if titles[key] in title:
                        break
                keys.append(changed - started)
                await asyncio.sleep(0.02)
    finally:
        for phone in phones:
            await phone.close()
        await client.close()
        reader.cancel()
    print(f"phone send -> answer on the console: {percentiles(sends)}")
    print(f"console key -> the wall's change:    {percentiles(keys)}")


async def orchestrate() -> None:
    """Start the session process, measure from this one, stop it."""
    with tempfile.TemporaryDirectory(prefix="kerne-console-bench-") as temporary:
        folder = Path(temporary)
        plan_path = folder / "plan.toml"
        plan_path.write_text(PLAN, encoding="utf-8")
        cores = _cores()
        host = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "benchmarks.console_latency",
            "--session",
            str(plan_path),
            str(folder),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            preexec_fn=(lambda: os.sched_setaffinity(0, {cores[0]})) if cores else None,
        )
        try:
            assert host.stdout is not None
            ready = await asyncio.wait_for(host.stdout.readline(), 60)
            if not ready.startswith(b"READY"):
                raise RuntimeError(f"the session did not start: {ready!r}")
            print(
                f"session and console pinned to cores {cores[0]} and {cores[1]}"
                if cores
                else "not pinned (fewer than 2 cores)",
                file=sys.stderr,
            )
            await measure(folder, host)
        finally:
            if host.stdin is not None:
                host.stdin.close()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(host.wait(), 10)
            if host.returncode is None:
                host.kill()
                await host.wait()


def _cores() -> tuple[int, int] | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    allowed = sorted(os.sched_getaffinity(0))
    if len(allowed) < 2:
        return None
    os.sched_setaffinity(0, {allowed[1]})
    return allowed[0], allowed[1]


def main() -> None:
    """Run the measurement, or (``--session``) be the session process."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.console_latency")
    parser.add_argument("--session", nargs=2, metavar=("PLAN", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.session:
        asyncio.run(session(Path(args.session[0]), Path(args.session[1])))
        return
    asyncio.run(orchestrate())


if __name__ == "__main__":
    main()
