"""The "stock limits" and "hall" scenarios: rooms larger than a stock laptop's open-files limit.

Each server (kerne, the naive one, the ceiling) starts under the same limit, set in the child
before it runs (``resource.setrlimit``, as ``ulimit -Sn`` would): 256 (macOS's default for a
terminal) and 1,024 (most Linux desktops), with the hard limit left high or set equal. kerne
raises its own soft limit toward the hard one at start; the two references take what they get.
"""

from __future__ import annotations

import asyncio
import resource
import sys
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from benchmarks.control import percentile
from benchmarks.crowd import CrowdResult, crowd_burst, join_crowd, late_phone, log_bytes
from benchmarks.phones import FanOutResult, await_step, close_phones
from benchmarks.table import SERVERS, Figure, Row

HALL = 2000
HALL_LIMIT = 1024
FAN_OUT_LIMIT = 10.0


def high_hard() -> int:
    """The hard limit of this machine (what a raised soft limit can reach)."""
    return resource.getrlimit(resource.RLIMIT_NOFILE)[1]


def stock_cases(quick: bool) -> list[tuple[int, int, int]]:
    """(soft, hard, phones) for each row group, as in the issue's own table."""
    high = high_hard()
    if quick:
        return [(256, high, 300), (256, 256, 300)]
    return [(256, high, 400), (256, high, 700), (256, 256, 400), (1024, high, 700)]


async def stock(bench: Any) -> None:
    """Every server under each stock limit, one crowd burst each; one row group per case."""
    for soft, hard, phones in stock_cases(bench.config.room < 500):
        hard_text = "high" if hard != soft else str(hard)
        scenario = f"stock {soft}/{hard_text} ({hard:,}), {phones} phones"
        rows = {
            "acked": Row(scenario, "acknowledged (201)", "", lower_is_better=False),
            "refused": Row(scenario, "clear 503 with Retry-After", "", compare=False),
            "timed_out": Row(scenario, f"timed out or broken ({15:.0f} s)", ""),
            "p99": Row(scenario, "p99 of the 201s", "s"),
            "last": Row(scenario, "last answer of any kind", "s", target=10.0),
            "log": Row(scenario, "log growth", "kB", target=1000),
        }
        notes = []
        for name in SERVERS:
            result = await _crowd_run(bench, name, soft, hard, phones)
            rows["acked"].figures[name] = Figure(len(result.acked))
            rows["refused"].figures[name] = Figure(result.refused)
            broken = sum(result.broken.values()) + sum(result.other.values())
            rows["timed_out"].figures[name] = Figure(result.timed_out + broken)
            p99 = result.p(0.99)
            rows["p99"].figures[name] = None if p99 is None else Figure(p99)
            rows["last"].figures[name] = Figure(result.last_answer)
            rows["log"].figures[name] = Figure(result.log_growth / 1000)
            notes.append(f"{name}: {result.summary()}")
        rows["log"].note = " | ".join(notes)
        bench.rows.extend(rows.values())
        bench._say(list(rows.values()))


async def _crowd_run(bench: Any, name: str, soft: int, hard: int, phones: int) -> CrowdResult:
    result = CrowdResult(phones)
    async with bench.started(name, 0, nofile=(soft, hard)) as run:
        before = log_bytes(run.folder)
        room = await join_crowd(run.server.base, run.server.code, phones, result)
        try:
            await crowd_burst(room, "burst", result)
            result.late_phone = await late_phone(run.server.base, run.server.code, "burst")
        finally:
            close_phones(room)
        result.log_growth = log_bytes(run.folder) - before
    lost = bench.lost(run, result.acked)
    if lost:
        bench.notes.append(f"{name} under {soft}/{hard}: {lost} acknowledged but not on disk")
    return result


@dataclass
class HallRun:
    """One server through the hall: the burst, the loop's lag, the step change, memory."""

    result: CrowdResult
    lag_max: float
    reached: FanOutResult
    listening: int
    rss: float
    lost: int | None
    cpu: float
    """Seconds of CPU the server used from the press of send to the last answer."""


async def hall_run(bench: Any, name: str, phones: int, screen: bool) -> HallRun:
    """*phones* phones with their streams press send at once; then the facilitator moves on."""
    result = CrowdResult(phones)
    is_kerne = name == "kerne"
    nofile = (HALL_LIMIT, high_hard())
    async with bench.started(name, 0, host=is_kerne, tui=is_kerne and screen, nofile=nofile) as run:
        room = await join_crowd(run.server.base, run.server.code, phones, result)
        try:
            await run.server.command("lag start", "LAG")
            cpu = run.server.cpu_seconds()
            await crowd_burst(room, "burst", result)
            cpu = run.server.cpu_seconds() - cpu
            await asyncio.sleep(1.0)
            _, lag_max, _, _ = (await run.server.command("lag stop", "LAG", 120)).split()
            since = float((await run.server.command("next", "NEXT", 120)).split()[1])
            listening = [phone for phone in room if phone.states]
            reached = await await_step(listening, "next", since, FAN_OUT_LIMIT)
            rss = run.server.peak_rss_mib()
        finally:
            close_phones(room)
    lost = bench.lost(run, result.acked)
    return HallRun(result, float(lag_max), reached, len(listening), rss, lost, cpu)


async def hall(bench: Any) -> None:
    """2,000 phones with their streams under a soft limit of 1,024, all sending at once.

    kerne runs as ``kerne run`` composes it, with the projected screen, so the loop lag, the
    step change to every phone and the peak memory are taken in the same run.
    """
    phones = HALL if bench.config.room >= 500 else 200
    scenario = f"hall, {phones} phones with streams, soft limit {HALL_LIMIT}"
    acked = Row(scenario, "all acknowledged after", "s", target=1.0)
    p99 = Row(scenario, "p99 of the 201s", "s")
    count = Row(scenario, "acknowledged (201)", "", lower_is_better=False)
    fan = Row(scenario, "next step reached all, max", "s", target=1.0)
    lag = Row(scenario, "loop lag (10 ms sleeper), max", "ms", target=0.05)
    rss = Row(scenario, "peak RSS (VmHWM)", "MiB", target=400)
    rows = [count, acked, p99, fan, lag, rss]
    notes = []
    screen = await bench._screen_starts(0)
    for name in SERVERS:
        run = await hall_run(bench, name, phones, screen)
        result, reached = run.result, run.reached
        count.figures[name] = Figure(len(result.acked))
        everyone = len(result.acked) == phones
        if result.acked:
            acked.figures[name] = Figure(result.last_answer, at_least=not everyone)
        shown = result.p(0.99)
        p99.figures[name] = None if shown is None else Figure(shown)
        heard = reached.latencies + [FAN_OUT_LIMIT] * reached.missing
        if heard:
            fan.figures[name] = Figure(max(heard), at_least=reached.missing > 0)
        lag.figures[name] = Figure(run.lag_max)
        rss.figures[name] = Figure(run.rss)
        notes.append(
            f"{name}: {result.summary()}; {run.listening - reached.missing}/{run.listening} "
            f"listening phones saw the next step (p50 "
            f"{percentile(reached.latencies, 0.5) * 1000:.0f} ms); lost {run.lost}; "
            f"server CPU in the burst {run.cpu:.2f} s"
        )
        print(f"  hall {name}: {notes[-1]}", file=sys.stderr, flush=True)
    rss.note = " | ".join(notes) + ("" if screen else " | kerne ran without the screen")
    bench.rows.extend(rows)
    bench._say(rows)


def scenario_steps(bench: Any) -> dict[str, Callable[[], Coroutine[Any, Any, None]]]:
    """The two scenarios by name, for the suite."""
    return {"stock": lambda: stock(bench), "hall": lambda: hall(bench)}
