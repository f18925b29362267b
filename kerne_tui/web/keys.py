"""The names the phone server's parts find each other by: typed app keys and route names."""

from __future__ import annotations

from enum import StrEnum

import jinja2
from aiohttp import web
from yarl import URL

from kerne_tui.catalog import Lang
from kerne_tui.control import TurnedAway
from kerne_tui.web.live import LiveHub
from kerne_tui.web.pacing import Pacer
from kerne_tui.web.security import RateLimiter
from kerne_tui.web.static_files import StaticFiles
from kerne_tui.workshop import Workshop

WORKSHOP = web.AppKey("workshop", Workshop)
HUB = web.AppKey("hub", LiveHub)
LIMITER = web.AppKey("limiter", RateLimiter)
TEMPLATES = web.AppKey("templates", jinja2.Environment)
STATIC = web.AppKey("static", StaticFiles)
ORIGINS = web.AppKey("origins", frozenset[str])
KEEPALIVE_AFTER = web.AppKey("keepalive", float)
MAX_BODY = web.AppKey("max_body", int)
PACER = web.AppKey("pacer", Pacer)
TURNED_AWAY = web.AppKey("turned_away", TurnedAway)
"""Where every refusal of a phone is recorded: ``request.app[TURNED_AWAY].record(cause)``."""


class Route(StrEnum):
    """The name of each route; every address the server writes is built from these."""

    JOIN_PAGE = "join_page"
    JOIN_REDIRECT = "join_redirect"
    STATIC_FILE = "static_file"
    STEP_PAGE = "step_page"
    STEP_FRAGMENT = "step_fragment"
    FORM_SUBMIT = "form_submit"
    FORM_RETRACT = "form_retract"
    API_STATE = "api_state"
    API_SUBMIT = "api_submit"
    API_RETRACT = "api_retract"
    API_EVENTS = "api_events"
    API_PARKING = "api_parking"
    FORM_PARK = "form_park"


def url_for(request: web.Request, route: Route, **parts: str) -> URL:
    """The address of *route* with its path *parts* filled in, as the router builds it."""
    return request.app.router[route].url_for(**parts)


class Addresses:
    """The router's addresses as text, each built once: the routes do not change while the
    server runs, and building the participant page's ten anew took a fifth of its render."""

    KEPT = 4096
    """Addresses remembered at most (one per contribution is built for its retract form)."""

    def __init__(self, router: web.UrlDispatcher) -> None:
        self._router = router
        self._built: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}

    def __call__(self, route: Route, **parts: str) -> str:
        """The address of *route* with its path *parts* filled in."""
        key = (route, tuple(parts.items()))
        found = self._built.get(key)
        if found is None:
            if len(self._built) >= self.KEPT:
                self._built.clear()
            found = self._built[key] = str(self._router[route].url_for(**parts))
        return found


ADDRESSES = web.AppKey("addresses", Addresses)


def lang_of(request: web.Request) -> Lang:
    """The plan's language: the phones speak what the workshop speaks."""
    return request.app[WORKSHOP].plan.language
