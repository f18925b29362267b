"""Simulated phones: participants that take part through the real phone server's public API.

Each phone is a separate HTTP client with its own cookie jar and, on this machine, its own
loopback address (127.0.0.2, 127.0.0.3, …), so the server sees separate devices as it does in
a room where every phone has its own address on the Wi-Fi. It follows the workshop over
Server-Sent Events, reads the open step from ``GET /api/<code>/state`` and posts its answers
to ``POST /api/<code>/contributions`` at a person's pace. It knows nothing of the engine: a
rehearsal is also a living test of the API.
"""

from __future__ import annotations

import asyncio
import logging
import random
import secrets
import uuid
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Final

import aiohttp
import orjson

from kerne_tui.rehearsal.addresses import local_address_for
from kerne_tui.rehearsal.answers import (
    UPVOTE,
    Crowd,
    Payload,
    answer_delays,
    choose_upvote,
    parking_item,
    plan_answers,
)

log = logging.getLogger(__name__)


class ApiStatus(StrEnum):
    """A session's status as the phone API spells it (``docs/api.md``).

    The simulated phones know kerne only through its HTTP API, so this mirrors
    ``kerne_tui.store.SessionStatus`` instead of importing it; a rehearsal test checks both.
    """

    WAITING = "waiting"
    RUNNING = "running"
    FINISHED = "finished"


Acknowledged = Callable[[str, str], None]
"""Called with (step id, contribution id) for every answer the server took (201)."""

REQUEST_TIMEOUT: Final = 15.0
"""Seconds one request may take before the phone counts it as failed."""
STREAM_IDLE: Final = 45.0
"""Seconds of silence on the event stream before it counts as dead (the server pings every 15)."""
FIRST_BACKOFF: Final = 0.5
MAX_BACKOFF: Final = 8.0
MAX_FAILURES: Final = 8
"""Failed connections in a row after which a phone gives up (the server is gone)."""
MAX_CONNECTIONS: Final = 500
"""Event streams one phone opens in its life, however the server behaves."""
SEND_ATTEMPTS: Final = 3
PARKING: Final = "parking"
"""Where a payload goes instead of a step: the parking lot, open at every step."""
UPVOTE_LOOKS: Final = 3
"""How often a phone looks for a question to upvote before it asks its own instead."""
PARKING_UPVOTE_SHARE: Final = 0.15
"""The chance at each step that a phone upvotes something in the parking lot."""


def backoff(failures: int, rng: random.Random) -> float:
    """Seconds to wait after *failures* failures in a row: doubling, capped, with jitter."""
    base = min(MAX_BACKOFF, FIRST_BACKOFF * 2.0 ** max(0, failures - 1))
    return base * rng.uniform(0.75, 1.25)


class SimulatedPhone:
    """One simulated participant with its own device cookie."""

    def __init__(
        self,
        index: int,
        base_url: str,
        code: str,
        crowd: Crowd,
        on_acknowledged: Acknowledged | None = None,
    ) -> None:
        self.index = index
        self.base_url = base_url.rstrip("/")
        self.code = code
        self.crowd = crowd
        self._on_acknowledged = on_acknowledged
        self._rng = crowd.rng("timing", index)
        self._current: str | None = None
        self._over = asyncio.Event()
        """Set when the step this phone is answering is no longer open to it."""
        self._planned: set[str] = set()
        self._parked = False
        self._answers: set[asyncio.Task[None]] = set()
        self.messages = 0
        """Event-stream messages received."""
        self.acknowledged: list[tuple[str, str]] = []
        """(step id, contribution id) of every answer the server took."""
        self.refused = 0
        """Answers the server turned down (the step had moved on, closed, or a cap was hit)."""

    async def run(self) -> None:
        """Take part until the workshop finishes, the server is gone for good, or cancelled."""
        # The default jar refuses cookies from an IP address such as 127.0.0.1, and without its
        # device cookie a phone would look like a new participant on every request.
        jar = aiohttp.CookieJar(unsafe=True)
        timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
        connector = aiohttp.TCPConnector(local_addr=local_address_for(self.base_url, self.index))
        try:
            async with aiohttp.ClientSession(
                cookie_jar=jar, timeout=timeout, connector=connector
            ) as session:
                cancelled = False
                try:
                    await self._follow(session)
                except asyncio.CancelledError:
                    cancelled = True
                    raise
                finally:
                    await self._settle(cancel=cancelled)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("simulated phone %d stopped on an error", self.index + 1)

    async def _settle(self, *, cancel: bool) -> None:
        """Drop answers not yet begun; let those already on their way be answered."""
        self._end_step()
        if cancel:
            for task in self._answers:
                task.cancel()
        await asyncio.gather(*self._answers, return_exceptions=True)

    async def _follow(self, session: aiohttp.ClientSession) -> None:
        failures = 0
        for _ in range(MAX_CONNECTIONS):
            heard_before = self.messages
            try:
                if await self._listen(session):
                    return
            except (aiohttp.ClientError, TimeoutError, ValueError) as error:
                log.debug("simulated phone %d lost the server: %r", self.index + 1, error)
            failures = 0 if self.messages > heard_before else failures + 1
            if failures >= MAX_FAILURES:
                log.info("simulated phone %d gives up: the server does not answer", self.index + 1)
                return
            await asyncio.sleep(backoff(max(1, failures), self._rng))

    async def _listen(self, session: aiohttp.ClientSession) -> bool:
        """Read the event stream until it ends; True once the workshop has finished."""
        stream_timeout = aiohttp.ClientTimeout(
            total=None, sock_connect=REQUEST_TIMEOUT, sock_read=STREAM_IDLE
        )
        async with session.get(
            f"{self.base_url}/api/{self.code}/events",
            timeout=stream_timeout,
            headers={"Accept": "text/event-stream"},
        ) as response:
            response.raise_for_status()
            event = "message"
            data: list[str] = []
            async for raw in response.content:
                line = raw.decode("utf-8").rstrip("\r\n")
                if not line:
                    if event == "state" and data:
                        self.messages += 1
                        if await self._on_state(session, orjson.loads("\n".join(data))):
                            return True
                    event, data = "message", []
                elif not line.startswith(":"):
                    name, _, value = line.partition(":")
                    value = value.removeprefix(" ")
                    if name == "event":
                        event = value
                    elif name == "data":
                        data.append(value)
        return False

    async def _on_state(self, session: aiohttp.ClientSession, state: Any) -> bool:
        """React to the live state; True once the workshop has finished."""
        if not isinstance(state, dict):
            return False
        status = state.get("status")
        if status == ApiStatus.FINISHED:
            return True
        step_id = state.get("step") if status == ApiStatus.RUNNING else None
        if step_id != self._current:
            self._end_step()
            self._current = step_id
        if isinstance(step_id, str) and state.get("open") and step_id not in self._planned:
            await self._plan(session, step_id)
        return False

    def _end_step(self) -> None:
        self._over.set()
        self._over = asyncio.Event()

    async def _plan(self, session: aiohttp.ClientSession, step_id: str) -> None:
        """Read the open step and schedule this phone's answers to it."""
        async with session.get(f"{self.base_url}/api/{self.code}/state") as response:
            response.raise_for_status()
            state = await response.json(loads=orjson.loads, content_type=None)
        step = state.get("step") if isinstance(state, dict) else None
        if not isinstance(step, dict) or step.get("id") != step_id or not step.get("open"):
            return
        self._planned.add(step_id)
        language = str(state.get("language", "da"))
        payloads = plan_answers(step, language, self.index, self.crowd)
        targets = [step_id] * len(payloads)
        if isinstance(state.get("parking"), dict):
            # Now and then, at any step, a question goes to the parking lot or gets an upvote.
            item = None if self._parked else parking_item(language, self.index, self.crowd)
            if item is not None:
                self._parked = True
                payloads.append({"text": item})
                targets.append(PARKING)
            elif self._rng.random() < PARKING_UPVOTE_SHARE:
                payloads.append({"upvote": UPVOTE})
                targets.append(PARKING)
        delays = answer_delays(len(payloads), float(step.get("seconds_left", 0)), self._rng)
        for target, payload, delay in zip(targets, payloads, delays, strict=True):
            task = asyncio.create_task(self._answer(session, target, payload, delay, self._over))
            self._answers.add(task)
            task.add_done_callback(self._answers.discard)

    async def _answer(
        self,
        session: aiohttp.ClientSession,
        step_id: str,
        payload: Payload,
        delay: float,
        over: asyncio.Event,
    ) -> None:
        try:
            await asyncio.wait_for(over.wait(), delay)
        except TimeoutError:
            try:
                await self._send(session, step_id, payload)
            except Exception:
                # One odd answer from the server must not end the whole rehearsal.
                log.exception("simulated phone %d could not answer %s", self.index + 1, step_id)
        # Otherwise the step ended before this person got round to answering.

    async def _chosen_upvote(self, session: aiohttp.ClientSession, step_id: str) -> str | None:
        """The question (or parked item) to upvote now, from the state as it is now."""
        async with session.get(f"{self.base_url}/api/{self.code}/state") as response:
            response.raise_for_status()
            state = await response.json(loads=orjson.loads, content_type=None)
        if not isinstance(state, dict):
            return None
        if step_id == PARKING:
            lot = state.get("parking") or {}
            questions, mine = lot.get("items", []), lot.get("mine", [])
        else:
            step = state.get("step") or {}
            if step.get("id") != step_id:
                return None
            questions, mine = step.get("questions", []), state.get("mine", [])
        # Not one's own question, and not one upvoted already.
        taken = {str(m.get("upvote") or m.get("id")) for m in mine}
        return choose_upvote(questions, taken, self._rng)

    async def _send(self, session: aiohttp.ClientSession, step_id: str, payload: Payload) -> None:
        """Post one answer; retry the same one (same client id) when the server is busy."""
        if payload.get("upvote") == UPVOTE:
            chosen = await self._chosen_upvote(session, step_id)
            for _ in range(UPVOTE_LOOKS - 1):
                if chosen is not None:
                    break
                # Nothing to upvote yet: read the others' questions again in a moment.
                await asyncio.sleep(self._rng.uniform(0.5, 1.5))
                chosen = await self._chosen_upvote(session, step_id)
            if chosen is not None:
                payload = {"upvote": chosen}
            elif "text" in payload:
                payload = {"text": payload["text"]}
            else:
                return
        if step_id == PARKING:
            body = {"client_id": uuid.uuid4().hex, **payload}
            url = f"{self.base_url}/api/{self.code}/parking"
        else:
            body = {"step": step_id, "client_id": uuid.uuid4().hex, **payload}
            url = f"{self.base_url}/api/{self.code}/contributions"
        for attempt in range(1, SEND_ATTEMPTS + 1):
            try:
                async with session.post(url, json=body) as response:
                    status = response.status
                    retry_after = response.headers.get("Retry-After", "")
                    answer = await response.json(loads=orjson.loads, content_type=None)
            except (aiohttp.ClientError, TimeoutError, ValueError) as error:
                log.debug("simulated phone %d could not send: %r", self.index + 1, error)
                await asyncio.sleep(backoff(attempt, self._rng))
                continue
            if status == 201:
                contribution_id = str(answer["id"])
                self.acknowledged.append((step_id, contribution_id))
                if self._on_acknowledged is not None:
                    self._on_acknowledged(step_id, contribution_id)
                return
            if status in (429, 503):
                wait = float(retry_after) if retry_after.isdigit() else backoff(attempt, self._rng)
                await asyncio.sleep(wait)
                continue
            # Turned down for a reason a person would read and accept: the step moved on or
            # closed, or a cap was reached. Nothing to retry.
            self.refused += 1
            log.debug("simulated phone %d was refused (%d): %s", self.index + 1, status, answer)
            return


async def simulate_phones(
    base_url: str,
    code: str,
    participants: int,
    *,
    seed: int | None = None,
    on_acknowledged: Acknowledged | None = None,
) -> None:
    """Let *participants* simulated phones take part through the phone server at *base_url*.

    Returns once every phone has stopped (the workshop finished, or the server is gone);
    cancel the task to stop them sooner. The same *seed* gives the same answers.
    """
    crowd = Crowd(max(0, participants), str(seed) if seed is not None else secrets.token_hex(8))
    phones = [
        SimulatedPhone(index, base_url, code, crowd, on_acknowledged)
        for index in range(crowd.participants)
    ]
    if not phones:
        return
    log.info("%d simulated phones join %s", len(phones), base_url)
    tasks = [
        asyncio.create_task(phone.run(), name=f"simulated phone {phone.index + 1}")
        for phone in phones
    ]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        log.info(
            "simulated phones: %d answers taken, %d refused",
            sum(len(phone.acknowledged) for phone in phones),
            sum(phone.refused for phone in phones),
        )
