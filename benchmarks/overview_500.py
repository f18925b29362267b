"""``kerne overview`` over many archives of a full day: its time and peak memory beside the
time to merely read and verify the same zips.

Run: ``.venv/bin/python -m benchmarks.overview_500 [--archives 500] [--phones 25] [--keep DIR]``,
or as the ``overview`` scenario of ``python -m benchmarks``.

Each archive is a real session of the built-in day plan (``kerneopgaven-kort``, with a
workplace and an overall task added) held through the engine: simulated phones answer every
input step with the rehearsal's own answers (``rehearsal.plan_answers``), the facilitator pins
a sentence and closes, and the session is archived with ``write_archive``. Every fifth
workplace gets a follow-up (``opfoelgning``, started from the day's zip), so the overview has
days to join. The overview and the floor each run in a child process of their own
(``kerne overview`` itself, and a loop of ``verify_archive`` over the same zips), so each
one's peak RSS is its own (``os.wait4``). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from benchmarks.table import Figure, Row
from kerne_tui.archive import read_earlier, verify_archive, write_archive
from kerne_tui.plan import Plan, load_plan
from kerne_tui.rehearsal import Crowd, plan_answers
from kerne_tui.web.shapes import step_json
from kerne_tui.workshop import Workshop

SESSIONS = Path(__file__).resolve().parent.parent / "sessions"
OVERALL = "Vi skaber trivsel, læring og udvikling for alle i kommunen."
FOLLOW_UP_EVERY = 5
PHONES = 25
"""Phones in each simulated room."""


@dataclass(frozen=True)
class Measured:
    """One child's wall time, its CPU time (less sensitive to a busy machine) and peak memory."""

    seconds: float
    cpu_seconds: float
    peak_mb: float


async def hold(plan: Plan, folder: Path, phones: int, seed: str, earlier: Path | None) -> Path:
    """One session through the engine with simulated phones; closed and archived."""
    follow_up = read_earlier(earlier, plan) if earlier is not None else None
    workshop = Workshop.create(plan, folder / "data", follow_up=follow_up)
    await workshop.open()
    try:
        await workshop.start()
        crowd = Crowd(phones, seed)
        for step in plan.steps:
            if not step.kind.takes_input:
                continue
            await workshop.go_to(step.id, run_timer=False)
            shape = step_json(workshop, step)
            # All phones send at once, as a room does: the session file takes them in one batch.
            await asyncio.gather(
                *(
                    workshop.submit(f"phone-{phone}", step.id, f"{step.id}-{n}", payload)
                    for phone in range(phones)
                    for n, payload in enumerate(plan_answers(shape, plan.language, phone, crowd))
                )
            )
            if step.kind.value == "sentence":
                await workshop.pin(f"Vi giver hver dag mening ({seed}).")
        await workshop.close()
    finally:
        await workshop.shutdown()
    return write_archive(workshop.path, folder / "zips")


def named(plan: Plan, workplace: str, overall_task: str) -> Plan:
    """*plan* for one workplace (the session records the plan's ``raw`` table, so both change)."""
    extra = {"workplace": workplace, **({"overall_task": overall_task} if overall_task else {})}
    return replace(plan, **extra, raw={**plan.raw, **extra})  # type: ignore[arg-type]


async def make_archives(count: int, phones: int, folder: Path) -> Path:
    """*count* archives in ``folder/zips`` (days, and a follow-up for every fifth workplace)."""
    day = load_plan(SESSIONS / "kerneopgaven-kort.toml")
    again = load_plan(SESSIONS / "opfoelgning.toml")
    made = 0
    number = 0
    started = time.monotonic()
    while made < count:
        number += 1
        name = f"Arbejdsplads {number:03d}"
        plan = named(day, name, OVERALL)
        zip_path = await hold(plan, folder, phones, f"day-{number}", None)
        made += 1
        if made < count and number % FOLLOW_UP_EVERY == 0:
            await hold(named(again, name, ""), folder, phones, f"fu-{number}", zip_path)
            made += 1
        if made % 50 == 0:
            print(
                f"  {made} of {count} archives made ({time.monotonic() - started:.0f} s)",
                file=sys.stderr,
                flush=True,
            )
    return folder / "zips"


def child(argv: list[str]) -> Measured:
    """Run *argv* and return its wall time and its own peak RSS."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        raise RuntimeError(f"{argv[:4]} failed: {error[-500:]}")
    return Measured(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def verify_all(folder: Path) -> int:
    """The floor: every zip read and checked against its manifest, nothing more."""
    bad = sum(1 for path in sorted(folder.glob("*.zip")) if verify_archive(path, "en"))
    return 1 if bad else 0


def measure(zips: Path, out: Path) -> tuple[Measured, Measured]:
    """The floor and the overview, each in its own process."""
    python = sys.executable
    floor = child([python, "-m", "benchmarks.overview_500", "--verify-only", str(zips)])
    overview = child([python, "-m", "kerne_tui", "overview", str(zips), "--out", str(out)])
    return floor, overview


def report(count: int, floor: Measured, overview: Measured) -> list[str]:
    """The lines the benchmark prints."""
    return [
        f"overview of {count} archives: {overview.seconds:.2f} s ({overview.cpu_seconds:.2f} s "
        f"CPU), peak {overview.peak_mb:.0f} MB (kerne overview in its own process)",
        f"read and verify the same zips: {floor.seconds:.2f} s ({floor.cpu_seconds:.2f} s CPU), "
        f"peak {floor.peak_mb:.0f} MB",
        f"overview / floor: {overview.seconds / floor.seconds:.1f}x the time",
    ]


async def run(count: int, phones: int, work: Path) -> tuple[Measured, Measured]:
    """Make the archives, then measure; the files stay in *work*."""
    zips = await make_archives(count, phones, work)
    return measure(zips, work / "out")


async def scenario(bench: Any) -> None:
    """The ``overview`` scenario of ``python -m benchmarks``: rows for the suite's table."""
    count = bench.config.overview_archives
    floor, overview = await run(count, PHONES, bench.work / "overview")
    scenario_name = f"overview, {count} archives"
    rows = []
    for metric, unit, value, note in (
        ("kerne overview: time", "s", overview.seconds, "its own process, start to files"),
        ("kerne overview: CPU time", "s", overview.cpu_seconds, "user + system"),
        ("kerne overview: peak memory", "MB", overview.peak_mb, "peak RSS of that process"),
        ("read and verify only: time", "s", floor.seconds, "verify_archive over the same zips"),
        ("read and verify only: CPU time", "s", floor.cpu_seconds, "user + system"),
        ("read and verify only: peak memory", "MB", floor.peak_mb, ""),
    ):
        row = Row(scenario_name, metric, unit, note=note, compare=False)
        row.figures["kerne"] = Figure(round(value, 2 if unit == "s" else 0))
        rows.append(row)
    bench.rows.extend(rows)
    for line in report(count, floor, overview):
        print(f"  {line}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.overview_500``."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.overview_500")
    parser.add_argument("--archives", type=int, default=500)
    parser.add_argument("--phones", type=int, default=PHONES)
    parser.add_argument("--keep", metavar="DIR", help="make the archives here and keep them")
    parser.add_argument("--verify-only", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.verify_only:
        return verify_all(Path(args.verify_only))
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="kerne-overview-"))
    try:
        floor, overview = asyncio.run(run(args.archives, args.phones, work))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    for line in report(args.archives, floor, overview):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
