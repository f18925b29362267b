"""The web room's registry of step kinds: complete, and the one source of the form's names.

Adding a ``StepKind`` makes these fail until the kind has its entry in ``WEB_KINDS``, its
template partial and its entry in the page script's table; and a no-script form filled in
with the names the page shows must arrive as the kind's payload.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientSession, CookieJar
from aiohttp.test_utils import TestServer
from multidict import MultiDict, MultiDictProxy

from kerne_tui.catalog import t
from kerne_tui.plan import StepKind
from kerne_tui.web import make_app
from kerne_tui.web.kinds import WEB_KINDS, payload_from_form
from kerne_tui.web.render import PAGE_SCRIPTS, TEMPLATE_FOLDER
from kerne_tui.web.security import RateLimiter
from kerne_tui.workshop import Workshop

STATIC = Path(__file__).resolve().parent.parent / "kerne_tui" / "web" / "static"
INPUT_KINDS = [kind for kind in StepKind if kind.takes_input]
HIDDEN = {"step", "client_id", "csrf"}
STEP_OF_KIND = {
    "ideas": StepKind.TEXT,
    "proposal": StepKind.SENTENCE,
    "fixed-vote": StepKind.VOTE,
    "mood": StepKind.SCALE,
    "pick": StepKind.CHOICE,
    "many": StepKind.CHOICE,
    "top": StepKind.RANK,
    "todo": StepKind.ACTIONS,
    "cloud": StepKind.WORDS,
    "asks": StepKind.QUESTIONS,
    "share": StepKind.POINTS,
    "grid": StepKind.MATRIX,
}
"""Steps of the shared small plan (conftest.py) with fixed options, one or more per kind."""


def form(*pairs: tuple[str, str]) -> MultiDictProxy[str]:
    return MultiDictProxy(MultiDict(pairs))


@pytest.mark.parametrize("kind", list(StepKind))
def test_every_step_kind_has_an_entry_in_the_web_registry(kind: StepKind) -> None:
    assert kind in WEB_KINDS


@pytest.mark.parametrize("kind", INPUT_KINDS)
def test_every_kind_that_takes_input_has_a_partial_with_its_form_and_its_answers(
    kind: StepKind,
) -> None:
    partial = WEB_KINDS[kind].partial
    assert partial is not None
    source = (TEMPLATE_FOLDER / partial).read_text(encoding="utf-8")
    assert re.search(r"{%-?\s*macro form\(", source)
    assert re.search(r"{%-?\s*macro mine\(", source)


@pytest.mark.parametrize("kind", [kind for kind in StepKind if not kind.takes_input])
def test_a_kind_without_input_shows_a_note_in_both_languages(kind: StepKind) -> None:
    entry = WEB_KINDS[kind]
    assert entry.partial is None
    assert t("da", entry.notice) != t("en", entry.notice)


def test_the_page_script_has_an_entry_for_every_kind_that_takes_input() -> None:
    table = (STATIC / "kinds.js").read_text(encoding="utf-8").split("var KINDS = {", 1)[1]
    entries = set(re.findall(r"^\s+(\w+): entry\(", table.split("};", 1)[0], re.MULTILINE))
    assert entries == {kind.value for kind in INPUT_KINDS}


def test_every_script_the_page_loads_is_served() -> None:
    assert all((STATIC / name).is_file() for name in PAGE_SCRIPTS)


def test_the_no_script_forms_become_the_kinds_payloads() -> None:
    names = {kind: WEB_KINDS[kind].fields for kind in StepKind}
    dot = names[StepKind.VOTE]["dot"]
    value = names[StepKind.SCALE]["value"]
    place = names[StepKind.RANK]["place"]
    choice = names[StepKind.CHOICE]["choice"]
    cases: list[tuple[StepKind, MultiDictProxy[str], dict[str, Any]]] = [
        (StepKind.TEXT, form((names[StepKind.TEXT]["text"], "Borgeren")), {"text": "Borgeren"}),
        (
            StepKind.VOTE,
            form((f"{dot}1", "2"), (f"{dot}2", " "), (f"{dot}3", "x")),
            {"dots": {"1": 2, "3": -1}},
        ),
        (
            StepKind.SCALE,
            form((f"{value}0", "4"), (f"{value}1", "2")),
            {"values": {"0": 4, "1": 2}},
        ),
        (StepKind.CHOICE, form((choice, "1"), (choice, "3")), {"choices": ["1", "3"]}),
        (
            StepKind.RANK,
            form((f"{place}2", "b"), (f"{place}1", "a"), (f"{place}3", "")),
            {"ranking": ["a", "b"]},
        ),
        (StepKind.INFO, form(("text", "ignored")), {}),
    ]
    for kind, fields, payload in cases:
        assert payload_from_form(fields, kind) == payload, kind
    assert payload_from_form(form(("text", "x")), None) == {}


# --- the page's form and the server's parsing agree ----------------------------------------


class AnswerForm(HTMLParser):
    """The named fields of the page's answer form: inputs, text areas and selects."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.fields: list[dict[str, Any]] = []
        self._select: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and attributes.get("id") == "answer":
            self.inside = True
        elif not self.inside:
            return
        elif tag in ("input", "textarea") and attributes.get("name"):
            self.fields.append({"tag": tag, **attributes})
        elif tag == "select":
            self._select = {"tag": tag, "options": [], **attributes}
            self.fields.append(self._select)
        elif tag == "option" and self._select is not None and attributes.get("value"):
            self._select["options"].append(attributes["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None


def filled_in(fields: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """What a person sends: a word in each text field, the first box of each group, one dot,
    a different option in each place."""
    sent: list[tuple[str, str]] = []
    ticked: set[str] = set()
    places = 0
    numbers = 0
    for found in fields:
        name, kind = found["name"], found.get("type", "text")
        if kind == "hidden":
            sent.append((name, found["value"]))
        elif kind in ("radio", "checkbox"):
            if name not in ticked:
                ticked.add(name)
                sent.append((name, found["value"]))
        elif kind == "number":
            sent.append((name, "0" if numbers else "1"))
            numbers += 1
        elif found["tag"] == "select":
            sent.append((name, found["options"][places]))
            places += 1
        else:
            sent.append((name, "Svar"))
    return sent


@pytest.fixture
async def phone(workshop: Workshop) -> AsyncIterator[ClientSession]:
    server = TestServer(make_app(workshop, limiter=RateLimiter(burst=1000.0)), host="127.0.0.1")
    await server.start_server()
    session = ClientSession(f"http://127.0.0.1:{server.port}", cookie_jar=CookieJar(unsafe=True))
    try:
        yield session
    finally:
        await session.close()
        await server.close()


def test_the_small_plan_has_a_step_of_every_kind_that_takes_input() -> None:
    # A review needs an earlier session: its no-script form is sent in test_follow_up_web.py.
    assert set(STEP_OF_KIND.values()) == set(INPUT_KINDS) - {StepKind.REVIEW}


@pytest.mark.parametrize("step_id", list(STEP_OF_KIND))
async def test_a_no_script_form_sent_with_the_names_the_page_shows_is_stored(
    workshop: Workshop, phone: ClientSession, step_id: str
) -> None:
    await workshop.start()
    await workshop.go_to(step_id, run_timer=False)
    page = await phone.get("/j/KERNE")
    parser = AnswerForm()
    parser.feed(await page.text())
    names = WEB_KINDS[STEP_OF_KIND[step_id]].fields.values()
    shown = [f["name"] for f in parser.fields if f["name"] not in HIDDEN]
    assert shown
    assert all(
        any(n == name or (name.endswith(":") and n.startswith(name)) for name in names)
        for n in shown
    )
    response = await phone.post(
        "/j/KERNE/send", data=filled_in(parser.fields), allow_redirects=False
    )
    assert response.status == 303
    assert len(workshop.contributions(step_id)) == 1
