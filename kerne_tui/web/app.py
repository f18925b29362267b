"""The phone server: an aiohttp application with thin views over the workshop engine.

This module builds it: the shared objects under typed keys, the middlewares and the named
routes. The rest of the room, by concern: ``middleware.py`` (cookie, headers, limits,
errors), ``views.py`` (the handlers), ``shapes.py`` (the API's JSON), ``kinds.py`` (what each
step kind adds), ``forms.py`` (the no-script forms), ``errors.py`` and ``render.py``.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from kerne_tui.control import ControlCenter, TurnedAway
from kerne_tui.plan import Plan
from kerne_tui.web import views
from kerne_tui.web.admission import Admission, AdmissionLimits, limits_from_plan
from kerne_tui.web.budget import (
    BUDGET,
    LINGER_SECONDS,
    OPEN_REQUESTS_PER_DEVICE,
    OPEN_REQUESTS_PER_PHONE_ADDRESS,
    RequestBudget,
)
from kerne_tui.web.control import add_control_routes
from kerne_tui.web.devices import DeviceTokens
from kerne_tui.web.errors import refuse_page
from kerne_tui.web.hosts import HostAllowList
from kerne_tui.web.keys import (
    ADDRESSES,
    HUB,
    KEEPALIVE_AFTER,
    LIMITER,
    MAX_BODY,
    ORIGINS,
    PACER,
    STATIC,
    TEMPLATES,
    TURNED_AWAY,
    WORKSHOP,
    Addresses,
    Route,
)
from kerne_tui.web.live import LiveHub
from kerne_tui.web.middleware import MIDDLEWARES
from kerne_tui.web.pacing import Pacer
from kerne_tui.web.render import templates
from kerne_tui.web.security import (
    RateLimiter,
    anonymous_server_logger,
    body_limit_for,
    origin_of,
)
from kerne_tui.web.shapes import live_state
from kerne_tui.web.static_files import StaticFiles
from kerne_tui.web.trust import KEEPALIVE_TIMEOUT, TRUST, Trust
from kerne_tui.workshop import Workshop

__all__ = [
    "HUB",
    "KEEPALIVE_AFTER",
    "KEEPALIVE_SECONDS",
    "LIMITER",
    "MAX_BODY",
    "ORIGINS",
    "PACER",
    "STATIC",
    "TEMPLATES",
    "WORKSHOP",
    "body_limit",
    "make_app",
    "routes",
]

STATIC_FOLDER = Path(__file__).resolve().parent / "static"
KEEPALIVE_SECONDS = 15.0
"""Idle seconds before a stream sends a comment, so proxies and phones keep it open."""


def routes() -> list[web.RouteDef]:
    """Every address the phone server answers (``docs/api.md``, "Routes"), each by name."""
    return [
        web.get("/", views.join_page, name=Route.JOIN_PAGE),
        web.get("/join", views.join_redirect, name=Route.JOIN_REDIRECT),
        web.get("/static/{name}", views.static_file, name=Route.STATIC_FILE),
        web.get("/j/{code}", views.step_page, name=Route.STEP_PAGE),
        web.get("/j/{code}/fragment", views.step_fragment, name=Route.STEP_FRAGMENT),
        web.post("/j/{code}/send", views.form_submit, name=Route.FORM_SUBMIT),
        web.post("/j/{code}/retract/{cid}", views.form_retract, name=Route.FORM_RETRACT),
        web.get("/api/{code}/state", views.api_state, name=Route.API_STATE),
        web.post("/api/{code}/contributions", views.api_submit, name=Route.API_SUBMIT),
        web.delete("/api/{code}/contributions/{cid}", views.api_retract, name=Route.API_RETRACT),
        web.get("/api/{code}/events", views.api_events, name=Route.API_EVENTS),
        web.post("/api/{code}/parking", views.api_park, name=Route.API_PARKING),
        web.post("/j/{code}/park", views.form_park, name=Route.FORM_PARK),
    ]


def make_app(
    workshop: Workshop,
    *,
    limiter: RateLimiter | None = None,
    public_url: str | None = None,
    keepalive: float = KEEPALIVE_SECONDS,
    limits: AdmissionLimits | None = None,
    trust_proxy: bool = False,
    hosts: HostAllowList | None = None,
    keepalive_timeout: float = KEEPALIVE_TIMEOUT,
    control: ControlCenter | None = None,
    turned_away: TurnedAway | None = None,
) -> web.Application:
    """Build the phone server for *workshop* (one app per session).

    *public_url* is the address phones use when it is not this machine's own (a proxy or a
    tunnel); forms posted from it are accepted as same-site. *limits* are the limits per
    network address (default: the plan's ``[limits]``, else kerne's); *trust_proxy* counts
    requests under a local proxy's ``X-Forwarded-For`` (with *public_url* only); *hosts* are
    the names a request may carry in its ``Host`` (default: this machine's own and
    *public_url*'s). *turned_away* counts what the server refuses for want of room (shared
    with the connection gate). See ``docs/trust.md``.
    """
    limit = body_limit(workshop.plan)
    app = web.Application(
        client_max_size=limit,
        middlewares=MIDDLEWARES,
        handler_args={
            "access_log": None,
            "logger": anonymous_server_logger(),
            "keepalive_timeout": keepalive_timeout,
            "lingering_time": LINGER_SECONDS,
        },
    )
    admission = Admission(limits or limits_from_plan(workshop.plan.raw))
    share = admission.limits.phones_per_address
    app[BUDGET] = RequestBudget(
        per_device=OPEN_REQUESTS_PER_DEVICE,
        per_address=round(OPEN_REQUESTS_PER_PHONE_ADDRESS * share),
        turned_away=turned_away,
    )
    app[TRUST] = Trust(
        tokens=DeviceTokens(workshop.device_key),
        join_code=workshop.join_code,
        lang=workshop.plan.language,
        refuse=refuse_page,
        admission=admission,
        hosts=hosts or HostAllowList.for_server(public_url=public_url),
        trust_forwarded=trust_proxy and public_url is not None,
    )
    app[WORKSHOP] = workshop
    app[MAX_BODY] = limit
    app[HUB] = LiveHub(workshop, lambda: live_state(workshop))
    app[LIMITER] = limiter or RateLimiter()
    app[PACER] = Pacer()
    app[TURNED_AWAY] = turned_away or (control.turned_away if control is not None else TurnedAway())
    origin = origin_of(public_url) if public_url else None
    app[ORIGINS] = frozenset({origin} if origin else ())
    app[KEEPALIVE_AFTER] = keepalive
    app[TEMPLATES] = templates()
    app[STATIC] = StaticFiles(STATIC_FOLDER)
    app.on_shutdown.append(_close_streams)
    app.add_routes(routes())
    add_control_routes(app, control, phones=lambda: app[HUB].connected)
    app[ADDRESSES] = Addresses(app.router)
    return app


def body_limit(plan: Plan) -> int:
    """Bytes one request may carry for *plan* (8 KiB unless its answers may be very long)."""
    longest = max((step.max_length for step in plan.steps if step.kind.takes_input), default=0)
    return body_limit_for(longest)


async def _close_streams(app: web.Application) -> None:
    app[HUB].close()
