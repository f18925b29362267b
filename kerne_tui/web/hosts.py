"""Only our own names: the ``Host`` header must name this laptop, or the request is refused.

A page on ``evil.example`` whose name an attacker points at the laptop's address (DNS
rebinding) makes the phone's browser send ``Host: evil.example`` and a matching ``Origin``, so
the cross-site check alone lets it through. The names that are kerne's own are few: the
address the server is bound to, the LAN address in the QR code, the host of ``--public-url``,
``localhost``, this computer's own name, and the very address the connection arrived on (a
phone that typed the laptop's IP address). A rebinding page always uses a name of its own.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

LOCAL_NAMES = ("localhost", "127.0.0.1", "::1")
_ANY_ADDRESS = ("", "0.0.0.0", "::")


def host_name(header: str) -> str:
    """The name in a ``Host`` header without its port, lower case, no trailing dot."""
    text = header.strip().lower()
    if text.startswith("["):
        name = text[1:].partition("]")[0]
    else:
        name, colon, port = text.rpartition(":")
        if not colon or not port.isdigit() or ":" in name:
            name = text  # no port, or a bare IPv6 address
    return name.rstrip(".")


def _normal(name: str) -> str:
    name = host_name(name) if name.startswith("[") else name.strip().lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        return name


@lru_cache(maxsize=64)
def _header_name(header: str) -> str:
    """The normal form of a ``Host`` header's name; the same few headers come on every
    request, so their form is remembered (a bounded cache: odd headers only push out others)."""
    return _normal(host_name(header))


class HostAllowList:
    """The names a request may carry in its ``Host`` header to reach this session."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(_normal(name) for name in names if name)

    @classmethod
    def for_server(
        cls,
        *,
        bind_host: str = "",
        lan_host: str | None = None,
        public_url: str | None = None,
        extra: Iterable[str] = (),
    ) -> HostAllowList:
        """The allow-list of a server bound to *bind_host*, shown as *lan_host* in the QR."""
        names = [*LOCAL_NAMES, *extra]
        if bind_host not in _ANY_ADDRESS:
            names.append(bind_host)
        if lan_host:
            names.append(lan_host)
        if public_url:
            public = urlsplit(public_url).hostname
            if public:
                names.append(public)
        own = socket.gethostname().lower()
        if own:
            names += [own, f"{own}.local"]
        return cls(names)

    def allows(self, host_header: str | None, arrived_on: str | None = None) -> bool:
        """True when *host_header* names kerne; *arrived_on* is the connection's local address."""
        if not host_header:
            # HTTP/1.0 without a Host: no browser sends that, and no rebinding page can.
            return True
        name = _header_name(host_header)
        if name in self.names:
            return True
        return arrived_on is not None and name == _normal(arrived_on)
