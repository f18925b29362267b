"""The console runs the whole day: a cloud's words, pinning from a vote, the parking lot.

Pilot drives ``kerne console`` against a real session that serves 127.0.0.1 in the test's own
loop; thirty phones, each from a loopback address of its own, answer over real HTTP. What the
console does is checked where the room sees it: the wall's counts (the workshop's results with
the word edits, as the wall draws them), the session file's report, and the control centre the
wall follows.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import ClientSession, ClientTimeout, CookieJar, TCPConnector
from aiohttp.test_utils import TestServer
from browser_support import ARTIFACTS
from support import FakeClock, copy_plan
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea
from tui_support import make_app as wall_app
from tui_support import screen_text
from tui_support import until as wall_until

from kerne_tui.archive.record import read_record
from kerne_tui.catalog import t
from kerne_tui.console import ConsoleApp, ControlClient
from kerne_tui.console.app import CONSOLE_KEYS
from kerne_tui.console.screens import PairScreen, PinDialog
from kerne_tui.control import ControlCenter, Surface, WallParkingAsked, shown_code
from kerne_tui.plan import load_plan
from kerne_tui.rehearsal.addresses import phone_address
from kerne_tui.tui.dialogs import HelpScreen, OwnerScreen
from kerne_tui.tui.keys import _key_label
from kerne_tui.web import make_app
from kerne_tui.workshop import Outcome, Refused, Workshop, results_for

CODE = "DAGEN"
ROOM = 30
"""A real room's phones, each from a loopback address of its own."""
ROUNDS = 200
"""Pauses of 50 ms a test waits at most for the session's stream to reach the console."""


@pytest.fixture
async def session(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Workshop]:
    path = copy_plan("console-parity", tmp_path, "dagen.toml")
    folder = tmp_path / "data"
    folder.mkdir()
    workshop = Workshop.create(load_plan(path), folder, clock=clock, join_code=CODE)
    await workshop.open()
    yield workshop
    await workshop.shutdown()


@pytest.fixture
async def control(session: Workshop) -> ControlCenter:
    return ControlCenter(session)


@pytest.fixture
async def server(session: Workshop, control: ControlCenter) -> AsyncIterator[TestServer]:
    server = TestServer(make_app(session, control=control), host="127.0.0.1")
    await server.start_server()
    control.join_url = f"http://127.0.0.1:{server.port}/j/{CODE}"
    yield server
    await server.close()


@pytest.fixture
async def console(server: TestServer, control: ControlCenter) -> AsyncIterator[ConsoleApp]:
    client = ControlClient(server.port, control.secret)
    view = await client.state()
    yield ConsoleApp(client, view)
    await client.close()


@pytest.fixture
async def phones(server: TestServer) -> AsyncIterator[list[ClientSession]]:
    made = [
        ClientSession(
            base_url=server.make_url("/"),
            cookie_jar=CookieJar(unsafe=True),
            connector=TCPConnector(local_addr=(phone_address(n), 0)),
            timeout=ClientTimeout(total=10),
        )
        for n in range(ROOM)
    ]
    yield made
    for phone in made:
        await phone.close()


async def post(phone: ClientSession, path: str, body: dict[str, object]) -> str:
    async with phone.post(f"/api/{CODE}/{path}", json=body) as response:
        assert response.status == 201, await response.text()
        return str((await response.json())["id"])


async def until(pilot: Pilot[int], condition: Callable[[], bool]) -> None:
    for _ in range(ROUNDS):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def lines(app: ConsoleApp) -> list[str]:
    options = app.main.query_one("#c-answers", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def highlight(app: ConsoleApp, option_id: str) -> None:
    options = app.main.query_one("#c-answers", OptionList)
    options.highlighted = options.get_option_index(option_id)


def notices(app: ConsoleApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def wall_words(workshop: Workshop, step_id: str) -> dict[str, int]:
    """The cloud as the wall counts it (the workshop's results with the word edits)."""
    step = workshop.plan.step(step_id)
    every = workshop.contributions(step_id, include_invisible=True)
    edits = workshop.word_edits(step_id)
    found = results_for(step, every, workshop.options(step), word_edits=edits).words
    return {entry.word: entry.count for entry in found}


# --- a word cloud, moderated word by word ---------------------------------------------------


async def test_merging_a_spelling_counts_it_with_the_word_on_the_wall_console_and_report(
    console: ConsoleApp, session: Workshop, phones: list[ClientSession]
) -> None:
    await session.start("tjek-ind")
    # 30 phones: 10 "spændt; lidt træt", 10 "spændt", 10 "træt".
    sent = [["spændt", "lidt træt"], ["spændt"], ["træt"]]
    for n, phone in enumerate(phones):
        await post(
            phone, "contributions", {"step": "tjek-ind", "client_id": "c", "words": sent[n % 3]}
        )
    assert wall_words(session, "tjek-ind") == {"spændt": 20, "lidt træt": 10, "træt": 10}
    async with console.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: any("lidt træt" in line for line in lines(console)))
        highlight(console, "word:lidt træt")
        await pilot.press("m")
        highlight(console, "word:træt")
        await pilot.press("m")
        await until(pilot, lambda: "lidt træt" in session.word_edits("tjek-ind"))
        # Nothing else moved: "spændt" keeps every phone that wrote it.
        assert wall_words(session, "tjek-ind") == {"spændt": 20, "træt": 20}
        await until(pilot, lambda: any(line.strip() == "20  træt" for line in lines(console)))
        assert any("20  spændt" in line for line in lines(console))
        highlight(console, "word:spændt")
        await pilot.press("h")
        await until(pilot, lambda: wall_words(session, "tjek-ind") == {"træt": 20})
        await until(
            pilot, lambda: any("spændt" in line and "skjult" in line for line in lines(console))
        )
        # h again on the hidden word brings it back.
        highlight(console, "word:spændt")
        await pilot.press("h")
        await until(pilot, lambda: wall_words(session, "tjek-ind") == {"spændt": 20, "træt": 20})
    await session.save_state()
    report = read_record(session.path).results(session.plan.step("tjek-ind")).words
    assert {entry.word: entry.count for entry in report} == {"spændt": 20, "træt": 20}


async def test_a_whole_answer_of_a_cloud_cannot_be_merged_away(
    session: Workshop, control: ControlCenter, phones: list[ClientSession]
) -> None:
    await session.start("tjek-ind")
    first = await post(
        phones[0],
        "contributions",
        {"step": "tjek-ind", "client_id": "a", "words": ["spændt", "lidt træt"]},
    )
    second = await post(
        phones[1], "contributions", {"step": "tjek-ind", "client_id": "b", "words": ["træt"]}
    )
    with pytest.raises(Refused) as refused:
        await session.merge(first, second)
    assert refused.value.message("da") == t("da", "refuse.merge_by_word")
    assert wall_words(session, "tjek-ind") == {"spændt": 1, "lidt træt": 1, "træt": 1}


# --- pinning from the proposals and the vote's totals --------------------------------------

PROPOSALS = [
    "Vi skaber trygge rammer, hvor hvert barn bliver set og hørt hver eneste dag, også når "
    "dagen er travl og personalet er presset af sygdom og vikarer.",
    "Vi giver børnene lyst til at lære.",
    "Vi arbejder sammen med forældrene om hvert barns trivsel.",
]


async def vote_day(session: Workshop, phones: list[ClientSession]) -> None:
    await session.start("forslag")
    for n, text in enumerate(PROPOSALS):
        await post(phones[n], "contributions", {"step": "forslag", "client_id": "s", "text": text})
    await session.go_to("prikker")
    options = session.options(session.plan.step("prikker"))
    first, second, third = (option.id for option in options)
    for n, phone in enumerate(phones):
        dots = {first: 2, second: 1} if n % 3 else {second: 1, third: 2}
        await post(phone, "contributions", {"step": "prikker", "client_id": "v", "dots": dots})


async def test_s_on_a_vote_pins_a_total_never_a_ballot_and_tab_brings_the_leaders(
    console: ConsoleApp, session: Workshop, phones: list[ClientSession]
) -> None:
    await vote_day(session, phones)
    async with console.run_test(size=(100, 30)) as pilot:
        await until(
            pilot, lambda: console.view["answers"] and console.view["answers"]["step"] == "prikker"
        )
        await until(pilot, lambda: any(PROPOSALS[0][:30] in line for line in lines(console)))
        # A ballot: s says it cannot be pinned and does not offer the ballot.
        ballot = console.view["answers"]["items"][0]
        highlight(console, ballot["id"])
        await pilot.press("s")
        await until(pilot, lambda: isinstance(console.screen, PinDialog))
        assert t("da", "console.pin.nothing") in notices(console)
        field = console.screen.query_one(TextArea)
        assert "×" not in field.text
        # Tab: the proposal with most dots first (20×2 + 10×0 = 40), then the next (30 dots).
        await pilot.press("tab")
        assert field.text == PROPOSALS[0]
        await pilot.press("tab")
        assert field.text == PROPOSALS[1]
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(console.screen, PinDialog))
        # The total's line: s pins its proposal.
        highlight(console, "bar:0")
        await pilot.press("s")
        await until(pilot, lambda: isinstance(console.screen, PinDialog))
        await pilot.press("enter")
        await until(pilot, lambda: session.pinned is not None)
    assert session.pinned is not None and session.pinned.text == PROPOSALS[0]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_pin_field_shows_the_whole_sentence(
    console: ConsoleApp, session: Workshop, phones: list[ClientSession], size: tuple[int, int]
) -> None:
    await vote_day(session, phones)
    await session.go_to("arbejdsversion")
    async with console.run_test(size=size) as pilot:
        await pilot.press("s")
        await until(pilot, lambda: isinstance(console.screen, PinDialog))
        await pilot.press("tab")
        await pilot.pause()
        screen = "\n".join(strip.text for strip in console.screen._compositor.render_strips())
        flat = " ".join(screen.split())
        for word in PROPOSALS[0].split():
            assert word in flat
        assert "vikarer." in screen and "Vi skaber trygge" in screen
        await pilot.press("enter")
        await until(pilot, lambda: session.pinned is not None)
    assert session.pinned is not None and session.pinned.text == PROPOSALS[0]


# --- the parking lot ------------------------------------------------------------------------


async def park_day(session: Workshop, phones: list[ClientSession]) -> list[str]:
    await session.start("tjek-ind")
    asked = [
        "Hvornår kommer den nye vagtplan?",
        "Hvem svarer på forældremails?",
        "Kan vi få et møde om sygefravær?",
    ]
    ids = [
        await post(phones[n], "parking", {"client_id": "p", "text": text})
        for n, text in enumerate(asked)
    ]
    for phone in phones[3:]:
        await post(phone, "parking", {"client_id": "u", "upvote": ids[1]})
    await session.go_to("gennemgang")
    return ids


async def test_x_e_and_d_close_parked_items_and_x_again_opens_one(
    console: ConsoleApp, session: Workshop, phones: list[ClientSession]
) -> None:
    first, second, third = await park_day(session, phones)
    async with console.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: len(lines(console)) == 3)
        assert "Hvem svarer" in lines(console)[0]  # most upvotes first
        assert "27" in lines(console)[0]
        rows = lambda: {row.id: row for row in session.parking_rows()}  # noqa: E731
        highlight(console, f"park:{first}")
        await pilot.press("x")
        await until(pilot, lambda: rows()[first].outcome == Outcome.ANSWERED)
        await until(pilot, lambda: any("besvaret" in line for line in lines(console)))
        highlight(console, f"park:{first}")
        await pilot.press("x")
        await until(pilot, lambda: rows()[first].outcome == "")
        highlight(console, f"park:{second}")
        await pilot.press("e")
        await until(pilot, lambda: isinstance(console.screen, OwnerScreen))
        await pilot.press(*"Mette", "enter")
        await until(pilot, lambda: rows()[second].outcome == Outcome.OWNER)
        assert rows()[second].owner == "Mette"
        await until(pilot, lambda: any("ejer: Mette" in line for line in lines(console)))
        highlight(console, f"park:{third}")
        await pilot.press("d")
        await until(pilot, lambda: rows()[third].outcome == Outcome.DROPPED)


async def test_capital_p_puts_the_parking_lot_on_the_wall_and_takes_it_off(
    console: ConsoleApp, session: Workshop, control: ControlCenter, phones: list[ClientSession]
) -> None:
    await park_day(session, phones)
    await session.go_to("tjek-ind")
    asked: list[bool] = []
    control.subscribe(
        lambda event: asked.append(event.shown) if isinstance(event, WallParkingAsked) else None
    )
    async with console.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: console.view["answers"] is not None)
        await pilot.press("P")
        await until(pilot, lambda: asked == [True])
        assert control.parking_on_wall
        # The console lists what the wall shows: the parking lot.
        await until(pilot, lambda: any("Hvem svarer" in line for line in lines(console)))
        head = str(console.main.query_one("#c-answers-head", Static).render())
        assert "vises på lærredet" in head
        await pilot.press("P")
        await until(pilot, lambda: asked == [True, False])
        assert not control.parking_on_wall


# --- the help and the keys ------------------------------------------------------------------


async def test_the_help_lists_exactly_the_consoles_keys(console: ConsoleApp) -> None:
    async with console.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(console.screen, HelpScreen))
        rows = console.screen.rows
        listed = {key.strip() for keys, _ in rows for key in keys.split(" / ")}
        bound = {_key_label(binding.key, "da") for binding in CONSOLE_KEYS}
        arrows = {"↑", "↓"}
        assert listed == bound | arrows
        for key in ("x", "e", "d", "P", "h", "m", "s"):
            assert key in listed


async def test_the_wall_shows_the_parking_lot_the_console_asks_for(
    session: Workshop, control: ControlCenter, phones: list[ClientSession], tmp_path: Path
) -> None:
    await park_day(session, phones)
    await session.go_to("tjek-ind")
    wall = wall_app(session, tmp_path, control=control)
    async with wall.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not wall.main.parking_shown()
        await control.perform("parking", {}, Surface.CONSOLE)
        await wall_until(pilot, wall.main.parking_shown)
        await wall_until(pilot, lambda: "Hvem svarer på forældremails?" in screen_text(wall))
        await control.perform("parking", {}, Surface.REMOTE)
        await wall_until(pilot, lambda: not wall.main.parking_shown())


# --- nothing the facilitator must read is cut ------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_pairing_address_and_the_header_counts_are_whole(
    console: ConsoleApp, control: ControlCenter, server: TestServer, size: tuple[int, int]
) -> None:
    async with console.run_test(size=size) as pilot:
        await until(pilot, lambda: console.views_received >= 1)
        await pilot.pause()
        top = console.screen._compositor.render_strips()[0].text
        assert "Fjernbetjeninger: 0" in top and "Telefoner forbundet: 0" in top, top
        await pilot.press("f")
        await until(pilot, lambda: isinstance(console.screen, PairScreen))
        await pilot.pause()
        offer = control.pairings.current_offer()
        assert offer is not None
        address = f"http://127.0.0.1:{server.port}/control/remote"
        screen = [strip.text for strip in console.screen._compositor.render_strips()]
        assert any(address in line for line in screen), "\n".join(screen)
        flat = " ".join(" ".join(screen).split())
        assert "i 2 minutter." in flat, "\n".join(screen)
        assert shown_code(offer.code) in flat
        ARTIFACTS.mkdir(exist_ok=True)
        console.save_screenshot(str(ARTIFACTS / f"console-pair-{size[0]}x{size[1]}.svg"))


async def test_the_parking_lot_keys_show_in_the_footer_where_there_is_one(
    console: ConsoleApp,
) -> None:
    async with console.run_test(size=(200, 45)) as pilot:
        await until(pilot, lambda: console.views_received >= 1)
        await pilot.pause()
        footer = console.screen._compositor.render_strips()[-1].text
        for key in ("console.key.parking", "console.key.answered", "console.key.drop"):
            assert t("da", key) in footer, footer
