"""Session files for the benchmarks: made with contributions already in them, and read back."""

from __future__ import annotations

import asyncio
import secrets
import shutil
from pathlib import Path

import orjson

from benchmarks.servers import PLAN
from kerne_tui.plan import load_plan
from kerne_tui.store import CONTRIBUTIONS, read_session_data, rows
from kerne_tui.workshop import Workshop

PREFILL_PER_DEVICE = 20
"""The benchmark plan lets a phone send 20 answers to a step."""
PREFILL_CHUNK = 500


async def make_kerne_session(folder: Path, count: int) -> Path:
    """A kerne session file, open at the first step, with *count* contributions to it.

    The contributions go through the engine itself (checks, group commit), in chunks that the
    flusher writes as a few large batches.
    """
    folder.mkdir(parents=True, exist_ok=True)
    workshop = Workshop.create(load_plan(PLAN), folder)
    await workshop.open()
    try:
        await workshop.start("burst", run_timer=False)
        tokens = [secrets.token_hex(16) for _ in range(count // PREFILL_PER_DEVICE + 1)]
        for first in range(0, count, PREFILL_CHUNK):
            await asyncio.gather(
                *(
                    workshop.submit(
                        tokens[n // PREFILL_PER_DEVICE],
                        "burst",
                        f"prefill-{n}",
                        {"text": f"Et tidligere svar, nummer {n}, fra en anden telefon."},
                    )
                    for n in range(first, min(count, first + PREFILL_CHUNK))
                )
            )
        await workshop.save_state()
    finally:
        await workshop.shutdown()
    return workshop.path


def copy_session(template: Path, folder: Path) -> Path:
    """A fresh copy of a session file in its own data folder."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / template.name
    shutil.copyfile(template, target)
    return target


def kerne_ids(folder: Path) -> set[str]:
    """The ids of every contribution in the (one) kerne session file in *folder*."""
    files = sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))
    ids: set[str] = set()
    for path in files:
        ids.update(str(doc["id"]) for doc in rows(read_session_data(path), CONTRIBUTIONS))
    return ids


def reference_ids(folder: Path) -> set[str] | None:
    """The ids in the naive server's TinyDB file (None for the ceiling, which keeps nothing)."""
    path = folder / "reference.json"
    if not path.exists():
        return None
    data = orjson.loads(path.read_bytes())
    return {str(doc["id"]) for doc in data.get("contributions", {}).values()}
