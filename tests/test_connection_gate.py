"""The connection gate in the loop's own process: shares per address, and the reserve kept.

No sockets: the gate is asked for a protocol as the listener asks it for each newcomer, and
what it hands out is counted. The same gate, over real HTTP, is in test_hostile_network.py.
"""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from kerne_tui.control import Cause
from kerne_tui.limits import capacity_for
from kerne_tui.web import connections
from kerne_tui.web.connections import (
    CONNECTIONS_PER_PHONE_ADDRESS,
    REFUSALS_PER_ADDRESS,
    ConnectionGate,
    Counted,
)
from kerne_tui.web.refusals import Hangup, Refusal


async def never(request: web.BaseRequest) -> web.StreamResponse:
    raise AssertionError("no request is made here")


def gate_for(files: int = 512, **options: object) -> ConnectionGate:
    gate = ConnectionGate(capacity_for(files), lambda: "da", **options)  # type: ignore[arg-type]
    gate.server = web.Server(never)
    return gate


async def test_one_address_never_spends_the_refusal_reserve() -> None:
    gate = gate_for()
    flood = [gate.admit("127.0.0.2") for _ in range(1000)]
    admitted = [p for p in flood if isinstance(p, Counted)]
    refused = [p for p in flood if isinstance(p, Refusal)]
    assert len(admitted) == CONNECTIONS_PER_PHONE_ADDRESS
    assert len(refused) == REFUSALS_PER_ADDRESS
    assert all(isinstance(p, Hangup) for p in flood[len(admitted) + len(refused) :])
    assert gate.refusing == REFUSALS_PER_ADDRESS
    assert not gate.out_of_reserve()
    assert gate.turned_away.counts()[Cause.BUSY] == 1000 - CONNECTIONS_PER_PHONE_ADDRESS
    # Thirty phones on other addresses are let in meanwhile.
    assert all(isinstance(gate.admit(f"127.0.1.{n}"), Counted) for n in range(1, 31))


async def test_an_address_gets_its_share_back_as_its_connections_close() -> None:
    gate = gate_for()
    admitted = [gate.admit("127.0.0.2") for _ in range(CONNECTIONS_PER_PHONE_ADDRESS)]
    refusal = gate.admit("127.0.0.2")
    assert isinstance(refusal, Refusal)
    refusal.connection_lost(None)
    assert gate.refusing == 0
    first = admitted[0]
    assert isinstance(first, Counted)
    first.abandon()
    first.abandon()  # counted once
    assert gate.holds("127.0.0.2") == CONNECTIONS_PER_PHONE_ADDRESS - 1
    assert isinstance(gate.admit("127.0.0.2"), Counted)
    assert isinstance(gate.admit("127.0.0.2"), Refusal)


async def test_behind_a_trusted_proxy_the_proxy_has_no_share_but_the_cap_holds() -> None:
    gate = gate_for(shared=lambda address: address == "127.0.0.1")
    cap = gate.capacity.connections
    handed = [gate.admit("127.0.0.1") for _ in range(cap + 5)]
    assert sum(isinstance(p, Counted) for p in handed) == cap
    assert gate.turned_away.counts()[Cause.FULL_ROOM] == 5


async def test_behind_one_router_an_address_has_its_phones_shares_but_half_the_reserve() -> None:
    gate = gate_for(20_000, phones_per_address=60.0)
    flood = [gate.admit("10.0.0.1") for _ in range(2000)]
    assert sum(isinstance(p, Counted) for p in flood) == 60 * CONNECTIONS_PER_PHONE_ADDRESS
    assert gate.refusing == 60 * REFUSALS_PER_ADDRESS
    small = gate_for(512, phones_per_address=60.0)
    for _ in range(2000):
        small.admit("10.0.0.1")
    assert small.refusing == small.capacity.refusals // 2
    assert not small.out_of_reserve()


async def test_the_room_is_settled_after_its_burst_not_in_the_middle_of_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 2,000 phones joined, then sent at once: a full collection (150 ms in the hall,
    # benchmarks/) waits until no phone has joined and none was answered for a while.
    settled: list[int] = []
    monkeypatch.setattr(connections, "settle", lambda: settled.append(1))
    gate = gate_for()
    gate.streams = connections.SETTLE_GROWTH * 20
    now = asyncio.get_running_loop().time()
    gate.last_join = now - 10 * connections.SETTLE_QUIET_SECONDS
    gate.last_answer = now  # the burst is being answered
    gate._maybe_settle()
    assert settled == []
    assert gate.settle_timer is not None  # it looks again later
    gate.settle_timer.cancel()
    gate.last_answer = now - 10 * connections.SETTLE_QUIET_SECONDS
    gate._maybe_settle()
    assert settled == [1]
