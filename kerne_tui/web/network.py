"""Finding the laptop's address for the QR code without sending anything on the network."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import struct
import sys
from collections.abc import Iterable

DEFAULT_PORT = 8765
"""Easy to say out loud and rarely taken; the next free port is used if it is."""
PORT_TRIES = 20


def candidate_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces (from the system, no traffic sent)."""
    found: list[str] = []
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    if sys.platform.startswith("linux"):
        found.extend(_linux_interface_addresses())
    return list(dict.fromkeys(found))


def _linux_interface_addresses() -> Iterable[str]:
    import fcntl

    siocgifaddr = 0x8915
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            packed = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(probe.fileno(), siocgifaddr, packed)
            except OSError:
                continue
            yield socket.inet_ntoa(answer[20:24])


def best_lan_address(candidates: Iterable[str]) -> str | None:
    """The address phones on the same Wi-Fi can reach: private LAN first, never loopback."""
    private: list[str] = []
    other: list[str] = []
    for text in candidates:
        try:
            address = ipaddress.IPv4Address(text)
        except ValueError:
            continue
        if address.is_loopback or address.is_link_local or address.is_unspecified:
            continue
        (private if address.is_private else other).append(text)

    def rank(text: str) -> int:
        return 0 if text.startswith("192.168.") else 1 if text.startswith("10.") else 2

    private.sort(key=rank)
    return (private or other or [None])[0]


def join_url(base: str, code: str) -> str:
    """The address in the QR code."""
    return f"{base.rstrip('/')}/j/{code}"
