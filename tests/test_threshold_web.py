"""The threshold on the phones: a questions step's upvotes are a count, held back below five.

Thirty phones, each on its own loopback address, on a real server (127.0.0.1). With four phones
in the step, every phone sees the questions in the order they were asked and no upvote count,
in the JSON and on the page without script; once a fifth phone takes part, the counts show
and the most upvoted question comes first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, CookieJar, TCPConnector
from aiohttp.test_utils import TestServer
from support import FakeClock, data_folder

from kerne_tui.plan import plan_from_data
from kerne_tui.rehearsal.addresses import phone_address
from kerne_tui.web import make_app
from kerne_tui.web.security import RateLimiter
from kerne_tui.workshop import Workshop

PHONES = 30
CODE = "KERNE"
PLAN = {
    "title": "Spørgsmål",
    "language": "da",
    "modules": [
        {
            "title": "Et modul",
            "steps": [
                {
                    "id": "spoerg",
                    "kind": "questions",
                    "title": "Spørgsmål til ledelsen",
                    "prompt": "Hvad vil du spørge om?",
                    "minutes": 10,
                    "show": "live",
                }
            ],
        }
    ],
}


@pytest.fixture
async def session(tmp_path: Path) -> AsyncIterator[Workshop]:
    plan = plan_from_data(PLAN, "spoerg.toml")
    workshop = Workshop.create(plan, data_folder(tmp_path), clock=FakeClock(), join_code=CODE)
    await workshop.open()
    await workshop.start()
    try:
        yield workshop
    finally:
        await workshop.shutdown()


@pytest.fixture
async def phones(session: Workshop) -> AsyncIterator[list[ClientSession]]:
    server = TestServer(make_app(session, limiter=RateLimiter(burst=10_000.0)), host="127.0.0.1")
    await server.start_server()
    base = server.make_url("/")
    made = [
        ClientSession(
            base_url=base,
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(phone_address(n), 0)),
            headers={"Origin": str(base.origin())},
        )
        for n in range(PHONES)
    ]
    try:
        yield made
    finally:
        for phone in made:
            await phone.close()
        await server.close()


async def send(phone: ClientSession, body: dict[str, Any]) -> Any:
    async with phone.post(f"/api/{CODE}/contributions", json={"step": "spoerg", **body}) as sent:
        assert sent.status == 201, await sent.text()
        return await sent.json()


async def questions(phone: ClientSession) -> list[dict[str, Any]]:
    async with phone.get(f"/api/{CODE}/state") as response:
        state = await response.json()
    listed: list[dict[str, Any]] = state["step"]["questions"]
    return listed


async def page(phone: ClientSession) -> str:
    async with phone.get(f"/j/{CODE}") as response:
        assert response.status == 200
        return await response.text()


async def test_four_phones_see_no_upvote_counts_and_five_do(phones: list[ClientSession]) -> None:
    asked = []
    for n in range(3):
        asked.append(await send(phones[n], {"client_id": f"q{n}", "text": f"Spørgsmål {n}"}))
    # The fourth phone supports the last question: with counts it would come first.
    await send(phones[3], {"client_id": "u", "upvote": asked[2]["id"]})

    for looking in (phones[0], phones[PHONES - 1]):
        seen = await questions(looking)
        assert [q["text"] for q in seen] == ["Spørgsmål 0", "Spørgsmål 1", "Spørgsmål 2"]
        assert [q["votes"] for q in seen] == [None, None, None]
        assert "▲" not in await page(looking)

    await send(phones[4], {"client_id": "u", "upvote": asked[2]["id"]})
    seen = await questions(phones[PHONES - 1])
    assert [(q["text"], q["votes"]) for q in seen] == [
        ("Spørgsmål 2", 2),
        ("Spørgsmål 0", 0),
        ("Spørgsmål 1", 0),
    ]
    assert "▲ 2" in await page(phones[PHONES - 1])

    # The rest of the room supports the first question; every phone sees the counts.
    for n in range(5, PHONES):
        await send(phones[n], {"client_id": "u", "upvote": asked[0]["id"]})
    seen = await questions(phones[7])
    assert (seen[0]["text"], seen[0]["votes"]) == ("Spørgsmål 0", PHONES - 5)
