"""The phone server: pages, JSON API and live events, served from the facilitator's laptop."""

from kerne_tui.web.app import make_app
from kerne_tui.web.network import DEFAULT_PORT
from kerne_tui.web.server import PortUnavailable, ServerInfo, phone_server

__all__ = ["DEFAULT_PORT", "PortUnavailable", "ServerInfo", "make_app", "phone_server"]
