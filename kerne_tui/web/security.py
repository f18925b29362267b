"""Guards for the phone server: device cookies, rate limits, cross-site checks, headers."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

from aiohttp import web

DEVICE_COOKIE = "kerne_device"
BODY_LIMIT = 8 * 1024
"""Bytes a phone may send in one request: a few KiB is room for the longest answer."""
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def device_token(request: web.Request) -> str | None:
    """The phone's token from its cookie, if it has a sound one."""
    token = request.cookies.get(DEVICE_COOKIE, "")
    return token if 20 <= len(token) <= 64 and token.isalnum() else None


def new_device_token() -> str:
    """A fresh random token for a phone that has none."""
    return secrets.token_hex(16)


def set_device_cookie(response: web.StreamResponse, token: str) -> None:
    """Give a phone its token: not readable by scripts, not sent with cross-site posts."""
    response.set_cookie(
        DEVICE_COOKIE, token, httponly=True, samesite="Lax", path="/", max_age=14 * 24 * 3600
    )


def same_origin(request: web.Request) -> bool:
    """False where the browser says the request came from another site."""
    origin = request.headers.get("Origin")
    if origin and origin != "null":
        host = origin.split("://", 1)[-1].rstrip("/")
        return host == request.host
    fetch_site = request.headers.get("Sec-Fetch-Site")
    return fetch_site in (None, "same-origin", "none")


@dataclass
class RateLimiter:
    """A token bucket per phone: a burst is fine, a flood is not."""

    rate: float = 10.0
    burst: float = 30.0
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def allow(self, key: str, now: float | None = None) -> bool:
        """Take one token from *key*'s bucket; False when it is empty."""
        now = time.monotonic() if now is None else now
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
        idle = [k for k, (_, last) in self._buckets.items() if now - last > 60]
        for key in idle:
            del self._buckets[key]
