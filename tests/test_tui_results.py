"""The answers on the wall, in the form each step kind asks for."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console, ConsoleRenderable
from tui_support import FakeClock, make_app, open_workshop, screen_text, submit, until

from kerne_tui.plan import StepKind
from kerne_tui.tui.draw_bars import BarChart
from kerne_tui.tui.draw_cards import WALL_LIMIT, CardView, CardWall
from kerne_tui.tui.draw_scales import ScaleChart
from kerne_tui.tui.pane import decimal
from kerne_tui.tui.results import KIND_VIEWS, PANES, ResultsView, unit_text
from kerne_tui.workshop.results import Bar, ScaleRow


def words_of(renderable: object, width: int = 70) -> str:
    """What a renderable shows, as plain text."""
    console = Console(file=io.StringIO(), width=width, record=True)
    console.print(renderable)
    return console.export_text(styles=False)


def bar_cells(renderable: ConsoleRenderable, width: int = 70) -> list[int]:
    """How many solid (reversed) cells each line of *renderable* has: its bar's length."""
    console = Console(file=io.StringIO(), width=width)
    lines = console.render_lines(renderable, console.options, pad=False)
    return [
        sum(len(seg.text) for seg in line if seg.style is not None and seg.style.reverse)
        for line in lines
    ]


def test_vote_bars_say_their_count_in_dots_and_are_as_long_as_their_share() -> None:
    bars = [Bar("1", "Møderne", 6, 3), Bar("2", "Dokumentationen", 3, 2), Bar("3", "Andet", 1, 1)]
    chart = BarChart(bars, unit_text(StepKind.VOTE, "da"))
    lines = words_of(chart).splitlines()
    assert "6 prikker" in lines[0] and "3 prikker" in lines[1] and "1 prik" in lines[2]
    longest, middle, shortest = bar_cells(chart)
    assert longest > 0 and abs(longest - 2 * middle) <= 1 and 0 < shortest < middle


def test_rankings_count_points_and_choices_count_people() -> None:
    assert unit_text(StepKind.RANK, "da")(7) == "7 point"
    assert unit_text(StepKind.CHOICE, "da")(1) == "1 person"
    assert unit_text(StepKind.CHOICE, "en")(4) == "4 people"


def test_long_labels_get_their_own_line_above_the_bar() -> None:
    label = "Vi skaber trivsel og læring for alle børn, hver dag, sammen med familierne."
    text = words_of(BarChart([Bar("1", label, 2, 2)], unit_text(StepKind.VOTE, "da")), width=60)
    lines = [line.rstrip() for line in text.splitlines()]
    assert lines[0].startswith("Vi skaber trivsel")
    assert lines[-1].endswith("2 prikker")


def test_a_scale_shows_the_whole_spread_and_the_mean_with_a_decimal_comma() -> None:
    rows = [ScaleRow("Vi har fælles mål.", (1, 0, 2, 3, 0))]
    chart = ScaleChart(rows, "Helt uenig", "Helt enig", "da")
    text = words_of(chart, width=80)
    assert "1 = Helt uenig" in text and "5 = Helt enig" in text
    assert "gns. 3,2 · 6 svar" in text
    lines = text.splitlines()
    at = [i for i, line in enumerate(lines) if line[:1].isdigit() and "=" not in line]
    # One line per value from 1 to 5, each followed by its own count (the bars draw as blanks).
    assert [lines[i].split() for i in at] == [
        ["1", "1"],
        ["2", "0"],
        ["3", "2"],
        ["4", "3"],
        ["5", "0"],
    ]
    # The bars grow with the counts: none for 0, the longest for 3.
    every = bar_cells(chart, width=80)
    cells = [every[i] for i in at]
    assert cells[1] == cells[4] == 0 and 0 < cells[0] < cells[2] < cells[3]


def test_a_scale_on_the_wall_uses_the_width_there_is() -> None:
    """At 100x30 the results have about 60 columns: half the answers is half of that."""
    rows = [ScaleRow("Jeg kan forklare vores kerneopgave.", (0, 1, 1, 3, 1))]
    cells = bar_cells(ScaleChart(rows, "Helt uenig", "Helt enig", "da"), width=62)
    longest = max(cells)
    assert longest >= 25
    assert abs(longest - 3 / 6 * (62 - 5)) <= 1


def test_a_narrow_scale_lists_one_value_per_line() -> None:
    rows = [ScaleRow("Udsagn", (0, 1, 0, 0, 2))]
    text = words_of(ScaleChart(rows, "lav", "høj", "en"), width=24)
    assert [line.split()[0] for line in text.splitlines() if line[:1].isdigit()][-5:] == [
        "1",
        "2",
        "3",
        "4",
        "5",
    ]
    assert "mean 4.0 · 3" in " ".join(text.split())


def test_every_step_kind_has_its_view_on_the_wall() -> None:
    missing = [kind.value for kind in StepKind if kind not in KIND_VIEWS]
    assert missing == [], f"add these kinds to KIND_VIEWS in kerne_tui/tui/results.py: {missing}"
    for kind, view in KIND_VIEWS.items():
        # A kind that takes answers shows them in one of the panes; the others show none.
        assert (view.pane in PANES) == kind.takes_input, kind


def test_decimals_follow_the_language() -> None:
    assert decimal(3.25, "da") == "3,2" and decimal(3.25, "en") == "3.2"


async def test_fewer_answers_than_the_minimum_show_only_the_count(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        await submit(workshop, "a", {"text": "Første svar"})
        await submit(workshop, "b", {"text": "Andet svar"})
        await workshop.toggle_reveal("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            words = " ".join(screen_text(app).split())
            assert "2 har svaret" in words
            assert "vises ved 3 svar (normalt 5)" in words
            assert "Første svar" not in words and "Andet svar" not in words


async def test_a_lowered_threshold_is_said_on_the_wall_also_once_the_answers_show(
    tmp_path: Path,
) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        for phone, text in enumerate(("Første svar", "Andet svar", "Tredje svar")):
            await submit(workshop, f"p{phone}", {"text": text})
        await workshop.toggle_reveal("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            words = " ".join(screen_text(app).split())
            assert "Tredje svar" in words
            assert "vises ved 3 svar" in words


THRESHOLD_PLAN = """
title = "Tærskel"
language = "da"

[[modules]]
title = "Et modul"

[[modules.steps]]
id = "stemning"
kind = "vote"
title = "Hvad fylder mest?"
prompt = "Sæt dine prikker."
minutes = 3
show = "live"
dots = 1
options = ["Møder", "Mails"]
"""


async def test_by_default_four_votes_are_held_back_on_the_wall_and_five_are_shown(
    tmp_path: Path,
) -> None:
    async with open_workshop(tmp_path, plan_text=THRESHOLD_PLAN) as workshop:
        await workshop.go_to("stemning")
        mails = workshop.options(workshop.plan.step("stemning"))[1].id
        for phone in range(4):
            await submit(workshop, f"p{phone}", {"dots": {mails: 1}})
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: "4 har svaret" in " ".join(screen_text(app).split()))
            words = " ".join(screen_text(app).split())
            assert "4 har svaret" in words
            assert "svarene vises, når mindst 5 har svaret" in words
            assert "Mails" not in words
            assert "vises ved" not in words
            await submit(workshop, "p4", {"dots": {mails: 1}})
            await until(pilot, lambda: "Mails" in " ".join(screen_text(app).split()))
            words = " ".join(screen_text(app).split())
            assert "5 har svaret" in words
            assert "Mails" in words and "mindst 5" not in words


async def test_a_live_step_shows_answers_without_a_reveal_and_newest_first(tmp_path: Path) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("en-saetning")
        await submit(workshop, "c", {"text": "Den første sætning"})
        clock.advance(5)
        await submit(workshop, "a", {"text": "Den ældste sætning"})
        clock.advance(5)
        await submit(workshop, "b", {"text": "Den nyeste sætning"})
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "en-saetning" not in workshop.revealed
            assert text.index("Den nyeste sætning") < text.index("Den ældste sætning")


async def test_a_discussion_shows_the_revealed_answers_of_the_step_before(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        for phone in "abc":
            await submit(workshop, phone, {"text": f"Svar fra {phone}"})
        await workshop.toggle_reveal("min-opgave")
        await workshop.next_step()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            words = " ".join(screen_text(app).split())
            assert "Og hvad tror du, vi laver?" in words
            assert "Svar fra »Hvad tror jeg, vi laver?«: 3 har svaret" in words
            assert "Svar fra b" in words


async def test_a_choice_step_shows_people_per_option(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("valg")
        for phone, option in (("a", "1"), ("b", "1"), ("c", "3")):
            await submit(workshop, phone, {"choices": [option]})
        await workshop.toggle_reveal("valg")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert "Møderne" in text and "2 personer" in text
            assert "Overleveringen" in text and "1 person" in text


async def test_dots_on_a_card_merged_later_count_on_the_wall_for_the_card_it_went_into(
    tmp_path: Path,
) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("en-saetning")
        kept = await submit(workshop, "a", {"text": "Vi giver børnene tryghed"})
        duplicate = await submit(workshop, "b", {"text": "Vi giver børn tryghed"})
        other = await submit(workshop, "c", {"text": "Vi skaber læring"})
        await workshop.go_to("prikker")
        await submit(workshop, "a", {"dots": {duplicate.id: 2, other.id: 1}})
        await submit(workshop, "b", {"dots": {kept.id: 1}})
        await submit(workshop, "c", {"dots": {other.id: 1}})
        await workshop.merge(duplicate.id, kept.id)
        await workshop.toggle_reveal("prikker")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            lines = screen_text(app).splitlines()
            at = next(i for i, line in enumerate(lines) if "Vi giver børnene tryghed" in line)
            assert "3 prikker" in " ".join(lines[at : at + 2]), lines
            assert not any("Vi giver børn tryghed" in line for line in lines)


async def test_action_items_are_a_table_of_what_who_and_when(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("handlinger")
        await submit(
            workshop, "a", {"what": "Kortere morgenmøder", "who": "Mette", "when": "1. marts"}
        )
        await submit(workshop, "b", {"what": "Fælles kalender"})
        await submit(workshop, "c", {"what": "Mindre mail"})
        await workshop.toggle_reveal("handlinger")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            header = [line for line in text.splitlines() if "Hvad" in line and "Hvem" in line]
            assert header and "Hvornår" in header[0]
            row = [line for line in text.splitlines() if "Kortere morgenmøder" in line]
            assert row and "Mette" in row[0] and "1. marts" in row[0]


async def test_an_action_shows_how_we_will_see_that_it_worked(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("handlinger")
        await submit(
            workshop,
            "a",
            {"what": "Kortere møder", "who": "Mette", "when": "1. marts", "evidence": "Slut 9.30"},
        )
        await submit(workshop, "b", {"what": "Fælles kalender"})
        await submit(workshop, "c", {"what": "Mindre mail"})
        await workshop.toggle_reveal("handlinger")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            lines = screen_text(app).splitlines()
            assert any("Sådan ser vi det" in line for line in lines)
            row = next(line for line in lines if "Kortere møder" in line)
            assert "Slut 9.30" in row


async def test_a_vote_over_an_earlier_step_without_answers_says_so_on_the_wall(
    tmp_path: Path,
) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("prikker")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            # The left side only: the QR code stands to the right of the step.
            left = [" ".join(line[:62].split()) for line in screen_text(app).splitlines()]
            words = " ".join(line for line in left if line)
            assert "Der er intet at stemme om endnu: »Vores bud på én sætning« har ingen svar." in (
                words
            )


CARRIED_POINTS = """\
title = "Point over idéer"
language = "da"
description = "Point fordelt over det, der blev skrevet."

[[modules]]
title = "Idéer"
focus = "Hvad vægter vi?"

[[modules.steps]]
id = "ideer"
kind = "text"
title = "Vores idéer"
prompt = "Skriv en idé."
minutes = 3

[[modules.steps]]
id = "point"
kind = "points"
title = "Fordel point"
prompt = "Fordel 100 point."
minutes = 3
options_from = "ideer"
"""


async def test_points_over_an_earlier_step_without_answers_say_so_on_the_wall(
    tmp_path: Path,
) -> None:
    async with open_workshop(tmp_path, plan_text=CARRIED_POINTS) as workshop:
        await workshop.go_to("point")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            left = [" ".join(line[:62].split()) for line in screen_text(app).splitlines()]
            words = " ".join(line for line in left if line)
            assert "Der er intet at tage stilling til endnu: »Vores idéer« har ingen svar." in words


async def test_the_wall_shows_the_newest_cards_and_counts_the_rest(tmp_path: Path) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("en-saetning")
        for n in range(WALL_LIMIT + 10):
            clock.advance(1)
            await submit(workshop, f"phone-{n}", {"text": f"Sætning nummer {n}"})
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            wall = app.main.query_one(CardWall)
            # One page of them on screen; the rest on the pages that follow (issue 22).
            assert 0 < len(wall.query(CardView)) < WALL_LIMIT
            assert len(app.main.query_one(ResultsView).selectable) == WALL_LIMIT
            assert wall.view(app.main.query_one(ResultsView).selectable[0]) is not None
            newest = app.main.query_one(ResultsView).selectable[0]
            assert workshop.contributions("en-saetning")[-1].id == newest
            words = " ".join(screen_text(app).split())
            assert f"De {WALL_LIMIT} nyeste af {WALL_LIMIT + 10} svar vises." in words


async def test_a_full_wall_keeps_the_newest_cards_in_order_as_answers_pour_in(
    tmp_path: Path,
) -> None:
    # Cards that leave a full wall lend their places to the new ones; whatever the size of the
    # burst, the wall must show exactly the newest cards, newest first, and nothing twice.
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("en-saetning")
        sent = 0

        async def answers(count: int) -> None:
            nonlocal sent
            for _ in range(count):
                clock.advance(1)
                await submit(workshop, f"phone-{sent}", {"text": f"Sætning nummer {sent}"})
                sent += 1

        await answers(WALL_LIMIT - 5)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("b")  # the first page stays: the pages would turn as time passes
            for burst in (3, 10, 1, WALL_LIMIT + 7):
                await answers(burst)
                app.main.refresh_answers()
                await pilot.pause()
                wall = app.main.query_one(CardWall)
                shown = [view.card.text for view in wall.query(CardView)]
                newest = [f"Sætning nummer {n}" for n in range(sent - 1, -1, -1)][:WALL_LIMIT]
                # The first page of them (issue 22: the rest follow page by page).
                assert shown and shown == newest[: len(shown)]
