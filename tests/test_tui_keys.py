"""Every facilitator key: what it does to the session, and what the room then sees."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from tui_support import (
    FakeClock,
    make_app,
    notices,
    open_workshop,
    screen_text,
    submit,
    until,
)

from kerne_tui.store import read_session_data, rows
from kerne_tui.tui.agenda import AgendaScreen
from kerne_tui.tui.app import KerneApp
from kerne_tui.tui.big_numbers import Countdown
from kerne_tui.tui.dialogs import ConfirmScreen, HelpScreen, MergeScreen, NotesScreen, PinScreen
from kerne_tui.tui.screens import QrScreen
from kerne_tui.workshop import Workshop

SIZE = (100, 30)


def on_main(app: KerneApp) -> bool:
    """True when the main screen is the one on top."""
    return app.screen is app.main


async def three_answers(workshop: Workshop) -> None:
    """Open the text step and let three phones answer it, a second apart (newest: Tryghed)."""
    await workshop.go_to("min-opgave")
    assert isinstance(workshop.clock, FakeClock)
    for phone, text in (("a", "Børnenes trivsel"), ("b", "Læring for alle"), ("c", "Tryghed")):
        workshop.clock.advance(1)
        await submit(workshop, phone, {"text": text})


async def test_space_starts_the_workshop_from_the_welcome_code(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, QrScreen)
            await pilot.press("space")
            await until(pilot, lambda: app.screen is app.main)
            assert workshop.status == "running"
            assert workshop.current == "velkommen"
            assert "Velkommen" in screen_text(app)


async def test_space_pauses_and_resumes_the_countdown(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("space")
            await pilot.pause()
            assert not workshop.timer.running
            assert "Pause" in screen_text(app)
            await pilot.press("space")
            await pilot.pause()
            assert workshop.timer.running
            assert "tilbage" in screen_text(app)


@pytest.mark.parametrize("key", ["n", "right"])
async def test_next_step_key_opens_the_next_step(tmp_path: Path, key: str) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(key)
            await pilot.pause()
            assert workshop.current == "min-opgave"
            assert "Skriv alene: Hvad er vi her for at opnå" in screen_text(app)
            assert "trin 2 af 8" in screen_text(app)


@pytest.mark.parametrize("key", ["p", "left"])
async def test_previous_step_key_goes_back_one_step(tmp_path: Path, key: str) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("forskelle")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(key)
            await pilot.pause()
            assert workshop.current == "min-opgave"
            assert "Hvad tror jeg, vi laver?" in screen_text(app)


async def test_next_on_the_last_step_says_it_is_the_last(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("handlinger")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
            await pilot.pause()
            assert workshop.current == "handlinger"
            assert "Det er sidste trin." in notices(app)


async def test_plus_gives_the_step_one_more_minute(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            countdown = app.main.query_one(Countdown)
            assert countdown.value == "05:00"
            await pilot.press("plus")
            await until(pilot, lambda: countdown.value == "06:00")
            assert workshop.seconds_left() == 360


async def test_countdown_warns_near_the_end_and_says_when_time_is_up(tmp_path: Path) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            countdown = app.main.query_one(Countdown)
            clock.advance(250)
            await until(pilot, lambda: countdown.value == "00:50")
            assert countdown.has_class("-ending")
            assert "Snart slut" in screen_text(app)
            clock.advance(50)
            await until(pilot, lambda: countdown.value == "00:00")
            assert countdown.has_class("-zero") and not countdown.has_class("-ending")
            assert "Tiden er gået · svar lukket" in screen_text(app)
            assert not workshop.is_open()


async def test_r_reveals_the_answers_and_hides_them_again(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await three_answers(workshop)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "3 har svaret" in screen_text(app)
            assert "Tryghed" not in screen_text(app)
            await pilot.press("r")
            await pilot.pause()
            assert "min-opgave" in workshop.revealed
            assert "Tryghed" in screen_text(app) and "Læring for alle" in screen_text(app)
            await pilot.press("r")
            await pilot.pause()
            assert "min-opgave" not in workshop.revealed
            assert "Tryghed" not in screen_text(app)


async def test_q_shows_the_code_full_screen_and_q_goes_back(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, QrScreen)
            assert "Kode: KXR7M" in screen_text(app)
            await pilot.press("q")
            await pilot.pause()
            assert on_main(app)


async def test_a_shows_the_agenda_and_a_goes_back(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("a")
            await pilot.pause()
            assert isinstance(app.screen, AgendaScreen)
            text = screen_text(app)
            assert "Prikafstemning" in text and "▶ nu" in text
            await pilot.press("a")
            await pilot.pause()
            assert on_main(app)


@pytest.mark.parametrize("screen_key", ["a", "q"])
async def test_moderation_keys_neither_show_nor_act_away_from_the_answers(
    tmp_path: Path, screen_key: str
) -> None:
    async with open_workshop(tmp_path) as workshop:
        await three_answers(workshop)
        await workshop.toggle_reveal("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press(screen_key)
            await until(pilot, lambda: not on_main(app))
            await pilot.press("down", "h")
            await pilot.pause()
            footer = screen_text(app).splitlines()[-1]
            assert "Skjul" not in footer and "Vælg" not in footer
            assert app.main.selected is None
            assert not any(c.hidden for c in workshop.all_contributions())


@pytest.mark.parametrize("keys", [("down", "down"), ("tab", "tab")])
async def test_down_or_tab_selects_the_next_card_and_h_hides_it(
    tmp_path: Path, keys: tuple[str, str]
) -> None:
    async with open_workshop(tmp_path) as workshop:
        await three_answers(workshop)
        await workshop.toggle_reveal("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*keys)
            await pilot.pause()
            cards = [c.id for c in app.main.results.cards] if app.main.results else []
            assert app.main.selected == cards[1]
            assert "▶ " in screen_text(app)
            hidden_text = app.main.selected_text()
            await pilot.press("h")
            await pilot.pause()
            assert workshop.all_contributions()[0].hidden is False
            assert [c.text for c in workshop.all_contributions() if c.hidden] == [hidden_text]
            assert hidden_text not in screen_text(app)
            assert "1 skjult" in screen_text(app)


@pytest.mark.parametrize("key", ["up", "shift+tab"])
async def test_up_or_shift_tab_selects_from_the_end(tmp_path: Path, key: str) -> None:
    async with open_workshop(tmp_path) as workshop:
        await three_answers(workshop)
        await workshop.toggle_reveal("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(key)
            await pilot.pause()
            assert app.main.results is not None
            assert app.main.selected == app.main.results.cards[-1].id


async def test_m_merges_the_selected_card_into_the_chosen_one(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await three_answers(workshop)
        await workshop.toggle_reveal("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("down", "m")
            await pilot.pause()
            assert isinstance(app.screen, MergeScreen)
            source = app.main.selected
            await pilot.press("enter")
            await pilot.pause()
            merged = [c for c in workshop.all_contributions() if c.merged_into]
            assert [c.id for c in merged] == [source]
            assert on_main(app)
            assert "×2" in screen_text(app)


async def test_s_pins_the_selected_sentence_and_a_band_keeps_it_visible(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("en-saetning")
        assert isinstance(workshop.clock, FakeClock)
        await submit(workshop, "c", {"text": "Vi er her for børnene"})
        workshop.clock.advance(1)
        await submit(workshop, "a", {"text": "Vi skaber trivsel og læring"})
        workshop.clock.advance(1)
        await submit(workshop, "b", {"text": "Vi hjælper familierne"})
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("down", "s")  # the newest card comes first
            await pilot.pause()
            assert isinstance(app.screen, PinScreen)
            await pilot.press("enter")
            await pilot.pause()
            assert workshop.pinned is not None
            assert workshop.pinned.text == "Vi hjælper familierne"
            await pilot.press("n")
            await pilot.pause()
            assert "Arbejdsversion: Vi hjælper familierne" in screen_text(app)


async def test_s_pins_a_typed_sentence(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("forskelle")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("s")
            await pilot.pause()
            await pilot.press(*"Vi er her for eleverne")
            await pilot.press("enter")
            await pilot.pause()
            assert workshop.pinned is not None and workshop.pinned.text == "Vi er her for eleverne"
            assert "Arbejdsversion: Vi er her for eleverne" in screen_text(app)


async def test_o_shows_the_presenter_notes_only_when_asked(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            notes = "Hold øje med: nogen, der venter på det rigtige svar."
            assert notes not in screen_text(app)
            await pilot.press("o")
            await pilot.pause()
            assert isinstance(app.screen, NotesScreen)
            assert notes in screen_text(app)
            await pilot.press("o")
            await pilot.pause()
            assert on_main(app)


async def test_t_switches_between_the_light_and_dark_theme(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            assert app.theme == "kerne-light"
            await pilot.press("t")
            assert app.theme == "kerne-dark"
            await pilot.press("t")
            assert app.theme == "kerne-light"


async def test_question_mark_lists_every_key(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = screen_text(app)
            for words in ("mellemrum", "Gå til næste trin", "Skjul det valgte svar", "ctrl+p"):
                assert words in text
            await pilot.press("escape")
            await pilot.pause()
            assert on_main(app)


async def test_c_then_no_keeps_the_session_running(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
            assert workshop.status == "running"


async def test_c_closes_the_session_and_the_screen_names_it(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("c", "enter")
            await until(pilot, lambda: workshop.status == "finished")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)  # the offer to archive
            await pilot.press("n")
            await pilot.pause()
            text = " ".join(screen_text(app).split())
            # The room reads the session's name, never a path (issue 22): that is in the log.
            assert "»Kerneopgaven på prøve« er afsluttet og gemt." in text
            assert workshop.path.name not in text and str(workshop.path.parent) not in text
            state = rows(read_session_data(workshop.path), "state")[0]
            assert state["status"] == "finished"


async def test_archiving_after_close_shows_the_zip(tmp_path: Path) -> None:
    written: list[tuple[Path, Path]] = []

    def write_archive(session: Path, out_dir: Path) -> Path:
        written.append((session, out_dir))
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / "arkiv.zip"
        with zipfile.ZipFile(target, "w") as archive:
            archive.write(session, session.name)
        return target

    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path, archiver=write_archive)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("c", "enter")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("j")
            await until(pilot, lambda: app.archive_path is not None)
            assert written == [(workshop.path, tmp_path / "data" / "archives")]
            text = screen_text(app) + " ".join(notices(app))
            assert "Arkivet ligger i mappen archives." in screen_text(app)
            assert "arkiv.zip" not in text and str(tmp_path) not in text


async def test_the_real_archive_is_written_beside_the_session_files(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await three_answers(workshop)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("c", "enter")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("j")
            await until(pilot, lambda: app.archive_path is not None, seconds=15)
            assert app.archive_path is not None
            assert app.archive_path.parent == tmp_path / "data" / "archives"
            assert zipfile.is_zipfile(app.archive_path)
            # Then the offer to delete the working session file; no keeps it.
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            assert "Slet sessionsfilen på denne computer?" in screen_text(app)
            await pilot.press("n")
            await pilot.pause()
            assert "mappen archives" in screen_text(app)
            assert app.archive_path.name not in screen_text(app) + " ".join(notices(app))
            assert app.delete_on_exit is False
            assert workshop.path.exists()


async def test_after_archiving_yes_marks_the_session_file_for_deletion_at_the_end(
    tmp_path: Path,
) -> None:
    async with open_workshop(tmp_path) as workshop:
        await three_answers(workshop)
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("c", "enter")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("j")
            await until(pilot, lambda: app.archive_path is not None, seconds=15)
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("j")
            await until(pilot, lambda: app.delete_on_exit)
            # Not while the session holds its file: the command line deletes it after the end.
            assert workshop.path.exists()


async def test_archive_that_cannot_be_written_is_a_notice_not_a_crash(tmp_path: Path) -> None:
    def write_archive(session: Path, out_dir: Path) -> Path:
        raise OSError(28, "No space left on device")

    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path, archiver=write_archive)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("c", "enter")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.press("j")
            await until(pilot, lambda: any("Arkivet kunne ikke skrives" in n for n in notices(app)))
            assert app.archive_path is None
            assert workshop.status == "finished"


async def test_ctrl_q_asks_then_quits_with_the_timer_saved(tmp_path: Path) -> None:
    clock = FakeClock()
    async with open_workshop(tmp_path, clock) as workshop:
        await workshop.go_to("min-opgave")
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            clock.advance(42)
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("enter")
            await until(pilot, lambda: app.return_code is not None)
        log = rows(read_session_data(workshop.path), "log")
        assert log[-1]["action"] == "save"
        state = rows(read_session_data(workshop.path), "state")[0]
        assert state["timer"]["remaining"] == pytest.approx(258)


async def test_escape_asks_before_quitting_and_n_stays(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert "Luk kerne?" in screen_text(app)
            text = " ".join(screen_text(app).split())
            assert "»Kerneopgaven på prøve« er gemt" in text
            assert workshop.path.name not in text and str(workshop.path.parent) not in text
            await pilot.press("n")
            await pilot.pause()
            assert on_main(app)
            assert app.return_code is None


async def test_ctrl_c_does_not_quit_but_says_which_key_does(tmp_path: Path) -> None:
    async with open_workshop(tmp_path) as workshop:
        await workshop.start()
        app = make_app(workshop, tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert app.return_code is None and on_main(app)
            assert "Tryk ctrl+q for at lukke kerne." in notices(app)
