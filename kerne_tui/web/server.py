"""Hosting the phone server inside another async program (the TUI, or headless serve)."""

from __future__ import annotations

import asyncio
import errno
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from aiohttp import web

from kerne_tui.catalog import Lang
from kerne_tui.control import ControlCenter, TurnedAway
from kerne_tui.limits import Capacity, take_open_files
from kerne_tui.logs import quiet_accept_errors
from kerne_tui.web.admission import AdmissionLimits, is_loopback
from kerne_tui.web.app import HUB, make_app
from kerne_tui.web.connections import ConnectionGate
from kerne_tui.web.hosts import HostAllowList
from kerne_tui.web.listener import GatedSite
from kerne_tui.web.live import LiveHub
from kerne_tui.web.network import (
    DEFAULT_PORT,
    PORT_TRIES,
    best_lan_address,
    candidate_addresses,
    join_url,
)
from kerne_tui.web.trust import TRUST
from kerne_tui.workshop import Workshop

log = logging.getLogger(__name__)


class PortUnavailable(Exception):
    """No port could be opened for the phones."""

    def __init__(self, host: str, first: int, last: int, reason: str) -> None:
        self.host = host
        self.first = first
        self.last = last
        self.reason = reason
        super().__init__(f"{host}:{first}-{last}: {reason}")


@dataclass(frozen=True, slots=True)
class ServerInfo:
    """Where the phones find the session."""

    url: str
    """The join address put in the QR code."""
    port: int
    bind_host: str
    lan_found: bool
    """False when no LAN address was found and the address falls back to this machine only."""
    port_moved: bool
    """True when the wanted port was taken and another was used."""
    hub: LiveHub
    capacity: Capacity | None = None
    """How many phones the open-files limit holds (see :mod:`kerne_tui.limits`)."""
    language: Lang = "da"
    """The plan's language, for what is said about the server to the facilitator."""
    local_port: int = 0
    """The port on 127.0.0.1 for ``kerne console`` when the server listens on one other address
    only (0: use *port*)."""
    turned_away: TurnedAway | None = None
    """What the server turned away for want of room, by reason."""


SHUTDOWN_SECONDS = 1.0
"""How long stopping waits for requests in flight (open event streams are ended at once)."""


def choose_public_host(bind_host: str) -> tuple[str, bool]:
    """The host to print in the join address for a server bound to *bind_host*."""
    if bind_host not in ("0.0.0.0", "", "::"):
        return bind_host, True
    lan = best_lan_address(candidate_addresses())
    return (lan, True) if lan else ("127.0.0.1", False)


@asynccontextmanager
async def phone_server(
    workshop: Workshop,
    *,
    host: str = "0.0.0.0",
    port: int = DEFAULT_PORT,
    public_url: str | None = None,
    limits: AdmissionLimits | None = None,
    trust_proxy: bool = False,
    control: ControlCenter | None = None,
) -> AsyncIterator[ServerInfo]:
    """Serve *workshop* to phones on the running loop until the block ends.

    ``port=0`` lets the system pick a free port; otherwise a taken port moves on to the next
    free one (up to twenty tries), and the info says so. *public_url* replaces the address
    found on the network interfaces (a hotspot, a reverse proxy, a tunnel). *limits* are
    the limits per network address; *trust_proxy* counts requests under the proxy's
    ``X-Forwarded-For`` (docs/trust.md).
    """
    public_host, lan_found = choose_public_host(host)
    hosts = HostAllowList.for_server(bind_host=host, lan_host=public_host, public_url=public_url)
    turned_away = control.turned_away if control is not None else TurnedAway()
    app = make_app(
        workshop,
        public_url=public_url,
        control=control,
        limits=limits,
        trust_proxy=trust_proxy,
        hosts=hosts,
        turned_away=turned_away,
    )
    trust = app[TRUST]
    gate = ConnectionGate(
        take_open_files(),
        lambda: workshop.plan.language,
        phones_per_address=trust.admission.limits.phones_per_address,
        # Behind a trusted proxy every phone arrives from it: phones are told apart by the
        # forwarded address in the middlewares, not here.
        shared=lambda address: trust.trust_forwarded and is_loopback(address),
        turned_away=turned_away,
    )
    app.middlewares.insert(0, gate.streams_middleware)
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=SHUTDOWN_SECONDS)
    await runner.setup()
    gate.server = runner.server
    quiet_accept_errors(asyncio.get_running_loop())
    try:
        actual = await _open_site(runner, host, port, gate)
        # The console talks to 127.0.0.1 only: a server bound to one address gets a second door.
        local_port = (
            await _open_site(runner, "127.0.0.1", 0, gate)
            if control and host not in ("0.0.0.0", "", "::", "127.0.0.1")
            else 0
        )
        if public_url:
            base, lan_found = public_url, True
        else:
            shown = f"[{public_host}]" if ":" in public_host else public_host
            base = f"http://{shown}:{actual}"
        info = ServerInfo(
            url=join_url(base, workshop.join_code),
            port=actual,
            bind_host=host,
            lan_found=lan_found,
            port_moved=port not in (0, actual),
            hub=app[HUB],
            capacity=gate.capacity,
            turned_away=turned_away,
            language=workshop.plan.language,
            local_port=local_port,
        )
        log.info("phone server on %s:%s, join at %s", host, actual, info.url)
        log.info("open files %s, room for %s phones", gate.capacity.files, gate.capacity.phones)
        yield info
    finally:
        await runner.cleanup()


async def _open_site(runner: web.AppRunner, host: str, port: int, gate: ConnectionGate) -> int:
    tries = [0] if port == 0 else list(range(port, port + PORT_TRIES))
    last_error = ""
    for candidate in tries:
        site = GatedSite(runner, host, candidate, gate)
        try:
            await site.start()
        except OSError as error:
            await site.stop()
            if error.errno not in _PORT_TAKEN:
                raise PortUnavailable(host, tries[0], tries[-1], str(error)) from None
            last_error = str(error)
            continue
        return site.port
    raise PortUnavailable(host, tries[0], tries[-1], last_error)


_PORT_TAKEN = frozenset(
    {errno.EADDRINUSE, errno.EACCES, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)}
)
