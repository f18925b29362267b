"""Finding the laptop's address for the QR code without sending anything on the network.

The adapters are listed with their names by ``ifaddr`` on Linux, macOS and Windows alike, so
that a VPN, a container bridge or a virtual machine's adapter can be told from the Wi-Fi and
put last. Where listing fails, the routing table tells which address faces the network.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ifaddr

DEFAULT_PORT = 8765
"""Easy to say out loud and rarely taken; the next free port is used if it is."""
PORT_TRIES = 20
VIRTUAL_INTERFACES = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "vmnet",
    "vmenet",
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
    "ipsec",
    "ppp",
    "cscotun",
    "gpd",
    "nordlynx",
    "bridge",
)
"""Interface name prefixes (Linux, macOS) of containers, virtual machines and VPNs: phones in
the room are not behind them, so their addresses come last."""
VIRTUAL_DESCRIPTIONS = (
    "virtual",
    "vpn",
    "tap-",
    "tunnel",
    "hyper-v",
    "vethernet",
    "vmware",
    "virtualbox",
    "anyconnect",
    "wireguard",
    "fortinet",
    "fortissl",
    "globalprotect",
    "pangp",
    "zscaler",
    "tailscale",
    "openvpn",
    "wintun",
    "loopback",
    "juniper",
    "pulse secure",
    "check point",
    "wsl",
)
"""Words in the adapter descriptions Windows gives (``Cisco AnyConnect ... Virtual Miniport
Adapter``, ``vEthernet (WSL)``), where the adapter's own name is a GUID."""
ROUTE_PROBES = ("192.168.255.255", "10.255.255.255", "172.31.255.255", "198.18.0.1")
"""Destinations whose route tells which local address faces the network. A UDP ``connect``
only looks the route up; no packet is sent."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An IPv4 address of this machine and the interface it belongs to (if known)."""

    address: str
    interface: str = ""
    description: str = ""
    """The adapter's readable name where the system has one (Windows: "Intel(R) Wi-Fi 6")."""

    @property
    def virtual(self) -> bool:
        """True for a container, virtual machine or VPN interface."""
        if self.interface.lower().startswith(VIRTUAL_INTERFACES):
            return True
        described = self.description.lower()
        if "wi-fi direct" in described:
            return False  # Windows' "Mobile hotspot": the phones may well be on it
        return any(word in described for word in VIRTUAL_DESCRIPTIONS)


def candidate_addresses() -> list[Candidate]:
    """IPv4 addresses of this machine (from the system's own tables, no traffic sent)."""
    found: list[Candidate] = []
    with contextlib.suppress(OSError, ValueError):
        found.extend(adapter_addresses(ifaddr.get_adapters()))
    if not found:
        found.extend(_routed_addresses())
    unique: dict[str, Candidate] = {}
    for candidate in found:
        unique.setdefault(candidate.address, candidate)
    return list(unique.values())


def adapter_addresses(adapters: Iterable[ifaddr.Adapter]) -> Iterator[Candidate]:
    """The IPv4 addresses of *adapters* as ``ifaddr`` lists them, with the adapters' names."""
    for adapter in adapters:
        name = str(adapter.name)
        nice = str(adapter.nice_name or "")
        for ip in adapter.ips:
            if isinstance(ip.ip, str):  # IPv6 addresses come as tuples
                yield Candidate(ip.ip, name, nice if nice != name else "")


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
