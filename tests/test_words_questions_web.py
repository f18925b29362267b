"""Word clouds, questions and the parking lot through the phone server: the API and the forms."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, CookieJar
from aiohttp.test_utils import TestServer
from conftest import FakeClock
from support import form_token

from kerne_tui.plan import load_plan
from kerne_tui.web import make_app
from kerne_tui.web.security import RateLimiter
from kerne_tui.workshop import Workshop

PLAN_FILE = Path(__file__).parent / "data" / "words_questions.toml"
CODE = "KERNE"


@pytest.fixture
async def session(data_dir: Path, clock: FakeClock) -> AsyncIterator[Workshop]:
    workshop = Workshop.create(load_plan(PLAN_FILE), data_dir, clock=clock, join_code=CODE)
    await workshop.open()
    try:
        yield workshop
    finally:
        await workshop.shutdown()


@pytest.fixture
async def server(session: Workshop) -> AsyncIterator[TestServer]:
    app = make_app(session, limiter=RateLimiter(burst=10_000.0))
    test_server = TestServer(app, host="127.0.0.1")
    await test_server.start_server()
    try:
        yield test_server
    finally:
        await test_server.close()


@pytest.fixture
async def phones(server: TestServer) -> AsyncIterator[list[ClientSession]]:
    base = server.make_url("/")
    made = [
        ClientSession(
            base_url=base,
            cookie_jar=CookieJar(unsafe=True),
            headers={"Origin": str(base.origin())},
        )
        for _ in range(3)
    ]
    try:
        yield made
    finally:
        for phone in made:
            await phone.close()


async def post(phone: ClientSession, body: dict[str, Any], path: str = "contributions") -> Any:
    async with phone.post(f"/api/{CODE}/{path}", json=body) as response:
        return response.status, await response.json()


async def state(phone: ClientSession) -> Any:
    async with phone.get(f"/api/{CODE}/state") as response:
        return await response.json()


def stored(workshop: Workshop, step_id: str) -> int:
    return len(workshop.contributions(step_id, include_invisible=True))


# --- words ------------------------------------------------------------------------------


async def test_a_phone_sends_words_and_sees_them_folded(
    session: Workshop, phones: list[ClientSession]
) -> None:
    await session.go_to("tjek-ind", run_timer=False)
    status, _ = await post(
        phones[0], {"step": "tjek-ind", "client_id": "a", "words": ["Tryg", "ÅBEN"]}
    )
    assert status == 201
    seen = await state(phones[0])
    assert (seen["step"]["max_words"], seen["step"]["word_length"]) == (3, 40)
    assert seen["mine"][0]["words"] == ["tryg", "åben"]


@pytest.mark.parametrize(
    ("words", "status", "code"),
    [
        (["ord"] * 10_000, 413, "too_large"),
        (["ord"] * 900, 422, "invalid"),
        (["a", "b", "c", "d"], 422, "invalid"),
        ("tryghed", 409, "wrong_kind"),
        ([1, 2], 409, "wrong_kind"),
        ({"ord": 1}, 409, "wrong_kind"),
        (["x" * 41], 422, "invalid"),
        ([""], 422, "invalid"),
    ],
)
async def test_hostile_words_are_refused_with_a_message_and_nothing_stored(
    session: Workshop, phones: list[ClientSession], words: Any, status: int, code: str
) -> None:
    await session.go_to("tjek-ind", run_timer=False)
    got, body = await post(phones[0], {"step": "tjek-ind", "client_id": "a", "words": words})
    assert (got, body["error"]["code"]) == (status, code)
    assert body["error"]["message"]
    assert stored(session, "tjek-ind") == 0


# --- questions --------------------------------------------------------------------------


async def test_questions_are_asked_upvoted_listed_with_votes_and_an_upvote_taken_back(
    session: Workshop, phones: list[ClientSession]
) -> None:
    await session.go_to("spoergsmaal", run_timer=False)
    first, second, third = phones
    _, asked = await post(first, {"step": "spoergsmaal", "client_id": "q", "text": "Budgettet?"})
    _, vote = await post(second, {"step": "spoergsmaal", "client_id": "u", "upvote": asked["id"]})
    await post(third, {"step": "spoergsmaal", "client_id": "u", "upvote": asked["id"]})
    again = await post(second, {"step": "spoergsmaal", "client_id": "u2", "upvote": asked["id"]})
    assert again[0] == 422 and again[1]["error"]["code"] == "cap"
    listed = (await state(first))["step"]["questions"]
    assert listed == [{"id": asked["id"], "text": "Budgettet?", "votes": 2, "outcome": ""}]
    assert (await state(second))["mine"] == [
        {
            "id": vote["id"],
            "step": "spoergsmaal",
            "kind": "questions",
            "at": session.contributions("spoergsmaal")[1].at,
            "upvote": asked["id"],
        }
    ]
    async with second.delete(f"/api/{CODE}/contributions/{vote['id']}") as response:
        assert response.status == 204
    # Two phones left in the step: below its three, the count is held back.
    assert (await state(first))["step"]["questions"][0]["votes"] is None
    await session.toggle_answered(asked["id"])
    assert (await state(first))["step"]["questions"][0]["outcome"] == "answered"


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        ({"upvote": "nope"}, 422),
        ({"upvote": 5}, 409),
        ({"upvote": "x", "text": "y"}, 409),
        ({"text": ["list"]}, 409),
        ({"text": "x" * 201}, 422),
    ],
)
async def test_hostile_questions_are_refused_and_nothing_stored(
    session: Workshop, phones: list[ClientSession], extra: dict[str, Any], status: int
) -> None:
    await session.go_to("spoergsmaal", run_timer=False)
    got, body = await post(phones[0], {"step": "spoergsmaal", "client_id": "h", **extra})
    assert got == status and body["error"]["message"]
    assert stored(session, "spoergsmaal") == 0


# --- the parking lot --------------------------------------------------------------------


async def test_the_parking_lot_takes_questions_and_upvotes_at_any_step(
    session: Workshop, phones: list[ClientSession]
) -> None:
    first, second, _ = phones
    before = await post(first, {"client_id": "p0", "text": "For tidligt"}, "parking")
    assert before[0] == 409 and before[1]["error"]["code"] == "closed"
    await session.go_to("tjek-ind", run_timer=False)
    status, item = await post(first, {"client_id": "p1", "text": "Vagtplanen?"}, "parking")
    assert status == 201
    await session.go_to("spoergsmaal", run_timer=False)
    assert (await post(second, {"client_id": "p2", "upvote": item["id"]}, "parking"))[0] == 201
    lot = (await state(second))["parking"]
    assert lot["items"] == [{"id": item["id"], "text": "Vagtplanen?", "votes": 1, "outcome": ""}]
    assert list(lot["upvoted"]) == [item["id"]]
    for hostile in ({"text": "x" * 301}, {"upvote": "nope"}, {"upvote": 3}, {"text": None}):
        got, body = await post(first, {"client_id": "bad", **hostile}, "parking")
        assert 400 <= got < 500 and body["error"]["message"]
    assert len(session.parked(include_invisible=True)) == 2
    got, _ = await post(first, {"text": "no client id"}, "parking")
    assert got == 400


async def test_the_no_script_forms_send_words_upvotes_and_parked_questions(
    session: Workshop, phones: list[ClientSession]
) -> None:
    phone = phones[0]
    await session.go_to("tjek-ind", run_timer=False)
    page = await (await phone.get(f"/j/{CODE}")).text()
    assert page.count('name="word"') == 3 and "Parkér et spørgsmål" in page
    form = [
        ("step", "tjek-ind"),
        ("client_id", "f1"),
        ("word", "Leg"),
        ("word", ""),
        ("word", "ro"),
    ]
    form.append(("csrf", await form_token(phone, CODE)))
    async with phone.post(f"/j/{CODE}/send", data=form, allow_redirects=False) as response:
        assert response.status == 303
    assert session.contributions("tjek-ind")[0].words == ("leg", "ro")
    park = [("client_id", "f2"), ("text", "Frokosten?")]
    park.append(("csrf", await form_token(phone, CODE)))
    async with phone.post(f"/j/{CODE}/park", data=park, allow_redirects=False) as response:
        assert response.status == 303
        assert response.headers["Location"].endswith("?parked=1#parkering")
    await session.go_to("spoergsmaal", run_timer=False)
    asked = await session.submit("other", "spoergsmaal", "o1", {"text": "Hvorfor?"})
    page = await (await phone.get(f"/j/{CODE}")).text()
    assert "Hvorfor?" in page and f'value="{asked.id}"' in page
    upvote = [("step", "spoergsmaal"), ("client_id", "f3"), ("upvote", asked.id)]
    upvote.append(("csrf", await form_token(phone, CODE)))
    async with phone.post(f"/j/{CODE}/send", data=upvote, allow_redirects=False) as response:
        assert response.status == 303
    assert session.question_rows("spoergsmaal")[0].votes == 1
    refused = [("client_id", "f4"), ("text", "x" * 301)]
    refused.append(("csrf", await form_token(phone, CODE)))
    async with phone.post(f"/j/{CODE}/park", data=refused, allow_redirects=False) as response:
        assert response.status == 422
        assert "for lang" in (await response.text())
    assert [row.text for row in session.parking_rows()] == ["Frokosten?"]
