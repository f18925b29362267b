"""Issue 22 on the wall: every revealed answer reaches the room, a page at a time, at 80x24,
100x30 and 160x45; the pages turn by themselves, by key on the wall and by command from the
console and the remote (the control centre's named commands); one answer in the spotlight.

Thirty phones, three answers each, as in a real room. Each answer carries its number at its
start and at its end, so "seen whole" means both ends were on the screen at the same time.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import plan_text
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets._toast import Toast
from tui_support import (
    PLAN,
    FakeClock,
    make_app,
    open_workshop,
    screen_text,
    steady,
    submit,
    until,
    utc_local_time,
)

from kerne_tui.control import ControlCenter, Surface
from kerne_tui.tui.app import KerneApp
from kerne_tui.tui.draw_cards import CardWall
from kerne_tui.tui.page_bar import BigAnswer
from kerne_tui.tui.paging import card_pages, columns_for, item_starts, line_pages
from kerne_tui.workshop import Workshop

SIZES = [(80, 24), (100, 30), (160, 45)]
PHONES = 30
EACH = 3
STEP = "min-opgave"

STATEMENTS = [
    "A01 Jeg kan forklare vores kerneopgave for en ny kollega på under et minut og uden at "
    "kigge i papirerne Z01",
    "A02 Når vi har travlt, hjælper kerneopgaven mig med at vælge, hvad der skal gøres "
    "først, og hvad der kan vente Z02",
    "A03 Vi taler om kerneopgaven på vores møder, også når dagsordenen er fuld af drift, "
    "vagtplaner og økonomi Z03",
]
SCALE_PLAN = PLAN.replace(
    """    "Jeg kan forklare vores kerneopgave i én sætning.",
    "Kerneopgaven hjælper mig med at prioritere.",""",
    "\n".join(f'    "{statement}",' for statement in STATEMENTS),
)


def answer(phone: int, n: int) -> str:
    """Answer *n* of *phone*: a sentence of about sixty characters, numbered at both ends."""
    number = phone * EACH + n
    return f"S{number:02d} vi skaber trygge rammer for borgerne hver dag E{number:02d}"


def whole_on(text: str) -> set[int]:
    """The numbers of the answers whose first and last word are both on *text*."""
    starts = {int(m) for m in re.findall(r"S(\d\d) vi", text)}
    ends = {int(m) for m in re.findall(r"dag E(\d\d)", text)}
    return starts & ends


def spotlit(app: KerneApp) -> set[int]:
    """The numbers of the answer the wall shows alone (in block capitals: read from the pane)."""
    lit = app.main.query_one("#spotlight", Static)
    shown = lit.content
    if not lit.display or not isinstance(shown, BigAnswer):
        return set()
    return whole_on(shown.text)


async def room_of_answers(workshop: Workshop) -> None:
    """Thirty phones send three answers each to the hidden text step; then they are revealed."""
    await workshop.start()
    await workshop.go_to(STEP)
    for phone in range(PHONES):
        for n in range(EACH):
            await submit(workshop, f"phone-{phone}", {"text": answer(phone, n)})
    await workshop.toggle_reveal(STEP)


async def page_through(pilot: Pilot[None], app: KerneApp) -> set[int]:
    """Press PageDown through every page; the answers seen whole on the way."""
    seen: set[int] = set()
    showing = app.main.showing
    before: set[int] = set()
    for turn in range(40):  # bounded: far more pages than any of these sizes needs
        page = showing.page
        if turn and page == 0:
            break  # round the end, back at the first page
        await until(
            pilot,
            lambda page=page, before=before: (
                f"side {page + 1} af {showing.pages}" in screen_text(app)
                and whole_on(screen_text(app)) not in (set(), before)
            ),
        )
        before = whole_on(screen_text(app))
        seen |= before
        await pilot.press("pagedown")
        await until(pilot, lambda page=page: showing.page != page or showing.pages == 1)
    return seen


# --- the arithmetic of pages -------------------------------------------------------------


def test_cards_go_on_pages_by_whole_rows() -> None:
    assert columns_for(80) == 2 and columns_for(100) == 3 and columns_for(160) == 5
    pages = card_pages([2, 3, 2, 2, 4, 1, 1], columns=2, room=8)
    # Rows of two cards: 3 + 1 + 2 + 1 + 4 = 11 > 8 lines, so the third row starts a page.
    assert pages == [range(0, 4), range(4, 7)]
    assert card_pages([9], columns=2, room=5) == [range(0, 1)]
    assert card_pages([], columns=3, room=5) == [range(0, 0)]


def test_a_chart_page_ends_at_an_empty_line() -> None:
    blank = [False, True, False, False, False, True, False, False, False, True, False]
    assert line_pages(blank, 6) == [range(0, 5), range(6, 11)]
    assert line_pages([False] * 7, 3) == [range(0, 3), range(3, 6), range(6, 7)]


def test_a_table_page_never_ends_inside_a_wrapped_row() -> None:
    lines = ["  ▲ 3  Tablets", "  ▲ 1  Hvad sker der med", "         vagtplanen?", "  ▲ 0  Løn"]
    starts = item_starts(lines)
    assert starts == [True, True, False, True]
    # Two lines a page: the second row and its wrapped line go together on a page of their own.
    assert line_pages([False] * 4, 2) == [range(0, 2), range(2, 4)]
    assert line_pages([False] * 4, 2, starts) == [range(0, 1), range(1, 3), range(3, 4)]


# --- the wall ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_answer_of_a_full_room_is_seen_whole_page_by_page(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    with utc_local_time():
        async with open_workshop(tmp_path, FakeClock()) as workshop:
            await room_of_answers(workshop)
            app = make_app(workshop, tmp_path)
            async with app.run_test(size=size) as pilot:
                await until(pilot, lambda: app.main.has_class("-answers"))
                await steady(pilot, app)  # drawn again at the width the QR gave up
                text = screen_text(app)
                # The QR gives way; the address and the code stay in the corner.
                assert not app.main.query_one("#side").display
                assert "http://192.168.1.23:8765/j/KXR7M" in text and "kode KXR7M" in text
                seen = await page_through(pilot, app)
                assert seen == set(range(PHONES * EACH))
                assert app.main.showing.pages > 1


async def test_merged_cards_come_first(tmp_path: Path) -> None:
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await room_of_answers(workshop)
        every = workshop.contributions(STEP)
        await workshop.merge(every[80].id, every[85].id)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.main.has_class("-answers"))
            first = app.main.query_one(CardWall).children[0]
            assert isinstance(first, Static)
            assert "E85" in str(first.render()) and "×2" in str(first.render())


async def test_pages_turn_by_themselves_and_b_holds_them(tmp_path: Path) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await room_of_answers(workshop)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            showing = app.main.showing
            await until(pilot, lambda: showing.pages > 1)
            assert "bladrer hvert 8. sekund" in screen_text(app)
            clock.advance(workshop.plan.page_seconds)
            await until(pilot, lambda: "side 2 af" in screen_text(app))
            await pilot.press("b")
            await until(pilot, lambda: "står stille (b)" in screen_text(app))
            clock.advance(workshop.plan.page_seconds * 3)
            await pilot.pause(0.6)
            assert showing.page == 1 and "side 2 af" in screen_text(app)
            await pilot.press("pageup")
            await until(pilot, lambda: "side 1 af" in screen_text(app))


async def test_page_down_works_on_the_wall_while_a_console_is_attached(tmp_path: Path) -> None:
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await room_of_answers(workshop)
        control = ControlCenter(workshop)
        control.console_attached()
        app = make_app(workshop, tmp_path, control=control)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: control.showing.pages > 1)
            await pilot.press("pagedown")
            await until(pilot, lambda: "side 2 af" in screen_text(app))
            assert control.view()["wall"]["page"] == 2


async def test_the_spotlight_from_the_wall_shows_one_answer_alone(tmp_path: Path) -> None:
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await room_of_answers(workshop)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.main.has_class("-answers"))
            await pilot.press("down", "down")
            chosen = app.main.selected_text()
            await pilot.press("l")
            assert len(whole_on(chosen)) == 1
            await until(pilot, lambda: spotlit(app) == whole_on(chosen))
            # Alone: no other answer is on the wall beside it.
            await until(pilot, lambda: whole_on(screen_text(app)) == set())
            await pilot.press("l")
            await until(pilot, lambda: len(whole_on(screen_text(app))) > 1)


@pytest.mark.parametrize("surface", [Surface.CONSOLE, Surface.REMOTE])
async def test_the_console_and_the_remote_turn_pages_and_light_an_answer(
    tmp_path: Path, surface: Surface
) -> None:
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await room_of_answers(workshop)
        control = ControlCenter(workshop)
        app = make_app(workshop, tmp_path, control=control)
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: control.showing.pages > 1)
            await control.perform("page_next", {}, surface)
            await until(pilot, lambda: "side 2 af" in screen_text(app))
            await control.perform("page_previous", {}, surface)
            await until(pilot, lambda: "side 1 af" in screen_text(app))
            assert await control.perform("page_hold", {}, surface) == "control.paging.held"
            await until(pilot, lambda: "står stille" in screen_text(app))
            target = workshop.contributions(STEP)[77]
            await control.perform("spotlight", {"id": target.id}, surface)
            await until(pilot, lambda: spotlit(app) == {77})
            await until(pilot, lambda: whole_on(screen_text(app)) == set())
            assert control.view()["wall"]["spotlight"] == target.id
            await control.perform("spotlight", {"id": ""}, surface)
            await until(pilot, lambda: len(whole_on(screen_text(app))) > 1)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_each_long_scale_statement_is_seen_whole(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    async with open_workshop(tmp_path, FakeClock(), SCALE_PLAN) as workshop:
        await workshop.start()
        await workshop.go_to("klarhed")
        for phone in range(PHONES):
            values = {str(i): 1 + (phone + i) % 5 for i in range(3)}
            await submit(workshop, f"phone-{phone}", {"values": values})
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=size) as pilot:
            showing = app.main.showing
            await until(pilot, lambda: app.main.has_class("-answers"))
            seen: set[str] = set()
            for _ in range(4):
                await pilot.pause(0.6)
                text = " ".join(line.strip() for line in screen_text(app).splitlines())
                seen |= {s[:3] for s in STATEMENTS if s[:3] in text and "Z" + s[1:3] in text}
                await pilot.press("pagedown")
            assert seen == {"A01", "A02", "A03"}, showing.as_json()


LONG_FOCUS = (
    "Hver for sig først, så sammen: vi lytter til hinanden, før vi taler, "
    "og vi skriver det ned, vi er enige om, før vi går videre"
)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_the_modules_focus_line_is_never_cut(tmp_path: Path, size: tuple[int, int]) -> None:
    plan = PLAN.replace('focus = "Hver for sig først, så sammen."', f'focus = "{LONG_FOCUS}"')
    async with open_workshop(tmp_path, FakeClock(), plan) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=size) as pilot:
            await until(pilot, lambda: "Velkommen" in screen_text(app))
            words = " ".join(screen_text(app).split())
            assert LONG_FOCUS in words
            assert "…" not in words


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_a_notice_never_covers_the_join_address_and_code(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    notice = (
        "Port 8765 var optaget, så kerne bruger port 8766 i stedet. Telefonerne bruger den nye."
    )
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        app = make_app(workshop, tmp_path, notices=[notice])

        def covered(*names: str) -> bool:
            toasts = [toast.region for toast in app.screen.query(Toast)]
            assert toasts, "the notice is on screen"
            found = [app.screen.query_one(f"#{name}").region for name in names]
            return any(toast.overlaps(region) for toast in toasts for region in found)

        async with app.run_test(size=size, notifications=True) as pilot:
            # The join screen before the start: the address and the code at the bottom.
            await until(pilot, lambda: bool(app.screen.query(Toast)))
            assert not covered("qr-address", "qr-code")
            # The main screen with the QR beside the step: the address and the code below it.
            await workshop.start()
            await until(pilot, lambda: app.screen is app.main)
            app.notify(notice, timeout=20)
            await until(pilot, lambda: bool(app.screen.query(Toast)))
            await pilot.pause(0.3)
            assert not covered("join-address", "join-code")
            await workshop.go_to(STEP)
            for phone in range(PHONES):
                await submit(workshop, f"phone-{phone}", {"text": answer(phone, 0)})
            await workshop.toggle_reveal(STEP)
            await until(pilot, lambda: app.main.has_class("-answers"))
            app.notify(notice, timeout=20)
            await until(pilot, lambda: bool(app.screen.query(Toast)))
            await pilot.pause(0.3)
            # The corner of the page bar: where "Deltag: <address> · kode <code>" is written.
            lines = screen_text(app).splitlines()
            row = next(y for y, line in enumerate(lines) if "Deltag:" in line)
            corner = Region(lines[row].index("Deltag:"), row, size[0], 1)
            assert all(not toast.region.overlaps(corner) for toast in app.screen.query(Toast))


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=["80x24", "100x30"])
async def test_action_tables_break_between_words_never_inside_one(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    long_words = ("MED-udvalget", "personalemødet", "kvalitetsudviklingen", "forældrebestyrelsen")
    async with open_workshop(tmp_path, FakeClock()) as workshop:
        await workshop.start()
        await workshop.go_to("handlinger")
        for n, word in enumerate(long_words):
            payload = {
                "what": f"Vi tager {word} op på næste møde og aftaler, hvem der gør hvad",
                "who": word,
                "when": "inden sommerferien",
            }
            await submit(workshop, f"phone-{n}", payload)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=size) as pilot:
            await until(pilot, lambda: app.main.has_class("-answers"))
            pages: list[str] = []
            for _ in range(4):  # bounded: the items take two pages at 80x24, one at 100x30
                await pilot.pause(0.6)
                pages.append(screen_text(app))
                await pilot.press("pagedown")
            for word in long_words:
                # Whole, in "what" and in "who", on one page.
                assert any(page.count(word) == 2 for page in pages), f"{word}\n{pages}"


LONG_OPTION = "Fast pausetid for alle hold, også i weekenderne og på helligdagene"


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_matrix_legend_shows_every_label_whole(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    plan = plan_text("points-matrix").replace('"Fast pausetid"', f'"{LONG_OPTION}"')
    async with open_workshop(tmp_path, FakeClock(), plan) as workshop:
        await workshop.start()
        await workshop.go_to("matrix")
        options = [o.id for o in workshop.options(workshop.plan.step("matrix"))]
        for phone in range(3):
            placed = {o: [1 + (n + phone) % 5, 1 + n % 5] for n, o in enumerate(options)}
            await submit(workshop, f"phone-{phone}", {"placements": placed})
        await workshop.toggle_reveal("matrix")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=size) as pilot:
            await until(pilot, lambda: app.main.has_class("-answers"))
            await pilot.pause(0.6)
            text = screen_text(app)
            assert "…" not in text
            assert all(word in text for word in LONG_OPTION.split())
            assert "5 Fælles kalender" in text
