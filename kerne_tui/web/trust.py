"""The phone server's trust middlewares: our own names, issued devices, limits per address.

Two middlewares, run before the others:

- :func:`host_guard` refuses a request whose ``Host`` is not one of kerne's own names (DNS
  rebinding), with 421 and one sentence.
- :func:`device_guard` works out the address a request counts under, limits page loads and
  join-code guesses per address, and settles which device the request speaks for: a token
  this session issued, or a new one if the address may bring in another device. A token
  kerne never issued is refused on anything that changes the session.

What they decide is left on the request for the views: ``request["device"]`` (the token),
``request["fresh_device"]`` (a new token to set as the cookie) and ``request["address"]``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

from kerne_tui.catalog import Lang, t
from kerne_tui.control import Cause
from kerne_tui.web.admission import Admission, Admitted, StreamCap, client_address
from kerne_tui.web.devices import DeviceTokens, TokenCheck
from kerne_tui.web.hosts import HostAllowList
from kerne_tui.web.keys import TURNED_AWAY
from kerne_tui.web.security import DEVICE_COOKIE
from kerne_tui.workshop import normalise_join_code

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Refuse = Callable[[web.Request, int, str, str], web.Response]
"""Builds a refusal in the API's or the page's shape: (request, status, code, message)."""

KEEPALIVE_TIMEOUT = 30.0
"""Seconds an idle keep-alive connection stays open. A phone's page asks again when the step
changes or an answer is sent, and a new connection on the Wi-Fi costs milliseconds; an hour
(aiohttp's default) let one client hold thousands of idle connections."""
RETRY_AFTER_DEVICES = 60
"""Seconds a phone is asked to wait when its address brought in new devices too fast."""
RETRY_AFTER_PAGES = 2
RETRY_AFTER_CODES = 30
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEVICE_PREFIXES = ("/j/", "/api/")
"""Paths that act for a device: everything else (the join form, static files) needs none."""


@dataclass
class Trust:
    """What the trust middlewares need for one session's server."""

    tokens: DeviceTokens
    join_code: str
    lang: Lang
    refuse: Refuse
    admission: Admission = field(default_factory=Admission)
    hosts: HostAllowList | None = None
    """None: every Host is taken (an app built for a test without a server around it)."""
    trust_forwarded: bool = False
    streams: StreamCap | None = None

    def __post_init__(self) -> None:
        if self.streams is None:
            self.streams = StreamCap(self.admission.limits.streams_per_address)

    @property
    def stream_cap(self) -> StreamCap:
        """Event streams per address."""
        assert self.streams is not None
        return self.streams


TRUST = web.AppKey("trust", Trust)


def _arrived_on(request: web.Request) -> str | None:
    transport = request.transport
    if transport is None:
        return None
    sockname = transport.get_extra_info("sockname")
    if isinstance(sockname, tuple) and sockname:
        return str(sockname[0])
    return None


@web.middleware
async def host_guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse a request that names a host kerne is not (421 Misdirected Request)."""
    trust = request.app[TRUST]
    if trust.hosts is not None and not trust.hosts.allows(
        request.headers.get("Host"), _arrived_on(request)
    ):
        return trust.refuse(request, 421, "wrong_host", t(trust.lang, "hostile.host.refused"))
    return await handler(request)


def _code_in_path(request: web.Request) -> str | None:
    code = request.match_info.get("code")
    return normalise_join_code(code) if code is not None else None


def _too_many(
    request: web.Request, trust: Trust, code: str, key: str, retry_after: int, status: int = 429
) -> web.Response:
    response = trust.refuse(request, status, code, t(trust.lang, key))
    response.headers["Retry-After"] = str(retry_after)
    return response


@web.middleware
async def device_guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Count the request under its address and settle the device it speaks for."""
    trust = request.app[TRUST]
    admission = trust.admission
    address = client_address(
        request.remote,
        request.headers.get("X-Forwarded-For"),
        trust_forwarded=trust.trust_forwarded,
    )
    request["address"] = address
    request["fresh_device"] = False
    request["device"] = None
    if not request.path.startswith(DEVICE_PREFIXES):
        return await handler(request)
    cookie = request.cookies.get(DEVICE_COOKIE)
    check = trust.tokens.check(cookie)
    code = _code_in_path(request)
    unsafe = request.method in UNSAFE_METHODS
    if code is not None and code != trust.join_code:
        if not admission.allow_code_guess(address):
            return _too_many(request, trust, "guessing", "hostile.code.too_many", RETRY_AFTER_CODES)
        return await handler(request)  # the view says the code is unknown
    if check is not TokenCheck.ISSUED and admission.guessing(address):
        return _too_many(request, trust, "guessing", "hostile.code.too_many", RETRY_AFTER_CODES)
    if not unsafe and not admission.allow_page(address):
        return _too_many(
            request, trust, "rate_limited", "hostile.pages.too_many", RETRY_AFTER_PAGES
        )
    if check is TokenCheck.ISSUED:
        request["device"] = cookie
        return await handler(request)
    if check is TokenCheck.FOREIGN and unsafe:
        return trust.refuse(request, 403, "unknown_device", t(trust.lang, "hostile.device.unknown"))
    admitted = admission.admit_device(address)
    if admitted is not Admitted.YES:
        request.app[TURNED_AWAY].record(Cause.PER_ADDRESS)
    if admitted is Admitted.TOO_FAST:
        return _too_many(
            request, trust, "too_many_devices", "hostile.device.too_fast", RETRY_AFTER_DEVICES
        )
    if admitted is Admitted.TOO_MANY:
        return trust.refuse(
            request, 403, "too_many_devices", t(trust.lang, "hostile.device.too_many")
        )
    request["device"] = trust.tokens.issue()
    request["fresh_device"] = True
    return await handler(request)
