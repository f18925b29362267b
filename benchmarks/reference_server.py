"""The two reference servers kerne is measured against, with kerne's phone API shape.

``--storage tinydb`` is the naive design: one ``TinyDB.insert`` per request with TinyDB's stock
``JSONStorage``, on the event loop, answered after the insert returns. ``--storage none`` keeps
contributions in a list and writes nothing: the ceiling of aiohttp on this machine.

Run as ``python -m benchmarks.reference_server --storage none --data-dir D``; it prints
``JOIN <url>`` once it accepts connections and then obeys the commands of
:mod:`benchmarks.control` on stdin.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import hashlib
import secrets
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from aiohttp import web
from tinydb import TinyDB

from benchmarks.control import Commands, serve_commands

CODE = "BENCH"
COOKIE = "kerne_device"
STEPS = ("burst", "next")
KEEPALIVE_SECONDS = 15.0
QUEUE_SIZE = 4


class Room:
    """The reference server's whole state: the open step, the streams and the storage."""

    def __init__(self, storage: str, path: Path) -> None:
        self.step = STEPS[0]
        self.streams: set[asyncio.Queue[bytes]] = set()
        self.memory: list[dict[str, Any]] = []
        self.path = path
        self.db = TinyDB(path) if storage == "tinydb" else None
        self.stopping = False

    def prefill(self, count: int) -> None:
        """Put *count* earlier contributions in the storage before the server opens."""
        docs = [
            contribution_doc(STEPS[0], f"prefill{i}", secrets.token_hex(16)) for i in range(count)
        ]
        if self.db is not None:
            self.db.table("contributions").insert_multiple(docs)
        else:
            self.memory.extend(docs)

    def store(self, doc: dict[str, Any]) -> None:
        """Keep one contribution: the naive way, or not at all."""
        if self.db is not None:
            self.db.table("contributions").insert(doc)
        else:
            self.memory.append(doc)

    def message(self) -> bytes:
        """The SSE message every phone gets when the step changes."""
        state = {"status": "running", "step": self.step, "open": True, "seconds_left": 0}
        return b"event: state\ndata: " + orjson.dumps(state) + b"\n\n"

    async def next_step(self) -> None:
        """Move to the second step and tell every phone."""
        self.step = STEPS[1]
        message = self.message()
        for queue in self.streams:
            if queue.full():
                with contextlib.suppress(asyncio.QueueEmpty):
                    queue.get_nowait()
            queue.put_nowait(message)

    def close_streams(self) -> None:
        """End every phone's stream so the server stops without waiting for them."""
        for queue in self.streams:
            with contextlib.suppress(asyncio.QueueEmpty):
                while True:
                    queue.get_nowait()
            queue.put_nowait(b"")


ROOM = web.AppKey("room", Room)


def contribution_doc(step: str, client_id: str, token: str, text: str = "") -> dict[str, Any]:
    """A contribution shaped like kerne's, so both servers store the same amount."""
    return {
        "id": uuid.uuid4().hex[:12],
        "step_id": step,
        "kind": "text",
        "device": hashlib.sha256(token.encode()).hexdigest()[:32],
        "client_id": client_id[:64],
        "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "text": text[:200],
    }


def token_of(request: web.Request) -> tuple[str, bool]:
    """The phone's cookie token, or a fresh one (True when it must be set)."""
    token = request.cookies.get(COOKIE, "")
    if 20 <= len(token) <= 64 and token.isalnum():
        return token, False
    return secrets.token_hex(16), True


def with_cookie(response: web.StreamResponse, token: str, fresh: bool) -> web.StreamResponse:
    """Give a new phone its cookie."""
    if fresh:
        response.set_cookie(COOKIE, token, httponly=True, samesite="Lax", path="/")
    return response


async def api_state(request: web.Request) -> web.StreamResponse:
    """``GET /api/<code>/state``: the open step."""
    token, fresh = token_of(request)
    room = request.app[ROOM]
    body = orjson.dumps({"code": CODE, "status": "running", "step": {"id": room.step}})
    return with_cookie(web.Response(body=body, content_type="application/json"), token, fresh)


async def api_submit(request: web.Request) -> web.StreamResponse:
    """``POST /api/<code>/contributions``: store, then answer 201 with the id."""
    token, fresh = token_of(request)
    room = request.app[ROOM]
    try:
        body = orjson.loads(await request.read())
    except orjson.JSONDecodeError:
        return web.Response(status=400)
    if room.stopping:
        return web.Response(status=503)
    if not isinstance(body, dict) or body.get("step") != room.step:
        return web.Response(status=409)
    doc = contribution_doc(
        room.step, str(body.get("client_id", "")), token, str(body.get("text", ""))
    )
    room.store(doc)
    response = web.Response(
        body=orjson.dumps({"id": doc["id"]}), status=201, content_type="application/json"
    )
    return with_cookie(response, token, fresh)


async def api_events(request: web.Request) -> web.StreamResponse:
    """``GET /api/<code>/events``: the open step now, and again whenever it changes."""
    token, fresh = token_of(request)
    room = request.app[ROOM]
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
    with_cookie(response, token, fresh)
    queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=QUEUE_SIZE)
    room.streams.add(queue)
    try:
        await response.prepare(request)
        await response.write(b"retry: 2000\n\n" + room.message())
        while True:
            try:
                message = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
            except TimeoutError:
                message = b": keepalive\n\n"
            if not message:
                break
            await response.write(message)
    except ConnectionResetError:
        pass
    finally:
        room.streams.discard(queue)
    return response


def make_app(room: Room) -> web.Application:
    """The reference app: kerne's three phone routes and nothing else."""
    app = web.Application(handler_args={"access_log": None})
    app[ROOM] = room
    app.add_routes(
        [
            web.get("/api/{code}/state", api_state),
            web.post("/api/{code}/contributions", api_submit),
            web.get("/api/{code}/events", api_events),
        ]
    )
    return app


async def serve(args: argparse.Namespace) -> None:
    """Listen on 127.0.0.1 until the orchestrator says quit."""
    folder = Path(args.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    room = Room(args.storage, folder / "reference.json")
    room.prefill(args.prefill)
    runner = web.AppRunner(make_app(room), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", args.port, shutdown_timeout=1.0)
    await site.start()
    sockets = getattr(site._server, "sockets", None) or []
    port = sockets[0].getsockname()[1]
    try:
        await serve_commands(Commands(room.next_step), [f"JOIN http://127.0.0.1:{port}/j/{CODE}"])
    finally:
        room.stopping = True
        room.close_streams()
        await runner.cleanup()
        if room.db is not None:
            room.db.close()


def main() -> None:
    """Parse the options and serve."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reference_server")
    parser.add_argument("--storage", choices=("tinydb", "none"), required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--prefill", type=int, default=0)
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
