"""The room-burst scenarios, run against kerne and the two references in one go."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks import overview_500, scale, startup, stock
from benchmarks.control import percentile
from benchmarks.files import copy_session, kerne_ids, make_kerne_session, reference_ids
from benchmarks.host import tui_available
from benchmarks.phones import (
    BurstResult,
    FanOutResult,
    await_step,
    burst,
    close_phones,
    connect_phones,
    sustained,
)
from benchmarks.servers import (
    Cores,
    ServerProcess,
    choose_cores,
    kerne_host,
    kerne_serve,
    reference,
)
from benchmarks.table import SERVERS, Figure, Row, render

FAN_OUT_LIMIT = 10.0
LAG_TAIL = 1.0
"""The probe runs on this long after the last answer: the screen draws a burst's answers on
its next tick (every 0.25 s), and that drawing belongs to the burst."""


@dataclass(frozen=True)
class Config:
    """How big each scenario is: the full run, or the quick smoke run."""

    burst_sizes: tuple[int, ...]
    prefills: tuple[int, ...]
    room: int
    """Phones for the repeated burst, sustained load, fan-out, loop lag and memory."""
    repeats: int
    full_file: int
    """Contributions already in the file for the repeated burst, loop lag and memory."""
    sustained_seconds: float
    limit: float
    naive_limit: float
    """The naive server is cut off after this long; its figures then read as at least that."""
    scale_sizes: tuple[int, ...]
    startups: int
    overview_archives: int = 500
    """Archives of a full day that ``kerne overview`` reads (overview_500.py)."""


FULL = Config(
    burst_sizes=(50, 200, 500),
    prefills=(0, 5000),
    room=500,
    repeats=10,
    full_file=5000,
    sustained_seconds=10.0,
    limit=60.0,
    naive_limit=20.0,
    scale_sizes=(1000, 5000, 20000),
    startups=3,
)
QUICK = Config(
    burst_sizes=(20, 50),
    prefills=(0, 500),
    room=50,
    repeats=3,
    full_file=500,
    sustained_seconds=2.0,
    limit=20.0,
    naive_limit=5.0,
    scale_sizes=(1000,),
    startups=1,
    overview_archives=30,
)


@dataclass
class Run:
    """A server under test and the folder its session file is in."""

    name: str
    server: ServerProcess
    folder: Path
    exit_code: int = 0


@dataclass(frozen=True)
class RoomLife:
    """One server through the burst with the lag probe on, then the step change."""

    burst: BurstResult
    lag_max: float
    lag_p99: float
    reached: FanOutResult
    rss: float


class Bench:
    """Runs the scenarios and collects their rows."""

    def __init__(self, config: Config, cores: Cores, work: Path) -> None:
        self.config = config
        self.cores = cores
        self.work = work
        self.rows: list[Row] = []
        self.templates: dict[int, Path] = {}
        self.counter = 0
        self.notes: list[str] = []

    # --- servers --------------------------------------------------------------------
    async def template(self, prefill: int) -> Path:
        """A kerne session file with *prefill* contributions, made once."""
        if prefill not in self.templates:
            self.templates[prefill] = await make_kerne_session(
                self.work / "templates" / str(prefill), prefill
            )
        return self.templates[prefill]

    @contextlib.asynccontextmanager
    async def started(
        self,
        name: str,
        prefill: int,
        *,
        host: bool = False,
        tui: bool = False,
        nofile: tuple[int, int] | None = None,
    ) -> AsyncIterator[Run]:
        """Start one server with *prefill* contributions in its storage, and stop it after."""
        self.counter += 1
        folder = self.work / f"{self.counter:03d}-{name}"
        folder.mkdir(parents=True)
        if name == "kerne":
            resume = copy_session(await self.template(prefill), folder) if prefill else None
            argv = (kerne_host if host else kerne_serve)(folder, resume=resume)
            if host and tui:
                argv.append("--tui")
        else:
            argv = reference("tinydb" if name == "naive" else "none", folder, prefill)
        server = ServerProcess(name, argv, folder / "server.log", self.cores.server, nofile)
        run = Run(name, server, folder)
        try:
            await server.start()
            yield run
        finally:
            run.exit_code = await server.stop()
            if run.exit_code == -9:
                self.notes.append(
                    f"{name} in {folder.name} did not stop within 15 s of SIGTERM (still busy "
                    "with requests it had taken) and was killed"
                )
            elif run.exit_code != 0:
                lines = (folder / "server.log").read_text(errors="replace").strip().splitlines()
                self.notes.append(
                    f"{name} in {folder.name} exited with {run.exit_code}; its log ends: "
                    + (lines[-1] if lines else "(empty)")
                )

    @staticmethod
    def lost(run: Run, acked: list[str]) -> int | None:
        """Acknowledged contributions missing from the file on disk (None: nothing on disk)."""
        stored = kerne_ids(run.folder) if run.name == "kerne" else reference_ids(run.folder)
        if stored is None:
            return None
        return len(set(acked) - stored)

    # --- scenarios ------------------------------------------------------------------
    async def bursts(self) -> None:
        """N phones press send at the same moment, with and without earlier contributions."""
        for prefill in self.config.prefills:
            for phones in self.config.burst_sizes:
                await self._burst(phones, 1, prefill, f"burst {phones}x1, {prefill} in file")
        room, repeats, full = self.config.room, self.config.repeats, self.config.full_file
        await self._burst(room, repeats, full, f"burst {room}x{repeats}, {full} in file")

    async def _burst(self, phones: int, repeats: int, prefill: int, scenario: str) -> None:
        results: dict[str, BurstResult] = {}
        checks: list[str] = []
        for name in SERVERS:
            limit = self.config.naive_limit if name == "naive" else self.config.limit
            async with self.started(name, prefill) as run:
                room = await connect_phones(run.server.base, run.server.code, phones)
                try:
                    result = await burst(room, "burst", repeats, limit)
                finally:
                    close_phones(room)
            results[name] = result
            lost = self.lost(run, result.acked)
            errors = sum(result.errors.values())
            checks.append(
                f"{name}: {len(result.acked)}/{result.wanted} acked"
                + (f", {errors} errors {dict(result.errors)}" if errors else "")
                + (f", {result.unfinished} cut off" if result.unfinished else "")
                + (f", {lost} LOST" if lost else (", none lost" if lost == 0 else ", not on disk"))
            )
        is_single = repeats == 1
        all_acked = Row(scenario, "all acknowledged after", "s")
        rows = [all_acked]
        for share in (0.5, 0.95, 0.99):
            rows.append(Row(scenario, f"p{round(share * 100)} ack latency", "ms"))
        for name, result in results.items():
            cut = result.all_acked_after is None
            all_acked.figures[name] = Figure(result.wall, at_least=cut)
            for row, share in zip(rows[1:], (0.5, 0.95, 0.99), strict=True):
                value = result.p(share)
                row.figures[name] = (
                    Figure(result.wall, at_least=True) if value is None else Figure(value)
                )
        if is_single and phones == max(self.config.burst_sizes):
            all_acked.target = 0.5
        if not is_single:
            rows[3].target = 0.25
        rows[-1].note = "; ".join(checks)
        self.rows.extend(rows)
        self._say(rows)

    async def sustained_load(self) -> None:
        """Every connection submits again at once, for a fixed time, on each file size."""
        for prefill in self.config.prefills:
            await self._sustained(prefill)

    async def _sustained(self, prefill: int) -> None:
        seconds, room = self.config.sustained_seconds, self.config.room
        scenario = f"sustained {room} conns, {seconds:g} s, {prefill} in file"
        rate = Row(scenario, "durable submits/s", "/s", lower_is_better=False, target=3000)
        usage = Row(scenario, "server CPU busy", "%", compare=False)
        checks = []
        for name in SERVERS:
            async with self.started(name, prefill) as run:
                phones = await connect_phones(run.server.base, run.server.code, room)
                try:
                    before = run.server.cpu_seconds()
                    at_deadline = asyncio.create_task(self._cpu_after(run.server, seconds))
                    result = await sustained(phones, "burst", seconds)
                    busy = (await at_deadline - before) / seconds
                finally:
                    close_phones(phones)
            rate.figures[name] = Figure(result.per_second)
            usage.figures[name] = Figure(round(busy * 100))
            lost = self.lost(run, result.acked)
            errors = sum(result.errors.values())
            checks.append(
                f"{name}: {len(result.acked)} acked"
                + (f", {errors} errors {dict(result.errors)}" if errors else "")
                + (f", {lost} LOST" if lost else (", none lost" if lost == 0 else ", not on disk"))
            )
        rate.note = "; ".join(checks)
        # The ceiling's column holds the ceiling's own multiple of the naive server: no server
        # on this machine can be more times the naive one than a server that stores nothing.
        times = Row(
            scenario, "times the naive server", "x", compare=False, lower_is_better=False, target=50
        )
        naive = rate.figures["naive"]
        for name in ("kerne", "ceiling"):
            figure = rate.figures[name]
            if figure is not None and naive is not None and naive.value > 0:
                times.figures[name] = Figure(round(figure.value / naive.value, 1))
        times.note = "ceiling column: what a server that stores nothing reaches"
        self.rows.extend([rate, usage, times])
        self._say([rate, usage, times])

    @staticmethod
    async def _cpu_after(server: ServerProcess, seconds: float) -> float:
        """The server's CPU seconds when the window closes (not when the last answer came)."""
        await asyncio.sleep(seconds)
        return server.cpu_seconds()

    async def room_life(self) -> None:
        """Loop lag during the burst, then the step change to every phone, then memory.

        kerne runs as ``kerne run`` does, with the projected screen headless in the same loop
        when it exists; then once more without the screen, to show what the screen costs.
        """
        room, full = self.config.room, self.config.full_file
        screen = tui_available()
        if not screen:
            self.notes.append(
                "the projected screen (kerne_tui/tui/app.py) does not exist yet: loop lag and "
                "fan-out were measured without it; they include it as soon as it exists"
            )
        screen = screen and await self._screen_starts(full)
        lag = f"loop lag, burst {room}x1, {full} in file" + (", screen on" if screen else "")
        worst = Row(lag, "10 ms sleeper overshoot, max", "ms", target=0.05)
        p99 = Row(lag, "10 ms sleeper overshoot, p99", "ms")
        fan = f"fan-out, next step to {room} phones"
        fan_rows = [
            Row(fan, "p50", "ms"),
            Row(fan, "p99", "ms", target=1.0),
            Row(fan, "max (all reached)", "ms"),
        ]
        memory = Row(
            f"memory, {room} phones connected, {full} in file",
            "peak RSS (VmHWM)",
            "MiB",
            target=200,
        )
        rows = [worst, p99, *fan_rows, memory]
        checks = []
        if screen:
            for label, tui, shown in (("screen off", False, False), ("answers shown", True, True)):
                life = await self._room("kerne", tui, reveal=shown)
                extra = Row(lag.replace("screen on", label), "max", "ms")
                extra.figures["kerne"] = Figure(life.lag_max)
                extra.note = f"p99 {life.lag_p99 * 1000:.0f} ms; " + (
                    "the same burst with the screen showing the answers as they come (a live "
                    f"step), {life.burst.wall:.2f} s until all were acknowledged"
                    if shown
                    else "the same burst without the screen"
                )
                rows.insert(2, extra)
        for name, tui in [("kerne", screen), ("naive", False), ("ceiling", False)]:
            life = await self._room(name, tui)
            worst.figures[name] = Figure(life.lag_max)
            p99.figures[name] = Figure(life.lag_p99)
            heard = life.reached.latencies + [FAN_OUT_LIMIT] * life.reached.missing
            if life.reached.latencies:
                fan_rows[0].figures[name] = Figure(percentile(heard, 0.5))
                fan_rows[1].figures[name] = Figure(percentile(heard, 0.99))
                fan_rows[2].figures[name] = Figure(max(heard), at_least=life.reached.missing > 0)
            memory.figures[name] = Figure(life.rss)
            checks.append(
                f"{name}: {len(life.burst.acked)}/{life.burst.wanted} acked in the burst, "
                f"{room - life.reached.missing}/{room} phones saw the next step"
            )
        fan_rows[-1].note = "; ".join(checks)
        self.rows.extend(rows)
        self._say(rows)

    async def _room(self, name: str, tui: bool, *, reveal: bool = False) -> RoomLife:
        room, full = self.config.room, self.config.full_file
        async with self.started(name, full, host=name == "kerne", tui=tui) as run:
            phones = await connect_phones(run.server.base, run.server.code, room)
            try:
                if reveal:
                    await run.server.command("reveal", "REVEALED", 120)
                await run.server.command("lag start", "LAG")
                limit = self.config.naive_limit if name == "naive" else self.config.limit
                result = await burst(phones, "burst", 1, limit)
                await asyncio.sleep(LAG_TAIL)
                _, lag_max, lag_p99, _ = (await run.server.command("lag stop", "LAG", 120)).split()
                since = float((await run.server.command("next", "NEXT", 120)).split()[1])
                reached = await await_step(phones, "next", since, FAN_OUT_LIMIT)
                rss = run.server.peak_rss_mib()
            finally:
                close_phones(phones)
        return RoomLife(result, float(lag_max), float(lag_p99), reached, rss)

    async def _screen_starts(self, prefill: int) -> bool:
        """True if kerne starts with the projected screen; if not, say why in the notes."""
        try:
            async with self.started("kerne", prefill, host=True, tui=True):
                return True
        except Exception as error:
            self.notes.append(f"kerne with the projected screen did not start ({error}); see logs")
            return False

    async def scaling(self) -> None:
        """Flush, results and screen costs as the session grows (kerne only, in-process)."""
        folder = self.work / "scale"
        templates = await scale.make_templates(self.config.scale_sizes, folder)
        for size, template in templates.items():
            scenario = f"scale, {size} in file"
            cost = await scale.flush_cost(template, folder / f"flush-{size}")
            flush = Row(scenario, "one flush (commit of 1)", "ms")
            flush.figures["kerne"] = Figure(cost.flush)
            flush.note = (
                f"encoding the whole file {cost.encode * 1000:.2f} ms (no longer per flush), "
                f"atomic write+fsync "
                f"{cost.write * 1000:.2f} ms, {cost.file_bytes / 1e6:.1f} MB, "
                f"max {cost.flush_max * 1000:.1f} ms"
            )
            results = Row(scenario, "step results (results_for)", "ms")
            results.figures["kerne"] = Figure(scale.step_results_cost(template))
            rows = [flush, results]
            update = Row(scenario, "screen update per contribution", "ms")
            try:
                screen = await scale.screen_cost(template, folder / f"screen-{size}")
            except Exception as error:
                screen = None
                update.note = f"the projected screen failed: {error!r}"[:200]
            if screen is None:
                update.note = update.note or "the projected screen does not exist yet"
            else:
                update.figures["kerne"] = Figure(screen.update)
                update.note = (
                    f"loop CPU per arrival {screen.with_screen * 1000:.1f} ms with the screen, "
                    f"{screen.without_screen * 1000:.1f} ms without; the screen idle uses "
                    f"{screen.idle_share * 100:.1f}% of a core"
                )
            rows.append(update)
            self.rows.extend(rows)
            self._say(rows)

    async def startups(self) -> None:
        """``kerne serve`` (and the references) to the first answered request; ``kerne run`` to
        its first frame."""
        ready = Row("startup", "serve: spawn to first answered request", "s", target=1.0)
        joined = Row("startup", "serve: spawn to JOIN line", "s")
        for name in SERVERS:
            answers, joins = [], []
            for _ in range(self.config.startups):
                self.counter += 1
                folder = self.work / f"{self.counter:03d}-start-{name}"
                folder.mkdir(parents=True)
                argv = (
                    kerne_serve(folder)
                    if name == "kerne"
                    else reference("tinydb" if name == "naive" else "none", folder, 0)
                )
                server = ServerProcess(name, argv, folder / "server.log", self.cores.server)
                try:
                    timing = await startup.first_answer(server)
                finally:
                    await server.stop()
                answers.append(timing.answered)
                joins.append(timing.joined)
            ready.figures[name] = Figure(max(answers))
            joined.figures[name] = Figure(max(joins))
        ready.note = f"worst of {self.config.startups}"
        frame = Row("startup", "run: typed to first frame (tmux)", "s")
        if startup.run_available():
            frames = [
                await startup.first_frame(self.work / f"run-{n}", f"kerne-bench-{os.getpid()}-{n}")
                for n in range(self.config.startups)
            ]
            measured = [f for f in frames if f is not None]
            if measured:
                frame.figures["kerne"] = Figure(max(measured))
                frame.note = f"worst of {len(measured)}"
        else:
            frame.note = "not measured: the projected screen does not exist yet (or no tmux)"
        rows = [ready, joined, frame]
        self.rows.extend(rows)
        self._say(rows)

    def _say(self, rows: list[Row]) -> None:
        for row in rows:
            figures = ", ".join(
                f"{name} {figure.value:.4g}{'+' if figure.at_least else ''}"
                for name, figure in row.figures.items()
                if figure is not None
            )
            print(f"  {row.scenario}: {row.metric}: {figures}", file=sys.stderr, flush=True)


SCENARIOS = ("startup", "burst", "sustained", "room", "scale", "stock", "hall", "overview")


async def run_all(config: Config, only: set[str], work: Path) -> Bench:
    """Run the chosen scenarios in order and return the bench with its rows."""
    cores = choose_cores()
    bench = Bench(config, cores, work)
    steps = {
        "startup": bench.startups,
        "burst": bench.bursts,
        "sustained": bench.sustained_load,
        "room": bench.room_life,
        "scale": bench.scaling,
        **stock.scenario_steps(bench),
        "overview": lambda: overview_500.scenario(bench),
    }
    for name in SCENARIOS:
        if name in only:
            started = time.monotonic()
            print(f"[{name}]", file=sys.stderr, flush=True)
            await steps[name]()
            print(f"[{name}] {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    return bench


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks [--quick] [--only SCENARIO ...]``."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="The room burst: kerne beside a naive TinyDB server and a no-storage ceiling.",
    )
    parser.add_argument("--quick", action="store_true", help="a small, fast run (smoke test)")
    parser.add_argument(
        "--only", nargs="+", choices=SCENARIOS, default=list(SCENARIOS), help="scenarios to run"
    )
    parser.add_argument("--keep", action="store_true", help="keep the session files afterwards")
    args = parser.parse_args(argv)
    config = QUICK if args.quick else FULL
    started = time.monotonic()
    load_before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="kerne-bench-"))
    try:
        bench = asyncio.run(run_all(config, set(args.only), folder))
    finally:
        if args.keep:
            print(f"session files kept in {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    load_after = os.getloadavg()
    print()
    print(
        f"kerne room burst ({'quick' if args.quick else 'full'} run), "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, {bench.cores.note}; "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; "
        f"took {time.monotonic() - started:.0f} s"
    )
    print("'kerne vs X': how many times better kerne is (>1x: better); '>': cut off, at least.")
    for note in bench.notes:
        print(f"note: {note}")
    print()
    print(render(bench.rows))
    missed = [row for row in bench.rows if row.met() is False]
    if missed:
        print()
        print("targets missed: " + "; ".join(f"{r.scenario}: {r.metric}" for r in missed))
    return 0
