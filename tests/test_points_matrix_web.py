"""The points and matrix kinds over real HTTP on 127.0.0.1: the state, the API, the no-script forms.

Every hostile shape gets a 4xx with the documented error and a Danish message, and nothing
reaches the session file.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import ClientResponse, ClientSession, CookieJar
from aiohttp.test_utils import TestServer
from support import form_token, load_test_plan

from kerne_tui.catalog import t
from kerne_tui.plan import Plan
from kerne_tui.store import read_session_data, rows
from kerne_tui.web import make_app
from kerne_tui.web.kinds import MATRIX_X_PREFIX, MATRIX_Y_PREFIX, POINTS_PREFIX
from kerne_tui.web.security import RateLimiter
from kerne_tui.workshop import Workshop

CODE = "KERNE"


@pytest.fixture
def plan() -> Plan:
    """The points and matrix test plan in place of the shared small plan."""
    return load_test_plan("points-matrix")


@pytest.fixture
async def phone(workshop: Workshop) -> AsyncIterator[ClientSession]:
    server = TestServer(make_app(workshop, limiter=RateLimiter(burst=1000.0)), host="127.0.0.1")
    await server.start_server()
    base = server.make_url("/")
    session = ClientSession(
        base_url=base, cookie_jar=CookieJar(unsafe=True), headers={"Origin": str(base.origin())}
    )
    try:
        yield session
    finally:
        await session.close()
        await server.close()


async def open_step(workshop: Workshop, step_id: str) -> list[str]:
    """Start at *step_id* with its timer paused; the ids of its options."""
    await workshop.start()
    await workshop.go_to(step_id, run_timer=False)
    return [option.id for option in workshop.options(workshop.plan.step(step_id))]


async def send(phone: ClientSession, step: str, client_id: str, **payload: Any) -> ClientResponse:
    return await phone.post(
        f"/api/{CODE}/contributions", json={"step": step, "client_id": client_id, **payload}
    )


def stored(workshop: Workshop) -> list[dict[str, Any]]:
    return rows(read_session_data(workshop.path), "contributions")


async def state(phone: ClientSession) -> dict[str, Any]:
    return dict(await (await phone.get(f"/api/{CODE}/state")).json())


async def test_the_state_shows_a_points_step_with_its_options_and_budget(
    workshop: Workshop, phone: ClientSession
) -> None:
    await open_step(workshop, "fordel")
    step = (await state(phone))["step"]
    assert step["kind"] == "points" and step["budget"] == 100
    assert [o["label"] for o in step["options"]][:2] == ["Tid med borgeren", "Dokumentation"]


async def test_the_state_shows_a_matrix_with_its_axes_and_named_ends(
    workshop: Workshop, phone: ClientSession
) -> None:
    await open_step(workshop, "matrix-ideer")
    step = (await state(phone))["step"]
    assert step["kind"] == "matrix"
    assert (step["x_label"], step["y_label"]) == ("Indsats", "Betydning")
    # The plan names no ends here: the page gets the catalog's.
    assert (step["x_low_label"], step["y_high_label"]) == (
        t("da", "web.matrix.low"),
        t("da", "web.matrix.high"),
    )
    assert step["options"] == []  # nothing was written in the step it carries forward


async def test_points_are_sent_and_shown_among_the_phone_s_own(
    workshop: Workshop, phone: ClientSession
) -> None:
    options = await open_step(workshop, "fordel")
    response = await send(phone, "fordel", "a", points={options[0]: 70, options[3]: 30})
    assert response.status == 201
    mine = (await state(phone))["mine"]
    assert [m["points"] for m in mine] == [{options[0]: 70, options[3]: 30}]
    assert [doc["points"] for doc in stored(workshop)] == [{options[0]: 70, options[3]: 30}]


async def test_placements_are_sent_and_stored_as_pairs(
    workshop: Workshop, phone: ClientSession
) -> None:
    options = await open_step(workshop, "matrix")
    placed = {option: [n % 5 + 1, 5 - n % 5] for n, option in enumerate(options)}
    response = await send(phone, "matrix", "a", placements=placed)
    assert response.status == 201
    assert [m["placements"] for m in (await state(phone))["mine"]] == [placed]
    assert stored(workshop)[0]["placements"] == placed


def _hostile_points(options: list[str]) -> list[tuple[Any, int, str]]:
    return [
        ({options[0]: 60, options[1]: 41}, 422, "refuse.points_over"),
        ({options[0]: -1}, 422, "refuse.points_value"),
        ({options[0]: "50"}, 409, "refuse.points_value"),
        ({"ukendt": 5}, 422, "refuse.unknown_option"),
        ({}, 422, "refuse.points_none"),
        ([50, 50], 409, "refuse.wrong_kind"),
        ({str(n): 1 for n in range(300)}, 422, "refuse.unknown_option"),
    ]


async def test_hostile_points_get_4xx_with_a_reason_and_nothing_is_stored(
    workshop: Workshop, phone: ClientSession
) -> None:
    options = await open_step(workshop, "fordel")
    for n, (points, status, key) in enumerate(_hostile_points(options)):
        response = await send(phone, "fordel", f"h{n}", points=points)
        assert response.status == status, points
        body = await response.json()
        assert body["error"]["message"] == t("da", key, limit=100, given=101), points
    assert stored(workshop) == []


async def test_ten_thousand_options_in_one_answer_are_refused_before_they_are_read(
    workshop: Workshop, phone: ClientSession
) -> None:
    await open_step(workshop, "fordel")
    response = await send(phone, "fordel", "big", points={str(n): 1 for n in range(10_000)})
    assert response.status == 413
    assert (await response.json())["error"]["message"]
    assert stored(workshop) == []


async def test_hostile_placements_get_4xx_with_a_reason_and_nothing_is_stored(
    workshop: Workshop, phone: ClientSession
) -> None:
    options = await open_step(workshop, "matrix")
    every = {option: [3, 3] for option in options}
    cases: list[tuple[Any, int, str]] = [
        (every | {options[0]: [6, 1]}, 422, "refuse.matrix_value"),
        (every | {options[0]: [0, 0]}, 422, "refuse.matrix_value"),
        (every | {options[0]: ["1", "2"]}, 409, "refuse.matrix_value"),
        (every | {options[0]: 3}, 409, "refuse.matrix_value"),
        (every | {"ukendt": [1, 1]}, 422, "refuse.unknown_option"),
        ({options[0]: [1, 1]}, 422, "refuse.matrix_missing"),
        ([[1, 1]], 409, "refuse.wrong_kind"),
    ]
    for n, (placements, status, key) in enumerate(cases):
        response = await send(phone, "matrix", f"h{n}", placements=placements)
        assert response.status == status, placements
        assert (await response.json())["error"]["message"] == t("da", key), placements
    assert stored(workshop) == []


async def test_a_second_answer_from_the_same_phone_is_refused(
    workshop: Workshop, phone: ClientSession
) -> None:
    options = await open_step(workshop, "fordel")
    assert (await send(phone, "fordel", "a", points={options[0]: 100})).status == 201
    response = await send(phone, "fordel", "b", points={options[1]: 100})
    assert response.status == 422
    assert (await response.json())["error"]["message"] == t("da", "refuse.already_answered")
    assert len(stored(workshop)) == 1


# --- without JavaScript --------------------------------------------------------------------


async def test_points_arrive_from_the_plain_form(workshop: Workshop, phone: ClientSession) -> None:
    options = await open_step(workshop, "fordel")
    fields = [("step", "fordel"), ("client_id", "f1")]
    fields += [
        (f"{POINTS_PREFIX}{o}", v) for o, v in zip(options, ["50", "", "0", "25"], strict=True)
    ]
    fields.append(("csrf", await form_token(phone, CODE)))
    response = await phone.post(f"/j/{CODE}/send", data=fields, allow_redirects=False)
    assert response.status == 303
    assert [doc["points"] for doc in stored(workshop)] == [{options[0]: 50, options[3]: 25}]
    page = await (await phone.get(f"/j/{CODE}")).text()
    assert t("da", "refuse.already_answered") in page
    assert "Tid med borgeren: 50 point" in page


async def test_a_plain_form_over_the_budget_says_why_and_keeps_the_numbers(
    workshop: Workshop, phone: ClientSession
) -> None:
    options = await open_step(workshop, "fordel")
    fields = [("step", "fordel"), ("client_id", "f1")]
    fields += [(f"{POINTS_PREFIX}{o}", "40") for o in options]
    fields.append(("csrf", await form_token(phone, CODE)))
    response = await phone.post(f"/j/{CODE}/send", data=fields, allow_redirects=False)
    assert response.status == 422
    page = await response.text()
    assert t("da", "refuse.points_over", limit=100, given=160) in page
    assert page.count('value="40"') == len(options)
    assert stored(workshop) == []


async def test_placements_arrive_from_the_plain_form(
    workshop: Workshop, phone: ClientSession
) -> None:
    options = await open_step(workshop, "matrix")
    fields = [("step", "matrix"), ("client_id", "m1")]
    for n, option in enumerate(options):
        fields += [(f"{MATRIX_X_PREFIX}{option}", str(n + 1)), (f"{MATRIX_Y_PREFIX}{option}", "4")]
    fields.append(("csrf", await form_token(phone, CODE)))
    response = await phone.post(f"/j/{CODE}/send", data=fields, allow_redirects=False)
    assert response.status == 303
    assert stored(workshop)[0]["placements"] == {
        option: [n + 1, 4] for n, option in enumerate(options)
    }


async def test_a_plain_form_with_an_axis_left_out_says_so_and_keeps_the_rest(
    workshop: Workshop, phone: ClientSession
) -> None:
    options = await open_step(workshop, "matrix")
    fields = [("step", "matrix"), ("client_id", "m1")]
    for option in options:
        fields.append((f"{MATRIX_X_PREFIX}{option}", "2"))
    fields.append((f"{MATRIX_Y_PREFIX}{options[0]}", "5"))
    fields.append(("csrf", await form_token(phone, CODE)))
    response = await phone.post(f"/j/{CODE}/send", data=fields, allow_redirects=False)
    assert response.status == 422
    page = await response.text()
    assert t("da", "refuse.matrix_value") in page
    assert page.count("checked") == len(options) + 1
    assert stored(workshop) == []
