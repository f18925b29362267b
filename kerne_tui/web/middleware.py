"""The phone server's middlewares, one concern each, in the order ``MIDDLEWARES`` gives.

Outermost first: the device cookie (every answer may carry a new phone's cookie), the
security headers (on every answer, refusals included), gzip for pages and JSON when the
phone takes it, our own names and the device the request speaks for with the limits per
address (``trust.py``), the requests under way per device and per address (``budget.py``),
then for posts the pacing and the cross-site, rate and size checks and the time limit on the
body (``budget.py``), which answer before the view runs; innermost the error shaping, which
turns what a view raises into a clear page or JSON error.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from kerne_tui.catalog import t
from kerne_tui.web.budget import body_deadline, request_budget
from kerne_tui.web.errors import UnknownCode, forbidden, refuse_page, unknown_code
from kerne_tui.web.keys import LIMITER, MAX_BODY, ORIGINS, PACER, lang_of
from kerne_tui.web.security import SECURITY_HEADERS, same_origin, set_device_cookie
from kerne_tui.web.trust import device_guard, host_guard

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
RETRY_AFTER_SECONDS = 1


def harden(response: web.StreamResponse) -> None:
    """Put the security headers on an answer that is not yet sent."""
    response.headers.update(SECURITY_HEADERS)
    response.headers.setdefault("Cache-Control", "no-store")


@web.middleware
async def device_cookie(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A phone is its cookie: a new phone's token (issued by ``device_guard``) goes with the
    answer."""
    response = await handler(request)
    if request.get("fresh_device") and not response.prepared:
        set_device_cookie(response, request["device"])
    return response


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Hardened headers on every answer (a stream sets them itself before it starts)."""
    response = await handler(request)
    if not response.prepared:
        harden(response)
    return response


COMPRESSED_TYPES = frozenset({"text/html", "application/json"})
COMPRESS_FROM = 1024
"""Bytes of a page or JSON answer from which it goes gzipped to a phone that takes gzip."""


@web.middleware
async def compression(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Pages and JSON go compressed to a phone that offers it (a step's page: 13 kB -> 4 kB)."""
    response = await handler(request)
    body = response.body if isinstance(response, web.Response) else None
    if (
        isinstance(body, bytes)
        and len(body) >= COMPRESS_FROM
        and response.content_type in COMPRESSED_TYPES
        and not response.prepared
        and "gzip" in request.headers.get("Accept-Encoding", "").lower()
    ):
        response.enable_compression(web.ContentCoding.gzip)
        response.headers["Vary"] = "Accept-Encoding"
    return response


@web.middleware
async def pacing(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A burst of posts starts a few dozen per pass of the loop, so the screen keeps time."""
    if request.method in UNSAFE_METHODS:
        await request.app[PACER].turn()
    return await handler(request)


@web.middleware
async def origin_check(request: web.Request, handler: Handler) -> web.StreamResponse:
    """403 for a post another site's page makes the phone send."""
    if request.method in UNSAFE_METHODS:
        allowed: frozenset[str] = request.app[ORIGINS]
        if not same_origin(request, allowed):
            return forbidden(request)
    return await handler(request)


@web.middleware
async def rate(request: web.Request, handler: Handler) -> web.StreamResponse:
    """429 for a phone that sends faster than a person can."""
    if request.method in UNSAFE_METHODS:
        # A phone is its cookie; without one (a new phone, or a path that needs no device,
        # as pairing), requests are counted by address (in memory only), so dropping the
        # cookie is no way around the limit, and one address never spends another's.
        device = None if request["fresh_device"] else request["device"]
        key = device or f"address:{request['address']}"
        if not request.app[LIMITER].allow(key):
            message = t(lang_of(request), "web.error.rate")
            response = refuse_page(request, 429, "rate_limited", message)
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
    return await handler(request)


@web.middleware
async def body_size(request: web.Request, handler: Handler) -> web.StreamResponse:
    """413 before reading a post whose announced length is over the plan's limit."""
    length = request.content_length
    if request.method in UNSAFE_METHODS and length is not None and length > request.app[MAX_BODY]:
        return _too_large(request)
    return await handler(request)


def _too_large(request: web.Request) -> web.Response:
    return refuse_page(request, 413, "too_large", t(lang_of(request), "web.error.too_large"))


@web.middleware
async def error_shaping(request: web.Request, handler: Handler) -> web.StreamResponse:
    """What a view raises becomes a clear page or JSON error in the plan's language."""
    try:
        return await handler(request)
    except UnknownCode as error:
        return unknown_code(request, error)
    except ConnectionResetError:
        # The phone hung up while its request was still arriving or its answer was being
        # written (a weak signal at the back of the room, a locked screen): nobody waits for
        # an answer, so this is no error for the facilitator's log.
        return web.Response(status=400)
    except web.HTTPRequestEntityTooLarge:
        return _too_large(request)
    except web.HTTPMethodNotAllowed:
        return _refuse(request, 405, "method", "web.error.method")
    except web.HTTPNotFound:
        return _refuse(request, 404, "not_found", "web.not_found")
    except web.HTTPException as http:
        if http.status >= 400:
            return _refuse(request, http.status, "http", "web.error.malformed")
        raise
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("the phone server failed on %s %s", request.method, request.path)
        return _refuse(request, 500, "server", "web.error.server")


def _refuse(request: web.Request, status: int, code: str, key: str) -> web.Response:
    return refuse_page(request, status, code, t(lang_of(request), key))


MIDDLEWARES = (
    device_cookie,
    security_headers,
    compression,
    host_guard,
    device_guard,
    request_budget,
    pacing,
    origin_check,
    rate,
    body_size,
    body_deadline,
    error_shaping,
)
"""Outermost first, as ``web.Application(middlewares=...)`` takes them."""
