"""kerne as ``kerne run`` composes it, with the orchestrator's commands on stdin.

The same engine, session file and phone server as ``kerne serve``, in one process and one loop,
optionally with the projected screen running headless (``KerneApp.run_test``) beside them as in
``kerne run``. The orchestrator can then move to the next step (``next``), show the answers
(``reveal``), probe the loop's lag (``lag start`` / ``lag stop``) and read the flusher's counts
(``stats``), none of which ``kerne serve`` can be asked for: it has no admin endpoint.

Run as ``python -m benchmarks.host --plan P --data-dir D [--resume FILE] [--tui]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import importlib.util
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import orjson

from benchmarks.control import Commands, serve_commands
from kerne_tui.memory import settle
from kerne_tui.plan import load_plan
from kerne_tui.web import phone_server
from kerne_tui.workshop import Workshop

TUI_SIZE = (120, 40)


def tui_available() -> bool:
    """True once the projected screen exists in this checkout."""
    try:
        return importlib.util.find_spec("kerne_tui.tui.app") is not None
    except ModuleNotFoundError:
        return False


@contextlib.asynccontextmanager
async def projected_screen(workshop: Workshop, url: str, folder: Path) -> AsyncIterator[Any]:
    """Run the facilitator's app headless on this loop for as long as the block lasts."""
    from kerne_tui.tui.app import build_app

    app = build_app(workshop, join_url=url, data_dir=folder)
    async with app.run_test(headless=True, size=TUI_SIZE) as pilot:
        await pilot.pause()
        yield pilot


async def host(args: argparse.Namespace) -> None:
    """Open or resume the session, serve the phones, and obey stdin until ``quit``."""
    folder = Path(args.data_dir)
    if args.resume:
        workshop = Workshop.resume(Path(args.resume))
    else:
        workshop = Workshop.create(load_plan(args.plan), folder)
    await workshop.open()
    try:
        async with phone_server(workshop, host="127.0.0.1", port=args.port) as info:
            if workshop.status != "running" or workshop.current != args.step:
                await workshop.go_to(args.step, run_timer=False)
            ticker = asyncio.create_task(workshop.keep_time())
            settle()  # as kerne run does once it serves; the screen does it again when it starts
            async with contextlib.AsyncExitStack() as stack:
                if args.tui:
                    await stack.enter_async_context(projected_screen(workshop, info.url, folder))

                async def next_step() -> None:
                    await workshop.next_step()

                async def reveal() -> None:
                    await workshop.toggle_reveal()

                def stats() -> str:
                    return orjson.dumps(dataclasses.asdict(workshop.store.stats)).decode()

                await serve_commands(
                    Commands(next_step, stats=stats, reveal=reveal),
                    [f"JOIN {info.url}", f"TUI {'on' if args.tui else 'off'}"],
                )
            ticker.cancel()
    finally:
        await workshop.shutdown()


def main() -> None:
    """Parse the options and host."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.host")
    parser.add_argument("--plan", help="plan file (not with --resume)")
    parser.add_argument("--resume", help="session file to continue")
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--step", default="burst")
    parser.add_argument("--tui", action="store_true", help="run the projected screen headless")
    args = parser.parse_args()
    if args.tui and not tui_available():
        args.tui = False
    asyncio.run(host(args))


if __name__ == "__main__":
    main()
