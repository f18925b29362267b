"""What one flush of the session file costs with 1k, 5k and 20k contributions already in it.

Run ``python -m benchmarks.flush_cost [--dir FOLDER] [--rounds N]``. For each size it fills a
session file, then times flushes of a batch of 1 and of 100 new contributions end to end
(``SessionFile.commit``: apply the batch to the tables, serialise with orjson, write atomically
with fsync of file and folder), and the three parts on their own; each round flushes a file of
exactly that size. Prints medians in milliseconds; nothing is asserted, the figures depend on
the disk and on what else the machine is doing (note the load average beside them).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from kerne_tui.plan import StepKind
from kerne_tui.store import CONTRIBUTIONS, Insert, SessionFile, write_atomic
from kerne_tui.workshop import Contribution

SIZES = (1_000, 5_000, 20_000)
BATCHES = (1, 100)


def contribution_doc(n: int) -> dict[str, Any]:
    """A contribution shaped like a real one: an idea of about 80 characters."""
    return Contribution(
        id=uuid.uuid4().hex[:12],
        step_id="ideas",
        kind=StepKind.TEXT,
        device=uuid.uuid4().hex,
        client_id=uuid.uuid4().hex,
        at="2026-11-23T09:15:00.000Z",
        text=f"Idé nummer {n}: mere tid sammen med borgeren og færre dobbelte registreringer",
    ).to_doc()


def median_ms(run: Callable[[], object], rounds: int) -> float:
    """The median time of *run* in milliseconds."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def trim(session: SessionFile, size: int) -> None:
    """Drop what a timed round added, so every round flushes a file of exactly *size*."""
    table = session._storage.data[CONTRIBUTIONS]
    for key in list(table)[size:]:
        del table[key]


async def measure(folder: Path, size: int, rounds: int) -> dict[str, float]:
    """Fill a session file with *size* contributions and time its flushes at that size."""
    path = folder / f"flush-{size}.json"
    path.unlink(missing_ok=True)
    session = SessionFile.create(path, {"title": "flush", "join_code": "FLUSH"}, {})
    await session.start()
    figures: dict[str, float] = {}
    serial = iter(range(size, size * 100))
    try:
        await session.commit([Insert(CONTRIBUTIONS, contribution_doc(n)) for n in range(size)])
        for batch in BATCHES:
            times = []
            for _ in range(rounds):
                ops = [Insert(CONTRIBUTIONS, contribution_doc(next(serial))) for _ in range(batch)]
                started = time.perf_counter()
                await session.commit(ops)
                times.append(time.perf_counter() - started)
                trim(session, size)
            figures[f"commit of {batch}"] = statistics.median(times) * 1000
        data = session._storage.data
        payload = orjson.dumps(data)
        figures["serialise"] = median_ms(lambda: orjson.dumps(data), rounds)
        figures["atomic write"] = median_ms(lambda: write_atomic(path, payload), rounds)

        def insert_one() -> None:
            session._apply([Insert(CONTRIBUTIONS, contribution_doc(next(serial)))])
            trim(session, size)

        figures["apply 1 insert"] = median_ms(insert_one, rounds)
        figures["MB"] = len(payload) / 1e6
    finally:
        await session.close()
        path.unlink(missing_ok=True)
    return figures


async def main() -> None:
    """Print one line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="folder on the disk to measure (default: temp)")
    parser.add_argument("--rounds", type=int, default=30, help="flushes timed per figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as temporary:
        folder = Path(temporary)
        print(f"flush cost in {folder} (median of {args.rounds}, ms)")
        header = None
        for size in SIZES:
            figures = await measure(folder, size, args.rounds)
            if header is None:
                header = ["contributions", *figures]
                print("  ".join(f"{name:>20}" for name in header))
            print(f"{size:>20}  " + "  ".join(f"{value:>20.2f}" for value in figures.values()))


if __name__ == "__main__":
    asyncio.run(main())
