"""Finding the laptop's address for the QR code without sending anything on the network."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import struct
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

DEFAULT_PORT = 8765
"""Easy to say out loud and rarely taken; the next free port is used if it is."""
PORT_TRIES = 20
VIRTUAL_INTERFACES = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "vmnet",
    "vboxnet",
    "lxc",
    "lxd",
    "cni",
    "flannel",
    "podman",
    "tun",
    "tap",
    "wg",
    "tailscale",
    "zt",
    "utun",
)
"""Interface name prefixes of containers, virtual machines and VPNs: phones in the room are
not behind them, so their addresses come last."""
ROUTE_PROBES = ("192.168.255.255", "10.255.255.255", "172.31.255.255", "198.18.0.1")
"""Destinations whose route tells which local address faces the network. A UDP ``connect``
only looks the route up; no packet is sent."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An IPv4 address of this machine and the interface it belongs to (if known)."""

    address: str
    interface: str = ""

    @property
    def virtual(self) -> bool:
        """True for a container, virtual machine or VPN interface."""
        return self.interface.startswith(VIRTUAL_INTERFACES)


def candidate_addresses() -> list[Candidate]:
    """IPv4 addresses of this machine (from the system's own tables, no traffic sent)."""
    found: list[Candidate] = []
    if sys.platform.startswith("linux"):
        found.extend(_linux_interface_addresses())
    if not found:
        # Where the interfaces cannot be listed (Windows, macOS), the routing table tells.
        found.extend(_routed_addresses())
    unique: dict[str, Candidate] = {}
    for candidate in found:
        unique.setdefault(candidate.address, candidate)
    return list(unique.values())


def _linux_interface_addresses() -> Iterator[Candidate]:
    import fcntl

    siocgifaddr = 0x8915
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in socket.if_nameindex():
            packed = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(probe.fileno(), siocgifaddr, packed)
            except OSError:
                continue  # the interface has no IPv4 address
            yield Candidate(socket.inet_ntoa(answer[20:24]), name)


def _routed_addresses() -> Iterator[Candidate]:
    for destination in ROUTE_PROBES:
        with (
            contextlib.suppress(OSError),
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe,
        ):
            probe.connect((destination, 9))
            yield Candidate(str(probe.getsockname()[0]))


def best_lan_address(candidates: Iterable[Candidate | str]) -> str | None:
    """The address phones on the same Wi-Fi can reach: private LAN first, never loopback.

    Real interfaces come before virtual ones (containers, VPNs), private addresses before
    public ones, and 192.168/16 then 10/8 before other ranges; otherwise the order is kept.
    """
    ranked: list[tuple[tuple[int, int, int], int, str]] = []
    for position, item in enumerate(candidates):
        candidate = Candidate(item) if isinstance(item, str) else item
        try:
            address = ipaddress.IPv4Address(candidate.address)
        except ValueError:
            continue
        if (
            address.is_loopback
            or address.is_link_local
            or address.is_unspecified
            or address.is_multicast
        ):
            continue
        text = candidate.address
        family = 0 if text.startswith("192.168.") else 1 if text.startswith("10.") else 2
        rank = (1 if candidate.virtual else 0, 0 if address.is_private else 1, family)
        ranked.append((rank, position, text))
    return min(ranked)[2] if ranked else None


def join_url(base: str, code: str) -> str:
    """The address in the QR code."""
    return f"{base.rstrip('/')}/j/{code}"
