"""A room pressing send at once is let through a few dozen per pass of the event loop."""

from __future__ import annotations

import asyncio

import pytest

from kerne_tui.web.pacing import Pacer


async def _through_per_pass(pacer: Pacer, requests: int) -> tuple[list[int], list[int]]:
    through: list[int] = []

    async def request(number: int) -> None:
        await pacer.turn()
        through.append(number)

    tasks = [asyncio.create_task(request(n)) for n in range(requests)]
    counts: list[int] = []
    for _ in range(4 * requests):
        await asyncio.sleep(0)
        counts.append(len(through))
        if len(through) == requests:
            break
    await asyncio.gather(*tasks)
    per_pass = [after - before for before, after in zip([0, *counts], counts, strict=False)]
    return through, per_pass


async def test_a_burst_is_let_through_at_most_per_pass_at_a_time() -> None:
    through, per_pass = await _through_per_pass(Pacer(per_pass=16), 100)
    assert len(through) == 100
    assert max(per_pass) <= 16
    assert sum(1 for n in per_pass if n) >= 100 // 16


async def test_requests_go_ahead_in_the_order_they_came() -> None:
    through, _ = await _through_per_pass(Pacer(per_pass=8), 50)
    assert through == sorted(through)


async def test_a_single_request_goes_ahead_without_waiting() -> None:
    turn = Pacer().turn()
    with pytest.raises(StopIteration):
        turn.send(None)


async def test_a_request_that_went_away_does_not_hold_up_the_rest() -> None:
    pacer = Pacer(per_pass=1)
    first = asyncio.create_task(pacer.turn())
    gone = asyncio.create_task(pacer.turn())
    last = asyncio.create_task(pacer.turn())
    await asyncio.sleep(0)
    gone.cancel()
    await asyncio.wait_for(asyncio.gather(first, last), timeout=5)
    assert pacer.waiting == 0
