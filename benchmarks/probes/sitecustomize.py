"""Probes for a benchmark's server processes, switched on by environment variables.

Put this folder first on PYTHONPATH (``PYTHONPATH=benchmarks/probes:.``) and run a scenario;
every Python process the benchmark starts imports it. Only ``kerne serve`` and
``benchmarks.host`` are probed, nothing else is changed:

- ``KERNE_CPROFILE=PREFIX``: ``kerne serve`` runs under cProfile, written to
  ``PREFIX.<pid>`` when it stops (read it with ``pstats``). cProfile roughly doubles the cost
  of each call, so it gives shares, not speeds.
- ``KERNE_TURNS=PREFIX``: every loop turn is timed (``BaseEventLoop._run_once``, its wait in
  the selector included, so only busy turns count), with the socket events it got, the
  callbacks it ran and the time the cycle collector took inside it; every two seconds the
  slowest twelve and the collector's totals go to ``PREFIX.<pid>``.
"""

from __future__ import annotations

import os
import sys

_COMMAND = " ".join(getattr(sys, "orig_argv", sys.argv))
_PROBED = " serve " in f"{_COMMAND} " or "benchmarks.host" in _COMMAND or "host.py" in _COMMAND


def _profile(prefix: str) -> None:
    import atexit
    import cProfile

    profile = cProfile.Profile()
    profile.enable()

    def dump() -> None:
        profile.disable()
        profile.dump_stats(f"{prefix}.{os.getpid()}")

    atexit.register(dump)


def _turns(prefix: str) -> None:
    import asyncio.base_events
    import asyncio.selector_events
    import gc
    import threading
    import time

    turns: list[tuple[float, int, int, float]] = []
    now: dict[str, float] = {"gc": 0.0, "gc_started": 0.0, "gc_total": 0.0, "gc_longest": 0.0}
    counts = {"events": 0, "ready": 0}
    generations = [0, 0, 0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            now["gc_started"] = time.perf_counter()
            return
        took = time.perf_counter() - now["gc_started"]
        now["gc"] += took
        now["gc_total"] += took
        now["gc_longest"] = max(now["gc_longest"], took)
        generations[info["generation"]] += 1

    gc.callbacks.append(collector)
    run_once = asyncio.base_events.BaseEventLoop._run_once  # type: ignore[attr-defined]
    process = asyncio.selector_events.BaseSelectorEventLoop._process_events  # type: ignore[attr-defined]

    def timed_run_once(self: asyncio.AbstractEventLoop) -> None:
        now["gc"] = 0.0
        started = time.perf_counter()
        run_once(self)
        turns.append((time.perf_counter() - started, counts["events"], counts["ready"], now["gc"]))
        if len(turns) > 20_000:
            turns.sort(reverse=True)
            del turns[100:]

    def counted_process(self: asyncio.AbstractEventLoop, events: list[object]) -> None:
        counts["events"] = len(events)
        process(self, events)
        counts["ready"] = len(self._ready)  # type: ignore[attr-defined]

    asyncio.base_events.BaseEventLoop._run_once = timed_run_once  # type: ignore[attr-defined]
    asyncio.selector_events.BaseSelectorEventLoop._process_events = counted_process  # type: ignore[attr-defined]

    def report() -> None:
        while True:
            time.sleep(2)
            slowest = sorted(list(turns), reverse=True)[:12]
            lines = [
                _COMMAND,
                f"collector {now['gc_total'] * 1000:.0f} ms in all, collections by generation "
                f"{generations}, longest {now['gc_longest'] * 1000:.1f} ms, thresholds "
                f"{gc.get_threshold()}",
                *(
                    f"turn {took * 1000:7.1f} ms  events {events:5d}  callbacks {ready:5d}  "
                    f"collector {collected * 1000:6.1f} ms"
                    for took, events, ready, collected in slowest
                ),
            ]
            with open(f"{prefix}.{os.getpid()}", "w", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")

    threading.Thread(target=report, daemon=True, name="loop turns").start()


if _PROBED and os.environ.get("KERNE_CPROFILE"):
    _profile(os.environ["KERNE_CPROFILE"])
if _PROBED and os.environ.get("KERNE_TURNS"):
    _turns(os.environ["KERNE_TURNS"])
