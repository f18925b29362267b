"""The address in the QR code, from adapter lists recorded on each system (as ifaddr gives them).

The lists are shaped as ``ifaddr.get_adapters()`` returns them on each system: Linux and macOS
name adapters by their interface (``wlp2s0``, ``en0``, ``utun3``); Windows by a GUID, with the
readable description (``Intel(R) Wi-Fi 6 AX201``) as the nice name.
"""

from __future__ import annotations

import ifaddr
import pytest

from kerne_tui.web import network
from kerne_tui.web.network import best_lan_address, candidate_addresses


def adapter(name: str, nice: str, *addresses: str) -> ifaddr.Adapter:
    ips = [ifaddr.IP(a, 24, nice) for a in addresses]
    ips.append(ifaddr.IP(("fe80::1", 0, 4), 64, nice))  # IPv6 entries are ignored
    return ifaddr.Adapter(name, nice, ips)


LINUX = [
    adapter("lo", "lo", "127.0.0.1"),
    adapter("docker0", "docker0", "172.17.0.1"),
    adapter("cscotun0", "cscotun0", "192.168.200.14"),  # Cisco AnyConnect, the municipal VPN
    adapter("wlp2s0", "wlp2s0", "10.61.8.23"),
    adapter("virbr0", "virbr0", "192.168.122.1"),
]
MACOS = [
    adapter("lo0", "lo0", "127.0.0.1"),
    adapter("utun4", "utun4", "192.168.77.2"),  # the VPN, listed before the Wi-Fi
    adapter("en0", "en0", "10.12.0.115"),
    adapter("bridge100", "bridge100", "192.168.64.1"),  # a virtual machine's network
    adapter("awdl0", "awdl0"),
]
WINDOWS = [
    adapter(
        "{6A1C3B2E-0D41-4E11-9F7A-1C2D3E4F5A6B}",
        "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64",
        "192.168.10.42",
    ),
    adapter("{0E5F...-HYPERV}", "Hyper-V Virtual Ethernet Adapter", "172.29.96.1"),
    adapter("{4B0F2E7A-5C3D-4A1B-8E9F-0A1B2C3D4E5F}", "Intel(R) Wi-Fi 6 AX201 160MHz", "10.0.4.77"),
    adapter("{TAP}", "TAP-Windows Adapter V9", "10.8.0.6"),
    adapter("{LOOP}", "Software Loopback Interface 1", "127.0.0.1"),
]


@pytest.mark.parametrize(
    ("adapters", "wifi"),
    [(LINUX, "10.61.8.23"), (MACOS, "10.12.0.115"), (WINDOWS, "10.0.4.77")],
    ids=["linux", "macos", "windows"],
)
def test_the_wifi_wins_over_the_vpn_and_virtual_adapters(
    monkeypatch: pytest.MonkeyPatch, adapters: list[ifaddr.Adapter], wifi: str
) -> None:
    monkeypatch.setattr(network.ifaddr, "get_adapters", lambda: adapters)
    found = candidate_addresses()
    assert all(":" not in c.address for c in found), "IPv4 only"
    assert best_lan_address(found) == wifi


def test_with_only_a_vpn_its_address_is_still_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(network.ifaddr, "get_adapters", lambda: WINDOWS[:1])
    assert best_lan_address(candidate_addresses()) == "192.168.10.42"


def test_windows_mobile_hotspot_is_not_taken_for_a_vpn(monkeypatch: pytest.MonkeyPatch) -> None:
    hotspot = adapter("{HOT}", "Microsoft Wi-Fi Direct Virtual Adapter #2", "192.168.137.1")
    monkeypatch.setattr(network.ifaddr, "get_adapters", lambda: [WINDOWS[0], hotspot])
    assert best_lan_address(candidate_addresses()) == "192.168.137.1"


def test_when_listing_fails_the_routing_table_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[ifaddr.Adapter]:
        raise OSError("no adapters")

    monkeypatch.setattr(network.ifaddr, "get_adapters", broken)
    monkeypatch.setattr(network, "_routed_addresses", lambda: iter([network.Candidate("10.1.2.3")]))
    assert [c.address for c in candidate_addresses()] == ["10.1.2.3"]
