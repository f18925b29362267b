"""Guards for the phone server: the device cookie, rate limits, cross-site checks, headers.

The device tokens themselves are issued and checked in ``devices.py``."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from aiohttp import web

DEVICE_COOKIE = "kerne_device"
DEVICE_COOKIE_DAYS = 14
"""Long enough for a workshop and its follow-up; the cookie holds nothing but the random token."""
BODY_LIMIT = 8 * 1024
"""Bytes a phone may send in one request: a few KiB is room for the longest ordinary answer."""
ACTION_FIELDS_ROOM = 2 * 120
"""Characters an action item's who and when fields may add to its what field."""
BYTES_PER_CHAR = 6
"""A Danish letter sent from a form takes six bytes (æ is %C3%A6); plain ASCII takes one."""
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
_ADDRESS = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}\b"  # IPv4
    r"|\[?\b[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}\b\]?"  # IPv6
)


def body_limit_for(longest_text: int) -> int:
    """The request body cap for a plan whose longest answer may be *longest_text* characters.

    8 KiB unless the plan allows answers so long that an honest one, percent-encoded by a
    form, would not fit; then the cap grows with it, so a person gets "too long" and not
    "too large".
    """
    needed = (longest_text + ACTION_FIELDS_ROOM) * BYTES_PER_CHAR + 1024
    return max(BODY_LIMIT, needed)


def set_device_cookie(response: web.StreamResponse, token: str) -> None:
    """Give a phone its token: not readable by scripts, not sent with cross-site posts."""
    response.set_cookie(
        DEVICE_COOKIE,
        token,
        httponly=True,
        samesite="Lax",
        path="/",
        max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
    )


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of *url* as a browser writes it in an ``Origin`` header."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.lower()}"


def same_origin(request: web.Request, allowed: Iterable[str] = ()) -> bool:
    """False where the request came, or may have come, from another site.

    The ``Origin`` header must name this server (the ``Host`` the phone asked for) or one of
    *allowed* (the public address behind a proxy or tunnel); ``Origin: null`` (a sandboxed
    frame, a ``data:`` page, a file) is another site. Without ``Origin``, a ``Sec-Fetch-Site``
    other than same-origin, or a ``Referer`` of another site, is another site. A client that
    sends none of the three is no browser posting across sites, so it passes. kerne's own
    pages send their origin and a same-origin ``Referer`` (``Referrer-Policy: same-origin``).
    """
    origin = request.headers.get("Origin")
    if origin is not None:
        return _names_us(origin, request, allowed)
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    referer = request.headers.get("Referer")
    if referer is not None:
        referred = origin_of(referer)
        return referred is not None and _names_us(referred, request, allowed)
    return True


def _names_us(origin: str, request: web.Request, allowed: Iterable[str]) -> bool:
    if origin.lower() in allowed:
        return True
    scheme, separator, host = origin.partition("://")
    if not separator or scheme.lower() not in ("http", "https"):
        return False  # "null", or not an origin at all
    return host.rstrip("/").lower() == request.host.lower()


@dataclass
class RateLimiter:
    """A token bucket per phone: a burst is fine, a flood is not. Kept in memory only."""

    rate: float = 10.0
    """Requests a second a phone may keep up."""
    burst: float = 30.0
    """Requests a phone may send at once after a pause."""
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def allow(self, key: str) -> bool:
        """Take one token from *key*'s bucket; False when it is empty."""
        now = self.clock()
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > 20_000:
            self._forget_idle(now)
        return True

    def _forget_idle(self, now: float) -> None:
        # A bucket idle this long is full again, so forgetting it changes nothing.
        idle_after = self.burst / self.rate
        for key in [k for k, (_, last) in self._buckets.items() if now - last > idle_after]:
            del self._buckets[key]


class AddressScrubber(logging.Filter):
    """Removes IP addresses from log records (aiohttp names the peer when a request is garbled)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the message without addresses; never drops the record."""
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return True
        scrubbed = _ADDRESS.sub("<phone>", message)
        if scrubbed != message:
            record.msg = scrubbed
            record.args = ()
        return True


def anonymous_server_logger() -> logging.Logger:
    """The logger handed to aiohttp's server: its errors are kept, the peer's address is not."""
    logger = logging.getLogger("kerne.web.server")
    if not any(isinstance(f, AddressScrubber) for f in logger.filters):
        logger.addFilter(AddressScrubber())
    return logger
