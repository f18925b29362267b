"""Issue 16's "done when" in one session: a plan with all four new kinds and the parking lot.

The plan (``tests/data/all-new-kinds.toml``) is checked by the loader and by ``kerne validate``.
Then it is served on 127.0.0.1 and the facilitator moves through it with the workshop's own
commands. At each kind three phones answer through the JSON API, a fourth through the
no-script form with the field names its page shows, and a disruptor's hostile payload gets a
4xx with nothing stored. Phones park questions and upvote them at any step; the facilitator
closes each item at the review step. The archive's Markdown report must then hold each
kind's results and every parked item with its end state. Each phone has its own loopback
address (127.0.0.2, ...), so issue 18's per-address admission never stands in the way.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar, TCPConnector
from aiohttp.test_utils import TestServer
from support import JOIN_CODE, load_test_plan, plan_file

from kerne_tui.archive import write_archive
from kerne_tui.plan import Plan, StepKind, load_plan
from kerne_tui.rehearsal.addresses import own_addresses_work, phone_address
from kerne_tui.store import read_session_data, rows
from kerne_tui.web import make_app
from kerne_tui.workshop import Workshop
from kerne_tui.workshop.parking import PARKING_STEP_ID, Outcome

PLAN = "all-new-kinds"
KERNE = Path(sys.executable).parent / "kerne"
WAIT = ClientTimeout(total=10)

pytestmark = pytest.mark.skipif(
    not own_addresses_work(), reason="this machine answers only on 127.0.0.1"
)


@pytest.fixture
def plan() -> Plan:
    """This module's plan in place of the shared small plan (conftest's workshop uses it)."""
    return load_test_plan(PLAN)


# --- validation ------------------------------------------------------------------------


def test_the_plan_with_every_new_kind_and_the_parking_lot_validates() -> None:
    plan = load_plan(plan_file(PLAN))
    assert plan.parking_lot
    kinds = [step.kind for step in plan.steps]
    assert kinds == [
        StepKind.WORDS,
        StepKind.QUESTIONS,
        StepKind.POINTS,
        StepKind.MATRIX,
        StepKind.DISCUSS,
    ]
    assert plan.step("parkering").parking
    result = subprocess.run(
        [str(KERNE), "validate", str(plan_file(PLAN))],
        capture_output=True,
        text=True,
        timeout=30,
        env={"KERNE_LANG": "da", "PATH": str(KERNE.parent)},
    )
    assert result.returncode == 0, result.stderr
    assert "gyldig (3 moduler, 5 trin" in result.stdout


# --- phones ----------------------------------------------------------------------------


@dataclass
class Form:
    """One form of a phone's page: where it posts, its hidden fields, the fields one fills in."""

    action: str
    classes: str
    hidden: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)

    def filled(self, *values: tuple[str, str]) -> list[tuple[str, str]]:
        """The fields a browser posts: the hidden ones, then *values* as typed."""
        return [*self.hidden.items(), *values]


class Page(HTMLParser):
    """The forms of the page a phone without JavaScript gets, read as a browser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.forms: dict[str, Form] = {}
        self._open: Form | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._open = Form(attributes["action"], attributes.get("class", ""))
            name = attributes.get("id") or f"form-{len(self.forms)}"
            self.forms[name] = self._open
        elif self._open is not None and "name" in attributes and tag != "button":
            name = attributes["name"]
            if attributes.get("type") == "hidden":
                self._open.hidden[name] = attributes.get("value", "")
            elif name not in self._open.names:
                self._open.names.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None

    @property
    def answer(self) -> Form:
        return self.forms["answer"]

    def upvote(self, upvote_id: str) -> Form:
        """The upvote button's form for the question or parked item *upvote_id*."""
        for form in self.forms.values():
            if "upvote" in form.classes.split() and form.hidden.get("upvote") == upvote_id:
                return form
        raise AssertionError(f"no upvote button for {upvote_id!r} on the page")

    @property
    def park(self) -> Form:
        """The parking lot's form, always on the page."""
        for form in self.forms.values():
            if form.action.endswith("/park") and "upvote" not in form.classes.split():
                return form
        raise AssertionError("no parking form on the page")


@dataclass
class Phone:
    """One simulated phone: its own cookie jar and its own loopback address."""

    session: ClientSession
    answers: list[str] = field(default_factory=list)

    async def send(self, step: str, **payload: Any) -> tuple[int, dict[str, Any]]:
        """Answer *step* through the JSON API, as the page's script does."""
        client_id = f"c{len(self.answers)}"
        self.answers.append(client_id)
        body = {"step": step, "client_id": client_id, **payload}
        async with self.session.post(f"/api/{JOIN_CODE}/contributions", json=body) as response:
            return response.status, await response.json()

    async def park(self, **payload: Any) -> tuple[int, dict[str, Any]]:
        """Park a question (``text``) or upvote a parked one (``upvote``) through the API."""
        client_id = f"p{len(self.answers)}"
        self.answers.append(client_id)
        body = {"client_id": client_id, **payload}
        async with self.session.post(f"/api/{JOIN_CODE}/parking", json=body) as response:
            return response.status, await response.json()

    async def state(self) -> dict[str, Any]:
        async with self.session.get(f"/api/{JOIN_CODE}/state") as response:
            return dict(await response.json())

    async def page(self) -> Page:
        """The page a phone without JavaScript gets."""
        async with self.session.get(f"/j/{JOIN_CODE}") as response:
            assert response.status == 200
            return Page(await response.text())

    async def post_form(self, form: Form, fields: list[tuple[str, str]]) -> int:
        """Post a plain *form* with *fields*, as a browser without JavaScript does."""
        async with self.session.post(form.action, data=fields, allow_redirects=False) as response:
            await response.read()
            return response.status


@dataclass
class Room:
    """The phone server on 127.0.0.1 and a way to bring in phones."""

    server: TestServer
    sessions: list[ClientSession] = field(default_factory=list)

    def phone(self) -> Phone:
        base = self.server.make_url("/")
        session = ClientSession(
            base_url=base,
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(phone_address(len(self.sessions)), 0)),
            headers={"Origin": str(base.origin())},
            timeout=WAIT,
        )
        self.sessions.append(session)
        return Phone(session)


@pytest.fixture
async def room(workshop: Workshop) -> AsyncIterator[Room]:
    server = TestServer(make_app(workshop), host="127.0.0.1")
    await server.start_server()
    made = Room(server)
    try:
        yield made
    finally:
        for session in made.sessions:
            await session.close()
        await server.close()


def stored(workshop: Workshop, step_id: str) -> list[dict[str, Any]]:
    """What the session file holds for *step_id*: nothing a refused payload sent is there."""
    return [
        doc
        for doc in rows(read_session_data(workshop.path), "contributions")
        if doc["step_id"] == step_id
    ]


async def refused(
    workshop: Workshop, step_id: str, attempt: Callable[[], Any], status: int
) -> None:
    """The hostile *attempt* gets *status* with a message, and the session file is unchanged."""
    before = stored(workshop, step_id)
    got, body = await attempt()
    assert got == status, body
    assert body["error"]["message"]
    assert stored(workshop, step_id) == before


def section(report: str, heading: str) -> str:
    """The part of the Markdown *report* under the heading that ends with *heading*."""
    match = re.search(rf"^#+ [^\n]*{re.escape(heading)}\n(.*?)(?=^#+ |\Z)", report, re.M | re.S)
    assert match, f"no section {heading!r} in the report"
    return match.group(1)


def table_row(text: str, first_cell: str) -> list[str]:
    """The cells of the Markdown table row in *text* that begins with *first_cell*."""
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r} in:\n{text}")


# --- the session -----------------------------------------------------------------------


async def test_phones_answer_every_new_kind_and_the_report_holds_it_all(
    workshop: Workshop, room: Room, tmp_path: Path
) -> None:
    alma, bo, carl = room.phone(), room.phone(), room.phone()
    dorte = room.phone()  # no JavaScript: only the plain forms
    disruptor = room.phone()

    # The word cloud.
    await workshop.start()
    assert workshop.current == "tjek-ind"
    for phone, words in (
        (alma, ["Tryg", "nysgerrig"]),
        (bo, ["tryg", "træt"]),
        (carl, ["TRYG", "Nysgerrig", "spændt"]),
    ):
        assert (await phone.send("tjek-ind", words=words))[0] == 201
    form = (await dorte.page()).answer
    assert form.names == ["word"] and form.hidden["step"] == "tjek-ind"
    fields = form.filled(("word", "Tryg"), ("word", ""), ("word", "spændt"))
    assert await dorte.post_form(form, fields) == 303
    await refused(
        workshop,
        "tjek-ind",
        lambda: disruptor.send("tjek-ind", words=["ord"] * 10_000),
        413,
    )
    assert len(stored(workshop, "tjek-ind")) == 4

    # A question parked at the first step, and one parked from the plain form.
    status, parked = await alma.park(text="Hvornår kommer den nye vagtplan?")
    assert status == 201
    form = (await dorte.page()).park
    assert form.names == ["text"]
    fields = form.filled(("text", "Kan vi få en fast kaffepause?"))
    assert await dorte.post_form(form, fields) == 303
    await refused(workshop, PARKING_STEP_ID, lambda: disruptor.park(text="x" * 301), 422)

    # Questions with upvotes.
    assert await workshop.next_step()
    assert workshop.current == "spoergsmaal"
    status, hands = await alma.send(
        "spoergsmaal", text="Hvornår får vi flere hænder på aftenvagten?"
    )
    assert status == 201
    assert (await carl.send("spoergsmaal", text="Hvad sker der med budgettet?"))[0] == 201
    assert (await bo.send("spoergsmaal", upvote=hands["id"]))[0] == 201
    assert (await carl.send("spoergsmaal", upvote=hands["id"]))[0] == 201
    form = (await dorte.page()).upvote(hands["id"])
    assert await dorte.post_form(form, form.filled()) == 303
    form = (await dorte.page()).answer
    assert form.names == ["text"]
    fields = form.filled(("text", "Får vi en ny leder på stue 2?"))
    assert await dorte.post_form(form, fields) == 303
    await refused(
        workshop,
        "spoergsmaal",
        lambda: disruptor.send("spoergsmaal", upvote="findes-ikke"),
        422,
    )
    listed = (await bo.state())["step"]["questions"]
    top = listed[0]
    assert (top["text"], top["votes"]) == ("Hvornår får vi flere hænder på aftenvagten?", 3)
    await workshop.toggle_answered(hands["id"])

    # Points to share out; a parked question upvoted on the way.
    assert await workshop.next_step()
    assert (await bo.park(upvote=parked["id"]))[0] == 201
    step = (await alma.state())["step"]
    assert step["kind"] == "points" and step["budget"] == 100
    ids = {option["label"]: option["id"] for option in step["options"]}
    tid, dok, sparring = ids["Tid med borgeren"], ids["Dokumentation"], ids["Faglig sparring"]
    for phone, points in (
        (alma, {tid: 70, dok: 10, sparring: 20}),
        (bo, {tid: 50, sparring: 50}),
        (carl, {tid: 60, dok: 40}),
    ):
        assert (await phone.send("fordel", points=points))[0] == 201
    form = (await dorte.page()).answer
    assert form.names == [f"pt:{tid}", f"pt:{dok}", f"pt:{sparring}"]
    fields = form.filled((f"pt:{tid}", "80"), (f"pt:{dok}", ""), (f"pt:{sparring}", "20"))
    assert await dorte.post_form(form, fields) == 303
    await refused(
        workshop,
        "fordel",
        lambda: disruptor.send("fordel", points={tid: 60, dok: 41}),
        422,
    )
    assert len(stored(workshop, "fordel")) == 4
    await workshop.toggle_reveal()

    # The matrix; the parked question gets a second upvote.
    assert await workshop.next_step()
    assert (await carl.park(upvote=parked["id"]))[0] == 201
    step = (await alma.state())["step"]
    assert (step["x_label"], step["y_label"]) == ("Indsats", "Betydning for borgeren")
    ids = {option["label"]: option["id"] for option in step["options"]}
    pause, moeder, makker = ids["Fast pausetid"], ids["Færre møder"], ids["Makkerpar"]
    for phone, placed in (
        (alma, {pause: [2, 5], moeder: [1, 4], makker: [4, 2]}),
        (bo, {pause: [2, 4], moeder: [2, 5], makker: [5, 1]}),
        (carl, {pause: [1, 5], moeder: [1, 4], makker: [4, 2]}),
    ):
        assert (await phone.send("matrix", placements=placed))[0] == 201
    form = (await dorte.page()).answer
    assert sorted(form.names) == sorted(
        f"{axis}:{option}" for axis in ("mx", "my") for option in (pause, moeder, makker)
    )
    fields = form.filled()
    for option, (x, y) in ((pause, (3, 4)), (moeder, (1, 3)), (makker, (3, 3))):
        fields += [(f"mx:{option}", str(x)), (f"my:{option}", str(y))]
    assert await dorte.post_form(form, fields) == 303
    every = {pause: [3, 3], moeder: [3, 3], makker: [3, 3]}
    await refused(
        workshop,
        "matrix",
        lambda: disruptor.send("matrix", placements=every | {pause: [6, 1]}),
        422,
    )
    assert len(stored(workshop, "matrix")) == 4
    await workshop.toggle_reveal()

    # The review: the facilitator closes each parked item.
    assert await workshop.next_step()
    assert workshop.current == "parkering"
    lot = (await alma.state())["parking"]["items"]
    assert [(item["text"], item["votes"]) for item in lot] == [
        ("Hvornår kommer den nye vagtplan?", 2),
        ("Kan vi få en fast kaffepause?", 0),
    ]
    await workshop.set_outcome(parked["id"], Outcome.OWNER, owner="Mette fra ledelsen")
    await workshop.set_outcome(lot[1]["id"], Outcome.DROPPED)
    await workshop.close()

    archive = write_archive(workshop.path, tmp_path / "arkiv")
    with zipfile.ZipFile(archive) as bundle:
        report = bundle.read("report.md").decode("utf-8")
    words = section(report, "1.1 Tjek ind")
    assert table_row(words, "tryg")[1] == "4"  # Tryg, tryg, TRYG and the form's Tryg
    assert table_row(words, "spændt")[1] == "2"
    questions = section(report, "1.2 Spørgsmål til ledelsen")
    asked = table_row(questions, "Hvornår får vi flere hænder på aftenvagten?")
    assert asked[1:] == ["3", "besvaret"]
    assert table_row(questions, "Får vi en ny leder på stue 2?")[1:] == ["0", "åbent"]
    points = section(report, "2.1 Fordel kræfterne")
    assert table_row(points, "Tid med borgeren")[1:] == ["260", "65,0", "4"]
    assert table_row(points, "Dokumentation")[1:] == ["50", "12,5", "2"]
    matrix = section(report, "2.2 Hvad gør vi først?")
    assert table_row(matrix, "1")[1:] == [
        "Fast pausetid",
        "4",
        "2,0 ± 0,7",
        "4,5 ± 0,5",
        "stor betydning, lille indsats",
    ]
    assert table_row(matrix, "3")[-1] == "lille betydning, stor indsats"
    lot = section(report, "Parkeringspladsen")
    assert table_row(lot, "Hvornår kommer den nye vagtplan?")[1:] == [
        "2",
        "ejer: Mette fra ledelsen",
    ]
    assert table_row(lot, "Kan vi få en fast kaffepause?")[1:] == ["0", "droppet"]
    # What the refused payloads sent is nowhere: no word "ord", no 301 x's, no sixth question.
    assert "| ord |" not in report and "x" * 301 not in report
    assert table_row(section(report, "Deltagelse pr. trin"), "1.2 Spørgsmål til ledelsen")[3] == "6"
