"""The child of test_kill_during_compaction: answers, moderation and rewrites until killed.

Usage: compaction_child.py PLAN DATA_DIR SESSION ROUND PHASE NUMBER, where SESSION is "-" for
a new session or the path of one to resume. Prints ``SESSION <path>`` once open, ``ACK <id>
<text>`` for every answer acknowledged, and ``PHASE <name> <n>`` at each point of the n-th
rewrite of the session file: ``written`` (the new file is on disk under its temporary name),
``renamed`` (it has replaced the session file; the journal still holds everything) and
``emptied`` (the journal is empty). At PHASE's NUMBER-th time it holds still there, so that the
test can read the files at that moment and then kill it.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from kerne_tui.plan import load_plan
from kerne_tui.store import files
from kerne_tui.store.journal import JournalWriter
from kerne_tui.workshop import Workshop

BURST = 25
MAX_SECONDS = 30.0
HOLD = 20.0
"""Seconds the child waits at the chosen point; the test kills it long before."""
ARMED = False
"""Rewrites are counted from the moment the session is open and the answers begin."""


def main(plan_path: str, data_dir: str, session: str, round_no: str, phase: str, at: str) -> None:
    """Install the markers, then run the session until killed (or the bounds run out)."""
    rewrites = 0
    real_replace = files.replace_with_retry
    real_empty = JournalWriter.empty

    def mark(name: str) -> None:
        if not ARMED:
            return
        print(f"PHASE {name} {rewrites}", flush=True)
        if name == phase and rewrites == int(at):
            time.sleep(HOLD)  # in the writer's thread: the flusher waits here

    def replace(source: Path, target: Path) -> None:
        nonlocal rewrites
        if target.suffix == ".json" and ARMED:
            rewrites += 1
            mark("written")
        real_replace(source, target)
        if target.suffix == ".json":
            mark("renamed")

    def empty(self: JournalWriter) -> None:
        real_empty(self)
        mark("emptied")

    files.replace_with_retry = replace  # type: ignore[assignment]
    JournalWriter.empty = empty  # type: ignore[method-assign]
    asyncio.run(run(plan_path, data_dir, session, round_no))


async def run(plan_path: str, data_dir: str, session: str, round_no: str) -> None:
    """Bursts of answers; between them a hidden answer, a reveal and a fold of the journal."""
    if session == "-":
        workshop = Workshop.create(load_plan(plan_path), Path(data_dir), join_code="FOLDE")
    else:
        workshop = Workshop.resume(Path(session))
    await workshop.open()
    if workshop.current != "ideas":
        await workshop.go_to("ideas", run_timer=False)
    print(f"SESSION {workshop.path}", flush=True)
    global ARMED
    ARMED = True

    async def one(n: int) -> str:
        text = f"Svar {round_no}-{n}"
        contribution = await workshop.submit(
            f"r{round_no}-phone-{n}", "ideas", f"c-{n}", {"text": text}
        )
        sys.stdout.write(f"ACK {contribution.id} {text}\n")
        sys.stdout.flush()
        return contribution.id

    started = time.monotonic()
    sent = 0
    while time.monotonic() - started < MAX_SECONDS:
        ids = await asyncio.gather(*(one(sent + i) for i in range(BURST)))
        sent += BURST
        await workshop.toggle_hidden(ids[0])  # an update in the journal
        if sent % (BURST * 3) == 0:
            await workshop.toggle_reveal()  # a facilitator's action: a rewrite with it
        else:
            await workshop.store.fold_journal()  # what a pause of a few seconds does
    await workshop.shutdown()


if __name__ == "__main__":
    main(*sys.argv[1:7])
