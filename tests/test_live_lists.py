"""The lists every phone acts on (the parking lot, an open questions step) reach a room of
thirty phones live, and a burst of upvotes costs each phone one message, not thirty.

The hub runs on a real event loop with thirty subscribed streams; the workshop writes its
session file on disk. The wait is the hub's own settling time (``LIST_SETTLE``), bounded.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from support import FakeClock, data_folder, load_test_plan, new_workshop

from kerne_tui.web.live import LIST_SETTLE, LiveHub
from kerne_tui.web.shapes import live_state

PHONES = 30


async def drain(queues: list[asyncio.Queue[bytes]]) -> list[int]:
    """How many messages each phone's stream holds now (emptied)."""
    counts = []
    for queue in queues:
        count = 0
        while not queue.empty():
            queue.get_nowait()
            count += 1
        counts.append(count)
    return counts


async def test_a_burst_of_upvotes_reaches_thirty_phones_as_one_message_each(
    tmp_path: Path,
) -> None:
    workshop = new_workshop(load_test_plan("all-new-kinds"), data_folder(tmp_path), FakeClock())
    await workshop.open()
    try:
        await workshop.start("fordel")
        hub = LiveHub(workshop, lambda: live_state(workshop))
        queues = [hub.subscribe() for _ in range(PHONES)]
        await asyncio.sleep(0)
        await drain(queues)
        before = hub.version

        item = await workshop.park("asker" * 8, "park-1", {"text": "Hvem betaler kaffen?"})
        for phone in range(PHONES - 1):
            await workshop.park(f"{phone:02d}" * 16, f"up-{phone}", {"upvote": item.id})
        assert hub.messages_sent == 0  # still settling: nothing sent yet

        await asyncio.sleep(LIST_SETTLE * 1.5)
        assert await drain(queues) == [1] * PHONES
        assert hub.messages_sent == PHONES
        assert hub.version == before + 1
        assert [row.votes for row in workshop.parking_rows()] == [PHONES - 1]

        # An answer to the open step is still never pushed to the phones.
        await workshop.submit("asker" * 8, "fordel", "p-1", {"points": {"1": 50}})
        await asyncio.sleep(LIST_SETTLE * 1.5)
        assert await drain(queues) == [0] * PHONES
        assert hub.version == before + 1
        hub.close()
    finally:
        await workshop.shutdown()
