"""A loopback address of its own for every simulated phone, as a real room has.

The phone server limits what one network address may do (new devices, page loads, streams).
On a workshop Wi-Fi each phone has an address of its own; simulated phones get the same by
binding their connections to 127.0.0.2, 127.0.0.3, … (the whole 127.0.0.0/8 range is this
machine's loopback on Linux and Windows). Loopback is not exempt from the limits: a tunnel on
the laptop would turn that into a way around them.

macOS answers only on 127.0.0.1 unless told otherwise; there every phone shares it, and the
rehearsal says so to the server by raising the devices allowed per address.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
from urllib.parse import urlsplit

FIRST_HOST = 2
"""127.0.0.1 is the laptop's own; phones start after it."""
MAX_PHONES = 65_000
"""Distinct addresses handed out before they repeat (far beyond any room)."""


def phone_address(index: int) -> str:
    """The loopback address of simulated phone *index* (0 -> 127.0.0.2, 254 -> 127.0.1.0)."""
    number = FIRST_HOST + index % MAX_PHONES
    return f"127.0.{number >> 8 & 255}.{number & 255}"


@functools.cache
def own_addresses_work() -> bool:
    """True when this machine answers on loopback addresses beyond 127.0.0.1."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.bind((phone_address(0), 0))
    except OSError:
        return False
    finally:
        probe.close()
    return True


def is_loopback_url(url: str) -> bool:
    """True when *url* names an IPv4 loopback address (the server on this machine)."""
    host = urlsplit(url).hostname or ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.version == 4 and address.is_loopback


def local_address_for(url: str, index: int) -> tuple[str, int] | None:
    """Where phone *index* binds its connections to *url*; None to let the system choose."""
    if is_loopback_url(url) and own_addresses_work():
        return (phone_address(index), 0)
    return None


def phones_share_an_address(url: str) -> bool:
    """True when simulated phones reaching *url* all come from one address."""
    return local_address_for(url, 0) is None
