"""A budget of requests per device and per address, and a time limit on reading a body.

A phone sends small requests one after the other. A device or an address that holds many
posts open at the same time (bodies that never end, say) is not a phone: past
:data:`OPEN_REQUESTS_PER_DEVICE` or its address's share, a post is answered 429 with
``Retry-After`` at once, and the page's script waits and sends again with the draft kept. A
body that has not arrived within :data:`BODY_SECONDS` is answered 408 and its connection
closed; what is left of a refused body is read for at most :data:`LINGER_SECONDS`. Requests
without a body are answered as soon as their head has arrived, so only posts are counted;
event streams are long by nature and have their own cap (``admission.StreamCap``).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable

from aiohttp import web

from kerne_tui.catalog import t
from kerne_tui.control import TurnedAway
from kerne_tui.web.errors import refuse_page
from kerne_tui.web.keys import lang_of
from kerne_tui.web.refusals import CAUSES, RETRY_AFTER_SECONDS, Reason

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

OPEN_REQUESTS_PER_DEVICE = 4
"""Requests one device may have under way at once: a page load with its state and a send."""
OPEN_REQUESTS_PER_PHONE_ADDRESS = 8
"""Requests one phone's worth of address may have under way (two browsers on one phone)."""
BODY_SECONDS = 5.0
"""Seconds a request body may take to arrive. A phone's answer is a few KiB at most, sent in
milliseconds even on a crowded Wi-Fi; a body still arriving after this is holding a slot."""
LINGER_SECONDS = 2.0
"""Seconds the rest of a refused request's body is read and dropped before the connection is
closed (aiohttp's ``lingering_time``; its own default is ten)."""
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class RequestBudget:
    """Requests under way, per device and per address; every refusal is noted in *turned_away*."""

    def __init__(
        self,
        per_device: int = OPEN_REQUESTS_PER_DEVICE,
        per_address: int = OPEN_REQUESTS_PER_PHONE_ADDRESS,
        turned_away: TurnedAway | None = None,
    ) -> None:
        self.per_device = per_device
        self.per_address = per_address
        self.turned_away = turned_away or TurnedAway()
        self.by_device: Counter[str] = Counter()
        self.by_address: Counter[str] = Counter()

    def take(self, device: str | None, address: str) -> bool:
        """Count one request under way; False (nothing counted) when over either share."""
        if self.by_address[address] >= self.per_address or (
            device is not None and self.by_device[device] >= self.per_device
        ):
            self.turned_away.record(CAUSES[Reason.REQUESTS])
            return False
        self.by_address[address] += 1
        if device is not None:
            self.by_device[device] += 1
        return True

    def give_back(self, device: str | None, address: str) -> None:
        """The request is answered."""
        _release(self.by_address, address)
        if device is not None:
            _release(self.by_device, device)


def _release(counts: Counter[str], key: str) -> None:
    counts[key] -= 1
    if counts[key] <= 0:
        del counts[key]


BUDGET = web.AppKey("budget", RequestBudget)


@web.middleware
async def request_budget(request: web.Request, handler: Handler) -> web.StreamResponse:
    """429 for a post past its device's or its address's share of requests under way.

    Only requests with a body can be held open: a page, a fragment or a static file is
    answered as soon as its head has arrived, and event streams have their own cap.
    """
    if request.method not in UNSAFE_METHODS:
        return await handler(request)
    budget = request.app[BUDGET]
    device: str | None = None if request["fresh_device"] else request["device"]
    address: str = request["address"]
    if not budget.take(device, address):
        response = refuse_page(request, 429, "busy", t(lang_of(request), "web.busy"))
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response.force_close()
        return response
    try:
        return await handler(request)
    finally:
        budget.give_back(device, address)


@web.middleware
async def body_deadline(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Read a post's body within :data:`BODY_SECONDS`, or answer 408 and close."""
    if request.method in UNSAFE_METHODS and request.body_exists:
        try:
            async with asyncio.timeout(BODY_SECONDS):
                await request.read()
        except TimeoutError:
            request.app[BUDGET].turned_away.record(CAUSES[Reason.SLOW_BODY])
            message = t(lang_of(request), "web.error.slow_body")
            response = refuse_page(request, 408, "slow_body", message)
            response.force_close()
            return response
        except ConnectionResetError:
            # The phone hung up while its body was arriving: nobody waits for an answer, and
            # this is no error for the facilitator's log (as in ``middleware.error_shaping``).
            return web.Response(status=400)
        except web.HTTPRequestEntityTooLarge:
            message = t(lang_of(request), "web.error.too_large")
            return refuse_page(request, 413, "too_large", message)
    return await handler(request)
