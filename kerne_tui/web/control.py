"""The control endpoints: the console on this laptop and the facilitator's paired phone.

Two ways in, and no other: the console's secret, accepted only from a loopback peer and only
when no proxy says it forwarded the request; and a paired remote's own cookie, whose token is
checked against the pairings in constant time. A participant's device cookie and the join
code grant nothing here: anything else gets 403, a revoked remote at once.
"""

from __future__ import annotations

import asyncio
import functools
import hmac
import ipaddress
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import orjson
from aiohttp import web

from kerne_tui.catalog import Lang, t
from kerne_tui.control import (
    CODE_SECONDS,
    ControlCenter,
    ControlEvent,
    PairingRefusal,
    PairingRefused,
    Remote,
    RemoteRevoked,
    Surface,
    shown_code,
)
from kerne_tui.web.errors import STORAGE_RETRY_AFTER
from kerne_tui.web.render import render
from kerne_tui.web.security import SECURITY_HEADERS
from kerne_tui.workshop import CommandNotSaved, Event, Refused

log = logging.getLogger(__name__)
CONTROL = web.AppKey("control", ControlCenter)
STREAMS = web.AppKey("control_streams", set[asyncio.Event])
CONSOLE_HEADER = "X-Kerne-Console"
"""The header that carries the console's secret (read from the 0600 runtime file)."""
REMOTE_COOKIE = "kerne_remote"
"""The paired phone's own cookie: distinct from the participant's ``kerne_device``."""
REMOTE_COOKIE_HOURS = 12
FORWARDING_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Real-IP")
"""A request that a proxy on this laptop passed on is not the console's, whatever its peer."""
REFRESH_SECONDS = 5.0
"""Idle seconds after which a stream sends the view again (phones connected, projected end)."""
COALESCE_SECONDS = 0.05
"""Changes within this long go out as one view: a burst of answers costs one message."""
VIEW_MAX_AGE = 1.0

_STATUS = {
    "closed": 409,
    "not_started": 409,
    "wrong_kind": 409,
    "invalid": 422,
    "cap": 422,
    "not_found": 404,
    "storage": 503,
}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def add_control_routes(
    app: web.Application, control: ControlCenter | None, *, phones: Callable[[], int]
) -> None:
    """Add the console's and the remote's endpoints and the remote page (if *control*)."""
    if control is None:
        return
    app[CONTROL] = control
    app[VIEWS] = ViewCache(control)
    app[STREAMS] = set()
    control.phones = phones
    app.on_shutdown.append(_end_streams)
    app.add_routes(
        [
            web.get("/control/state", control_state),
            web.get("/control/events", control_events),
            web.post("/control/commands/{name}", control_command),
            web.post("/control/pairing", control_pairing),
            web.delete("/control/pairing/{code}", control_withdraw),
            web.delete("/control/remotes/{id}", control_revoke),
            web.get("/control/remote", remote_page),
            web.post("/control/remote/pair", remote_pair),
            web.post("/control/handover", control_handover),
        ]
    )


async def _end_streams(app: web.Application) -> None:
    for wake in app[STREAMS]:
        wake.set()
    app[STREAMS].clear()


# --- who is asking ------------------------------------------------------------------------


def is_loopback(peer: str | None) -> bool:
    """True for an address of this machine's loopback (127.0.0.0/8, ::1)."""
    if not peer:
        return False
    try:
        return ipaddress.ip_address(peer.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def console_secret_accepted(peer: str | None, headers: Mapping[str, str], secret: str) -> bool:
    """True when a request carries the console's secret, from loopback, not via a proxy."""
    supplied = headers.get(CONSOLE_HEADER)
    if not supplied or not is_loopback(peer):
        return False
    if any(name in headers for name in FORWARDING_HEADERS):
        return False
    return hmac.compare_digest(supplied.encode("utf-8"), secret.encode("utf-8"))


def caller(request: web.Request) -> tuple[Surface, Remote | None] | None:
    """The surface a request comes from (console or remote), or None: it may not steer."""
    control = request.app[CONTROL]
    if console_secret_accepted(request.remote, request.headers, control.secret):
        return Surface.CONSOLE, None
    remote = control.remote_for(request.cookies.get(REMOTE_COOKIE))
    if remote is not None:
        return Surface.REMOTE, remote
    return None


def _lang(request: web.Request) -> Lang:
    return request.app[CONTROL].workshop.plan.language


def _json(data: Any, status: int = 200) -> web.Response:
    return web.Response(body=orjson.dumps(data), status=status, content_type="application/json")


def _error(
    request: web.Request, status: int, code: str, key: str, **values: object
) -> web.Response:
    message = t(_lang(request), key, **values)
    return _json({"error": {"code": code, "message": message}}, status=status)


def _forbidden(request: web.Request) -> web.Response:
    return _error(request, 403, "forbidden", "control.forbidden")


def _steering(*, console_only: bool = False) -> Callable[[Handler], Handler]:
    """Let a handler run only for the console (and, unless *console_only*, a paired remote)."""

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(request: web.Request) -> web.StreamResponse:
            found = caller(request)
            if found is None or (console_only and found[0] is not Surface.CONSOLE):
                return _forbidden(request)
            request["surface"], request["remote"] = found
            return await handler(request)

        return guarded

    return wrap


# --- the console's and the remote's API -----------------------------------------------------


@_steering()
async def control_state(request: web.Request) -> web.StreamResponse:
    """``GET /control/state``: the facilitator's view as JSON."""
    return _json(request.app[CONTROL].view())


@_steering()
async def control_command(request: web.Request) -> web.StreamResponse:
    """``POST /control/commands/<name>``: next, back, pause, extend, reveal, hide, merge, pin,
    and the wall's paging and spotlight (``docs/control-api.md``)."""
    control = request.app[CONTROL]
    args: Any = {}
    raw = await request.read()  # read already, within the time limit (web/budget.py)
    if raw:
        try:
            args = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return _error(request, 400, "malformed", "web.error.malformed")
    if not isinstance(args, dict):
        return _error(request, 400, "malformed", "web.error.malformed")
    try:
        notice = await control.perform(request.match_info["name"], args, request["surface"])
    except Refused as refusal:
        message = refusal.message(_lang(request))
        body = {"error": {"code": refusal.code, "message": message}}
        return _json(body, status=_STATUS.get(refusal.code, 422))
    except CommandNotSaved as unsaved:
        # Undone in memory (the wall says so too): the console shows the same sentence.
        lang = _lang(request)
        message = t(lang, "hostile.write_failed", action=t(lang, unsaved.action_key))
        failed = _json({"error": {"code": "storage", "message": message}}, status=503)
        failed.headers["Retry-After"] = str(STORAGE_RETRY_AFTER)
        return failed
    return _json({"ok": True, "notice": t(_lang(request), notice) if notice else None})


@_steering(console_only=True)
async def control_pairing(request: web.Request) -> web.StreamResponse:
    """``POST /control/pairing``: a fresh one-time code for a facilitator phone (console only)."""
    control = request.app[CONTROL]
    offer = control.offer_pairing(Surface.CONSOLE)
    return _json(
        {
            "code": shown_code(offer.code),
            "seconds": CODE_SECONDS,
            "url": pairing_url(control, offer.code),
        },
        status=201,
    )


@_steering(console_only=True)
async def control_withdraw(request: web.Request) -> web.StreamResponse:
    """``DELETE /control/pairing/<code>``: the console closed its code; it pairs no one now."""
    request.app[CONTROL].withdraw_pairing(request.match_info["code"])
    return web.Response(status=204)


def pairing_url(control: ControlCenter, code: str) -> str:
    """The address a facilitator phone opens (by QR) to pair with *code*."""
    base = control.join_url.rsplit("/j/", 1)[0] if control.join_url else ""
    return f"{base}/control/remote?code={code}"


@_steering(console_only=True)
async def control_revoke(request: web.Request) -> web.StreamResponse:
    """``DELETE /control/remotes/<id>``: revoke a paired phone at once (console only)."""
    if not request.app[CONTROL].revoke(request.match_info["id"]):
        return _error(request, 404, "not_found", "control.no_such_remote")
    return web.Response(status=204)


@_steering(console_only=True)
async def control_handover(request: web.Request) -> web.StreamResponse:
    """``POST /control/handover``: a new ``kerne run --resume`` takes the session (console only).

    Answered at once; this process then writes everything, releases the session file and the
    port, removes its runtime file and exits, and the asking process opens the session.
    """
    if not request.app[CONTROL].hand_over():
        return _error(request, 409, "not_possible", "control.handover.impossible")
    return _json({"ok": True}, status=202)


@_steering()
async def control_events(request: web.Request) -> web.StreamResponse:
    """``GET /control/events``: the view as Server-Sent Events, again after every change."""
    control = request.app[CONTROL]
    surface: Surface = request["surface"]
    remote: Remote | None = request["remote"]
    wake = asyncio.Event()
    revoked = False

    def on_session(event: Event) -> None:
        wake.set()

    def on_control(event: ControlEvent) -> None:
        nonlocal revoked
        if isinstance(event, RemoteRevoked) and remote is not None and event.remote_id == remote.id:
            revoked = True
        wake.set()

    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",
            **SECURITY_HEADERS,
        }
    )
    streams = request.app[STREAMS]
    streams.add(wake)
    stop_session = control.workshop.subscribe(on_session)
    stop_control = control.subscribe(on_control)
    if surface is Surface.CONSOLE:
        control.console_attached()
    try:
        await response.prepare(request)
        views = request.app[VIEWS]
        await response.write(b"retry: 1000\n" + views.message())
        while wake in streams and not revoked:
            try:
                await asyncio.wait_for(wake.wait(), REFRESH_SECONDS)
                await asyncio.sleep(COALESCE_SECONDS)
            except TimeoutError:
                pass
            wake.clear()
            if wake not in streams or revoked:
                break
            await response.write(views.message())
    except ConnectionResetError:
        pass  # the console quit or the phone slept; it reconnects by itself
    finally:
        streams.discard(wake)
        stop_session()
        stop_control()
        if surface is Surface.CONSOLE:
            control.console_detached()
    return response


class ViewCache:
    """The view as one SSE message, made once per change for every stream (and at most every
    ``VIEW_MAX_AGE`` seconds when nothing changes: the phones' count and the projected end move)."""

    def __init__(self, control: ControlCenter, monotonic: Callable[[], float] = time.monotonic):
        self.control = control
        self._monotonic = monotonic
        self._made: tuple[int, float, bytes] | None = None

    def message(self) -> bytes:
        """The current view as ``event: view``."""
        now = self._monotonic()
        made = self._made
        if made is not None and made[0] == self.control.changes and now - made[1] < VIEW_MAX_AGE:
            return made[2]
        message = b"event: view\ndata: " + orjson.dumps(self.control.view()) + b"\n\n"
        self._made = (self.control.changes, now, message)
        return message


VIEWS = web.AppKey("control_views", ViewCache)


# --- the remote's page ------------------------------------------------------------------------


def _remote_page(
    request: web.Request, *, paired: bool, error: str | None, code: str, status: int = 200
) -> web.Response:
    return render(
        request, "remote.html", {"paired": paired, "error": error, "code": code}, status=status
    )


async def remote_page(request: web.Request) -> web.StreamResponse:
    """``GET /control/remote``: the remote's buttons once paired, else the pairing form."""
    found = caller(request)
    paired = found is not None and found[0] is Surface.REMOTE
    typed = "".join(c for c in request.query.get("code", "") if c.isascii() and c.isalnum())[:8]
    return _remote_page(request, paired=paired, error=None, code=typed.upper())


_REFUSAL_KEYS = {
    PairingRefusal.UNKNOWN: "control.pair.unknown",
    PairingRefusal.USED: "control.pair.used",
    PairingRefusal.EXPIRED: "control.pair.expired",
    PairingRefusal.RATE_LIMITED: "control.pair.rate",
}


async def remote_pair(request: web.Request) -> web.StreamResponse:
    """``POST /control/remote/pair``: redeem a one-time code; the phone gets its remote cookie."""
    control = request.app[CONTROL]
    form = await request.post()
    typed = form.get("code", "")
    code = typed if isinstance(typed, str) else ""
    try:
        _, token = control.pair(code, request.remote or "")
    except PairingRefused as refused:
        status = 429 if refused.reason is PairingRefusal.RATE_LIMITED else 403
        message = t(_lang(request), _REFUSAL_KEYS[refused.reason])
        return _remote_page(request, paired=False, error=message, code="", status=status)
    response = web.Response(status=303, headers={"Location": "/control/remote"})
    response.set_cookie(
        REMOTE_COOKIE,
        token,
        httponly=True,
        samesite="Strict",
        path="/control",
        max_age=REMOTE_COOKIE_HOURS * 3600,
    )
    return response
