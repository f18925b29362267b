"""The phone server's pages, JSON API, live events and safety, over real HTTP on 127.0.0.1.

Each test runs the aiohttp application on a loopback port and talks to it as phones do:
every phone is its own client session with its own cookie jar. The workshop is the shared
small plan from ``conftest.py`` on a clock that only moves when a test moves it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import signal
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientResponse, ClientSession, ClientTimeout, CookieJar
from aiohttp.test_utils import TestServer
from aiohttp.web_request import BaseRequest
from support import form_token
from yarl import URL

from kerne_tui.catalog import t
from kerne_tui.plan import Plan, StepKind, load_plan
from kerne_tui.store import read_session_data, rows
from kerne_tui.store.journal import journal_path
from kerne_tui.web import make_app, phone_server
from kerne_tui.web.app import HUB
from kerne_tui.web.kinds import WEB_KINDS
from kerne_tui.web.network import Candidate, best_lan_address, candidate_addresses
from kerne_tui.web.security import (
    BODY_LIMIT,
    DEVICE_COOKIE,
    RateLimiter,
    anonymous_server_logger,
    body_limit_for,
)
from kerne_tui.workshop import Workshop

CODE = "KERNE"
"""The join code of the shared ``workshop`` fixture."""
WAIT = 5.0
"""Upper bound for awaiting anything from the server; reached only when a test fails."""
HOSTILE_AGENT = "Kerne-Spion/9.9 (unik-browser; sporbar)"
HOSTILE_FORWARDED = "203.0.113.77"

Phone = ClientSession
NewPhone = Callable[[], Phone]
MakeServer = Callable[..., Awaitable[TestServer]]


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture
async def make_server(workshop: Workshop) -> AsyncIterator[MakeServer]:
    """Start the phone server for the shared workshop on 127.0.0.1 (options as make_app's)."""
    servers: list[TestServer] = []

    async def start(**options: Any) -> TestServer:
        server = TestServer(make_app(workshop, **options), host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        return server

    yield start
    for server in servers:
        await server.close()


@pytest.fixture
async def server(make_server: MakeServer) -> TestServer:
    """The phone server with its default settings."""
    return await make_server()


@pytest.fixture
async def phones(server: TestServer) -> AsyncIterator[Callable[..., Phone]]:
    """Make phones: client sessions that keep their own cookie, like separate browsers."""
    sessions: list[ClientSession] = []

    def new_phone(target: TestServer | None = None) -> Phone:
        base = (target or server).make_url("/")
        # A browser names the page's origin when it posts; the server checks it.
        origin = {"Origin": str(base.origin())}
        session = ClientSession(base_url=base, cookie_jar=CookieJar(unsafe=True), headers=origin)
        sessions.append(session)
        return session

    yield new_phone
    for session in sessions:
        await session.close()


@pytest.fixture
async def phone(phones: NewPhone) -> Phone:
    """One phone."""
    return phones()


async def at(workshop: Workshop, step_id: str) -> None:
    """Open *step_id* with its timer paused (input stays open until the test says)."""
    await workshop.go_to(step_id, run_timer=False)


# --- helpers ------------------------------------------------------------------------------


async def send(phone: Phone, step: str, client_id: str = "c1", **payload: Any) -> ClientResponse:
    """Submit through the JSON API as the page's script does."""
    return await phone.post(
        f"/api/{CODE}/contributions", json={"step": step, "client_id": client_id, **payload}
    )


async def post_form(
    phone: Phone, path: str, fields: Iterable[tuple[str, str]] | dict[str, str]
) -> ClientResponse:
    """Post a form as a browser without JavaScript does, with the token its page carried
    (unless *fields* bring their own), not following the redirect."""
    given = list(fields.items() if isinstance(fields, dict) else fields)
    if "csrf" not in {name for name, _ in given}:
        given.append(("csrf", await form_token(phone, CODE)))
    return await phone.post(path, data=given, allow_redirects=False)


async def expect_error(
    response: ClientResponse, status: int, error_code: str, key: str | None = None, **values: Any
) -> dict[str, Any]:
    """Check the documented error shape, and the Danish message when *key* is given."""
    assert response.status == status
    assert response.content_type == "application/json"
    body = await response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == error_code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if key is not None:
        assert body["error"]["message"] == t("da", key, **values)
    return dict(body["error"])


async def still_serving(phone: Phone) -> None:
    """The server answers an ordinary request after whatever came before."""
    response = await phone.get(f"/api/{CODE}/state")
    assert response.status == 200


def stored(workshop: Workshop) -> list[dict[str, Any]]:
    """The contributions as they are in the session file on disk."""
    return rows(read_session_data(workshop.path), "contributions")


def device_cookie(phone: Phone) -> str:
    """The device token a phone was given."""
    for cookie in phone.cookie_jar:
        if cookie.key == DEVICE_COOKIE:
            return cookie.value
    raise AssertionError("the phone has no device cookie")


async def next_event(response: ClientResponse) -> bytes:
    """Read one SSE message (up to its blank line)."""
    return await asyncio.wait_for(response.content.readuntil(b"\n\n"), WAIT)


def event_data(message: bytes) -> dict[str, Any]:
    """The JSON of an ``event: state`` message."""
    lines = message.decode().splitlines()
    assert "event: state" in lines
    data = next(line for line in lines if line.startswith("data: "))
    return dict(json.loads(data.removeprefix("data: ")))


# --- joining ------------------------------------------------------------------------------


async def test_front_page_offers_a_field_for_the_join_code(phone: Phone) -> None:
    response = await phone.get("/")
    assert response.status == 200
    assert response.content_type == "text/html"
    assert 'name="code"' in await response.text()


async def test_join_form_goes_to_the_code_in_capitals(phone: Phone) -> None:
    response = await phone.get("/join", params={"code": " ker ne "}, allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == f"/j/{CODE}"


async def test_join_form_without_a_code_goes_back_to_the_front_page(phone: Phone) -> None:
    response = await phone.get("/join", params={"code": "  "}, allow_redirects=False)
    assert response.status == 303
    assert response.headers["Location"] == "/"


async def test_join_form_keeps_only_letters_and_digits_of_the_code(phone: Phone) -> None:
    response = await phone.get("/join", params={"code": "//evil.example/x"}, allow_redirects=False)
    assert response.headers["Location"] == "/j/EVILEXAMPLEX"


async def test_join_code_is_case_insensitive(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    response = await phone.get("/j/kErNe")
    assert response.status == 200
    assert "Hvad er vi her for?" in await response.text()


async def test_unknown_code_gets_a_friendly_page_with_the_join_field(phone: Phone) -> None:
    response = await phone.get("/j/ZZZZZ")
    assert response.status == 404
    assert response.content_type == "text/html"
    text = await response.text()
    assert t("da", "web.unknown_code", code="ZZZZZ") in text
    assert 'name="code"' in text
    assert "Traceback" not in text


async def test_unknown_code_in_the_api_is_a_json_404(phone: Phone) -> None:
    response = await phone.get("/api/ZZZZZ/state")
    await expect_error(response, 404, "unknown_code", "web.unknown_code", code="ZZZZZ")


async def test_unknown_address_gets_a_page_not_a_traceback(phone: Phone) -> None:
    response = await phone.get("/wp-admin/setup.php")
    assert response.status == 404
    assert t("da", "web.not_found") in await response.text()


async def test_unknown_api_address_gets_a_json_404(phone: Phone) -> None:
    response = await phone.get(f"/api/{CODE}/admin")
    await expect_error(response, 404, "not_found", "web.not_found")


async def test_wrong_method_gets_a_json_405(phone: Phone) -> None:
    response = await phone.put(f"/api/{CODE}/state")
    await expect_error(response, 405, "method", "web.error.method")


async def test_the_server_has_exactly_the_documented_routes_and_no_admin_endpoint(
    server: TestServer,
) -> None:
    app = server.app
    assert app is not None
    routes = {
        (route.method, route.resource.canonical)
        for route in app.router.routes()
        if route.method != "HEAD" and route.resource is not None
    }
    assert routes == {
        ("GET", "/"),
        ("GET", "/join"),
        ("GET", "/static/{name}"),
        ("GET", "/j/{code}"),
        ("GET", "/j/{code}/fragment"),
        ("POST", "/j/{code}/send"),
        ("POST", "/j/{code}/retract/{cid}"),
        ("GET", "/api/{code}/state"),
        ("POST", "/api/{code}/contributions"),
        ("DELETE", "/api/{code}/contributions/{cid}"),
        ("GET", "/api/{code}/events"),
        ("POST", "/api/{code}/parking"),
        ("POST", "/j/{code}/park"),
    }


def test_docs_api_lists_exactly_the_routes_the_server_has(server: TestServer) -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text("utf-8")
    documented = set(re.findall(r"^\| `([A-Z]+)` \| `([^`]+)` \|", doc, re.M))
    assert server.app is not None
    served = {
        (route.method, route.resource.canonical)
        for route in server.app.router.routes()
        if route.method != "HEAD" and route.resource is not None
    }
    assert documented == served


# --- pages and static files ---------------------------------------------------------------


async def test_step_page_shows_the_module_and_the_prompt(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "mood")
    text = await (await phone.get(f"/j/{CODE}")).text()
    assert "Andet modul" in text
    assert "Hvor enig er du?" in text
    assert "Vi har tid til det." in text


async def test_fragment_is_the_main_part_without_the_page_around_it(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    response = await phone.get(f"/j/{CODE}/fragment")
    assert response.status == 200
    text = await response.text()
    assert 'id="main"' in text
    assert "<html" not in text


async def test_page_before_the_start_says_the_workshop_has_not_begun(phone: Phone) -> None:
    text = await (await phone.get(f"/j/{CODE}")).text()
    assert t("da", "web.waiting") in text


@pytest.mark.parametrize(
    ("name", "content_type"), [("app.js", "text/javascript"), ("style.css", "text/css")]
)
async def test_static_files_are_served_by_the_laptop(
    phone: Phone, name: str, content_type: str
) -> None:
    response = await phone.get(f"/static/{name}")
    assert response.status == 200
    assert response.content_type == content_type


@pytest.mark.parametrize("path", ["/static/nothing.js", "/static/..%2Fapp.py"])
async def test_only_the_static_files_themselves_are_served(phone: Phone, path: str) -> None:
    response = await phone.get(URL(path, encoded=True))
    assert response.status == 404
    assert "import" not in await response.text()


# --- state --------------------------------------------------------------------------------


async def test_state_describes_the_open_step(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    state = await (await phone.get(f"/api/{CODE}/state")).json()
    assert state["status"] == "running"
    assert state["step"] == {
        "id": "ideas",
        "kind": "text",
        "title": "Idéer",
        "prompt": "Hvad er vi her for?",
        "overall_task": "",
        "open": True,
        "seconds_left": 300,
        "running": False,
        "max_length": 40,
        "max_per_person": 2,
    }
    assert state["module"]["title"] == "Første modul"
    assert state["mine"] == []


async def test_state_before_the_start_has_no_step(phone: Phone) -> None:
    state = await (await phone.get(f"/api/{CODE}/state")).json()
    assert state["status"] == "waiting"
    assert state["step"] is None


async def test_state_of_an_actions_step_names_how_we_will_see_that_it_worked(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "todo")
    state = await (await phone.get(f"/api/{CODE}/state")).json()
    assert state["step"]["evidence_label"] == t("da", "web.action.evidence")
    page = await (await phone.get(f"/j/{CODE}")).text()
    assert f'<label for="evidence">{t("da", "web.action.evidence")}</label>' in page


async def test_state_of_a_vote_lists_its_options_and_dots(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "fixed-vote")
    step = (await (await phone.get(f"/api/{CODE}/state")).json())["step"]
    assert step["options"] == [
        {"id": "1", "label": "Møder"},
        {"id": "2", "label": "Mails"},
        {"id": "3", "label": "Pauser"},
    ]
    assert step["dots"] == 2


async def test_state_of_a_scale_lists_its_statements_and_labelled_ends(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "mood")
    step = (await (await phone.get(f"/api/{CODE}/state")).json())["step"]
    assert step["statements"] == ["Vi ved, hvad vi laver.", "Vi har tid til det."]
    assert (step["low_label"], step["high_label"]) == ("Uenig", "Enig")


async def test_vote_options_are_the_answers_of_the_earlier_step(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    answer = await (await send(phone, "ideas", text="Borgeren først")).json()
    await at(workshop, "dots")
    step = (await (await phone.get(f"/api/{CODE}/state")).json())["step"]
    assert step["options"] == [{"id": answer["id"], "label": "Borgeren først"}]


async def test_state_shows_a_phone_only_its_own_contributions(
    workshop: Workshop, phones: NewPhone
) -> None:
    await at(workshop, "ideas")
    mine, other = phones(), phones()
    created = await (await send(mine, "ideas", text="Min idé")).json()
    own = (await (await mine.get(f"/api/{CODE}/state")).json())["mine"]
    theirs = (await (await other.get(f"/api/{CODE}/state")).json())["mine"]
    assert [(c["id"], c["text"]) for c in own] == [(created["id"], "Min idé")]
    assert theirs == []


# --- submitting: every kind, through the API and through the plain form -------------------

KINDS: list[tuple[str, dict[str, Any], list[tuple[str, str]], dict[str, Any]]] = [
    # step, JSON payload, the same as form fields, what the session file then holds
    (
        "ideas",
        {"text": "Borgeren i centrum"},
        [("text", "Borgeren i centrum")],
        {"text": "Borgeren i centrum"},
    ),
    ("proposal", {"text": "Vi hjælper"}, [("text", "Vi hjælper")], {"text": "Vi hjælper"}),
    (
        "fixed-vote",
        {"dots": {"2": 2}},
        [("dot:1", "0"), ("dot:2", "2"), ("dot:3", "")],
        {"dots": {"2": 2}},
    ),
    (
        "mood",
        {"values": {"0": 4, "1": 2}},
        [("v:0", "4"), ("v:1", "2")],
        {"values": {"0": 4, "1": 2}},
    ),
    ("pick", {"choices": ["2"]}, [("choice", "2")], {"choices": ["2"]}),
    (
        "many",
        {"choices": ["1", "3"]},
        [("choice", "1"), ("choice", "3")],
        {"choices": ["1", "3"]},
    ),
    (
        "top",
        {"ranking": ["3", "1"]},
        [("rank:2", "1"), ("rank:1", "3")],
        {"ranking": ["3", "1"]},
    ),
    (
        "todo",
        {
            "what": "Kortere møder",
            "who": "Anna",
            "when": "1. december",
            "evidence": "Vi går til tiden",
        },
        [
            ("what", "Kortere møder"),
            ("who", "Anna"),
            ("when", "1. december"),
            ("evidence", "Vi går til tiden"),
        ],
        {
            "what": "Kortere møder",
            "who": "Anna",
            "when": "1. december",
            "evidence": "Vi går til tiden",
        },
    ),
]


@pytest.mark.parametrize(("step", "payload", "fields", "expected"), KINDS)
async def test_each_kind_is_taken_through_the_json_api(
    workshop: Workshop,
    phone: Phone,
    step: str,
    payload: dict[str, Any],
    fields: list[tuple[str, str]],
    expected: dict[str, Any],
) -> None:
    await at(workshop, step)
    response = await send(phone, step, **payload)
    assert response.status == 201
    created = await response.json()
    assert set(created) == {"id"}
    (doc,) = stored(workshop)
    assert doc["id"] == created["id"]
    assert doc["step_id"] == step
    assert {key: doc[key] for key in expected} == expected


@pytest.mark.parametrize(("step", "payload", "fields", "expected"), KINDS)
async def test_each_kind_is_taken_through_the_form_without_javascript(
    workshop: Workshop,
    phone: Phone,
    step: str,
    payload: dict[str, Any],
    fields: list[tuple[str, str]],
    expected: dict[str, Any],
) -> None:
    await at(workshop, step)
    form = [("step", step), ("client_id", "form-1"), *fields]
    response = await post_form(phone, f"/j/{CODE}/send", form)
    assert response.status == 303
    location = response.headers["Location"]
    assert location.startswith(f"/j/{CODE}?sent=1")
    (doc,) = stored(workshop)
    assert {key: doc[key] for key in expected} == expected
    page = await (await phone.get(location)).text()
    assert f"/j/{CODE}/retract/{doc['id']}" in page
    if "text" in expected:
        assert expected["text"] in page


async def test_a_submit_is_answered_only_once_it_is_on_disk(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    created = await (await send(phone, "ideas", text="Gemt på disken")).json()
    assert [doc["id"] for doc in stored(workshop)] == [created["id"]]


async def test_the_same_client_id_sent_twice_gives_one_contribution(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    first = await send(phone, "ideas", client_id="dobbelt-tryk", text="Én gang")
    second = await send(phone, "ideas", client_id="dobbelt-tryk", text="Én gang")
    assert (await first.json()) == (await second.json())
    assert len(stored(workshop)) == 1


async def test_two_phones_sending_the_same_client_id_give_two_contributions(
    workshop: Workshop, phones: NewPhone
) -> None:
    await at(workshop, "ideas")
    await send(phones(), "ideas", client_id="samme", text="A")
    await send(phones(), "ideas", client_id="samme", text="B")
    assert [doc["text"] for doc in stored(workshop)] == ["A", "B"]


async def test_a_form_without_a_client_id_is_still_taken(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    response = await post_form(phone, f"/j/{CODE}/send", {"step": "ideas", "text": "Uden id"})
    assert response.status == 303
    assert [doc["text"] for doc in stored(workshop)] == ["Uden id"]


async def test_a_refused_form_shows_why_and_keeps_what_was_typed(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    typed = "x" * 41
    response = await post_form(
        phone, f"/j/{CODE}/send", {"step": "ideas", "client_id": "f", "text": typed}
    )
    assert response.status == 422
    page = await response.text()
    assert t("da", "refuse.too_long", limit=40, length=41) in page
    assert typed in page


def answer_form(page: str) -> str:
    """The answer form of a page, from its opening tag to its end."""
    found = re.search(r'<form id="answer".*?</form>', page, re.S)
    assert found, "the page has no answer form"
    return found.group(0)


async def test_a_step_whose_time_is_up_shows_its_form_disabled_and_says_why(
    workshop: Workshop, phone: Phone, clock: Any
) -> None:
    await workshop.go_to("ideas", run_timer=True)
    clock.advance(5 * 60 + 1)
    page = await (await phone.get(f"/j/{CODE}")).text()
    form = answer_form(page)
    assert re.search(r'<fieldset id="answer-fields" disabled>', form)
    assert 'aria-describedby="closed-note"' in form
    assert t("da", "web.closed") in page


async def test_an_open_step_shows_its_form_enabled(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    form = answer_form(await (await phone.get(f"/j/{CODE}")).text())
    assert '<fieldset id="answer-fields">' in form


async def test_a_form_sent_too_late_without_script_comes_back_disabled_with_the_draft(
    workshop: Workshop, phone: Phone, clock: Any
) -> None:
    await workshop.go_to("ideas", run_timer=True)
    clock.advance(5 * 60 + 1)
    response = await post_form(
        phone, f"/j/{CODE}/send", {"step": "ideas", "client_id": "sent", "text": "For sent"}
    )
    assert response.status == 409
    page = await response.text()
    form = answer_form(page)
    assert "disabled" in form and "For sent" in form
    assert t("da", "refuse.step_closed") in page


@pytest.mark.parametrize(
    ("step", "key"), [("dots", "web.dots.none"), ("carry-rank", "web.rank.none")]
)
async def test_a_vote_over_an_earlier_step_without_answers_says_there_is_nothing_yet(
    workshop: Workshop, phone: Phone, step: str, key: str
) -> None:
    await at(workshop, step)
    page = await (await phone.get(f"/j/{CODE}")).text()
    assert t("da", key) in page
    assert 'id="answer"' not in page
    assert "Prikker tilbage" not in page


@pytest.mark.parametrize("kind", [StepKind.POINTS, StepKind.MATRIX])
def test_points_and_a_matrix_over_an_earlier_step_without_answers_say_so(kind: StepKind) -> None:
    answered = WEB_KINDS[kind].answered
    assert answered({"options": []}, []) == "web.options.none"
    assert answered({"options": [{"id": "a", "label": "A"}]}, []) is None


async def test_a_vote_over_an_earlier_step_with_answers_has_its_form(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    await send(phone, "ideas", text="Mere tid")
    await at(workshop, "dots")
    page = await (await phone.get(f"/j/{CODE}")).text()
    assert "Mere tid" in answer_form(page)
    assert t("da", "web.dots.none") not in page


# --- retracting ---------------------------------------------------------------------------


async def test_a_phone_retracts_its_own_contribution(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    created = await (await send(phone, "ideas", text="Fortryd mig")).json()
    response = await phone.delete(f"/api/{CODE}/contributions/{created['id']}")
    assert response.status == 204
    assert stored(workshop)[0]["retracted"] is True
    assert (await (await phone.get(f"/api/{CODE}/state")).json())["mine"] == []


async def test_a_retract_of_someone_elses_contribution_is_refused(
    workshop: Workshop, phones: NewPhone
) -> None:
    await at(workshop, "ideas")
    owner, stranger = phones(), phones()
    created = await (await send(owner, "ideas", text="Mit")).json()
    response = await stranger.delete(f"/api/{CODE}/contributions/{created['id']}")
    await expect_error(response, 404, "not_found", "refuse.not_yours")
    assert stored(workshop)[0]["retracted"] is False


async def test_a_retract_of_an_unknown_contribution_is_404(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    response = await phone.delete(f"/api/{CODE}/contributions/findesikke")
    await expect_error(response, 404, "not_found", "refuse.not_yours")


async def test_the_form_retract_redirects_back_to_the_page(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    created = await (await send(phone, "ideas", text="Væk")).json()
    response = await post_form(phone, f"/j/{CODE}/retract/{created['id']}", {})
    assert response.status == 303
    assert response.headers["Location"] == f"/j/{CODE}?retracted=1"
    assert stored(workshop)[0]["retracted"] is True


# --- errors: status, code and a message in the plan's language ----------------------------


async def test_invalid_json_is_400(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    response = await phone.post(
        f"/api/{CODE}/contributions",
        data=b'{"step": "ideas", "client_id": ',
        headers={"Content-Type": "application/json"},
    )
    await expect_error(response, 400, "malformed", "web.error.malformed")


async def test_missing_fields_are_400(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    response = await phone.post(f"/api/{CODE}/contributions", json={"text": "uden trin"})
    await expect_error(response, 400, "malformed", "web.error.malformed")


async def test_a_json_body_that_is_not_an_object_is_400(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    response = await phone.post(f"/api/{CODE}/contributions", json=["ideas", "c1"])
    await expect_error(response, 400, "malformed", "web.error.malformed")


async def test_a_wrong_content_type_is_415(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    response = await phone.post(
        f"/api/{CODE}/contributions",
        data='{"step": "ideas", "client_id": "c", "text": "hej"}',
        headers={"Content-Type": "text/plain"},
    )
    await expect_error(response, 415, "media_type", "web.error.media")


async def test_a_one_megabyte_body_is_413(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    body = b'{"step": "ideas", "client_id": "c", "text": "' + b"x" * 1_000_000 + b'"}'
    response = await phone.post(
        f"/api/{CODE}/contributions", data=body, headers={"Content-Type": "application/json"}
    )
    await expect_error(response, 413, "too_large", "web.error.too_large")
    await still_serving(phone)


async def test_a_body_streamed_without_a_length_is_cut_off_at_the_limit(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(100):
            yield b"x" * 10_000

    response = await phone.post(
        f"/api/{CODE}/contributions", data=chunks(), headers={"Content-Type": "application/json"}
    )
    await expect_error(response, 413, "too_large", "web.error.too_large")


async def test_a_one_megabyte_form_is_413_with_a_page(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    response = await post_form(
        phone, f"/j/{CODE}/send", {"step": "ideas", "client_id": "c", "text": "x" * 1_000_000}
    )
    assert response.status == 413
    assert t("da", "web.error.too_large") in await response.text()


async def test_a_submit_to_a_closed_step_is_409(
    workshop: Workshop, phone: Phone, clock: Any
) -> None:
    await workshop.go_to("ideas", run_timer=True)
    clock.advance(5 * 60 + 1)
    response = await send(phone, "ideas", text="For sent")
    await expect_error(response, 409, "closed", "refuse.step_closed")


async def test_a_submit_to_a_step_that_is_no_longer_open_is_409(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    await workshop.next_step()
    response = await send(phone, "ideas", text="Gammelt trin")
    await expect_error(response, 409, "closed", "refuse.not_current_step")


async def test_a_submit_before_the_start_is_409(phone: Phone) -> None:
    response = await send(phone, "ideas", text="For tidligt")
    await expect_error(response, 409, "closed", "refuse.not_started")


async def test_a_payload_of_the_wrong_kind_is_409(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "fixed-vote")
    response = await send(phone, "fixed-vote", text="Tekst til en afstemning")
    await expect_error(response, 409, "wrong_kind", "refuse.wrong_kind")


async def test_a_submit_to_a_step_without_input_is_409(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "pairs")
    response = await send(phone, "pairs", text="Hej")
    await expect_error(response, 409, "wrong_kind", "refuse.no_input")


async def test_an_empty_text_is_422(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    response = await send(phone, "ideas", text="  \n\t ")
    await expect_error(response, 422, "invalid", "refuse.empty")


async def test_a_text_that_is_too_long_is_422(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    response = await send(phone, "ideas", text="å" * 41)
    await expect_error(response, 422, "invalid", "refuse.too_long", limit=40, length=41)


async def test_an_unknown_option_is_422(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "pick")
    response = await send(phone, "pick", choices=["99"])
    await expect_error(response, 422, "invalid", "refuse.unknown_option")


async def test_too_many_dots_is_422(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "fixed-vote")
    response = await send(phone, "fixed-vote", dots={"1": 1, "2": 1, "3": 1})
    await expect_error(response, 422, "invalid", "refuse.too_many_dots", limit=2)


async def test_dots_over_two_submits_are_422(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "fixed-vote")
    assert (await send(phone, "fixed-vote", client_id="a", dots={"1": 2})).status == 201
    response = await send(phone, "fixed-vote", client_id="b", dots={"2": 1})
    await expect_error(response, 422, "invalid", "refuse.too_many_dots", limit=2)


async def test_too_many_requests_from_one_phone_is_429(
    workshop: Workshop, make_server: MakeServer, phones: Callable[..., Phone]
) -> None:
    await at(workshop, "ideas")
    frozen = RateLimiter(rate=1.0, burst=2.0, clock=lambda: 100.0)
    phone = phones(await make_server(limiter=frozen))
    await phone.get(f"/j/{CODE}")
    for number in range(2):
        assert (await send(phone, "ideas", client_id=str(number), text="hej")).status == 201
    response = await send(phone, "ideas", client_id="3", text="hej")
    await expect_error(response, 429, "rate_limited", "web.error.rate")
    assert int(response.headers["Retry-After"]) >= 1


async def test_the_request_limit_is_per_phone(
    workshop: Workshop, make_server: MakeServer, phones: Callable[..., Phone]
) -> None:
    await at(workshop, "ideas")
    server = await make_server(limiter=RateLimiter(rate=1.0, burst=1.0, clock=lambda: 100.0))
    busy, calm = phones(server), phones(server)
    for phone in (busy, calm):
        await phone.get(f"/j/{CODE}")
    assert (await send(busy, "ideas", client_id="1", text="a")).status == 201
    assert (await send(busy, "ideas", client_id="2", text="b")).status == 429
    assert (await send(calm, "ideas", client_id="1", text="c")).status == 201


async def test_dropping_the_cookie_is_no_way_around_the_limit(
    workshop: Workshop, make_server: MakeServer
) -> None:
    await at(workshop, "ideas")
    server = await make_server(limiter=RateLimiter(rate=1.0, burst=2.0, clock=lambda: 100.0))
    statuses = []
    for number in range(3):
        async with ClientSession(cookie_jar=CookieJar(unsafe=True)) as cookieless:
            response = await cookieless.post(
                server.make_url(f"/api/{CODE}/contributions"),
                json={"step": "ideas", "client_id": str(number), "text": "x"},
            )
            statuses.append(response.status)
    assert statuses == [201, 201, 429]


ENGLISH_PLAN = """\
title = "Trial workshop"
language = "en"

[[modules]]
title = "One module"
focus = "What are we here for?"

[[modules.steps]]
id = "ideas"
kind = "text"
title = "Ideas"
prompt = "What are we here for?"
minutes = 5
"""


async def test_errors_speak_the_plans_language(
    write_plan: Callable[[str, str], Path], data_dir: Path, clock: Any
) -> None:
    english = load_plan(write_plan(ENGLISH_PLAN, "english.toml"))
    workshop = Workshop.create(english, data_dir, clock=clock, join_code=CODE)
    await workshop.open()
    try:
        await at(workshop, "ideas")
        async with (
            TestServer(make_app(workshop), host="127.0.0.1") as server,
            ClientSession(cookie_jar=CookieJar(unsafe=True)) as phone,
        ):
            response = await phone.post(
                server.make_url(f"/api/{CODE}/contributions"),
                json={"step": "ideas", "client_id": "c", "text": ""},
            )
            body = await response.json()
    finally:
        await workshop.shutdown()
    assert body["error"]["message"] == t("en", "refuse.empty")


# --- hostile input ------------------------------------------------------------------------


async def test_markup_and_escape_codes_are_stored_as_harmless_text(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "todo")
    what = "<script>alert(1)</script> [bold red]x[/] \x1b[31mrød\x1b[0m\x1b]8;;http://x\x07"
    assert (await send(phone, "todo", what=what)).status == 201
    assert stored(workshop)[0]["what"] == "<script>alert(1)</script> [bold red]x[/] rød"
    await still_serving(phone)


async def test_markup_is_shown_escaped_on_the_page(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "todo")
    await send(phone, "todo", what="<script>alert(1)</script> <b>fed</b> [bold red]x[/]")
    page = await (await phone.get(f"/j/{CODE}")).text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;fed&lt;/b&gt;" in page
    assert "<script>alert(1)" not in page
    assert "[bold red]x[/]" in page


async def test_a_bidi_override_character_is_removed(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    await send(phone, "ideas", text="abc\u202edef\u2066ghi")
    assert stored(workshop)[0]["text"] == "abcdefghi"
    await still_serving(phone)


async def test_text_is_stored_in_unicode_nfc(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    await send(phone, "ideas", text="bla\u030aba\u0308r")  # å and ä as letter + combining mark
    assert stored(workshop)[0]["text"] == "blåbär"


HOSTILE_BODIES: list[tuple[str, bytes]] = [
    (
        "deep nesting",
        b'{"step": "ideas", "client_id": "c", "text": ' + b"[" * 2000 + b"]" * 2000 + b"}",
    ),
    ("huge number", b'{"step": "ideas", "client_id": "c", "text": 1' + b"0" * 400 + b"}"),
    ("invalid utf-8", b'{"step": "ideas", "client_id": "c", "text": "\xff\xfe"}'),
    ("lone surrogate", b'{"step": "ideas", "client_id": "c", "text": "\\ud800"}'),
    ("text is an object", b'{"step": "ideas", "client_id": "c", "text": {"a": 1}}'),
    ("negative dots", b'{"step": "ideas", "client_id": "c", "dots": {"1": -5}}'),
    ("client id is a number", b'{"step": "ideas", "client_id": 7, "text": "x"}'),
    ("empty body", b""),
]


@pytest.mark.parametrize(("name", "body"), HOSTILE_BODIES, ids=[n for n, _ in HOSTILE_BODIES])
async def test_the_server_keeps_serving_after_a_hostile_body(
    workshop: Workshop, phone: Phone, name: str, body: bytes
) -> None:
    await at(workshop, "ideas")
    response = await phone.post(
        f"/api/{CODE}/contributions", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status in (400, 409, 422)
    await expect_error(response, response.status, (await response.json())["error"]["code"])
    assert stored(workshop) == []
    await still_serving(phone)


async def test_a_null_byte_is_removed_and_the_rest_is_kept(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    body = b'{"step": "ideas", "client_id": "c", "text": "a\\u0000b"}'
    response = await phone.post(
        f"/api/{CODE}/contributions", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status == 201
    assert stored(workshop)[0]["text"] == "ab"
    await still_serving(phone)


async def test_the_server_keeps_serving_after_a_garbled_request(
    workshop: Workshop, server: TestServer, phone: Phone
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(b"GET /\x00\x01 HTTP/9.9\r\nHost: \xff\r\n" + b"X" * 70_000 + b"\r\n\r\n")
    await writer.drain()
    await asyncio.wait_for(reader.read(), WAIT)
    writer.close()
    await still_serving(phone)


async def test_a_phone_that_hangs_up_mid_send_leaves_no_error_and_nothing_stored(
    workshop: Workshop, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    await at(workshop, "ideas")
    caplog.set_level(logging.INFO)
    # Watch the server read the body (the real read runs; only its start and end are noted).
    reading, read_ended = asyncio.Event(), asyncio.Event()
    outcomes: list[object] = []
    real_read = BaseRequest.read

    async def watched_read(request: BaseRequest) -> bytes:
        reading.set()
        try:
            body = await real_read(request)
        except BaseException as error:
            outcomes.append(error)
            raise
        else:
            outcomes.append(body)
            return body
        finally:
            read_ended.set()

    monkeypatch.setattr(BaseRequest, "read", watched_read)
    # The server as `kerne serve` runs it: there, a lost connection does not cancel the
    # handler; it finds out when it reads the rest of the body.
    async with phone_server(workshop, host="127.0.0.1", port=0) as info:
        reader, writer = await asyncio.open_connection("127.0.0.1", info.port)
        head = (
            f"POST /api/{CODE}/contributions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/json\r\nContent-Length: 300\r\n\r\n"
        )
        writer.write(head.encode() + b'{"step": "ideas", "client_id": "half", "te')
        await writer.drain()
        # Hang up only once the server is reading the body, and see the read fail for it.
        await asyncio.wait_for(reading.wait(), WAIT)
        writer.close()
        await writer.wait_closed()
        assert await asyncio.wait_for(reader.read(), WAIT) == b""
        await asyncio.wait_for(read_ended.wait(), WAIT)
        assert len(outcomes) == 1 and isinstance(outcomes[0], ConnectionResetError)
        phone = ClientSession(base_url=f"http://127.0.0.1:{info.port}")
        async with phone:
            await still_serving(phone)
    assert stored(workshop) == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_a_forged_device_cookie_is_replaced_by_a_fresh_one(phone: Phone) -> None:
    response = await phone.get(f"/j/{CODE}", headers={"Cookie": f"{DEVICE_COOKIE}=<script>;x"})
    assert response.status == 200
    given = response.cookies[DEVICE_COOKIE].value
    assert re.fullmatch(r"[0-9a-f]{64}", given)
    await still_serving(phone)


async def test_the_server_log_never_names_the_phones_address(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="kerne.web.server")
    anonymous_server_logger().error("Error handling request from %s", "192.168.1.23")
    anonymous_server_logger().error("Error handling request from %s", "fe80::1:2ff:fe3:4")
    assert "192.168.1.23" not in caplog.text
    assert "fe80::1:2ff:fe3:4" not in caplog.text
    assert "Error handling request" in caplog.text


# --- cross-site protection, cookies and headers -------------------------------------------


async def test_a_form_posted_from_another_site_is_refused(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "ideas")
    response = await phone.post(
        f"/j/{CODE}/send",
        data={"step": "ideas", "client_id": "c", "text": "forfalsket"},
        headers={"Origin": "http://evil.example"},
        allow_redirects=False,
    )
    assert response.status == 403
    assert t("da", "web.error.forbidden") in await response.text()
    assert stored(workshop) == []
    await still_serving(phone)


async def test_a_cross_site_request_without_origin_is_refused(
    workshop: Workshop, server: TestServer
) -> None:
    await at(workshop, "ideas")
    async with ClientSession() as browser:
        response = await browser.post(
            server.make_url(f"/api/{CODE}/contributions"),
            json={"step": "ideas", "client_id": "c", "text": "forfalsket"},
            headers={"Sec-Fetch-Site": "cross-site"},
        )
        await expect_error(response, 403, "forbidden", "web.error.forbidden")
    assert stored(workshop) == []


async def test_a_form_from_the_public_address_is_accepted(
    workshop: Workshop, make_server: MakeServer, phones: Callable[..., Phone]
) -> None:
    await at(workshop, "ideas")
    phone = phones(await make_server(public_url="https://kerne.example.org/"))
    response = await phone.post(
        f"/j/{CODE}/send",
        data={
            "step": "ideas",
            "client_id": "c",
            "text": "via tunnel",
            "csrf": await form_token(phone, CODE),
        },
        headers={"Origin": "https://kerne.example.org"},
        allow_redirects=False,
    )
    assert response.status == 303


async def test_a_form_with_the_wrong_form_token_is_refused(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    await phone.get(f"/j/{CODE}")
    response = await post_form(
        phone,
        f"/j/{CODE}/send",
        {"step": "ideas", "client_id": "c", "text": "x", "csrf": "gæt"},
    )
    assert response.status == 403
    assert stored(workshop) == []


async def test_a_form_with_its_phones_form_token_is_taken(workshop: Workshop, phone: Phone) -> None:
    from kerne_tui.web.forms import form_token

    await at(workshop, "ideas")
    await phone.get(f"/j/{CODE}")
    token = form_token(workshop, device_cookie(phone))
    response = await post_form(
        phone, f"/j/{CODE}/send", {"step": "ideas", "client_id": "c", "text": "x", "csrf": token}
    )
    assert response.status == 303


async def test_the_device_cookie_is_http_only_and_same_site(phone: Phone) -> None:
    response = await phone.get(f"/j/{CODE}")
    cookie = response.cookies[DEVICE_COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


async def test_a_phone_keeps_its_cookie_across_requests(phone: Phone) -> None:
    await phone.get("/")
    response = await phone.get("/")
    assert DEVICE_COOKIE not in response.cookies


async def test_a_form_from_a_phone_without_a_cookie_is_refused_and_says_reload(
    workshop: Workshop, phone: Phone
) -> None:
    # A form made on another site reaches kerne without the phone's cookie (SameSite=Lax)
    # and without a token this phone was given.
    await at(workshop, "ideas")
    response = await phone.post(
        f"/j/{CODE}/send", data={"step": "ideas", "text": "Første gang"}, allow_redirects=False
    )
    assert response.status == 403
    assert t("da", "web.error.forbidden") in await response.text()
    assert stored(workshop) == []
    # The phone that loads the page first (as every browser does) posts its form fine.
    response = await post_form(phone, f"/j/{CODE}/send", {"step": "ideas", "text": "Første gang"})
    assert response.status == 303
    page = await (await phone.get(response.headers["Location"])).text()
    assert "Første gang" in page


PAGES = ["/", f"/j/{CODE}", f"/j/{CODE}/fragment", "/j/ZZZZZ", "/findes-ikke"]


@pytest.mark.parametrize("path", [*PAGES, f"/api/{CODE}/state", "/static/app.js"])
async def test_every_response_carries_a_strict_content_security_policy(
    workshop: Workshop, phone: Phone, path: str
) -> None:
    await at(workshop, "ideas")
    response = await phone.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_the_event_stream_carries_the_security_headers_too(phone: Phone) -> None:
    response = await phone.get(f"/api/{CODE}/events")
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    response.close()


async def every_page(workshop: Workshop, phone: Phone) -> dict[str, str]:
    """Every page, fragment, JSON answer and static file a phone may get, by address."""
    found: dict[str, str] = {}

    async def fetch(path: str, key: str | None = None) -> None:
        found[key or path] = await (await phone.get(path)).text()

    for path in PAGES:
        await fetch(path, f"before start {path}")
    await at(workshop, "ideas")
    await send(phone, "ideas", text="Et svar med <b>markup</b>")
    for step in workshop.plan.steps:
        await at(workshop, step.id)
        for path in (f"/j/{CODE}", f"/j/{CODE}/fragment", f"/api/{CODE}/state"):
            await fetch(path, f"{step.id} {path}")
    token = re.search(r'name="csrf" value="([^"]+)"', "".join(found.values()))
    assert token is not None
    form = {"step": "todo", "what": "", "csrf": token.group(1)}
    refused = await post_form(phone, f"/j/{CODE}/send", form)
    found["refused form"] = await refused.text()
    await workshop.close()
    await fetch(f"/j/{CODE}", "finished")
    referenced = set()
    for text in found.values():
        referenced.update(re.findall(r"""(?:src|href)=["'](/static/[^"']+)["']""", text))
    for path in referenced | {"/static/app.js", "/static/style.css"}:
        await fetch(path)
    return found


async def test_no_page_or_response_references_any_external_host(
    workshop: Workshop, server: TestServer, phone: Phone
) -> None:
    own = str(server.make_url("/")).rstrip("/")
    for where, text in (await every_page(workshop, phone)).items():
        # An XML namespace (an SVG's xmlns) is a name, never fetched.
        text = re.sub(r"""xmlns(?::\w+)?=["'][^"']*["']""", "", text)
        for url in re.findall(r"""https?://[^\s"'<>)]+""", text, re.I):
            assert url.startswith(own), f"{where} refers to {url}"
        assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*//""", text, re.I), where
        assert not re.search(r"""url\(\s*["']?\s*//""", text, re.I), where
        assert "@import" not in text, where


async def test_no_page_has_inline_script_or_event_handlers(
    workshop: Workshop, phone: Phone
) -> None:
    for where, text in (await every_page(workshop, phone)).items():
        if where.startswith("/static/") or "/api/" in where:
            continue
        for tag in re.findall(r"<script\b[^>]*>", text, re.I):
            assert re.search(r"\ssrc=", tag), f"inline script in {where}: {tag}"
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", text, re.I), f"event handler in {where}"


async def test_no_page_has_inline_styles_the_policy_would_block(
    workshop: Workshop, phone: Phone
) -> None:
    for where, text in (await every_page(workshop, phone)).items():
        if where.startswith("/static/") or "/api/" in where:
            continue
        assert "<style" not in text.lower(), where
        assert not re.search(r"<[^>]+\sstyle\s*=", text, re.I), where


# --- what is on disk ----------------------------------------------------------------------


async def test_the_session_file_holds_no_address_agent_or_device_token(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    headers = {"User-Agent": HOSTILE_AGENT, "X-Forwarded-For": HOSTILE_FORWARDED}
    await phone.get(f"/j/{CODE}", headers=headers)
    await phone.post(
        f"/api/{CODE}/contributions",
        json={"step": "ideas", "client_id": "c", "text": "Anonymt"},
        headers=headers,
    )
    token = device_cookie(phone)
    # The answer may still be in the journal beside the file: neither holds any of it.
    journal = journal_path(workshop.path)
    raw = workshop.path.read_text(encoding="utf-8") + (
        journal.read_text(encoding="utf-8") if journal.exists() else ""
    )
    assert "Anonymt" in raw
    for secret in (HOSTILE_AGENT, "Kerne-Spion", HOSTILE_FORWARDED, "127.0.0.1", token):
        assert secret not in raw
    assert stored(workshop)[0]["device"] == workshop.device_key(token)


# --- live events --------------------------------------------------------------------------


async def test_the_first_event_is_the_current_state(workshop: Workshop, phone: Phone) -> None:
    await at(workshop, "mood")
    response = await phone.get(f"/api/{CODE}/events")
    assert response.status == 200
    assert response.content_type == "text/event-stream"
    first = await next_event(response)
    assert event_data(first) == {
        "status": "running",
        "step": "mood",
        "open": True,
        "seconds_left": 120,
        "running": False,
        "version": 1,
    }
    response.close()


async def test_the_first_event_tells_the_browser_when_to_reconnect(phone: Phone) -> None:
    response = await phone.get(f"/api/{CODE}/events")
    assert (await next_event(response)).startswith(b"retry: 2000\n")
    response.close()


async def open_stream(phone: Phone) -> ClientResponse:
    """Connect to the event stream and read past its first message (the current state)."""
    response = await phone.get(f"/api/{CODE}/events")
    await next_event(response)
    return response


async def test_a_step_change_reaches_a_connected_phone_as_one_small_message(
    workshop: Workshop, server: TestServer, phone: Phone
) -> None:
    await at(workshop, "ideas")
    stream = await open_stream(phone)
    hub = server.app[HUB] if server.app else None
    assert hub is not None
    before = hub.messages_sent
    await workshop.next_step()
    message = await next_event(stream)
    assert event_data(message)["step"] == "pairs"
    assert len(message) < 200
    assert hub.messages_sent - before == 1
    stream.close()


async def test_a_contribution_sends_nothing_to_the_phones(
    workshop: Workshop, phones: NewPhone
) -> None:
    await at(workshop, "ideas")
    watcher, writer = phones(), phones()
    stream = await open_stream(watcher)
    assert (await send(writer, "ideas", text="Stille")).status == 201
    await workshop.next_step()
    # The next thing on the stream is the step change: the contribution sent nothing.
    assert event_data(await next_event(stream))["step"] == "pairs"
    stream.close()


async def test_a_paused_timer_reaches_the_phones(workshop: Workshop, phone: Phone) -> None:
    await workshop.go_to("ideas", run_timer=True)
    stream = await open_stream(phone)
    await workshop.toggle_timer()
    assert event_data(await next_event(stream))["running"] is False
    stream.close()


async def test_a_step_closing_at_zero_reaches_the_phones(
    workshop: Workshop, phone: Phone, clock: Any
) -> None:
    await workshop.go_to("ideas", run_timer=True)
    stream = await open_stream(phone)
    clock.advance(5 * 60)
    workshop.tick()
    state = event_data(await next_event(stream))
    assert (state["step"], state["open"], state["seconds_left"]) == ("ideas", False, 0)
    stream.close()


async def test_a_pinned_sentence_reaches_the_phones_as_a_new_version(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "proposal")
    stream = await open_stream(phone)
    before = (await (await phone.get(f"/api/{CODE}/state")).json())["version"]
    await workshop.pin("Vi er her for borgeren.")
    assert event_data(await next_event(stream))["version"] == before + 1
    stream.close()


async def test_hiding_an_option_of_the_open_vote_reaches_the_phones_as_a_new_version(
    workshop: Workshop, phone: Phone
) -> None:
    await at(workshop, "ideas")
    created = await (await send(phone, "ideas", text="Dublet")).json()
    await at(workshop, "dots")
    stream = await open_stream(phone)
    before = (await (await phone.get(f"/api/{CODE}/state")).json())["version"]
    await workshop.toggle_hidden(created["id"])
    assert event_data(await next_event(stream))["version"] == before + 1
    stream.close()


async def test_the_stream_sends_keepalive_comments_when_idle(
    make_server: MakeServer, phones: Callable[..., Phone]
) -> None:
    phone = phones(await make_server(keepalive=0.01))
    stream = await open_stream(phone)
    assert await next_event(stream) == b": keepalive\n\n"
    stream.close()


async def test_the_stream_ends_when_the_server_stops(server: TestServer, phone: Phone) -> None:
    stream = await open_stream(phone)
    assert server.app is not None
    server.app[HUB].close()
    assert await asyncio.wait_for(stream.content.read(), WAIT) == b""


async def test_the_event_stream_of_an_unknown_code_is_404(phone: Phone) -> None:
    response = await phone.get("/api/ZZZZZ/events")
    await expect_error(response, 404, "unknown_code")


# --- limits and addresses -----------------------------------------------------------------


def test_the_body_limit_is_eight_kib_for_ordinary_plans(plan: Plan) -> None:
    assert body_limit_for(max(s.max_length for s in plan.steps)) == BODY_LIMIT == 8 * 1024


def test_the_body_limit_grows_so_a_long_answer_is_too_long_not_too_large() -> None:
    assert body_limit_for(2000) >= 2000 * 6


def test_the_rate_limiter_refills_with_time() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=1.0, clock=lambda: now[0])
    assert limiter.allow("phone")
    assert not limiter.allow("phone")
    now[0] += 0.5
    assert limiter.allow("phone")


def test_the_lan_address_prefers_the_wifi_over_containers_and_loopback() -> None:
    candidates = [
        Candidate("127.0.0.1", "lo"),
        Candidate("172.17.0.1", "docker0"),
        Candidate("10.20.30.40", "wlan0"),
        Candidate("169.254.3.3", "eth1"),
    ]
    assert best_lan_address(candidates) == "10.20.30.40"


def test_the_lan_address_prefers_a_home_network_range() -> None:
    assert best_lan_address(["172.20.0.5", "192.168.1.20", "10.0.0.9"]) == "192.168.1.20"


def test_finding_the_lan_address_sends_nothing_on_the_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("finding the address must not send or look anything up")

    for name in ("send", "sendto", "sendall", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse)
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
        monkeypatch.setattr(socket, name, refuse)
    found = candidate_addresses()
    assert all(isinstance(candidate, Candidate) for candidate in found)


def test_no_lan_address_when_there_is_only_loopback() -> None:
    assert best_lan_address([Candidate("127.0.0.1", "lo")]) is None


async def test_the_public_url_replaces_the_found_address(workshop: Workshop) -> None:
    async with phone_server(
        workshop, host="127.0.0.1", port=0, public_url="https://kerne.example.org/"
    ) as info:
        assert info.url == f"https://kerne.example.org/j/{CODE}"
        assert info.port != 0


async def test_the_server_bound_to_one_host_shows_that_host(workshop: Workshop) -> None:
    async with phone_server(workshop, host="127.0.0.1", port=0) as info:
        assert info.url == f"http://127.0.0.1:{info.port}/j/{CODE}"
        assert not info.port_moved


async def test_a_taken_port_moves_to_the_next_free_one(workshop: Workshop) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        wanted = taken.getsockname()[1]
        async with phone_server(workshop, host="127.0.0.1", port=wanted) as info:
            assert info.port > wanted
            assert info.port_moved


# --- kerne serve, end to end --------------------------------------------------------------


async def start_serve(plan_path: Path, data_dir: Path, *extra: str) -> asyncio.subprocess.Process:
    """Run ``kerne serve`` as its own process on 127.0.0.1."""
    env = {**os.environ, "KERNE_LANG": "en", "PYTHONUNBUFFERED": "1"}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "kerne_tui",
        "serve",
        str(plan_path),
        "--host",
        "127.0.0.1",
        "--data-dir",
        str(data_dir),
        *extra,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )


async def join_line(process: asyncio.subprocess.Process) -> str:
    """The first line ``kerne serve`` prints."""
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), 30)
    return line.decode().strip()


async def stop(process: asyncio.subprocess.Process) -> tuple[int, str]:
    """SIGTERM, then the exit code and what was written to stderr."""
    process.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode is not None
    return process.returncode, err.decode()


@pytest.fixture
async def serve_processes() -> AsyncIterator[list[asyncio.subprocess.Process]]:
    """Processes a test starts; any still running at the end is killed (by its own handle)."""
    started: list[asyncio.subprocess.Process] = []
    yield started
    for process in started:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_kerne_serve_takes_a_contribution_over_http_and_saves_it_on_sigterm(
    plan_path: Path, data_dir: Path, serve_processes: list[asyncio.subprocess.Process]
) -> None:
    process = await start_serve(plan_path, data_dir, "--port", "0")
    serve_processes.append(process)
    line = await join_line(process)
    match = re.fullmatch(r"JOIN (http://127\.0\.0\.1:(\d+))/j/([A-Z0-9]+)", line)
    assert match, line
    base, port, code = match.group(1), int(match.group(2)), match.group(3)
    assert port != 0
    headers = {"User-Agent": HOSTILE_AGENT, "X-Forwarded-For": HOSTILE_FORWARDED}
    timeout = ClientTimeout(total=WAIT * 2)
    async with ClientSession(
        cookie_jar=CookieJar(unsafe=True), headers=headers, timeout=timeout
    ) as phone:
        page = await phone.get(f"{base}/j/{code.lower()}")
        assert page.status == 200
        state = await (await phone.get(f"{base}/api/{code}/state")).json()
        step = state["step"]["id"]
        response = await phone.post(
            f"{base}/api/{code}/contributions",
            json={"step": step, "client_id": "e2e", "text": "Over rigtig HTTP"},
        )
        assert response.status == 201
        stream = await phone.get(f"{base}/api/{code}/events")
        await next_event(stream)
        returncode, err = await stop(process)
        assert returncode == 0, err
        stream.close()
    (session_file,) = data_dir.glob("*.json")
    docs = rows(read_session_data(session_file), "contributions")
    assert [doc["text"] for doc in docs] == ["Over rigtig HTTP"]
    for path in data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert HOSTILE_AGENT.encode() not in content, path
            assert HOSTILE_FORWARDED.encode() not in content, path


async def test_kerne_serve_moves_on_from_a_taken_port(
    plan_path: Path, data_dir: Path, serve_processes: list[asyncio.subprocess.Process]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        wanted = taken.getsockname()[1]
        process = await start_serve(plan_path, data_dir, "--port", str(wanted))
        serve_processes.append(process)
        line = await join_line(process)
        port = URL(line.removeprefix("JOIN ")).port
        assert port is not None and port > wanted, line
        returncode, err = await stop(process)
    assert returncode == 0
    assert t("en", "cli.port_moved", wanted=wanted, port=port) in err
