"""The child of test_crash: takes bursts of submits and prints each id once it is acknowledged.

Usage: crash_child.py PLAN DATA_DIR SESSION ROUND, where SESSION is "-" for a new session or
the path of one to resume. Prints ``SESSION <path>`` once open, then ``ACK <id>`` for every
contribution whose submit has returned, flushed at once, until it is killed.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from kerne_tui.plan import load_plan
from kerne_tui.workshop import Workshop

BURST = 25
MAX_SUBMITS = 200_000
MAX_SECONDS = 30.0


async def main(plan_path: str, data_dir: str, session: str, round_no: str) -> None:
    """Open or resume the session and submit in bursts until killed (or the bounds run out)."""
    if session == "-":
        workshop = Workshop.create(load_plan(plan_path), Path(data_dir), join_code="CRASH")
    else:
        workshop = Workshop.resume(Path(session))
    await workshop.open()
    if workshop.current != "ideas":
        await workshop.go_to("ideas", run_timer=False)
    print(f"SESSION {workshop.path}", flush=True)

    async def one(n: int) -> None:
        token = f"round-{round_no}-phone-{n}"
        contribution = await workshop.submit(token, "ideas", f"c-{n}", {"text": f"Idé {n}"})
        sys.stdout.write(f"ACK {contribution.id}\n")
        sys.stdout.flush()

    started = time.monotonic()
    sent = 0
    while sent < MAX_SUBMITS and time.monotonic() - started < MAX_SECONDS:
        await asyncio.gather(*(one(sent + i) for i in range(BURST)))
        sent += BURST
        if sent % (BURST * 8) == 0:
            # Facilitator writes in between, so state and log batches are killed too.
            await workshop.toggle_reveal()
    await workshop.shutdown()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
