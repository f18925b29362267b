"""How the costs grow with the session: one flush, one screen update, the results, in-process."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import orjson

from benchmarks.files import copy_session, make_kerne_session
from benchmarks.host import TUI_SIZE, tui_available
from kerne_tui.store import CONTRIBUTIONS, Insert, SessionFile, read_session_data, write_atomic
from kerne_tui.workshop import Workshop, results_for

FLUSH_REPEATS = 20
ARRIVALS = 20
ARRIVAL_SPACING = 0.05
ARRIVALS_SECONDS = 8.0
"""A slow screen gets fewer arrivals: the measurement stops after this long (at least one)."""


@dataclass(frozen=True)
class FlushCost:
    """One contribution written on its own, at a given session size (medians, seconds)."""

    contributions: int
    flush: float
    flush_max: float
    encode: float
    write: float
    file_bytes: int


@dataclass(frozen=True)
class ScreenCost:
    """Loop-thread CPU for one arriving contribution, with and without the projected screen."""

    contributions: int
    with_screen: float
    without_screen: float
    idle_share: float
    """Share of one core the screen's loop uses with nothing arriving."""

    @property
    def update(self) -> float:
        """What the screen adds to one arriving contribution."""
        return max(0.0, self.with_screen - self.without_screen)


async def flush_cost(template: Path, folder: Path) -> FlushCost:
    """Time :meth:`SessionFile.commit` of one contribution, and its encode and write parts."""
    path = copy_session(template, folder)
    data = read_session_data(path)
    count = len(data.get(CONTRIBUTIONS, {}))
    encode = statistics.median(_timed(lambda: orjson.dumps(data)) for _ in range(FLUSH_REPEATS))
    payload = orjson.dumps(data)
    scratch = folder / "scratch.json"
    write = statistics.median(
        _timed(lambda: write_atomic(scratch, payload)) for _ in range(FLUSH_REPEATS)
    )
    store = SessionFile.open(path)
    await store.start()
    flushes = []
    try:
        doc = orjson.loads(orjson.dumps(next(iter(data[CONTRIBUTIONS].values()))))
        for number in range(FLUSH_REPEATS):
            started = time.perf_counter()
            await store.commit([Insert(CONTRIBUTIONS, {**doc, "id": f"flush{number}"})])
            flushes.append(time.perf_counter() - started)
    finally:
        await store.close()
    return FlushCost(count, statistics.median(flushes), max(flushes), encode, write, len(payload))


def _timed(work: object) -> float:
    assert callable(work)
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


async def screen_cost(template: Path, folder: Path) -> ScreenCost | None:
    """Loop-thread CPU per arriving contribution with the screen headless, and without it.

    Contributions arrive one every 50 ms; the loop thread's CPU time over that window, less
    the same window with nothing arriving, divided by the arrivals, is the cost of one. Thread
    time leaves out the writer thread; the run without the screen is subtracted to leave
    what the screen adds.
    """
    if not tui_available():
        return None
    without, _ = await _arrivals(copy_session(template, folder / "plain"), folder, screen=False)
    with_screen, idle = await _arrivals(
        copy_session(template, folder / "screen"), folder, screen=True
    )
    size = len(read_session_data(template).get(CONTRIBUTIONS, {}))
    return ScreenCost(size, with_screen, without, idle)


async def _arrivals(path: Path, folder: Path, *, screen: bool) -> tuple[float, float]:
    """(CPU per arrival, idle share of a core) on the loop thread."""
    workshop = Workshop.resume(path)
    await workshop.open()
    window = ARRIVALS * ARRIVAL_SPACING
    try:
        await workshop.toggle_reveal("burst")
        async with contextlib.AsyncExitStack() as stack:
            if screen:
                from kerne_tui.tui.app import build_app

                app = build_app(workshop, join_url="http://127.0.0.1/j/X", data_dir=folder)
                pilot = await stack.enter_async_context(app.run_test(headless=True, size=TUI_SIZE))
                await pilot.pause()
            started = time.thread_time()
            await asyncio.sleep(window)
            idle = time.thread_time() - started
            started = time.thread_time()
            deadline = time.monotonic() + ARRIVALS_SECONDS
            arrived = 0
            while arrived < ARRIVALS and (arrived == 0 or time.monotonic() < deadline):
                await workshop.submit(
                    secrets.token_hex(16), "burst", f"screen{arrived}", {"text": "Et nyt svar."}
                )
                arrived += 1
                await asyncio.sleep(ARRIVAL_SPACING)
            busy = time.thread_time() - started
    finally:
        await workshop.shutdown()
    idle_share = idle / window
    return max(0.0, busy - idle_share * arrived * ARRIVAL_SPACING) / arrived, idle_share


async def make_templates(sizes: tuple[int, ...], folder: Path) -> dict[int, Path]:
    """One session file for each size, made once and copied for every use."""
    return {size: await make_kerne_session(folder / f"size-{size}", size) for size in sizes}


def step_results_cost(template: Path) -> float:
    """Median seconds to compute the open step's results from all its contributions."""
    workshop = Workshop.resume(copy_session(template, template.parent / "results"))
    try:
        step = workshop.plan.step("burst")
        contributions = workshop.contributions("burst")
        options = workshop.options(step)
        return statistics.median(
            _timed(lambda: results_for(step, contributions, options)) for _ in range(5)
        )
    finally:
        workshop.store.release()
